"""The article page in Chromium at its public address: share links that lead back to the page and
its title, nothing asked of another host, no sideways scroll, axe clean with the links and the
table of contents in view.

The tests' own site is built with SITEURL https://bottega.example, which Chromium never looks
up: every request is answered here, from the built folder, for that host alone, and any other
host is refused and counted.
"""

import mimetypes
from urllib.parse import parse_qs, urlsplit

import pytest
from test_accessibility import CONTRAST, EVERY_RULE, violations

from photos import photo
from screenshots import screenshot_path
from sitebuild import build_site, write_article, write_bio, write_portrait, write_privacy_page

pytestmark = pytest.mark.browser

SITEURL = "https://bottega.example"
TITLE = 'Sconti "veri" & prezzi <chiari>: la guida per la bottega d\u2019Italia'
# As readers see it: typogrify curls the straight quotes.
PLAIN_TITLE = "Sconti \u201cveri\u201d & prezzi <chiari>: la guida per la bottega d\u2019Italia"
ARTICLE = "/sconti-veri-prezzi-chiari-la-guida-per-la-bottega-ditalia/"
SCROLLS_SIDEWAYS = "document.documentElement.scrollWidth > document.documentElement.clientWidth"
SECTIONS = [
    "Perché uno sconto costa più di quanto sembra",
    "Il prezzo pieno, scritto bene",
    "Tre occasioni in cui lo sconto conviene davvero",
    "Come annunciarlo senza svendere la bottega",
    "Dopo lo sconto: cosa guardare nei conti",
]


@pytest.fixture(scope="module")
def public_site(tmp_path_factory):
    content = tmp_path_factory.mktemp("share") / "content"
    write_privacy_page(content)
    photo(content / "images" / "vetrina.jpg", (1600, 1000))
    write_portrait(content)
    write_bio(
        content,
        "anna-moretti",
        {
            "Name": "Anna Moretti",
            "Role": "Consulente di marketing per negozi e botteghe artigiane",
            "Photo": "images/autori/anna.svg",
        },
    )
    write_bio(content, "piero-sala", {"Name": "Piero Sala", "Role": "Formatore"})
    body = "Un listino chiaro vende più di uno sconto gridato in vetrina.\n\n" + "".join(
        f"## {heading}\n\nUna bottega che scrive i suoi prezzi con calma li spiega meglio ai "
        "clienti, e i clienti tornano.\n\n### Un esempio dal negozio\n\nLa merceria di "
        "quartiere che toglie il cartello «-50%» e racconta da dove viene la lana.\n\n"
        for heading in SECTIONS
    )
    common = {"category": "Vendite", "tags": "prezzi, vendite, negozio"}
    article = write_article(
        content,
        "sconti.md",
        body,
        title=TITLE,
        date="2026-10-03 09:00",
        image="{static}/images/vetrina.jpg",
        imagealt="La vetrina di una merceria con i gomitoli in fila",
        **common,
    )
    article.write_text(
        article.read_text(encoding="utf-8").replace(
            "Author: Luca Bianchi", "Authors: Anna Moretti, Piero Sala"
        ),
        encoding="utf-8",
    )
    for day, title in ((1, "Il cartello dei saldi"), (2, "Il listino sul sito")):
        write_article(
            content,
            f"altro-{day}.md",
            "Quando e come scrivere i prezzi per i clienti del negozio.\n",
            title=title,
            date=f"2026-10-0{day} 09:00",
            author="Anna Moretti",
            **common,
        )
    built = build_site(
        tmp_path_factory.mktemp("share-site"), content=content, SITEURL=SITEURL, FEED_DOMAIN=SITEURL
    )
    assert built.warnings() == []
    return built


@pytest.fixture
def reader(browser, public_site):
    """Open a page of the public site at `width`: (page, the hosts it asked anything of)."""
    contexts = []

    def open_at(width, url=ARTICLE, color_scheme="light"):
        context = browser.new_context(
            viewport={"width": width, "height": 800}, locale="it-IT", color_scheme=color_scheme
        )
        contexts.append(context)
        hosts = []
        context.on("request", lambda request: hosts.append(urlsplit(request.url).netloc))

        def answer(route):
            address = urlsplit(route.request.url)
            file = public_site.path(address.path)
            if address.netloc != "bottega.example" or not file.is_file():
                route.abort()
                return
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            route.fulfill(status=200, body=file.read_bytes(), content_type=kind)

        context.route("**/*", answer)
        page = context.new_page()
        page.goto(SITEURL + url)
        page.wait_for_load_state("load")
        return page, hosts

    yield open_at
    for context in contexts:
        context.close()


