"""Links and images of an article's HTML, and the content file an intrasite link names.

Pure functions: the plugin reads what Python-Markdown produced, so code blocks and reference
links are already sorted out.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

INTRASITE = re.compile(r"^\{(?P<what>filename|static|attach)\}(?P<path>.*)$")


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
