"""Every sample article, built with pelicanconf.py, as a reader finds it."""

import json
import math
import re

import pytest
from content_headers import italian_day, normalise, read_header, split_list

from sitebuild import SAMPLE_CONTENT

SOURCES = sorted((SAMPLE_CONTENT / "articles").glob("*.md"))
PUBLISHED = [p for p in SOURCES if read_header(p).get("status", "published") != "draft"]
DRAFTS = [p for p in SOURCES if read_header(p).get("status") == "draft"]


def article_urls(site):
    """Title -> URL of every article listed in the archive."""
    soup = site.soup("/archivio/")
    return {normalise(a.get_text()): a["href"] for a in soup.select(".archive-list a")}


def test_sample_content_has_the_breadth_the_blog_needs():
    headers = [read_header(p) for p in PUBLISHED]
    categories = {h["category"] for h in headers}
    authors = {a for h in headers for a in split_list(h.get("authors") or h["author"])}
    assert len(PUBLISHED) >= 12
    assert len(categories) >= 4
    assert len(authors) >= 4
    assert all(2 <= len(split_list(h["tags"])) <= 5 for h in headers)
    days = sorted(h["date"].split()[0] for h in headers)
    from datetime import date

    first, last = (date.fromisoformat(d) for d in (days[0], days[-1]))
    assert (last - first).days >= 8 * 7
    assert len(DRAFTS) == 1


@pytest.mark.parametrize("source", PUBLISHED, ids=lambda p: p.stem)
def test_article_page_shows_date_authors_category_tags_and_reading_time(sample_site, source):
    header = read_header(source)
    url = article_urls(sample_site)[normalise(header["title"])]
    soup = sample_site.soup(url)

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


def test_article_urls_are_pretty_and_transliterate_accents(sample_site):
    urls = article_urls(sample_site)
    assert urls[normalise("Perché una newsletter conta più di mille follower")] == (
        "/perche-una-newsletter-conta-piu-di-mille-follower/"
    )
    assert all(re.fullmatch(r"/[a-z0-9-]+/", u) for u in urls.values())
    assert len(urls) == len(PUBLISHED)


def test_draft_is_not_published_anywhere(sample_site):
    (draft,) = DRAFTS
    title = normalise(read_header(draft)["title"])
    for file in sample_site.output.rglob("*"):
        if file.suffix in {".html", ".xml", ".txt"}:
            assert title not in normalise(file.read_text(encoding="utf-8")), file
    assert not any(
        "intelligenza-artificiale" in p.as_posix() for p in sample_site.output.rglob("*")
    )


def test_two_author_article_credits_both(sample_site):
    soup = sample_site.soup("/freelance-e-agenzia-come-dividersi-il-lavoro-con-un-cliente-pmi/")
    meta = soup.select_one(".article__header .article-meta__authors")
    assert normalise(meta.get_text()) == "di Marco Rinaldi e Luca Bianchi"
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert [a["name"] for a in data["author"]] == ["Marco Rinaldi", "Luca Bianchi"]
    for author_url in ("/autori/marco-rinaldi/", "/autori/luca-bianchi/"):
        titles = [
            normalise(a.get_text()) for a in sample_site.soup(author_url).select(".card__title a")
        ]
        assert "Freelance e agenzia: come dividersi il lavoro con un cliente PMI" in titles


def test_republished_article_names_its_source_and_uses_it_as_canonical(sample_site):
    source_url = "https://www.example.com/blog/misurare-i-social-senza-impazzire"
    soup = sample_site.soup("/misurare-i-social-senza-impazzire-tre-numeri-che-bastano/")
    link = soup.select_one(".source-note a")
    assert link.get_text() == "Articolo originale"
    assert link["href"] == source_url
    assert soup.find("link", rel="canonical")["href"] == source_url
    other = sample_site.soup("/perche-una-newsletter-conta-piu-di-mille-follower/")
    assert (
        other.find("link", rel="canonical")["href"]
        == "/perche-una-newsletter-conta-piu-di-mille-follower/"
    )
    assert other.select_one(".source-note") is None


def test_rich_markdown_renders(sample_site):
    footnotes = sample_site.soup("/perche-una-newsletter-conta-piu-di-mille-follower/")
    assert len(footnotes.select(".footnote li")) == 3
    assert len(footnotes.select("sup a[href^='#fn']")) == 3

    table = sample_site.soup(
        "/un-piano-editoriale-realistico-per-una-pmi-con-poco-tempo/"
    ).select_one(".article__body table")
    assert table.thead and len(table.select("tbody tr")) >= 4

    quote = sample_site.soup(
        "/oggetti-delle-email-come-farsi-aprire-senza-promettere-troppo/"
    ).select_one(".article__body blockquote")
    assert "Elena" in quote.get_text()

    interview = sample_site.soup(
        "/ho-portato-la-sartoria-su-instagram-senza-snaturarla-intervista-a-rosa-lombardi/"
    )
    questions = [
        s
        for s in interview.select(".article__body p > strong:only-child")
        if s.get_text().rstrip().endswith("?")
    ]
    assert len(questions) >= 8


def test_article_images_have_alt_text_and_exist(sample_site):
    soup = sample_site.soup("/instagram-per-il-forno-di-quartiere-cosa-pubblicare-ogni-settimana/")
    images = soup.select(".article__body img")
    assert len(images) == 2
    for image in images:
        assert len(image["alt"].split()) >= 3
        assert sample_site.exists(image["src"])


def test_head_has_description_open_graph_twitter_and_json_ld(sample_site):
    for source in PUBLISHED:
        header = read_header(source)
        url = article_urls(sample_site)[normalise(header["title"])]
        soup = sample_site.soup(url)
        assert soup.find("meta", attrs={"name": "description"})["content"]
        assert soup.find("meta", property="og:type")["content"] == "article"
        assert normalise(soup.find("meta", property="og:title")["content"]) == normalise(
            header["title"]
        )
        assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
        assert soup.find("link", rel="icon")
        data = json.loads(soup.find("script", type="application/ld+json").string)
        assert data["@type"] == "BlogPosting"
        assert normalise(data["headline"]) == normalise(header["title"])
        assert all(author["@type"] == "Person" for author in data["author"])
        assert data["datePublished"].startswith(header["date"].split()[0])


def test_previous_and_next_links_chain_the_articles(sample_site):
    urls = list(article_urls(sample_site).values())  # the archive lists newest first
    newest = sample_site.soup(urls[0])
    assert newest.select_one(".article-nav__newer") is None
    assert newest.select_one(".article-nav__older a")["href"] == urls[1]
    middle = sample_site.soup(urls[1])
    assert middle.select_one(".article-nav__newer a")["href"] == urls[0]
    oldest = sample_site.soup(urls[-1])
    assert oldest.select_one(".article-nav__older") is None
