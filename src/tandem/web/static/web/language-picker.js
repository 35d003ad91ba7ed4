/* The language picker's search box (people/language_picker.py renders check boxes that work
   without this file): typing filters both lists by name, accents and case ignored, opens
   "All languages" while a search is on, and says how many languages match. */
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function enhance(picker) {
    var list = picker.querySelector(".language-list");
    var details = picker.querySelector("details");
    var items = Array.prototype.slice.call(picker.querySelectorAll("li"));
    var search = document.createElement("input");
    search.type = "search";
    search.className = "language-search";
    search.id = list.id + "-search";
    search.setAttribute("aria-label", picker.dataset.search);
    search.placeholder = picker.dataset.search;
    search.setAttribute("aria-controls", list.id);
    search.autocomplete = "off";
    var status = document.createElement("p");
    status.className = "muted";
    status.setAttribute("role", "status");
    var field = document.createElement("div");
    field.className = "field";
    field.appendChild(search);
    picker.insertBefore(field, picker.firstChild);
    picker.appendChild(status);
    search.addEventListener("input", function () {
      var query = fold(search.value.trim());
      var shown = 0;
      items.forEach(function (item) {
        var match = !query || fold(item.textContent).indexOf(query) !== -1;
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      if (query && details) { details.open = true; }
      status.textContent = query ? (shown ? shown + " / " + items.length : picker.dataset.empty) : "";
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-language-picker]"), enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
