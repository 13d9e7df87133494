"""Every internal link and asset resolves; only links authors wrote point to another host.

On the fixture site (tests/sites/blog); the links are checked by the one checker of a built
site that publishing uses too (blog_core.check_site).
"""

import re
from urllib.parse import urlparse

from bs4 import BeautifulSoup
from search_site import is_search_script

from blog_core import check_site

URL_ATTRIBUTES = {
    "a": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "source": "src",
    "iframe": "src",
    "form": "action",
    "video": "src",
    "audio": "src",
}
# Where authors write links of their own: bodies, bios, their profile links.
AUTHOR_WRITTEN = [
    "article__body",
    "page__body",
    "author-box__bio",
    "author-profile__bio",
    "profile-links",
]


def references(soup):
    for tag_name, attribute in URL_ATTRIBUTES.items():
        for tag in soup.find_all(tag_name):
            if tag.get(attribute):
                yield tag, tag[attribute]
    for tag in soup.find_all("meta", content=True):
        if re.match(r"(https?:)?//", tag["content"]):
            yield tag, tag["content"]


def is_external(url):
    return bool(urlparse(url).netloc) or url.startswith("//")


def test_every_internal_link_and_asset_resolves(fixture_site):
    # Links with their #fragments, assets, feeds and sitemap.xml; validity has its own test.
    assert check_site(fixture_site.output, "", html=False) == []


def test_internal_addresses_start_at_the_site_root(fixture_site):
    # A relative address would break in a feed reader, an email or a page moved one folder down.
    relative = []
    for file in fixture_site.html_files():
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
        for tag, url in references(soup):
            if is_external(url) or url.startswith(("mailto:", "tel:", "#")):
                continue
            if not url.startswith("/"):
                relative.append(f"{fixture_site.url_of(file)}: <{tag.name}> {url}")
    assert relative == []


def test_no_page_references_another_host_outside_what_authors_wrote(fixture_site):
    offending = []
    for file in fixture_site.html_files():
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
        source_link = soup.select_one(".source-note a")
        allowed = {source_link["href"]} if source_link else set()
        for tag, url in references(soup):
            if not is_external(url):
                continue
            # Only links: an image or script from another host would track readers.
            written_by_author = tag.name == "a" and tag.find_parent(class_=AUTHOR_WRITTEN)
            if written_by_author or url in allowed:
                continue
            offending.append(f"{fixture_site.url_of(file)}: <{tag.name}> {url}")
    assert offending == []


def test_stylesheet_loads_nothing_from_elsewhere(fixture_site):
    css = fixture_site.path("/static/css/style.css").read_text(encoding="utf-8")
    assert "@import" not in css
    assert "@font-face" not in css
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)


def test_no_page_needs_javascript(fixture_site):
    for file in fixture_site.html_files():
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
        where = file.relative_to(fixture_site.output).as_posix()
        # The search page's own scripts only add Pagefind's interface (test_search_browser.py).
        scripts = [
            s
            for s in soup.find_all("script")
            if s.get("type") != "application/ld+json" and not is_search_script(where, s)
        ]
        assert scripts == [], file
