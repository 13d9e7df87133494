"""Every article of the fixture site (tests/sites/blog), built with pelicanconf.py, as a reader
finds it."""

import json
import math
import re
from collections import Counter
from datetime import date

import pytest
from content_headers import italian_day, normalise, read_header, split_list

from sitebuild import BLOG_SITE

SOURCES = sorted((BLOG_SITE / "articles").glob("*.md"))
PUBLISHED = [p for p in SOURCES if read_header(p).get("status", "published") != "draft"]
DRAFTS = [p for p in SOURCES if read_header(p).get("status") == "draft"]
PER_PAGE = 5
# The fixture's articles with something of their own to render.
FOOTNOTES = "/perche-la-prima-email-e-quella-che-si-legge-di-piu/"
TABLE = "/spedire-dal-negozio-quanto-costa-davvero-un-pacco/"
TWO_AUTHORS = "/chi-risponde-ai-messaggi-formare-il-personale-del-negozio-in-due-pomeriggi/"
INTERVIEW = "/racconto-il-laboratorio-non-solo-i-vasi-intervista-a-ilaria-fabbri/"


def article_urls(site):
    """Title -> URL of every article listed in the archive."""
    soup = site.soup("/archivio/")
    return {normalise(a.get_text()): a["href"] for a in soup.select(".archive-list a")}


def test_the_fixture_site_has_the_breadth_the_tests_need():
    headers = [read_header(p) for p in PUBLISHED]
    categories = Counter(h["category"] for h in headers)
    authors = Counter(a for h in headers for a in split_list(h.get("authors") or h["author"]))
    assert len(PUBLISHED) == 8
    assert len(categories) == 3
    assert len(authors) == 3
    assert all(2 <= len(split_list(h["tags"])) <= 5 for h in headers)
    days = sorted(h["date"].split()[0] for h in headers)
    first, last = (date.fromisoformat(d) for d in (days[0], days[-1]))
    assert (last - first).days >= 8 * 7
    assert len(DRAFTS) == 1
    # More than a page (DEFAULT_PAGINATION, 5) on the home, in a category and for an author.
    assert len(PUBLISHED) > PER_PAGE
    assert max(categories.values()) > PER_PAGE and max(authors.values()) > PER_PAGE


@pytest.mark.parametrize("source", PUBLISHED, ids=lambda p: p.stem)
def test_article_page_shows_date_authors_category_tags_and_reading_time(fixture_site, source):
    header = read_header(source)
    url = article_urls(fixture_site)[normalise(header["title"])]
    soup = fixture_site.soup(url)

    assert normalise(soup.h1.get_text()) == normalise(header["title"])
    meta = soup.select_one(".article__header .article-meta")
    assert meta.time.get_text() == italian_day(header["date"])
    assert meta.time["datetime"].startswith(header["date"].split()[0])
    expected_authors = split_list(header.get("authors") or header["author"])
    assert [a.get_text() for a in meta.select("a[rel=author]")] == expected_authors
    assert soup.select_one(".article__category a").get_text() == header["category"]
    assert [a.get_text() for a in soup.select(".tag-list a")] == split_list(header["tags"])

    minutes = int(
        re.fullmatch(
            r"(\d+) min di lettura", meta.select_one(".article-meta__reading").get_text()
        ).group(1)
    )
    body_words = len(re.findall(r"\w+", soup.select_one(".article__body").get_text()))
    assert minutes == max(1, math.ceil(body_words / 200))


def test_article_urls_are_pretty_and_transliterate_accents(fixture_site):
    urls = article_urls(fixture_site)
    assert urls[normalise("Perché la prima email è quella che si legge di più")] == (
        "/perche-la-prima-email-e-quella-che-si-legge-di-piu/"
    )
    assert all(re.fullmatch(r"/[a-z0-9-]+/", u) for u in urls.values())
    assert len(urls) == len(PUBLISHED)


def test_draft_is_not_published_anywhere(fixture_site):
    # Development previews it under /anteprima/ (draft_preview), and nowhere else.
    (draft,) = DRAFTS
    title = normalise(read_header(draft)["title"])
    previews = fixture_site.output / "anteprima"
    files = [file for file in fixture_site.output.rglob("*") if previews not in file.parents]
    for file in files:
        if file.suffix in {".html", ".xml", ".txt"}:
            assert title not in normalise(file.read_text(encoding="utf-8")), file
    assert not any("programma-fedelta" in p.as_posix() for p in files)


