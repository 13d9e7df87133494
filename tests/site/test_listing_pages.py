"""Home, pagination, categories, tags, authors, archive, feeds, sitemap: present and linked, in
the fixture site (tests/sites/blog)."""

from xml.etree import ElementTree

import feedparser
from bs4 import BeautifulSoup
from content_headers import normalise, read_header, split_list

from sitebuild import BLOG_SITE

PUBLISHED = [
    read_header(p)
    for p in sorted((BLOG_SITE / "articles").glob("*.md"))
    if read_header(p).get("status", "published") != "draft"
]
PER_PAGE = 5


def card_titles(soup):
    return [normalise(a.get_text()) for a in soup.select(".card__title a")]


def test_home_is_paginated_in_italian_and_lists_every_article_once(fixture_site):
    pages = -(-len(PUBLISHED) // PER_PAGE)
    urls = ["/"] + [f"/pagina/{n}/" for n in range(2, pages + 1)]
    seen = []
    for number, url in enumerate(urls, start=1):
        soup = fixture_site.soup(url)
        assert soup.select_one(".pagination__current").get_text() == f"Pagina {number} di {pages}"
        previous = soup.select_one(".pagination a[rel=prev]")
        following = soup.select_one(".pagination a[rel=next]")
        assert (previous["href"] if previous else None) == (
            urls[number - 2] if number > 1 else None
        )
        assert (following["href"] if following else None) == (
            urls[number] if number < pages else None
        )
        # Each card is one link, its title's: no "Leggi tutto" beside it.
        assert [len(card.select("a")) for card in soup.select(".card")] == [1] * len(
            soup.select(".card")
        )
        seen += card_titles(soup)
    assert sorted(seen) == sorted(normalise(h["title"]) for h in PUBLISHED)
    assert not fixture_site.exists(f"/pagina/{pages + 1}/")


def test_every_category_has_a_page_listing_its_articles_and_feeds(fixture_site):
    index = fixture_site.soup("/categorie/")
    links = {a.get_text(): a["href"] for a in index.select(".term-index a")}
    categories = {h["category"] for h in PUBLISHED}
    assert set(links) == categories
    for name, url in links.items():
        expected = {normalise(h["title"]) for h in PUBLISHED if h["category"] == name}
        soup = fixture_site.soup(url)
        assert soup.h1.get_text(" ", strip=True) == f"Categoria: {name}"
        titles = set(card_titles(soup))
        page = 2
        while fixture_site.exists(f"{url}pagina/{page}/"):
            titles |= set(card_titles(fixture_site.soup(f"{url}pagina/{page}/")))
            page += 1
        assert titles == expected
        for feed_link in soup.select(".list-feeds a"):
            feed = feedparser.parse(fixture_site.path(feed_link["href"]).read_bytes())
            assert not feed.bozo, feed.bozo_exception
            assert {normalise(e.title) for e in feed.entries} == expected


def test_every_tag_has_a_page(fixture_site):
    tags = {t for h in PUBLISHED for t in split_list(h["tags"])}
    tag_index = fixture_site.soup("/tag/")
    assert {a.get_text() for a in tag_index.select(".term-index a")} == tags
    for a in tag_index.select(".term-index a"):
        assert fixture_site.soup(a["href"]).h1.get_text(" ", strip=True) == f"Tag: {a.get_text()}"


def test_archive_groups_articles_by_italian_month(fixture_site):
    soup = fixture_site.soup("/archivio/")
    months = [h2.get_text() for h2 in soup.select(".archive-month h2")]
    assert months == ["Marzo 2026", "Febbraio 2026", "Gennaio 2026"]
    assert len(soup.select(".archive-list li")) == len(PUBLISHED)


def test_site_feeds_parse_and_are_linked_from_every_page(fixture_site):
    for path in ("/feed/atom.xml", "/feed/rss.xml"):
        feed = feedparser.parse(fixture_site.path(path).read_bytes())
        assert not feed.bozo, feed.bozo_exception
        assert len(feed.entries) == len(PUBLISHED)
        assert {normalise(e.title) for e in feed.entries} == {
            normalise(h["title"]) for h in PUBLISHED
        }
    for file in fixture_site.html_files():
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
        feeds = {link["href"] for link in soup.find_all("link", rel="alternate")}
        assert {"/feed/atom.xml", "/feed/rss.xml"} <= feeds, file


def test_every_feed_names_the_stylesheet_that_shows_it_as_a_page(fixture_site):
    # Right after the XML declaration, to the theme's XSLT (well-formed, Atom and RSS alike);
    # the feeds still parse, and the stylesheet is no page of the sitemap.
    feeds = sorted(fixture_site.output.rglob("*.xml"))
    feeds = [path for path in feeds if path.name != "sitemap.xml"]
    assert any(path.name == "rss.xml" for path in feeds) and len(feeds) > 4
    for path in feeds:
        text = path.read_text(encoding="utf-8")
        assert text.startswith(
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<?xml-stylesheet type="text/xsl" href="/feed/stile.xsl"?>'
        ), path
        assert not feedparser.parse(path.read_bytes()).bozo, path
    style = ElementTree.parse(fixture_site.path("/feed/stile.xsl")).getroot()
    assert style.tag == "{http://www.w3.org/1999/XSL/Transform}stylesheet"
    assert "Questo è un feed" in ElementTree.tostring(style, encoding="unicode")
    sitemap = fixture_site.path("/sitemap.xml").read_text(encoding="utf-8")
    assert "stile.xsl" not in sitemap


def test_sitemap_lists_articles_and_pages_and_robots_points_to_it(fixture_site):
    sitemap = BeautifulSoup(fixture_site.path("/sitemap.xml").read_text(encoding="utf-8"), "xml")
    locations = {loc.get_text() for loc in sitemap.find_all("loc")}
    assert "/perche-la-prima-email-e-quella-che-si-legge-di-piu/" in locations
    assert "/chi-siamo/" in locations
    assert not any("404" in loc for loc in locations)
    robots = fixture_site.path("/robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: /sitemap.xml" in robots


def test_pages_and_not_found_page(fixture_site):
    for url, title in (
        ("/chi-siamo/", "Chi siamo"),
        ("/privacy/", "Privacy"),
        ("/contatti/", "Contatti"),
    ):
        assert normalise(fixture_site.soup(url).h1.get_text()) == title
    privacy = fixture_site.soup("/privacy/").select_one(".page__body").get_text()
    assert "Modello da adattare" in privacy and "art. 13" in privacy
    not_found = fixture_site.soup("/404.html")
    assert normalise(not_found.h1.get_text()) == "Pagina non trovata"
    assert not_found.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    # Somewhere to go on: the five newest articles and every category, each with its link.
    home = [a["href"] for a in fixture_site.soup("/").select(".card__title a")]
    latest = [a["href"] for a in not_found.select("#not-found-latest + ul a")]
    assert latest == home[:5] and len(latest) == 5
    categories = {a.get_text(): a["href"] for a in not_found.select("#not-found-categories + ul a")}
    listed = {
        a.get_text(): a["href"] for a in fixture_site.soup("/categorie/").select(".term-index a")
    }
    assert categories == listed and categories
    footer = {a.get_text() for a in fixture_site.soup("/").select(".site-footer a")}
    assert {"Chi siamo", "Contatti", "Categorie", "Tag", "Autori", "Archivio"} <= footer
    assert "Informativa privacy" in footer


def test_reader_facing_words_are_italian(fixture_site):
    english = (
        "Read more",
        "Posted",
        "Newer",
        "Older",
        "Page 1",
        "Categories",
        "Tags:",
        "Archives",
        "min read",
    )
    for file in fixture_site.html_files():
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
        assert soup.html["lang"] == "it"
        text = soup.get_text(" ")
        assert not [word for word in english if word in text], file
        titles = " ".join(tag["title"] for tag in soup.find_all(title=True))
        assert "Jump back" not in titles, file
    home_text = fixture_site.soup("/").get_text(" ")
    for word in ("Altri articoli recenti", "min di lettura", "Pagina 1 di", "Archivio", "Tag"):
        assert word in home_text


def test_the_build_has_no_warnings(fixture_site):
    assert [record.getMessage() for record in fixture_site.warnings()] == []
