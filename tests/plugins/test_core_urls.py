"""Addresses kept while writing (blog_core.urls): an article's or page's url and save_as are
computed once, and again after any change to the content, so that no page links to an address
the content has left."""

import copy
import pickle
from datetime import datetime

import pytest
from pelican.contents import Article, Page
from pelican.settings import read_settings

from blog_core.urls import keep_addresses
from sitebuild import build_site, write_article


@pytest.fixture
def settings():
    return read_settings(override={"ARTICLE_URL": "{slug}/", "PAGE_URL": "pagine/{slug}/"})


def article(settings, slug="primo"):
    metadata = {"title": "Primo", "slug": slug, "date": datetime(2026, 11, 2, 9)}
    return Article("<p>Testo.</p>", metadata, settings=settings, source_path="/sito/primo.md")


def test_an_address_is_computed_once_while_nothing_changes(settings):
    content = article(settings)
    keep_addresses(content)
    assert (content.url, content.save_as) == ("primo/", "primo.html")
    # The settings are final while writing: a kept address no longer reads them.
    settings["ARTICLE_URL"] = "altrove/{slug}/"
    assert content.url == "primo/"


@pytest.mark.parametrize(
    "change, url, save_as",
    [
        (lambda c: setattr(c, "slug", "secondo"), "altrove/secondo/", "secondo.html"),
        # content_checks moving the second of two articles at one address
        (lambda c: setattr(c, "override_url", "primo-2/"), "primo-2/", "primo.html"),
        (lambda c: setattr(c, "status", "draft"), "drafts/primo.html", "drafts/primo.html"),
        (lambda c: delattr(c, "slug"), "altrove//", ".html"),
    ],
)
def test_any_change_to_the_content_computes_its_addresses_again(settings, change, url, save_as):
    content = article(settings)
    keep_addresses(content)
    assert content.url == "primo/"
    settings["ARTICLE_URL"] = "altrove/{slug}/"
    change(content)
    assert (content.url, content.save_as) == (url, save_as)


def test_a_page_keeps_reading_the_page_settings(settings):
    page = Page("<p>Chi siamo.</p>", {"title": "Chi siamo"}, settings=settings)
    keep_addresses(page)
    assert isinstance(page, Page) and type(page).__name__ == "Page"
    assert page.url == "pagine/chi-siamo/"


def test_a_copy_or_a_pickle_is_the_plain_pelican_object(settings):
    content = article(settings)
    keep_addresses(content)
    assert content.url == "primo/"
    for twin in (copy.copy(content), pickle.loads(pickle.dumps(content))):
        assert type(twin) is Article
        assert twin.url == "primo/"


def test_another_class_is_left_to_compute_its_own(settings):
    class Digest(Article):
        @property
        def url(self):
            return "newsletter/"

    digest = Digest("", {"title": "N", "date": datetime(2026, 11, 6)}, settings=settings)
    keep_addresses(digest)
    assert type(digest) is Digest and digest.url == "newsletter/"


def test_a_duplicate_moved_after_the_addresses_are_kept_is_linked_where_it_is(
    tmp_path, small_content
):
    # content_checks moves the newer one at `all_generators_finalized`, after the addresses
    # are kept and read: every page must link to where it is written.
    write_article(small_content, "uno.md", title="Lo stesso titolo")
    write_article(small_content, "due.md", title="Lo stesso titolo", date="2026-11-03 09:00")
    site = build_site(tmp_path / "output", content=small_content)
    assert site.exists("/lo-stesso-titolo/") and site.exists("/lo-stesso-titolo-2/")
    links = {a["href"] for a in site.soup("/").select(".card__title a")}
    assert {"/lo-stesso-titolo/", "/lo-stesso-titolo-2/"} <= links
