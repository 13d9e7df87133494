"""Links and images of an article's HTML, and the content file an intrasite link names.

Pure functions: the plugin reads what Python-Markdown produced, so code blocks and reference
links are already sorted out.
"""

import re
from urllib.parse import unquote, urlsplit

# The links and images of a fragment: read once per build for every plugin (blog_core.parsed).
from blog_core.parsed import Link, links_in

__all__ = ["Link", "content_key", "intrasite", "links_in"]

INTRASITE = re.compile(r"^\{(?P<what>filename|static|attach)\}(?P<path>.*)$")


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
