"""The fixture site's HTML passes the Nu Html Checker (the pinned vnu.jar, offline, needs Java)."""

from blog_core.site_check import invalid_html


def test_every_page_is_valid_html(fixture_site):
    assert invalid_html(fixture_site.output) == []
