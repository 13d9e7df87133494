"""Every internal link and asset resolves; only links authors wrote point to another host."""

import re
from urllib.parse import urlparse

from bs4 import BeautifulSoup

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


def test_every_internal_link_and_asset_resolves(sample_site):
    broken = []
    for file in sample_site.html_files():
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
        for _tag, url in references(soup):
            if is_external(url) or url.startswith(("mailto:", "tel:")):
                continue
            path, _, fragment = url.partition("#")
            target_url = path or sample_site.url_of(file)
            assert target_url.startswith("/"), f"{file}: relative URL {url}"
            if not sample_site.exists(target_url):
                broken.append(f"{sample_site.url_of(file)} -> {url}")
            elif fragment and sample_site.soup(target_url).find(id=fragment) is None:
                broken.append(f"{sample_site.url_of(file)} -> {url} (no #{fragment})")
    assert broken == []


def test_no_page_references_another_host_outside_what_authors_wrote(sample_site):
    offending = []
    for file in sample_site.html_files():
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
            offending.append(f"{sample_site.url_of(file)}: <{tag.name}> {url}")
    assert offending == []


def test_stylesheet_loads_nothing_from_elsewhere(sample_site):
    css = sample_site.path("/static/css/style.css").read_text(encoding="utf-8")
    assert "@import" not in css
    assert "@font-face" not in css
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)


def test_no_page_needs_javascript(sample_site):
    for file in sample_site.html_files():
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
        scripts = [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"]
        assert scripts == [], file
