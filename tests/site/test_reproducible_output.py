"""Two publish builds of the same content, at different moments, write the same bytes."""

import time

from sitebuild import SAMPLE_BUILD_MOMENT, epoch, file_hashes
from tasks import pelican


def test_two_publish_builds_are_byte_identical(tmp_path, monkeypatch):
    # The newsletter's "now" comes from SOURCE_DATE_EPOCH; everything else must need no clock.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(SAMPLE_BUILD_MOMENT))
    first, second = tmp_path / "prima", tmp_path / "seconda"
    assert pelican("publishconf.py", "--output", str(first), "--quiet") == 0
    # Separate processes a couple of seconds apart: a clock anywhere in the output would show.
    time.sleep(2)
    assert pelican("publishconf.py", "--output", str(second), "--quiet") == 0
    assert file_hashes(first) == file_hashes(second)
    assert len(file_hashes(first)) > 100


def test_undated_pages_take_the_newest_article_date_in_the_sitemap(sample_site):
    sitemap = sample_site.html("/sitemap.xml")
    home = sitemap.split("<loc>/</loc>")[1].split("</url>")[0]
    assert "<lastmod>2026-11-20T09:00:00+01:00</lastmod>" in home
