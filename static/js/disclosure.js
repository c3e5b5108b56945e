/*
 * Disclosure buttons (WAI-ARIA APG "disclosure" pattern) for the header menu and the filter
 * panels on small screens.
 *
 * Loaded in <head> without `defer`, so the `kn-js` class is on <html> before the first paint:
 * the CSS folds a panel away only when this script runs, and without JavaScript every menu
 * and filter panel simply stays open. A button carries `data-disclosure`, `aria-expanded` and
 * `aria-controls`; clicking it flips `aria-expanded` and `data-open` on the panel, which the
 * CSS shows or hides (only at the widths where the button is shown). Escape closes an open
 * panel and returns focus to its button.
 */
(function () {
  "use strict";

  document.documentElement.classList.add("kn-js");

  function panelOf(button) {
    return document.getElementById(button.getAttribute("aria-controls"));
  }

  function setOpen(button, open) {
    var panel = panelOf(button);
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (panel) {
      panel.toggleAttribute("data-open", open);
    }
  }

  function start() {
    var buttons = document.querySelectorAll("button[data-disclosure][aria-controls]");
    Array.prototype.forEach.call(buttons, function (button) {
      setOpen(button, button.getAttribute("aria-expanded") === "true");
      button.addEventListener("click", function () {
        setOpen(button, button.getAttribute("aria-expanded") !== "true");
      });
      function closeOnEscape(event) {
        // Only where the button is shown: on wide screens the panel is always open.
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true" &&
            button.offsetParent !== null) {
          setOpen(button, false);
          button.focus();
        }
      }
      button.addEventListener("keydown", closeOnEscape);
      var panel = panelOf(button);
      if (panel) {
        panel.addEventListener("keydown", closeOnEscape);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
