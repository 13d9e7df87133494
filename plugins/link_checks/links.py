"""Links and images of an article's HTML, and where each one is written in its Markdown.

Pure functions: the plugin reads what Python-Markdown produced (so code blocks and reference
links are already sorted out) and finds each target back in the source for its line.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

INTRASITE = re.compile(r"^\{(?P<what>filename|static|attach)\}(?P<path>.*)$")
# Targets that are not pages of this site: other sites, mail, phone, data, anchors.
ELSEWHERE = re.compile(r"^([a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    tag: str  # "a" or "img"
    target: str  # href or src, as written
    alt: str | None = None  # images only; None when the attribute is missing


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(Link("a", attributes["href"]))
        elif tag == "img":
            self.links.append(Link("img", attributes.get("src") or "", attributes.get("alt")))


def links_in(html):
    """Every <a href> and <img> of an HTML fragment, in order."""
    collector = _Collector()
    collector.feed(html or "")
    collector.close()
    return collector.links


def intrasite(target):
    """("filename" | "static" | "attach", content path without #fragment or ?query), or None."""
    match = INTRASITE.match(target)
    if not match:
        return None
    path = unquote(urlsplit(match["path"]).path)
    return match["what"], path


def content_key(path, source_dir):
    """The content-relative path Pelican looks up: from the content root if it starts with /."""
    if path.startswith("/"):
        joined = path.lstrip("/")
    else:
        joined = f"{source_dir}/{path}" if source_dir else path
    parts = []
    for part in joined.split("/"):
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def site_path(target, page_url, siteurl=""):
    """The output path a link to this site points to, or None for other sites and anchors.

    `page_url` is the page's own address (`vetrine-online/`), for relative links.
    """
    if siteurl and target.startswith(siteurl.rstrip("/") + "/"):
        target = target[len(siteurl.rstrip("/")) :]
    if ELSEWHERE.match(target) or INTRASITE.match(target):
        return None
    path = unquote(urlsplit(urljoin("/" + page_url, target)).path)
    return path


def output_candidates(path):
    """Files that would serve `path`: the file itself, or the folder's index.html."""
    relative = path.lstrip("/")
    if not relative or relative.endswith("/"):
        return [relative + "index.html"]
    return [relative, relative + "/index.html"]


def line_of(source_text, target, occurrence, body_start):
    """The line of the `occurrence`-th (0-based) appearance of `target` in the body."""
    seen = 0
    lines = source_text.splitlines()
    for number, line in enumerate(lines[body_start - 1 :], start=body_start):
        count = line.count(target)
        if seen + count > occurrence:
            return number
        seen += count
    return body_start


def body_start(source_text):
    """The first line after the header (the first blank line), where the text begins."""
    for number, line in enumerate(source_text.splitlines(), start=1):
        if not line.strip():
            return number + 1
    return 1
