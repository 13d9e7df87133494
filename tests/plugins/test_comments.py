"""comments: approved comments from content/comments/<slug>.yaml on the article, threaded,
counted, sanitized and in its JSON-LD; replying by email; closing; each mistake with its line."""

import json
import textwrap
from urllib.parse import parse_qs, urlsplit

import pytest

from blog_core import BuildStopped
from sitebuild import STRICT, build_site, write_article, write_privacy_page

SLUG = "la-vetrina-di-dicembre"
COMMENTS = """\
- id: 1
  name: Marta <script>alert(1)</script>
  website: https://marta.example/negozio
  date: 2026-11-20 10:15
  text: |
    Bellissima idea, l'ho copiata **subito**.
    <script>alert("x")</script><iframe src="https://evil.example"></iframe>
    [il mio negozio](javascript:alert(1)) e [una guida](https://guida.example/vetrine)
- id: 2
  parent: 1
  name: Redazione
  date: 2026-11-21 09:00
  text: Grazie Marta!
- id: 3
  parent: 2
  name: Marta
  date: 2026-11-21 18:30
  text: Una risposta alla risposta.
- id: 4
  name: Gino
  date: 2026-11-19 08:00
  text: Il primo a scrivere.
"""


def write_comments(content, slug, text):
    path = content / "comments" / f"{slug}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def messages(site):
    return [record.getMessage() for record in site.log_records]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("comments")
    content = root / "content"
    write_privacy_page(content)
    write_article(content, "vetrina.md", title="La vetrina di dicembre", date="2026-11-18 09:00")
    write_article(content, "altro.md", title="Un altro articolo", date="2026-11-10 09:00")
    write_comments(content, SLUG, COMMENTS)
    return build_site(
        root / "output",
        content,
        SITEURL="https://bottega.example",
        BUSINESS_EMAIL="ciao@bottega.example",
    )


def test_comments_show_oldest_first_with_replies_one_level_deep(site):
    section = site.soup(f"/{SLUG}/").select_one("section#commenti")
    assert section.h2.get_text() == "Commenti (4)"
    threads = section.select(":scope > ol.comment-list > li > article.comment")
    assert [t["id"] for t in threads] == ["commento-4", "commento-1"]
    replies = threads[1].select("article.comment--reply")
    # The answer to a reply joins the thread of the comment it started from.
    assert [r["id"] for r in replies] == ["commento-2", "commento-3"]
    assert threads[1].select_one("time")["datetime"].startswith("2026-11-20T10:15")


def test_a_strangers_name_and_text_reach_the_page_escaped_and_sanitized(site):
    html = site.html(f"/{SLUG}/")
    first = site.soup(f"/{SLUG}/").select_one("#commento-1")
    scripts = site.soup(f"/{SLUG}/").find_all("script")
    assert [s["type"] for s in scripts] == ["application/ld+json"] and "<iframe" not in html
    assert "<script>alert" not in html
    assert "javascript:" not in html and "evil.example" not in html
    assert first.select_one(".comment__name").get_text() == "Marta <script>alert(1)</script>"
    name_link = first.select_one(".comment__name a")
    assert name_link["href"] == "https://marta.example/negozio"
    assert "nofollow" in name_link["rel"] and "ugc" in name_link["rel"]
    text = first.select_one(".comment__text")
    assert text.strong.get_text() == "subito" and "l’ho copiata" in text.get_text()
    (guide,) = text.select("a[href]")
    assert guide["href"] == "https://guida.example/vetrine" and "ugc" in guide["rel"]


def test_the_count_is_on_the_article_and_its_card_and_in_the_json_ld(site):
    meta = site.soup(f"/{SLUG}/").select_one(".article__header .article-meta__comments")
    assert (meta.get_text(), meta["href"]) == ("4 commenti", "#commenti")
    cards = site.soup("/").select(".card")
    card = next(c for c in cards if "vetrina di" in c.get_text())
    assert card.select_one(".card__comments").get_text() == "4 commenti"
    assert len(card.select("a")) == 1
    other = next(c for c in cards if "Un altro" in c.get_text())
    assert other.select_one(".card__comments") is None
    data = json.loads(site.soup(f"/{SLUG}/").find("script", type="application/ld+json").string)
    assert data["commentCount"] == 4
    assert [c["author"]["name"] for c in data["comment"]] == [
        "Gino",
        "Marta <script>alert(1)</script>",
        "Redazione",
        "Marta",
    ]
    assert data["comment"][0]["url"] == f"https://bottega.example/{SLUG}/#commento-4"
    assert all(c["@type"] == "Comment" and "<" not in c["text"] for c in data["comment"])


def test_a_reader_replies_by_email_with_the_title_in_the_subject(site):
    link = site.soup(f"/{SLUG}/").select_one("a.comments__email")
    parts = urlsplit(link["href"])
    query = parse_qs(parts.query)
    assert (parts.scheme, parts.path) == ("mailto", "ciao@bottega.example")
    assert query["subject"] == ["Commento a «La vetrina di dicembre»"]
    assert (
        query["body"][0].startswith("Il mio commento:") and "nome da pubblicare" in query["body"][0]
    )
    # An article without comments invites the first one, and asks for feedback like all.
    other = site.soup("/un-altro-articolo/")
    assert "Ancora nessun commento" in other.select_one("#commenti").get_text()
    feedback = other.select_one(".feedback a")
    assert parse_qs(urlsplit(feedback["href"]).query)["subject"] == [
        "Su «Un altro articolo»: cosa migliorare"
    ]


