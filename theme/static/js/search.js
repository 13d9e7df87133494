// The search page (templates/search.html): Pagefind's interface, its words from the theme's
// labels, the search in the address (?q=, from the header's form) started at once.
(function () {
  "use strict";
  var box = document.getElementById("ricerca");
  if (!box || typeof PagefindUI === "undefined") {
    return;
  }
  var ui = new PagefindUI({
    element: "#ricerca",
    showImages: false,
    resetStyles: false,
    translations: JSON.parse(box.getAttribute("data-translations")),
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
})();
