// The search page (templates/search.html): the search in the address (?q=, from the header's
// form or the page's own) asked of Pagefind's index, and its results listed under the form,
// ten at a time, in the theme's words. Pagefind's own interface would be 130 KB more to load.
(function () {
  "use strict";
  var box = document.getElementById("ricerca");
  if (!box) {
    return;
  }
  var words = JSON.parse(box.getAttribute("data-translations"));
  var field = box.querySelector(".search__input");
  var status = box.querySelector(".search__status");
  var list = box.querySelector(".search__results");
  var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  var PAGE = 10;
  field.value = query;
  if (!query) {
    return;
  }

  function say(text, count) {
    status.textContent = text.replace("[SEARCH_TERM]", query).replace("[COUNT]", count);
  }

  // Pagefind's excerpt is text with <mark> around the words found: kept as text and marks
  // only, never as markup of its own.
  function excerpt(html) {
    var paragraph = document.createElement("p");
    paragraph.className = "search__excerpt";
    var parsed = new DOMParser().parseFromString(html, "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function item(data) {
    var entry = document.createElement("li");
    entry.className = "search__result";
    var title = document.createElement("h2");
    title.className = "search__title";
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    title.appendChild(link);
    entry.appendChild(title);
    entry.appendChild(excerpt(data.excerpt || ""));
    return entry;
  }

  function show(results, from) {
    var page = results.slice(from, from + PAGE);
    return Promise.all(page.map(function (result) { return result.data(); })).then(function (pages) {
      pages.forEach(function (data) { list.appendChild(item(data)); });
      var old = box.querySelector(".search__more");
      if (old) {
        old.remove();
      }
      if (from + PAGE < results.length) {
        var more = document.createElement("button");
        more.type = "button";
        more.className = "search__more";
        more.textContent = words.load_more;
        more.addEventListener("click", function () {
          var next = list.children.length;
          show(results, from + PAGE).then(function () {
            var first = list.children[next] && list.children[next].querySelector("a");
            if (first) {
              first.focus();
            }
          });
        });
        list.after(more);
      }
    });
  }

  say(words.searching, 0);
  import(box.getAttribute("data-pagefind"))
    .then(function (pagefind) { return pagefind.search(query); })
    .then(function (search) {
      var results = search.results;
      if (results.length === 0) {
        say(words.zero_results, 0);
        return null;
      }
      say(results.length === 1 ? words.one_result : words.many_results, results.length);
      return show(results, 0);
    })
    .catch(function () { say(words.failed, 0); });
})();
