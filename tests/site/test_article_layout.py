"""The article page as a reader meets it: byline, share links, table of contents, and after the
text the tags, the share links again, a short author box, the related cards, the newsletter and
the older/newer links that the cards do not already show.

A small site of the tests' own, built with a public address (share links need one), where only
the `Related:` pins make related articles, so which neighbours they cover is known.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from blog_core.validator import invalid_html
from page_weight import FIRST_ROUND_TRIP, gzipped
from sitebuild import build_site, write_article, write_bio, write_portrait, write_privacy_page

SITEURL = "https://bottega.example"
HOSTILE_TITLE = 'Prezzi "giusti" & sconti <davvero> per la città'
# Typogrify curls the quotes; the rest is the author's.
PLAIN_TITLE = "Prezzi \u201cgiusti\u201d & sconti <davvero> per la città"
LONG = "/prezzi-giusti-sconti-davvero-per-la-citta/"
FIRST, MIDDLE = "/il-primo-passo/", "/la-via-di-mezzo/"
ANNA_BIO = (
    "Aiuta botteghe e studi professionali a farsi trovare online, un passo per volta, con "
    "strumenti che si usano anche senza un reparto marketing."
)
LONG_BODY = """\
Un listino chiaro fa vendere di più di uno sconto urlato.

## Da dove partire

Dai costi veri, non da quelli dei concorrenti.

### I costi che si dimenticano

Spedizioni, commissioni, tempo.

## Meno di 10 € < 20 € & "sconti"

Un titolo con i segni che il codice della pagina deve scrivere per bene.

## Quando fare uno sconto

Di rado, e con una data di fine.

## Come dirlo ai clienti

