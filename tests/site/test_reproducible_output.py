"""Two publish builds of the same content, at different moments, write the same bytes."""

import time

from content_headers import read_header
from pelican.settings import read_settings

from blog_core.labels import TemplateCache
from sitebuild import (
    BLOG_SITE,
    FIXTURE_BUILD_MOMENT,
    ROOT,
    build_site,
    epoch,
    file_hashes,
    run_module,
)
from tasks import pelican


def test_two_publish_builds_are_byte_identical(tmp_path, monkeypatch):
    # The newsletter's "now" comes from SOURCE_DATE_EPOCH; everything else must need no clock.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(FIXTURE_BUILD_MOMENT))
    first, second = tmp_path / "prima", tmp_path / "seconda"
    build = ("publishconf.py", str(BLOG_SITE), "--quiet", "--output")
    assert pelican(*build, str(first)) == 0
    # Separate processes a couple of seconds apart: a clock anywhere in the output would show.
    time.sleep(2)
    assert pelican(*build, str(second)) == 0
    hashes = file_hashes(first)
    assert hashes == file_hashes(second)
    # The whole site is compared: every article, every digest's email, the feeds, the sitemap
    # (the fixture's articles are named after their slugs).
    articles = {
        f"{source.stem}/index.html"
        for source in (BLOG_SITE / "articles").glob("*.md")
        if read_header(source).get("status") != "draft"
    }
    assert len(articles) == 8 and articles <= set(hashes)
    assert len([path for path in hashes if path.endswith("/email.html")]) == 7
    assert {"feed/atom.xml", "feed/rss.xml", "newsletter/feed.xml", "sitemap.xml"} <= set(hashes)


def test_undated_pages_take_the_newest_article_date_in_the_sitemap(fixture_site):
    sitemap = fixture_site.html("/sitemap.xml")
    home = sitemap.split("<loc>/</loc>")[1].split("</url>")[0]
    assert "<lastmod>2026-03-11T09:00:00+01:00</lastmod>" in home


def test_a_source_date_epoch_that_is_no_moment_stops_the_build_naming_it(tmp_path, monkeypatch):
    # Read only once the build runs (which weeks have closed): the same message as a bad setting.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "ieri")
    output = tmp_path / "output"
    result = run_module("pelican", str(BLOG_SITE), "-s", "pelicanconf.py", "-o", str(output))
    log = result.stdout + result.stderr
    assert result.returncode == 1, log
    assert (
        "Impostazione da correggere: SOURCE_DATE_EPOCH deve essere un numero di secondi dal "
        "1970, non 'ieri'"
    ) in log
    assert "Traceback" not in log


def test_compiled_templates_kept_in_the_cache_write_the_same_site(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(FIXTURE_BUILD_MOMENT))
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    uncached = {k: v for k, v in settings["JINJA_ENVIRONMENT"].items() if k != "bytecode_cache"}
    assert isinstance(settings["JINJA_ENVIRONMENT"]["bytecode_cache"], TemplateCache)
    warm = build_site(tmp_path / "first", content=BLOG_SITE)
    cached = build_site(tmp_path / "second", content=BLOG_SITE)
    fresh = build_site(tmp_path / "third", content=BLOG_SITE, JINJA_ENVIRONMENT=uncached)
    assert file_hashes(cached.output) == file_hashes(fresh.output) == file_hashes(warm.output)
