// The search page (templates/search.html): Pagefind's interface, its words from the theme's
// labels, the search in the address (?q=, from the header's form) started at once.
(function () {
  "use strict";
  var box = document.getElementById("ricerca");
  if (!box || typeof PagefindUI === "undefined") {
    return;
  }
  var translations = JSON.parse(box.getAttribute("data-translations"));
  var ui = new PagefindUI({
    element: "#ricerca",
    showImages: false,
    resetStyles: false,
    translations: translations,
  });
  // Pagefind's field has only a title: a name screen readers announce as a label.
  var field = box.querySelector("input");
  if (field) {
    field.setAttribute("aria-label", translations.search_label);
  }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
})();
