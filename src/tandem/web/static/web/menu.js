/* The header's menu button below 640 px (without JavaScript the menu simply stays open),
   and tables that scroll in their frame made reachable by the keyboard. */
(function () {
  "use strict";
  function setUp() {
    var button = document.querySelector(".site-header .menu-button");
    var header = document.querySelector(".site-header");
    if (!button || !header) { return; }
    header.classList.add("has-menu");
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", open ? "false" : "true");
      header.classList.toggle("menu-open", !open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && header.classList.contains("menu-open")) {
        button.setAttribute("aria-expanded", "false");
        header.classList.remove("menu-open");
        button.focus();
      }
    });
  }
  /* A table wider than the screen scrolls in its frame: let the keyboard reach it too. */
  function scrollableTables() {
    document.querySelectorAll(".table-wrap:not([tabindex])").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth) {
        var caption = wrap.querySelector("caption");
        var heading = wrap.closest("section") && wrap.closest("section").querySelector("h2, h3");
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", (caption || heading || {}).textContent || "Table");
      }
    });
  }
  function start() {
    setUp();
    scrollableTables();
    window.addEventListener("resize", scrollableTables);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