def test_each_commented_article_has_a_feed_of_its_comments_newest_first(site):
    import feedparser

    link = site.soup(f"/{SLUG}/").select_one('#commenti a[type="application/atom+xml"]')
    assert link["href"] == f"https://bottega.example/{SLUG}/commenti.xml"
    feed = feedparser.parse(site.path(f"/{SLUG}/commenti.xml").read_bytes())
    assert not feed.bozo and feed.feed.title.endswith("La vetrina di dicembre (4)")
    assert [entry.link.rsplit("#", 1)[1] for entry in feed.entries] == [
        "commento-3",
        "commento-2",
        "commento-1",
        "commento-4",
    ]
    first = next(e for e in feed.entries if e.link.endswith("commento-1"))
    assert "<script" not in first.summary and "subito" in first.summary
    assert not site.exists("/un-altro-articolo/commenti.xml")


def test_no_email_or_ip_of_a_reader_reaches_any_file(site):
    for file in site.output.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".xml", ".json", ".txt"):
            text = file.read_text(encoding="utf-8", errors="ignore")
            assert "marta@" not in text and "192.0.2." not in text, file


def test_each_mistake_in_a_comments_file_is_named_with_its_line(small_content, tmp_path):
    write_article(small_content, "saldi.md", title="I saldi")
    write_comments(
        small_content,
        "i-saldi",
        """\
        - id: 1
          name: Anna
          email: anna@example.org
          date: 2026-11-20 10:15
          text: Bello.
        - id: 2
          date: 2026-11-20 10:15
          text: Senza nome.
        - id: 3
          name: Bruno
          date: ieri sera
          text: Data sbagliata.
        - id: 4
          name: Carla
          parent: 9
          date: 2026-11-21 10:00
          text: Risposta a nessuno.
        - id: 5
          name: Dario
          website: javascript:alert(1)
          date: 2026-11-21 10:00
          text: Un sito strano.
        """,
    )
    write_comments(
        small_content, "i-sald", "- id: 1\n  name: X\n  date: 2026-11-20 10:00\n  text: Y\n"
    )
    write_comments(small_content, "rotto", "- id: 1\n  name: [non chiuso\n")
    site = build_site(tmp_path / "output", small_content)
    said = messages(site)

    def named(where, words):
        return any(where in message and words in message for message in said)

    assert named("comments/i-saldi.yaml:3", "«email» non va nel file"), said
    assert named("comments/i-saldi.yaml:6", "manca «name»"), said
    assert named("comments/i-saldi.yaml:11", "«ieri sera» non si legge"), said
    assert named("comments/i-saldi.yaml:15", "«parent: 9»"), said
    assert named("comments/i-saldi.yaml:20", "deve essere un indirizzo"), said
    assert named("comments/i-sald.yaml", "Forse è i-saldi.yaml?"), said
    assert named("comments/rotto.yaml:", "non è YAML valido"), said
    # The email never reaches the page, and the good comment still shows.
    page = site.html("/i-saldi/")
    assert "anna@example.org" not in page and "Bello." in page


def test_a_strict_build_stops_on_a_bad_comments_file(small_content, tmp_path):
    write_article(small_content, "saldi.md", title="I saldi")
    write_comments(small_content, "i-saldi", "- id: 1\n  name: Anna\n  date: domani\n  text: Sì\n")
    with pytest.raises(BuildStopped) as stopped:
        build_site(tmp_path / "output", small_content, **STRICT)
    assert "comments/i-saldi.yaml:3" in str(stopped.value.code)


def test_comments_close_after_some_days_or_when_the_article_says_no(small_content, tmp_path):
    write_article(small_content, "vecchio.md", title="Un articolo vecchio", date="2025-01-10 09:00")
    write_article(
        small_content, "chiuso.md", title="Chiuso", date="2026-11-20 09:00", comments="no"
    )
    write_article(
        small_content, "aperto.md", title="Aperto", date="2025-01-11 09:00", comments="sì"
    )
    write_article(
        small_content, "dubbio.md", title="Dubbio", date="2026-11-21 09:00", comments="forse"
    )
    site = build_site(tmp_path / "output", small_content, COMMENTS_CLOSE_AFTER_DAYS=30)
    for url in ("/un-articolo-vecchio/", "/chiuso/"):
        section = site.soup(url).select_one("#commenti")
        assert "sono chiusi" in section.get_text() and not section.select("a.comments__email")
    assert site.soup("/aperto/").select("a.comments__email")
    assert any("dubbio.md" in m and "«sì» o «no»" in m for m in messages(site))

    quiet = build_site(tmp_path / "quiet", small_content, COMMENTS_FEEDBACK=False)
    assert not quiet.soup("/aperto/").select(".feedback")
