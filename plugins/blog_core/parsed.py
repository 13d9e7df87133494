"""What several plugins read from a piece of content HTML, worked out once per build.

link_checks wants an article's links and images, the newsletter its first image, reading_time
its words: each used to parse the same HTML again. Now `html_facts(html, settings)` gives the
one HtmlFacts of that text for the whole build, whichever plugin asks first; each fact is
computed when a plugin first asks for it, so a plugin that is switched off costs nothing and
the load order never matters. The facts are small: the plain text itself is not kept (16 MB
for 1,000 articles, for 0.2 s of related_articles' own plain_text).

The table is keyed by the HTML text itself, not by the content object: a plugin that rewrites
an article's HTML gets the facts of the new text, never stale ones. It lives on the build
(blog_core.once_per_build); when the build ends it is kept for the next build of the process
only (the dev server's: an unchanged article's facts are not worked out again on each save),
then dropped, so at most one earlier build's facts stay in memory; outside a build each call
parses afresh. With BUILD_CACHE, the facts worked out are also kept on disk by the digest of
their text (blog_core.kept_results), for the next build in another process (CI's, the next
`invoke build`): an unchanged article is not parsed again there either.
"""

import re
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser

from pelican import signals

from .build import once_per_build
from .kept_results import kept_results
from .page_cache import digest_of_text
from .text import plain_text

WORD = re.compile(r"\w+")


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
        if tag == "a" or tag == "img":
            attributes = dict(attrs)
            if tag == "img":
                self.links.append(Link("img", attributes.get("src") or "", attributes.get("alt")))
            elif attributes.get("href"):
                self.links.append(Link("a", attributes["href"]))


def links_in(html):
    """Every <a href> and <img> of an HTML fragment, in order."""
    collector = _Collector()
    collector.feed(html or "")
    collector.close()
    return collector.links


class HtmlFacts:
    """The facts of one HTML fragment, each computed on first use."""

    def __init__(self, html):
        self.html = html or ""

    @cached_property
    def links(self):
        """Every <a href> and <img>, in order (a tuple of Link)."""
        return tuple(links_in(self.html))

    @cached_property
    def images(self):
        """The <img> elements alone, in order."""
        return tuple(link for link in self.links if link.tag == "img")

    @cached_property
    def word_count(self):
        """The words of blog_core.plain_text of the fragment."""
        return len(WORD.findall(plain_text(self.html)))


TABLE = "blog_core.parsed"


def _new_table(_settings):
    return {}


# The table of the last build that ended in this process, for the next one.
_last_build = {}


# Under this name in the kept results (blog_core.kept_results): {digest of the HTML: {fact:
# value}}, the facts a build worked out, for the next build in another process.
KEPT_FACTS = "blog_core.parsed facts"
FACTS = ("links", "images", "word_count")


# {HTML: {fact: value}} worked out by the processes that read the files ahead (on every core,
# blog_core.content_files), until a plugin first asks for that HTML's facts.
_read_ahead = {}


def facts_read_ahead(content, metadata):
    """In a process reading a file ahead: every fact of its text and of its Summary."""
    texts = [content or ""]
    if isinstance(metadata.get("summary"), str):
        texts.append(metadata["summary"])
    return {html: {name: getattr(HtmlFacts(html), name) for name in FACTS} for html in texts}


def learn_facts(worked_out):
    """Back in the build's process: the facts facts_read_ahead gave, for html_facts."""
    _read_ahead.update(worked_out)


def html_facts(html, settings=None):
    """The HtmlFacts of `html`, shared by every plugin of the build using `settings`."""
    html = html or ""
    table = once_per_build(settings, TABLE, _new_table) if settings else {}
    facts = table.get(html)
    if facts is None:
        facts = table[html] = _last_build.get(html) or HtmlFacts(html)
        for name, value in _read_ahead.pop(html, {}).items():
            facts.__dict__.setdefault(name, value)
        kept = kept_results(settings) if settings else None
        if kept is not None and not hasattr(facts, "digest"):
            facts.digest = digest_of_text(html)
            for name, value in kept.entries.get(KEPT_FACTS, {}).get(facts.digest, {}).items():
                facts.__dict__.setdefault(name, value)
    return facts


def carry_facts(html, rewritten, settings):
    """For a plugin that rewrote only attributes no fact depends on (an image's size and
    srcset, pictures): `rewritten` has the facts of `html`, without being parsed again (nor
    losing the facts the processes reading ahead worked out)."""
    table = once_per_build(settings, TABLE, _new_table) if settings else None
    if table is not None and rewritten not in table:
        table[rewritten] = html_facts(html, settings)


def forget_facts(pelican):
    """The build is over: its facts stay for the next build of this process, and no others,
    and are kept for the next build in another process."""
    plugin_state = getattr(pelican, "plugin_state", None)
    if plugin_state is None:
        return
    table = plugin_state.pop(TABLE, {})
    _read_ahead.clear()
    _last_build.clear()
    _last_build.update(table)
    kept = kept_results(pelican.settings)
    if kept is not None:
        stored = {}
        for facts in table.values():
            known = {name: facts.__dict__[name] for name in FACTS if name in facts.__dict__}
            if known and getattr(facts, "digest", None):
                stored[facts.digest] = known
        kept.replace(KEPT_FACTS, stored)


signals.finalized.connect(forget_facts)
