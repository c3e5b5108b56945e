// Accessible autocomplete for the search box (ARIA 1.2 combobox with a listbox popup).
// Progressive enhancement: without JavaScript the box is a plain GET search field.
(function () {
  "use strict";
  var box = document.querySelector(".search-combobox");
  if (!box) return;
  var input = box.querySelector("[role=combobox]");
  var list = box.querySelector("[role=listbox]");
  var url = box.getAttribute("data-suggest-url");
  var active = -1;
  var timer = null;
  var options = [];

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    active = index;
    if (index >= 0) input.setAttribute("aria-activedescendant", options[index].id);
  }

  function render(items) {
    list.textContent = "";
    options = items.map(function (item, i) {
      var li = document.createElement("li");
      li.id = "search-q-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.textContent = item.title;
      li.addEventListener("mousedown", function (event) {
        event.preventDefault();
        window.location.href = item.url;
      });
      list.appendChild(li);
      return li;
    });
    options.forEach(function (li, i) { li.dataset.url = items[i].url; });
    if (options.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    } else {
      close();
    }
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value.trim();
    if (text.length < 2) return close();
    timer = setTimeout(function () {
      fetch(url + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { render(data.suggestions || []); })
        .catch(close);
    }, 150);
  });

  input.addEventListener("keydown", function (event) {
    if (list.hidden) return;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      highlight((active + 1) % options.length);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      highlight(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.href = options[active].dataset.url;
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", close);
})();
