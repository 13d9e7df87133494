"""Previews of drafts in real builds of the fixture site plus a scheduled article and a draft
page: in development each has its own address, a banner and noindex, and a local list; nothing
else names them; a publish build writes none of them."""

import shutil

import pytest

from blog_core import check_site
from blog_core.validator import invalid_html
from sitebuild import (
    BLOG_SITE,
    FIXTURE_BUILD_MOMENT,
    STRICT,
    build_site,
    epoch,
    write_article,
    write_default_bio,
)

# The fixture site's own draft, and what this module adds: what readers must never meet.
DRAFT = "/anteprima/appunti-sul-programma-fedelta-digitale/"
SCHEDULED = "/anteprima/la-fiera-di-natale-in-piazza/"
DRAFT_PAGE = "/anteprima/pagine/listino-prezzi/"
UNPUBLISHED = (
    "appunti-sul-programma-fedelta-digitale",
    "Appunti sul programma",
    "la-fiera-di-natale-in-piazza",
    "fiera di Natale",
    "listino-prezzi",
    "Listino",
    "/anteprima/",
    "Bozza: non pubblicata",
)
# Far enough ahead that Pelican, which looks at the clock, always finds it in the future.
SCHEDULED_ARTICLE = """\
Title: La fiera di Natale in piazza
Date: 2099-12-05 09:00
Category: Eventi
Tags: natale, commercio locale
Author: Elisa Marchetti
Summary: Il banco alla fiera di Natale, da preparare per tempo.

Tre settimane prima si prenota il posto, due prima si prepara il volantino.
"""
DRAFT_PAGE_SOURCE = """\
Title: Listino prezzi
Status: draft

Il listino dei corsi, ancora da completare.
"""


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    folder = tmp_path_factory.mktemp("previews") / "content"
    shutil.copytree(BLOG_SITE, folder)
    (folder / "articles" / "la-fiera-di-natale-in-piazza.md").write_text(
        SCHEDULED_ARTICLE, encoding="utf-8"
    )
    (folder / "pages" / "listino-prezzi.md").write_text(DRAFT_PAGE_SOURCE, encoding="utf-8")
    return folder


def built(content, output, **settings):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch(FIXTURE_BUILD_MOMENT))
        patch.setenv("SITEURL", "https://blog.esempio.it")
        return build_site(output, content=content, **settings)


@pytest.fixture(scope="module")
def development(content, tmp_path_factory):
    return built(content, tmp_path_factory.mktemp("development"))


@pytest.fixture(scope="module")
def published(content, tmp_path_factory):
    return built(content, tmp_path_factory.mktemp("published"), settings_file="publishconf.py")


def files_naming(folder, words, skip=None):
    """Every file under `folder` (but `skip`) whose path or text has one of `words`."""
    found = {}
    for file in sorted(folder.rglob("*")):
        relative = file.relative_to(folder).as_posix()
        if not file.is_file() or (skip and relative.startswith(skip)):
            continue
        text = relative + "\n" + file.read_text(encoding="utf-8", errors="replace")
        named = [word for word in words if word.lower() in text.lower()]
        if named:
            found[relative] = named
    return found


def banner(site, url):
    return site.soup(url).select_one("main .preview-banner .preview-banner__status").get_text()


def test_each_preview_has_its_address_and_says_what_it_is(development):
    assert banner(development, DRAFT) == "Bozza: non pubblicata"
    assert banner(development, SCHEDULED) == "Programmato: comparirà il 5 dicembre 2099 alle 9:00"
    assert banner(development, DRAFT_PAGE) == "Pagina in bozza: non pubblicata"
    for url in (DRAFT, SCHEDULED, DRAFT_PAGE, "/anteprima/"):
        robots = development.soup(url).find("meta", attrs={"name": "robots"})
        assert robots["content"] == "noindex, nofollow", url
    # The article itself, as readers will see it, its author's role from the bio included.
    soup = development.soup(SCHEDULED)
    assert "Tre settimane prima si prenota il posto" in soup.select_one(".article__body").get_text()
    assert soup.select_one(".author-box__name").get_text(strip=True) == "Elisa Marchetti"
    assert soup.select_one(".author-box__role").get_text(strip=True)


def test_the_local_list_links_every_preview(development):
    items = development.soup("/anteprima/").select(".preview-list li")
    listed = {item.a["href"]: item.select_one(".preview-list__status").get_text() for item in items}
    assert listed == {
        DRAFT: "Bozza: non pubblicata",
        SCHEDULED: "Programmato: comparirà il 5 dicembre 2099 alle 9:00",
        DRAFT_PAGE: "Pagina in bozza: non pubblicata",
    }


def test_no_page_feed_sitemap_or_digest_names_a_preview(development):
    # Listings, archive, tags, category and author pages, feeds, sitemap, digests and their
    # emails, related boxes and older/newer links: the whole development site but /anteprima/.
    assert development.exists("/newsletter/2026-10/")  # the week of the fixture's draft
    assert files_naming(development.output, UNPUBLISHED, skip="anteprima/") == {}


def test_a_preview_links_only_to_pages_that_exist(development):
    # Its new category and tag have no page until it is published: named, not linked.
    soup = development.soup(SCHEDULED)
    assert soup.select_one(".article__category").get_text(strip=True) == "Eventi"
    assert soup.select_one(".article__category a") is None
    tags = {li.get_text(strip=True): li.a is not None for li in soup.select(".tag-list li")}
    assert tags == {"natale": False, "commercio locale": True}
    assert soup.select_one('link[href$="/categoria/eventi/atom.xml"]') is None
    assert check_site(development.output, "", html=False) == []


def test_previews_are_valid_html(development):
    pages = [development.path(url) for url in (DRAFT, SCHEDULED, DRAFT_PAGE, "/anteprima/")]
    assert invalid_html(pages, shown_from=development.output) == []


def test_publishing_writes_no_preview_and_names_no_draft(published):
    assert published.exists("/")
    assert not (published.output / "anteprima").exists()
    assert files_naming(published.output, UNPUBLISHED) == {}


def test_a_strict_build_asked_for_previews_still_writes_none(tmp_path, small_content):
    write_default_bio(small_content)
    write_article(small_content, "pubblicato.md", title="Pubblicato")
    write_article(small_content, "bozza.md", title="Una bozza", status="draft")
    site = build_site(
        tmp_path / "output",
        content=small_content,
        **STRICT,
        DRAFT_PREVIEW=True,
        DRAFT_SAVE_AS="anteprima/{slug}/index.html",
        DRAFT_URL="anteprima/{slug}/",
    )
    assert site.exists("/pubblicato/")
    assert files_naming(site.output, ("una-bozza", "Una bozza", "/anteprima/")) == {}