def shared(href):
    parts = urlsplit(href)
    return parts.scheme, parts.netloc, parts.path, parse_qs(parts.query)


@pytest.mark.parametrize("width", [360, 1280])
def test_share_links_lead_back_to_the_page_and_its_title(reader, width):
    page, _ = reader(width)
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert canonical == SITEURL + ARTICLE
    assert page.locator("h1").inner_text().replace("\xa0", " ") == PLAIN_TITLE
    for row in (".article__header .share-links", ".share .share-links"):
        links = page.locator(f"{row} a")
        assert links.count() == 6
        found = {}
        for index in range(6):
            link = links.nth(index)
            assert link.is_visible()
            box = link.bounding_box()
            assert box["width"] >= 44 and box["height"] >= 44, box  # a thumb's target
            found[link.get_attribute("aria-label")] = shared(link.get_attribute("href"))
        title, url = [PLAIN_TITLE], [canonical]
        assert found == {
            "Condividi su WhatsApp": (
                "https",
                "wa.me",
                "/",
                {"text": [f"{PLAIN_TITLE} {canonical}"]},
            ),
            "Condividi su LinkedIn": (
                "https",
                "www.linkedin.com",
                "/sharing/share-offsite/",
                {"url": url},
            ),
            "Condividi su Facebook": (
                "https",
                "www.facebook.com",
                "/sharer/sharer.php",
                {"u": url},
            ),
            "Condividi su X": ("https", "x.com", "/intent/post", {"url": url, "text": title}),
            "Condividi su Telegram": ("https", "t.me", "/share/url", {"url": url, "text": title}),
            "Condividi via email": ("mailto", "", "", {"subject": title, "body": url}),
        }
        # Each icon drawn: its <use> finds its symbol, which fills most of the 20 px box.
        sizes = page.locator(f"{row} svg").evaluate_all(
            "svgs => svgs.map(svg => { const drawn = svg.querySelector('use').getBBox(); "
            "return [Math.max(drawn.width, drawn.height), svg.getBoundingClientRect().width]; })"
        )
        assert all(drawn > 12 and shown == 20 for drawn, shown in sizes), sizes


@pytest.mark.parametrize("width", [320, 360, 1280])
def test_the_article_asks_nothing_of_another_host_and_never_scrolls_sideways(reader, width):
    page, hosts = reader(width)
    assert page.locator("nav.toc").is_visible()
    assert page.locator(".article__header .share-links").is_visible()
    assert page.evaluate(SCROLLS_SIDEWAYS) is False
    # Opened, the table of contents still fits, and each entry jumps to its section.
    page.locator("nav.toc summary").click()
    assert page.locator("nav.toc a").count() == 2 * len(SECTIONS)
    assert page.evaluate(SCROLLS_SIDEWAYS) is False
    page.locator("nav.toc a", has_text=SECTIONS[2]).click()
    page.wait_for_function(
        "target => Math.abs(document.getElementById(target).getBoundingClientRect().top) < 80",
        arg=urlsplit(page.url).fragment,
    )
    assert urlsplit(page.url).fragment == page.locator("h2", has_text=SECTIONS[2]).get_attribute(
        "id"
    )
    page.goto(SITEURL + ARTICLE)
    page.locator(".related").scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("load")
    assert set(hosts) == {"bottega.example"}, hosts
    # Screenshots for whoever reviews the layout (the folder is not in git).
    shot = screenshot_path("article-published", width)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=shot, full_page=True)
    assert shot.stat().st_size > 0


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_axe_finds_nothing_with_the_share_links_and_an_open_table_of_contents(reader, color_scheme):
    page, _ = reader(360, color_scheme=color_scheme)
    page.locator("nav.toc summary").click()
    found = {"360": violations(page, EVERY_RULE)}
    page.set_viewport_size({"width": 1280, "height": 800})
    found["1280"] = violations(page, CONTRAST)
    assert found == {"360": [], "1280": []}


def test_print_leaves_out_the_share_links_and_the_table_of_contents(reader):
    page, _ = reader(1280)
    page.emulate_media(media="print")
    hidden = page.evaluate(
        "[...document.querySelectorAll('.share-links, .share, nav.toc, .related')]"
        ".map(element => getComputedStyle(element).display)"
    )
    assert hidden and set(hidden) == {"none"}, hidden
