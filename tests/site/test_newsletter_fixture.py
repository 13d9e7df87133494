"""The fixture site's newsletter: a form after every article, a digest for every week with
articles."""

from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

import feedparser
from bs4 import BeautifulSoup
from content_headers import read_header

from newsletter.weeks import parse_schedule, week_of
from sitebuild import BLOG_SITE, FIXTURE_BUILD_MOMENT

DEV_BASE = "http://localhost:8000"
PUBLISHED = [
    read_header(p)
    for p in sorted((BLOG_SITE / "articles").glob("*.md"))
    if read_header(p).get("status", "published") != "draft"
]
FRIDAY_9 = parse_schedule("friday", "09:00", "Europe/Rome")
# Gmail cuts an email after about 102 KB and hides the rest behind a link.
GMAIL_CLIPS_AT = 102 * 1024


def fixture_weeks(closed_only=True):
    """Week id -> how many fixture articles it has, worked out from the files' headers;
    only the weeks closed when the fixture site is built, unless `closed_only` is False."""
    rome = ZoneInfo("Europe/Rome")
    built = datetime.fromisoformat(FIXTURE_BUILD_MOMENT).replace(tzinfo=rome)
    weeks = [
        week_of(datetime.fromisoformat(header["date"]).replace(tzinfo=rome), FRIDAY_9)
        for header in PUBLISHED
    ]
    return Counter(week.id for week in weeks if week.closes <= built or not closed_only)


def test_every_article_ends_with_the_signup_form(fixture_site):
    article_urls = [a["href"] for a in fixture_site.soup("/archivio/").select(".archive-list a")]
    assert len(article_urls) == len(PUBLISHED)
    for url in article_urls:
        soup = fixture_site.soup(url)
        assert len(soup.select("article .newsletter-signup form")) == 1, url
    assert fixture_site.soup("/").select_one(".newsletter-signup form") is not None
    assert fixture_site.soup("/pagina/2/").select_one(".newsletter-signup") is None


def test_there_is_a_digest_for_each_week_with_articles(fixture_site):
    weeks = fixture_weeks()
    # Six closed weeks (one with two articles), and weeks without articles between them.
    assert len(weeks) == 6 and sorted(weeks.values()) == [1, 1, 1, 1, 1, 2]
    archive = fixture_site.soup("/newsletter/").select(".digest-archive__issue")
    links = [item.select_one(".digest-archive__date a")["href"] for item in archive]
    assert links == [f"/newsletter/{week}/" for week in sorted(weeks, reverse=True)]
    for item, link in zip(archive, links, strict=True):
        week = link.split("/")[2]
        count = weeks[week]
        assert item.select_one(".digest-archive__count").get_text() == (
            "1 articolo" if count == 1 else f"{count} articoli"
        )
        cards = fixture_site.soup(link).select(".card__title a")
        assert len(cards) == count
        # The archive lists the titles each issue holds, linked to their articles.
        titles = item.select(".digest-archive__titles a")
        assert [(a["href"], a.get_text()) for a in titles] == [
            (a["href"], a.get_text()) for a in cards
        ]
        for name in ("email.html", "email.txt"):
            assert fixture_site.exists(f"/newsletter/{week}/{name}"), (week, name)
    feed = feedparser.parse(fixture_site.path("/newsletter/feed.xml").read_bytes())
    assert not feed.bozo
    assert len(feed.entries) == len(weeks)


def test_emails_link_only_to_pages_that_exist(fixture_site):
    for email in sorted(fixture_site.output.glob("newsletter/*/email.html")):
        soup = BeautifulSoup(email.read_text(encoding="utf-8"), "lxml")
        for tag in soup.find_all(["a", "img"]):
            url = tag.get("href") or tag["src"]
            assert url.startswith(DEV_BASE + "/"), (email, url)
            assert fixture_site.exists(url[len(DEV_BASE) :]), (email, url)
        assert all(image.get("alt") is not None for image in soup.find_all("img"))


def test_emails_are_far_below_the_size_gmail_clips(fixture_site):
    sizes = {
        email.parent.name: email.stat().st_size
        for email in fixture_site.output.glob("newsletter/*/email.html")
    }
    assert sizes and max(sizes.values()) < GMAIL_CLIPS_AT / 4, sizes


def test_the_week_under_way_has_a_preview_but_is_not_yet_in_archive_or_feed(fixture_site):
    open_weeks = set(fixture_weeks(closed_only=False)) - set(fixture_weeks())
    assert open_weeks == {"2026-11"}
    archive = fixture_site.html("/newsletter/")
    assert "/newsletter/2026-11/" not in archive
    assert "/newsletter/2026-11/" not in fixture_site.html("/newsletter/feed.xml")
    preview = fixture_site.soup("/newsletter/2026-11/").select_one(".digest__preview")
    assert "13 marzo 2026 alle 09:00" in preview.get_text()
