"""Site search (plugin search): the index, the /cerca/ page, the header's box and the policy
that lets only /cerca/ run script."""

import json

import pytest
from search_site import OTHERS, SHIPPING, search_site
from security_policy import directives, headers_for, headers_for_every_page

SEARCH_POLICY = {
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "worker-src": ["'self'"],
    "connect-src": ["'self'"],
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return search_site(tmp_path_factory.mktemp("search-site"), tmp_path_factory.mktemp("c"))


def meta_policy(soup):
    return directives(soup.select_one('meta[http-equiv="Content-Security-Policy"]')["content"])


def test_the_index_holds_the_article_and_page_bodies_only_in_italian(site):
    entry = json.loads((site.output / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    # Four articles and the privacy page; not the home, lists, tags, authors, /cerca/, 404.
    assert {lang: data["page_count"] for lang, data in entry["languages"].items()} == {"it": 5}
    marked = [site.url_of(f) for f in site.html_files() if "data-pagefind-body" in f.read_text()]
    slugs = {name.removesuffix(".md") for name in {**SHIPPING, **OTHERS}}
    assert sorted(marked) == sorted([f"/{slug}/" for slug in slugs] + ["/privacy/"])
    for url in marked:
        body = site.soup(url).select_one("[data-pagefind-body]")
        assert body["class"][0] in {"article__body", "page__body"}


def test_the_search_page_lists_categories_tags_and_the_archive_without_script(site):
    soup = site.soup("/cerca/")
    assert soup.select_one("html")["lang"] == "it"
    browse = soup.select_one(".search-browse")
    links = {a["href"] for a in browse.select("a")}
    assert {"/categoria/vendere-online/", "/categoria/farsi-trovare/"} <= links
    assert {"/tag/logistica/", "/tag/e-commerce/", "/tag/negozio/"} <= links
    assert "/archivio/" in links
    # Pagefind's interface from the site's own bundle, and its words in Italian.
    scripts = [s["src"] for s in soup.select("script[src]")]
    assert scripts == ["/static/js/search.js"]
    # Our script imports Pagefind's own, from the site: no 130 KB of Pagefind's interface.
    box = soup.select_one("#ricerca")
    for src in [*scripts, box["data-pagefind"]]:
        assert site.exists(src)
    assert not soup.select('link[href*="pagefind-ui"]')
    # The page's own form, for a new search: a GET to itself, its field named.
    form = box.select_one("form.search__form")
    assert (form["action"], form["method"], form.input["name"]) == ("/cerca/", "get", "q")
    assert soup.select_one(f'label[for="{form.input["id"]}"]').get_text() == "Cosa cerchi?"
    translations = json.loads(soup.select_one("#ricerca")["data-translations"])
    assert translations["zero_results"].startswith("Nessun risultato per «[SEARCH_TERM]»")
    # One page to search engines, whatever its ?q=: its canonical address has none.
    assert soup.select_one('link[rel="canonical"]')["href"].endswith("/cerca/")
    assert soup.select_one('meta[name="robots"]') is None


def test_every_page_has_the_search_box_a_get_form_to_the_search_page(site):
    for file in site.html_files():
        soup = site.soup(site.url_of(file))
        form = soup.select_one("header.site-header form.search-form")
        assert form is not None, file
        assert form["method"] == "get" and form["action"] == "/cerca/"
        field = form.select_one("input")
        assert field["name"] == "q" and field["type"] == "search"
        assert form.select_one(f'label[for="{field["id"]}"]').get_text(strip=True)


def test_only_the_search_page_may_run_script(site):
    for file in site.html_files():
        url = site.url_of(file)
        policy = meta_policy(site.soup(url))
        if url == "/cerca/":
            for name, sources in SEARCH_POLICY.items():
                assert policy[name] == sources
        else:
            assert policy["script-src"] == ["'none'"], url
            assert "worker-src" not in policy, url
            assert not site.soup(url).select("script[src]"), url


@pytest.mark.parametrize("path", ["/cerca/", "/pagefind/pagefind-worker.js"])
def test_the_headers_give_the_search_page_one_policy_of_its_own(site, path):
    headers_file = site.output / "_headers"
    every_page = dict(headers_for_every_page(headers_file))
    assert directives(every_page["Content-Security-Policy"])["script-src"] == ["'none'"]
    # Pagefind's worker runs under the policy of its own response, not the page's.
    served = headers_for(headers_file, path)
    policies = [value for name, value in served if name == "Content-Security-Policy"]
    assert len(policies) == 1  # two would both be enforced, and the stricter would win
    search = directives(policies[0])
    for name, sources in SEARCH_POLICY.items():
        assert search[name] == sources
    # The rest as every page's, frame-ancestors (header only) too.
    rest = directives(every_page["Content-Security-Policy"])
    assert {k: v for k, v in search.items() if k not in SEARCH_POLICY} == {
        k: v for k, v in rest.items() if k not in SEARCH_POLICY
    }
    # The other headers still come from `/*`; an article keeps the strict policy only.
    assert dict(served)["X-Frame-Options"] == "DENY"
    article = headers_for(headers_file, "/spedizioni-gratuite/")
    assert [v for n, v in article if n == "Content-Security-Policy"] == [
        every_page["Content-Security-Policy"]
    ]
