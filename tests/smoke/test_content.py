"""Smoke tests of whatever is in content/: the sample, or the owner's own site in its place.

They hold for any content, so they name no article, author or week: what publishing needs
(the strict build passes, the built site has nothing broken or invalid, the build warns about
nothing) and what every article page shows a reader (its date, its authors, its reading time).
"""

import logging
import re

import pytest
from content_headers import ITALIAN_MONTHS
from PIL import Image

from blog_core import BuildStopped, check_site
from blog_core.problems import PROBLEM
from go_live_checks.sample import is_shipped_sample
from sitebuild import SAMPLE_CONTENT, build_site

ITALIAN_DAY = re.compile(rf"\d{{1,2}} ({'|'.join(ITALIAN_MONTHS)}) \d{{4}}")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """content/ built as `invoke publish` builds it: publishconf.py, every check strict."""
    output = tmp_path_factory.mktemp("published")
    try:
        return build_site(output, content=SAMPLE_CONTENT, settings_file="publishconf.py")
    except BuildStopped as stopped:
        problems = stopped.code
    # Outside the handler, so the report is the list of problems alone.
    pytest.fail(f"the publish build of content/ stops:\n{problems}", pytrace=False)


def warnings(site):
    # A notice (an article dated ahead waits for its day) is news for the author, not a mistake.
    return [
        record.getMessage()
        for record in site.warnings()
        if getattr(record, PROBLEM, True) is not False
    ]


def article_urls(site):
    return [a["href"] for a in site.soup("/archivio/").select(".archive-list a")]


def test_the_strict_publish_build_passes(published):
    assert [r.getMessage() for r in published.log_records if r.levelno >= logging.ERROR] == []
    assert published.exists("/")


def test_the_built_site_checker_finds_nothing(published):
    # Links with their #fragments, assets, feeds, sitemap.xml and the Nu Html Checker.
    assert check_site(published.output, published.settings["SITEURL"]) == []


def test_neither_build_warns_about_anything(sample_site, published):
    assert warnings(sample_site) == []
    assert warnings(published) == []


def test_every_article_page_has_its_date_an_author_and_its_reading_time(sample_site):
    urls = article_urls(sample_site)
    assert urls, "the archive lists no article"
    for url in urls:
        meta = sample_site.soup(url).select_one(".article__header .article-meta")
        date = meta.select_one("time[datetime]")
        assert ITALIAN_DAY.fullmatch(date.get_text()), (url, date)
        authors = [a.get_text(strip=True) for a in meta.select("a[rel=author]")]
        assert authors and all(authors), url
        reading = meta.select_one(".article-meta__reading").get_text()
        assert re.fullmatch(r"\d+ min di lettura", reading), (url, reading)


def test_every_article_is_shared_with_an_absolute_1200x630_picture(published):
    """A featured image's JPEG crop, or the PNG card drawn for an article without one."""
    siteurl = published.settings["SITEURL"]
    shared = 0
    for url in article_urls(published):
        soup = published.soup(url.removeprefix(siteurl))
        og_image = soup.select_one('meta[property="og:image"]')
        assert og_image is not None, url
        og_image = og_image["content"]
        assert og_image.startswith(siteurl + "/"), (url, og_image)
        assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
        photo = soup.select_one("img.article__image") is not None
        shared += photo
        with Image.open(published.output / og_image.removeprefix(siteurl + "/")) as image:
            expected = ("JPEG" if photo else "PNG", (1200, 630))
            assert (image.format, image.size) == expected, url
    if is_shipped_sample(SAMPLE_CONTENT):
        # The sample's own drawings (tools/draw_sample_pictures.py), so the raster path runs.
        assert shared >= 6


def test_every_article_has_a_picture_in_the_home_list(published):
    siteurl = published.settings["SITEURL"]
    listed, url = {}, "/"
    while url:
        soup = published.soup(url)
        for card in soup.select(".card"):
            link = card.select_one(".card__title a")["href"]
            listed[link] = card.select_one("img.card__image")
        following = soup.select_one("a[rel=next]")
        url = following["href"].removeprefix(siteurl) if following else None
    assert set(listed) == set(article_urls(published))
    assert [link for link, image in listed.items() if image is None] == []
