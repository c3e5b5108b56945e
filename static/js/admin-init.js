// Starts the Wagtail admin widgets that Wagtail itself starts with inline scripts (date and
// time choosers, inline panels), so the admin runs under a CSP without 'unsafe-inline'.
// The templates in exchange/core/templates/wagtailadmin/ and exchange/core/admin_widgets.py
// leave a hidden <span data-kn-init> where Wagtail would have written the script; forms added
// later (inline panel rows) are found as they appear.
(function () {
  "use strict";

  var starters = {
    date: function (element, config) {
      window.initDateChooser(element.dataset.knTarget, config);
    },
    datetime: function (element, config) {
      window.initDateTimeChooser(element.dataset.knTarget, config);
    },
    time: function (element, config) {
      window.initTimeChooser(element.dataset.knTarget, config);
    },
    "inline-panel": function (element, config) {
      new window.InlinePanel(config);
    },
    "multiple-chooser-panel": function (element, config) {
      new window.MultipleChooserPanel(config);
    },
    chooser: function (element, config) {
      var Constructor = choosers[element.dataset.knConstructor];
      if (Constructor) {
        new Constructor(element.dataset.knTarget, config);
      }
    },
    "task-chooser": function (element) {
      window.createTaskChooser(element.dataset.knTarget);
    },
  };
  // The chooser classes Wagtail's widgets name (see exchange/core/admin_widgets.py).
  var choosers = {
    Chooser: window.Chooser,
    PageChooser: window.PageChooser,
    DocumentChooser: window.DocumentChooser,
    ImageChooser: window.ImageChooser,
    SnippetChooser: window.SnippetChooser,
  };

  function start(element) {
    // Rows waiting in an inline panel's <template> start once they are added to the form.
    if (element.dataset.knStarted || element.closest("template")) {
      return;
    }
    var starter = starters[element.dataset.knInit];
    if (!starter) {
      return;
    }
    element.dataset.knStarted = "true";
    starter(element, JSON.parse(element.dataset.knConfig || "{}"));
  }

  function startWithin(root) {
    if (root.matches && root.matches("[data-kn-init]")) {
      start(root);
    }
    if (root.querySelectorAll) {
      root.querySelectorAll("[data-kn-init]").forEach(start);
    }
  }

  startWithin(document);
  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      mutation.addedNodes.forEach(startWithin);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