Con una riga sul sito e una nella newsletter.
"""
# (text, id) of LONG_BODY's headings as the table of contents must show them.
LONG_HEADINGS = [
    ("Da dove partire", "da-dove-partire"),
    ("I costi che si dimenticano", "i-costi-che-si-dimenticano"),
    ("Meno di 10 € < 20 € & \u201csconti\u201d", None),
    ("Quando fare uno sconto", "quando-fare-uno-sconto"),
    ("Come dirlo ai clienti", "come-dirlo-ai-clienti"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = tmp_path_factory.mktemp("layout") / "content"
    write_privacy_page(content)
    write_portrait(content)
    write_bio(
        content,
        "anna-moretti",
        {
            "Name": "Anna Moretti",
            "Role": "Consulente di marketing",
            "Photo": "images/autori/anna.svg",
            "Website": "https://anna.example",
        },
        body=ANNA_BIO,
    )
    write_bio(content, "piero-sala", {"Name": "Piero Sala", "Role": "Formatore"})
    common = {"author": "Anna Moretti", "category": "Vendite", "tags": "prezzi, vendite"}
    write_article(
        content,
        "primo.md",
        "## Un inizio\n\nIl primo articolo.\n",
        title="Il primo passo",
        date="2026-10-01 09:00",
        related="la-via-di-mezzo",
        **common,
    )
    write_article(
        content,
        "mezzo.md",
        "## Uno\n\nTesto.\n\n## Due\n\nTesto.\n",
        title="La via di mezzo",
        date="2026-10-02 09:00",
        related="il-primo-passo",
        toc="sì",
        **common,
    )
    long = write_article(
        content,
        "lungo.md",
        LONG_BODY,
        title=HOSTILE_TITLE,
        date="2026-10-03 09:00",
        **common,
    )
    # Two authors: `Authors:` in place of the defaults' `Author:`.
    header = long.read_text(encoding="utf-8")
    long.write_text(
        header.replace("Author: Anna Moretti", "Authors: Anna Moretti, Piero Sala"),
        encoding="utf-8",
    )
    # Only the pins make related articles: none reaches this score.
    built = build_site(
        tmp_path_factory.mktemp("layout-site"),
        content=content,
        SITEURL=SITEURL,
        FEED_DOMAIN=SITEURL,
        RELATED_ARTICLES_MIN_SCORE=1.0,
    )
    assert built.warnings() == []
    return built


def text(tag):
    return " ".join(tag.get_text(" ").replace("\xa0", " ").split())


# -- byline --------------------------------------------------------------------------------------


def test_the_byline_shows_each_author_with_photo_name_role_then_date_and_reading_time(site):
    meta = site.soup(LONG).select_one(".article__header .article-meta")
    authors = meta.select(".article-meta__author")
    assert [a.select_one("a[rel=author]").get_text() for a in authors] == [
        "Anna Moretti",
        "Piero Sala",
    ]
    assert [a.select_one("a[rel=author]")["href"] for a in authors] == [
        f"{SITEURL}/autori/anna-moretti/",
        f"{SITEURL}/autori/piero-sala/",
    ]
    assert [text(a.select_one(".article-meta__role")) for a in authors] == [
        "Consulente di marketing",
        "Formatore",
    ]
    # Anna's photo, Piero's initials; small, and with an empty alt: the name is beside it.
    photos = [a.select_one("img.author-photo") for a in authors]
    assert [p["src"].removeprefix(SITEURL) for p in photos] == [
        "/images/autori/anna.svg",
        "/autori/piero-sala/avatar.svg",
    ]
    assert all((p["width"], p["alt"]) == ("40", "") for p in photos)
    assert all(site.exists(p["src"].removeprefix(SITEURL)) for p in photos)
    assert text(meta.select_one(".article-meta__authors")).count(" e ") == 1
    assert meta.time.get_text() == "3 ottobre 2026"
    assert text(meta.select_one(".article-meta__reading")) == "1 min di lettura"


# -- share links ---------------------------------------------------------------------------------

# Each network's documented address for sharing: (scheme, host, path) and what its query holds.
NETWORKS = {
    "Condividi su WhatsApp": (("https", "wa.me", "/"), {"text": "{title} {url}"}),
    "Condividi su LinkedIn": (
        ("https", "www.linkedin.com", "/sharing/share-offsite/"),
        {"url": "{url}"},
    ),
    "Condividi su Facebook": (("https", "www.facebook.com", "/sharer/sharer.php"), {"u": "{url}"}),
    "Condividi su X": (("https", "x.com", "/intent/post"), {"url": "{url}", "text": "{title}"}),
    "Condividi su Telegram": (
        ("https", "t.me", "/share/url"),
        {"url": "{url}", "text": "{title}"},
    ),
    "Condividi via email": (("mailto", "", ""), {"subject": "{title}", "body": "{url}"}),
}


def shared(link):
    """(label, (scheme, host, path), {parameter: value}) of a share link, decoded."""
    parts = urlsplit(link["href"])
    query = {key: values for key, values in parse_qs(parts.query, keep_blank_values=True).items()}
    assert all(len(values) == 1 for values in query.values()), link["href"]
    return (
        link["aria-label"],
        (parts.scheme, parts.netloc, parts.path),
        {key: values[0] for key, values in query.items()},
    )


@pytest.mark.parametrize("url", [LONG, FIRST])
def test_share_links_carry_the_canonical_address_and_the_plain_title(site, url):
    soup = site.soup(url)
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == SITEURL + url
    title = soup.find("meta", property="og:title")["content"]
    assert title == (PLAIN_TITLE if url == LONG else "Il primo passo")
    rows = [
        soup.select_one(".article__header .share-links"),
        soup.select_one(".share .share-links"),
    ]
    for row in rows:
        links = [shared(a) for a in row.select("a")]
        assert [label for label, _, _ in links] == list(NETWORKS)
        for label, where, query in links:
            expected_where, expected_query = NETWORKS[label]
            assert where == expected_where, label
            assert query == {
                key: value.format(title=title, url=canonical)
                for key, value in expected_query.items()
            }, label


def test_the_share_icons_are_drawn_once_and_hidden_from_screen_readers(site):
    soup = site.soup(LONG)
    symbols = [symbol["id"] for symbol in soup.select("svg.share-sprite symbol")]
    assert len(symbols) == len(set(symbols)) == len(NETWORKS)
    uses = soup.select(".share-links svg use")
    assert len(uses) == 2 * len(NETWORKS)
    assert {use["href"] for use in uses} == {f"#{symbol}" for symbol in symbols}
    assert all(svg["aria-hidden"] == "true" for svg in soup.select(".share-links svg"))
    assert soup.select_one("svg.share-sprite")["aria-hidden"] == "true"
    # The heading over the second row; its links name their network in words too.
    share = soup.select_one(".article__footer .share")
    assert text(share.h2) == "Condividi"
    assert [text(a) for a in share.select("a")] == [
        "WhatsApp",
        "LinkedIn",
        "Facebook",
        "X",
        "Telegram",
        "Email",
    ]


def test_the_page_runs_no_script_and_loads_nothing_from_another_host(site):
    for url in (LONG, FIRST, MIDDLE):
        soup = site.soup(url)
        scripts = [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"]
        assert scripts == [], url
        loaded = [
            tag.get("src") or tag.get("href")
            for tag in soup.select("img, source, iframe, link[rel=stylesheet], link[rel=icon]")
        ]
        assert loaded and all(address.startswith(SITEURL + "/") for address in loaded), loaded
        assert soup.select("img[srcset*='//']:not([srcset*='bottega.example'])") == []


def test_the_preview_has_no_share_links_since_its_address_is_localhost(fixture_site):
    # pelicanconf.py's SITEURL is empty: a shared address would reach nobody.
    for file in fixture_site.html_files():
        html = file.read_text(encoding="utf-8")
        assert "share-links" not in html and "wa.me" not in html, file


# -- table of contents ---------------------------------------------------------------------------


def test_a_long_article_has_a_table_of_contents_linking_to_its_headings(site):
    soup = site.soup(LONG)
    toc = soup.select_one("nav.toc")
    assert text(toc.summary) == "In questo articolo"
    body = soup.select_one(".article__body")
    entries = [(text(a), a["href"]) for a in toc.select("a")]
    assert [entry for entry, _ in entries] == [heading for heading, _ in LONG_HEADINGS]
    for (heading, expected_id), (_, href) in zip(LONG_HEADINGS, entries, strict=True):
        target = body.find(id=href.removeprefix("#"))
        assert target is not None and target.name in ("h2", "h3"), href
        assert text(target) == heading
        if expected_id:
            assert href == f"#{expected_id}"
    # The h3 sits under its h2; the text with < & " is escaped in the page.
    assert [text(a) for a in toc.select("ol ol a")] == ["I costi che si dimenticano"]
    assert "Meno di 10 € &lt; 20 € &amp; “sconti”" in site.html(LONG)
    # Before the text, after the header.
    children = [child for child in soup.select_one("article.article").children if child.name]
    assert children.index(toc) < children.index(body)


def test_a_short_article_has_none_and_its_author_can_ask_for_one(site):
    assert site.soup(FIRST).select_one("nav.toc") is None
    toc = site.soup(MIDDLE).select_one("nav.toc")
    assert [a["href"] for a in toc.select("a")] == ["#uno", "#due"]


# -- after the text ------------------------------------------------------------------------------


def test_after_the_text_come_tags_share_author_related_and_newsletter_in_that_order(site):
    article = site.soup(MIDDLE).select_one("article.article")
    order = [
        element["class"][0]
        for element in article.select(
            ".article__body, .tag-list, .share, .author-boxes, .related, .newsletter-signup"
        )
    ]
    assert order == [
        "article__body",
        "tag-list",
        "share",
        "author-boxes",
        "related",
        "newsletter-signup",
    ]


def test_the_author_box_is_short_and_leads_to_the_full_bio(site):
    soup = site.soup(LONG)
    boxes = soup.select(".author-box")
    assert [text(box.select_one(".author-box__name")) for box in boxes] == [
        "Anna Moretti",
        "Piero Sala",
    ]
    anna = boxes[0]
    assert text(anna.select_one(".author-box__role")) == "Consulente di marketing"
    assert anna.select_one("img.author-photo")["width"] == "64"
    more = anna.select_one(".author-box__more a")
    assert text(more) == "Tutti gli articoli di Anna Moretti"
    assert more["href"] == f"{SITEURL}/autori/anna-moretti/"
    # The bio and the profile links are on the author page, not after every article.
    assert "farsi trovare online" not in text(soup.select_one(".author-boxes"))
    assert soup.select(".author-boxes a[href^='https://anna.example']") == []
    profile = site.soup("/autori/anna-moretti/")
    assert text(profile.select_one(".author-profile__bio")) == ANNA_BIO


def test_related_articles_are_the_lists_cards_under_the_sections_heading(site):
    section = site.soup(FIRST).select_one("section.related")
    assert text(section.h2) == "Articoli correlati"
    (card,) = section.select(".related__cards > *")
    assert card.h3.a["href"] == f"{SITEURL}{MIDDLE}"
    assert card.find("h2") is None
    # The very card the category page shows, one heading level down.
    listed = [
        found
        for found in site.soup("/categoria/vendite/").select("main h2")
        if found.a and found.a["href"] == f"{SITEURL}{MIDDLE}"
    ]
    (listed_card,) = [heading.find_parent(class_="card") for heading in listed]
    same = BeautifulSoup(str(listed_card).replace("<h2", "<h3").replace("</h2>", "</h3>"), "lxml")
    assert text(card) == text(same)
    assert card.select("img") and len(card.select("img")) == len(same.select("img"))


def neighbour_links(soup):
    return {a["rel"][0]: a["href"] for a in soup.select(".article-nav a[rel]")}


def test_older_and_newer_links_leave_out_what_the_related_cards_show(site):
    # The oldest article's only neighbour is its related card: no links at all.
    first = site.soup(FIRST)
    assert first.select_one(".article-nav") is None
    # The middle one's older neighbour is its related card; the newer one gets a link.
    assert neighbour_links(site.soup(MIDDLE)) == {"next": f"{SITEURL}{LONG}"}
    # The newest has no related card: its older neighbour keeps its link.
    assert site.soup(LONG).select_one("section.related") is None
    assert neighbour_links(site.soup(LONG)) == {"prev": f"{SITEURL}{MIDDLE}"}


def test_the_pages_with_share_links_and_a_table_of_contents_are_valid_html(site):
    pages = [site.path(url) for url in (LONG, FIRST, MIDDLE)]
    assert invalid_html(pages, shown_from=site.output) == []


def test_with_share_links_and_a_table_of_contents_an_article_still_fits_the_first_round_trip(site):
    # The published page, share links and all, within issue 16's 14 KB.
    css = gzipped(site.path("/static/css/style.css").read_bytes())
    for url in (LONG, FIRST, MIDDLE):
        assert site.soup(url).select(".share-links a")
        weight = gzipped(site.path(url).read_bytes()) + css
        assert weight <= FIRST_ROUND_TRIP, (url, weight)
