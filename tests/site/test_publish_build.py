"""The publish build of the fixture site: absolute URLs from publishconf.py, overridable through
SITEURL."""

import feedparser
import pytest

from sitebuild import BLOG_SITE, FIXTURE_BUILD_MOMENT, build_site, epoch

ARTICLE_URL = "/perche-la-prima-email-e-quella-che-si-legge-di-piu/"


@pytest.fixture(scope="module")
def published_site(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITEURL", "https://blog.esempio.it/")
        patch.setenv("SOURCE_DATE_EPOCH", epoch(FIXTURE_BUILD_MOMENT))
        output = tmp_path_factory.mktemp("published")
        return build_site(output, content=BLOG_SITE, settings_file="publishconf.py")


def test_urls_are_absolute_on_the_public_address(published_site):
    soup = published_site.soup(ARTICLE_URL)
    canonical = "https://blog.esempio.it" + ARTICLE_URL
    assert soup.find("link", rel="canonical")["href"] == canonical
    assert soup.find("meta", property="og:url")["content"] == canonical
    assert (
        soup.find("link", rel="stylesheet")["href"]
        == "https://blog.esempio.it/static/css/style.css"
    )


def test_feeds_sitemap_and_robots_use_the_public_address(published_site):
    feed = feedparser.parse(published_site.path("/feed/atom.xml").read_bytes())
    assert not feed.bozo
    assert all(entry.link.startswith("https://blog.esempio.it/") for entry in feed.entries)
    assert "<loc>https://blog.esempio.it" + ARTICLE_URL + "</loc>" in published_site.html(
        "/sitemap.xml"
    )
    assert "Sitemap: https://blog.esempio.it/sitemap.xml" in published_site.html("/robots.txt")


def test_publish_build_is_clean(published_site):
    assert [r.getMessage() for r in published_site.warnings()] == []


def test_the_published_form_posts_to_the_provider_over_https(published_site):
    form = published_site.soup(ARTICLE_URL).select_one(".newsletter-signup form")
    assert form["action"] == "https://newsletter.bottegadigitale.example/iscrizione"
    assert published_site.soup(ARTICLE_URL).select_one(".newsletter-signup__preview") is None
    privacy = form.select_one(".newsletter-form__consent a")["href"]
    assert privacy == "https://blog.esempio.it/privacy/"


def test_published_emails_and_digest_feed_use_the_public_address(published_site):
    email = published_site.html("/newsletter/2026-10/email.html")
    assert 'href="https://blog.esempio.it/newsletter/2026-10/"' in email
    assert "localhost" not in email
    feed = feedparser.parse(published_site.path("/newsletter/feed.xml").read_bytes())
    assert all(
        entry.link.startswith("https://blog.esempio.it/newsletter/") for entry in feed.entries
    )
