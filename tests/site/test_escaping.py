"""A hostile title comes out right in every context: HTML, attributes, JSON-LD, feeds, sitemap."""

import json

import feedparser
import pytest

from sitebuild import build_site, write_article

HOSTILE_TITLE = 'Cos\'è il "SEO" & perché serve alle PMI <davvero>'
# Typogrify curls the quotes; everything else must survive as the author wrote it.
EXPECTED_TEXT = "Cos\u2019è il \u201cSEO\u201d & perché serve alle PMI <davvero>"
SLUG = "cose-il-seo-perche-serve-alle-pmi-davvero"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    content = tmp_path_factory.mktemp("hostile-content")
    write_article(
        content,
        "seo.md",
        title=HOSTILE_TITLE,
        date="2026-11-20 09:00",
        summary='Un riassunto con "virgolette" & <b>grassetto</b>.',
    )
    write_article(content, "altro.md", title="Un articolo qualunque", date="2026-11-19 09:00")
    return build_site(tmp_path_factory.mktemp("hostile-site"), content=content)


def test_slug_is_built_from_the_plain_title(hostile_site):
    assert hostile_site.exists(f"/{SLUG}/")


def test_visible_title_shows_the_characters_not_a_tag(hostile_site):
    soup = hostile_site.soup(f"/{SLUG}/")
    assert soup.h1.get_text().replace("\xa0", " ") == EXPECTED_TEXT
    assert soup.find("davvero") is None
    card = hostile_site.soup("/").select_one(".card__title a")
    assert card.get_text().replace("\xa0", " ") == EXPECTED_TEXT


def test_title_and_meta_tags_hold_plain_escaped_text(hostile_site):
    html = hostile_site.html(f"/{SLUG}/")
    soup = hostile_site.soup(f"/{SLUG}/")
    assert soup.title.string == f"{EXPECTED_TEXT} · Bottega Digitale"
    raw_title = html.split("<title>")[1].split("</title>")[0]
    assert "<" not in raw_title and "&lt;davvero&gt;" in raw_title and "&amp;" in raw_title
    for selector in ('meta[property="og:title"]', 'meta[name="twitter:title"]'):
        assert soup.select_one(selector)["content"] == EXPECTED_TEXT
    description = soup.select_one('meta[name="description"]')["content"]
    assert "grassetto" in description and "<b>" not in description
    assert 'content="Cos’è il “SEO” &amp; perché serve alle PMI &lt;davvero&gt;"' in html


def test_json_ld_parses_and_carries_the_plain_title(hostile_site):
    soup = hostile_site.soup(f"/{SLUG}/")
    script = soup.find("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["headline"] == EXPECTED_TEXT
    assert "<" not in script.string  # a `</script>` in content could never close the block


@pytest.mark.parametrize("feed_path", ["/feed/atom.xml", "/feed/rss.xml"])
def test_feed_titles_are_plain_text(hostile_site, feed_path):
    feed = feedparser.parse(hostile_site.path(feed_path).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    titles = [entry.title.replace("\xa0", " ") for entry in feed.entries]
    assert EXPECTED_TEXT in titles


def test_archive_and_navigation_show_the_same_text(hostile_site):
    archive = hostile_site.soup("/archivio/")
    assert EXPECTED_TEXT in [
        a.get_text().replace("\xa0", " ") for a in archive.select(".archive-list a")
    ]
    # The other article leads to it by its related card, or by the newer link without one.
    other = hostile_site.soup("/un-articolo-qualunque/")
    links = other.select("section.related h3 a, .article-nav__newer a")
    assert [a.get_text().replace("\xa0", " ") for a in links] == [EXPECTED_TEXT]
