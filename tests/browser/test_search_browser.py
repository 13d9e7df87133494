"""Searching in Chromium: the header's box leads to /cerca/, Pagefind finds by Italian stem,
everything comes from the site itself, under the page's own policy."""

import functools
import http.server
import threading
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from search_site import OTHERS, SHIPPING, search_site
from security_policy import headers_for
from test_accessibility import CONTRAST, EVERY_RULE, violations

from sitebuild import write_article

pytestmark = pytest.mark.browser


class _CloudflareHandler(http.server.SimpleHTTPRequestHandler):
    """The built site with the headers its _headers gives each path, as Cloudflare Pages."""

    def end_headers(self):
        path = self.path.split("?")[0]
        for name, value in headers_for(self.server.headers_file, path):
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def search_url(tmp_path_factory):
    site = search_site(tmp_path_factory.mktemp("search-site"), tmp_path_factory.mktemp("c"))
    handler = functools.partial(_CloudflareHandler, directory=str(site.output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.headers_file = site.output / "_headers"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser, search_url):
    """A page that records every host it asks and every message its console shows, and
    refuses any request that is not to the site."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="it-IT")
    page = context.new_page()
    page.hosts, page.messages = [], []
    page.on("request", lambda request: page.hosts.append(request.url.split("/")[2]))
    page.on("console", lambda message: page.messages.append(message.text))
    page.on("pageerror", lambda error: page.messages.append(str(error)))
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(search_url) else route.abort()
        ),
    )
    yield page
    context.close()


def result_titles(page):
    page.wait_for_selector(".search__title a", timeout=10_000)
    page.wait_for_load_state("networkidle")
    links = page.locator(".search__title a").all()
    return sorted(link.inner_text().replace("\xa0", " ") for link in links)


def test_the_header_box_finds_the_shipping_articles_by_their_stem(page, search_url):
    page.goto(search_url + "/")
    page.get_by_role("searchbox", name="Cerca nel sito").fill("spedizione")
    page.get_by_role("button", name="Cerca", exact=True).click()
    page.wait_for_url("**/cerca/?q=spedizione")
    assert result_titles(page) == sorted(title for title, _ in SHIPPING.values())
    for title, _ in OTHERS.values():
        assert title not in page.locator("#ricerca").inner_text().replace("\xa0", " ")
    # The count in Italian, from the theme's labels.
    assert page.locator(".search__status").inner_text() == "2 risultati per «spedizione»"
    # Each excerpt marks the words found, as text: nothing of the page's markup.
    marks = page.locator(".search__excerpt mark").all_inner_texts()
    assert marks and all(mark.lower().startswith("spedizion") for mark in marks), marks
    # The page's own field holds the search, for another one.
    assert page.get_by_role("searchbox", name="Cosa cerchi?").input_value() == "spedizione"
    assert set(page.hosts) == {search_url.split("/")[2]}
    assert [m for m in page.messages if "Content Security Policy" in m or "Error" in m] == []


def test_a_word_in_no_article_says_so_in_italian(page, search_url):
    page.goto(search_url + "/cerca/?q=" + quote("zanzara"))
    message = page.locator(".search__status")
    message.filter(has_text="Nessun").wait_for(timeout=10_000)
    assert message.inner_text().startswith("Nessun risultato per «zanzara».")


def test_without_javascript_the_search_page_still_offers_the_way_to_every_article(
    browser, search_url
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(search_url + "/")
    page.get_by_role("searchbox", name="Cerca nel sito").fill("spedizione")
    page.get_by_role("button", name="Cerca", exact=True).click()
    page.wait_for_url("**/cerca/?q=spedizione")
    browse = page.locator(".search-browse")
    for name in ("Vendere online", "Farsi trovare", "logistica", "negozio", "Sfoglia l’archivio"):
        assert browse.get_by_role("link", name=name).is_visible()
    context.close()


def test_no_accessibility_problem_on_the_search_page_with_results(page, search_url):
    page.goto(search_url + "/cerca/?q=spedizione")
    assert len(result_titles(page)) == 2
    found = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for width in (360, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            rules = EVERY_RULE if (scheme, width) == ("light", 360) else CONTRAST
            if problems := violations(page, rules):
                found[(scheme, width)] = problems
    assert found == {}


def test_more_than_ten_results_come_ten_at_a_time_and_the_keyboard_follows(
    browser, serve, tmp_path
):
    content = tmp_path / "content"
    for number in range(12):
        write_article(
            content,
            f"vetrina-{number}.md",
            title=f"Vetrina di stagione numero {number + 1}",
            body=f"Un allestimento della vetrina per il mese numero {number + 1}.\n",
            date=f"2026-10-{number + 10} 09:00",
        )
    site = search_site(tmp_path / "output", content)
    with serve(site.output) as url:
        context = browser.new_context(viewport={"width": 360, "height": 800})
        page = context.new_page()
        page.goto(url + "/cerca/?q=allestimento")
        results = page.locator(".search__result")
        expect(results).to_have_count(10, timeout=10_000)
        assert page.locator(".search__status").inner_text() == "12 risultati per «allestimento»"
        page.get_by_role("button", name="Mostra altri risultati").click()
        expect(results).to_have_count(12)
        # The eleventh result's link has the focus: a keyboard reader goes on from there.
        eleventh = "document.activeElement === document.querySelectorAll('.search__title a')[10]"
        assert page.evaluate(eleventh)
        assert page.get_by_role("button", name="Mostra altri risultati").count() == 0
        context.close()