def test_two_author_article_credits_both(fixture_site):
    soup = fixture_site.soup(TWO_AUTHORS)
    meta = soup.select_one(".article__header .article-meta__authors")
    # Each name with the role from its bio, joined as prose: "A, B e C".
    assert normalise(meta.get_text(" ")) == (
        "Elisa Marchetti Social media manager per negozi di quartiere e "
        "Paola Sanna Formatrice di competenze digitali"
    )
    assert [a.get_text() for a in meta.select("a[rel=author]")] == [
        "Elisa Marchetti",
        "Paola Sanna",
    ]
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert [a["name"] for a in data["author"]] == ["Elisa Marchetti", "Paola Sanna"]
    for author_url in ("/autori/elisa-marchetti/", "/autori/paola-sanna/"):
        titles = [
            normalise(a.get_text()) for a in fixture_site.soup(author_url).select(".card__title a")
        ]
        assert "Chi risponde ai messaggi? Formare il personale del negozio in due pomeriggi" in (
            titles
        )


def test_republished_article_names_its_source_and_uses_it_as_canonical(fixture_site):
    source_url = "https://www.quadernidibottega.example/gruppi-facebook-di-quartiere"
    soup = fixture_site.soup("/i-gruppi-facebook-di-quartiere-come-parlarne-senza-fare-pubblicita/")
    link = soup.select_one(".source-note a")
    assert link.get_text() == "Articolo originale"
    assert link["href"] == source_url
    assert soup.find("link", rel="canonical")["href"] == source_url
    other = fixture_site.soup(FOOTNOTES)
    assert other.find("link", rel="canonical")["href"] == FOOTNOTES
    assert other.select_one(".source-note") is None


def test_rich_markdown_renders(fixture_site):
    footnotes = fixture_site.soup(FOOTNOTES)
    assert len(footnotes.select(".footnote li")) == 3
    assert len(footnotes.select("sup a[href^='#fn']")) == 3

    table = fixture_site.soup(TABLE).select_one(".article__body table")
    assert table.thead and len(table.select("tbody tr")) == 5

    quote = fixture_site.soup(TWO_AUTHORS).select_one(".article__body blockquote")
    assert "Marisa" in quote.get_text()

    interview = fixture_site.soup(INTERVIEW)
    questions = [
        s
        for s in interview.select(".article__body p > strong:only-child")
        if s.get_text().rstrip().endswith("?")
    ]
    assert len(questions) == 6


def test_article_images_have_alt_text_and_exist(fixture_site):
    soup = fixture_site.soup("/la-gelateria-su-instagram-anche-in-inverno/")
    images = soup.select(".article__body img")
    assert len(images) == 2
    for image in images:
        assert len(image["alt"].split()) >= 3
        assert fixture_site.exists(image["src"])


def test_head_has_description_open_graph_twitter_and_json_ld(fixture_site):
    for source in PUBLISHED:
        header = read_header(source)
        url = article_urls(fixture_site)[normalise(header["title"])]
        soup = fixture_site.soup(url)
        assert soup.find("meta", attrs={"name": "description"})["content"]
        assert soup.find("meta", property="og:type")["content"] == "article"
        assert normalise(soup.find("meta", property="og:title")["content"]) == normalise(
            header["title"]
        )
        # A photo or, without one, the share card drawn for it (plugin pictures).
        assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == (
            "summary_large_image"
        )
        assert soup.find("meta", property="og:image")["content"].endswith((".jpg", ".png"))
        assert soup.find("link", rel="icon")
        data = json.loads(soup.find("script", type="application/ld+json").string)
        assert data["@type"] == "BlogPosting"
        assert normalise(data["headline"]) == normalise(header["title"])
        assert all(author["@type"] == "Person" for author in data["author"])
        assert data["datePublished"].startswith(header["date"].split()[0])


def neighbour_links(soup):
    """{rel: href} of the article's way to its older (prev) and newer (next) neighbours: the
    older/newer links, or the related card that stands for one of them."""
    links = {a["rel"][0]: a["href"] for a in soup.select(".article-nav a[rel]")}
    related = {a["href"] for a in soup.select("section.related h3 a")}
    return links, related


def test_previous_and_next_links_chain_the_articles(fixture_site):
    urls = list(article_urls(fixture_site).values())  # the archive lists newest first
    for index, url in enumerate(urls):
        links, related = neighbour_links(fixture_site.soup(url))
        newer = urls[index - 1] if index > 0 else None
        older = urls[index + 1] if index + 1 < len(urls) else None
        # Each neighbour once: as a link of its own, or already among the related cards.
        for rel, neighbour in (("next", newer), ("prev", older)):
            if neighbour is None:
                assert rel not in links, url
            else:
                assert (links.get(rel) == neighbour) != (neighbour in related), (url, rel)
