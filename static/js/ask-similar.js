/*
 * Ask page: show similar questions and practices while the member types the title.
 * Progressive enhancement: without JavaScript the "Zoek vergelijkbare vragen" button does
 * the same with a full page. The fragment comes from our own server (escaped by Django).
 */
(function () {
  "use strict";

  var DELAY_MS = 400;
  var MIN_LENGTH = 4;

  function enhance(region) {
    var input = document.getElementById(region.getAttribute("data-similar-input"));
    var url = region.getAttribute("data-similar-url");
    if (!input || !url || !window.fetch) {
      return;
    }
    var timer = null;
    var controller = null;
    var lastQuery = input.value.trim();

    function load() {
      var query = input.value.trim();
      if (query === lastQuery) {
        return;
      }
      lastQuery = query;
      if (controller) {
        controller.abort();
      }
      if (query.length < MIN_LENGTH) {
        region.innerHTML = "";
        return;
      }
      controller = window.AbortController ? new AbortController() : null;
      fetch(url + "?titel=" + encodeURIComponent(query), {
        credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest" },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          return response.ok ? response.text() : "";
        })
        .then(function (html) {
          if (query === lastQuery) {
            region.innerHTML = html;
          }
        })
        .catch(function () {
          /* Aborted or offline: the button still works. */
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(load, DELAY_MS);
    });
  }

  document.querySelectorAll("[data-similar-url]").forEach(enhance);
})();
