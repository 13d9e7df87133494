"""Small text helpers every plugin and the theme share. Pure functions."""

import difflib
import functools
import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from pelican.utils import slugify

# Comments and tags, told apart: a block ends a word, an inline tag (typogrify's
# <span class="caps">) does not. A regex: three times faster than Markup.striptags.
BLOCK_TAG = re.compile(
    r"<!--.*?-->|</?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|table|tr|td|th|blockquote|pre"
    r"|section|article|aside|header|footer|nav|figure|figcaption|details|summary)\b[^>]*>",
    re.DOTALL | re.IGNORECASE,
)
INLINE_TAG = re.compile(r"<[^>]*>")
# How close a mistyped name must be to a known one to be suggested (difflib's ratio).
SUGGESTION_CUTOFF = 0.75


def plain_text(fragment):
    """The text of an HTML fragment: no tags, entities decoded, ordinary single spaces.

    For `<title>`, meta tags, JSON-LD, feeds, plain-text email and word counts. typogrify's
    widont joins the last two words with a no-break space, which is noise outside HTML.
    """
    if fragment is None:
        return ""
    text = html.unescape(INLINE_TAG.sub("", BLOCK_TAG.sub(" ", str(fragment))))
    return " ".join(text.replace("\xa0", " ").split())


# What a list shows of an article's summary is its text: its picture is the card's own.
PICTURE_ELEMENTS = frozenset({"figure", "picture"})
PICTURE_MARKS = ("<img", "<figure", "<picture")
EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>")


class _PictureFinder(HTMLParser):
    """The spans of the fragment's images, figures and pictures (each whole, what it holds
    included), found by the standard HTML parser: a `>` inside a quoted value is no end."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.line_starts = [0, *(n + 1 for n, c in enumerate(text) if c == "\n")]
        self.spans = []
        self.open = None  # (element, start, depth) of the figure or picture being skipped

    def _offset(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self.open is not None:
            element, start, depth = self.open
            self.open = (element, start, depth + (tag == element))
        elif tag in PICTURE_ELEMENTS:
            self.open = (tag, self._offset(), 1)
        elif tag == "img":
            start = self._offset()
            self.spans.append((start, start + len(self.get_starttag_text())))

    def handle_startendtag(self, tag, attrs):
        if self.open is None and tag == "img":
            start = self._offset()
            self.spans.append((start, start + len(self.get_starttag_text())))

    def handle_endtag(self, tag):
        if self.open is None or tag != self.open[0]:
            return
        element, start, depth = self.open
        if depth > 1:
            self.open = (element, start, depth - 1)
            return
        end = self.rawdata.find(">", self._offset()) + 1
        self.spans.append((start, end))
        self.open = None


@functools.lru_cache(maxsize=4096)
def without_pictures(fragment):
    """An HTML fragment (a summary) without its images, figures and pictures, the rest byte
    for byte; a paragraph left empty goes too. A list's card, a related article and a digest
    email show the article's own picture beside its summary: one picture, the first image of
    the text not a second time (the size of the text's column, or bigger)."""
    if fragment is None:
        return ""
    text = str(fragment)
    if not any(mark in text for mark in PICTURE_MARKS):
        return text
    finder = _PictureFinder(text)
    finder.feed(text)
    finder.close()
    if finder.open is not None:  # an element never closed: to the end
        finder.spans.append((finder.open[1], len(text)))
    kept, last = [], 0
    for start, end in sorted(finder.spans):
        if start >= last:
            kept.append(text[last:start])
            last = end
    kept.append(text[last:])
    return EMPTY_PARAGRAPH.sub("", "".join(kept))


def did_you_mean(word, choices, cutoff=SUGGESTION_CUTOFF):
    """The choice closest to a mistyped `word`, or None when none is close enough."""
    guess = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return guess[0] if guess else None


def is_web_address(value, schemes=("http", "https")):
    """Whether `value` is a whole address a browser can open: scheme, host, no spaces."""
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value)
        parts.hostname  # noqa: B018 - raises for a malformed host such as "http://[x"
    except ValueError:
        return False
    return (
        parts.scheme in schemes
        and bool(parts.hostname)
        and not any(character.isspace() for character in value)
    )


def origin_of(address):
    """ "https://www.example.it" of "https://www.example.it/blog/": what a CSP or an Origin
    header names; "" for anything that is not a web address."""
    return "/".join(address.split("/")[:3]) if is_web_address(address) else ""


def slug_for_title(title, settings):
    """The slug of a plain-text `title`, with accents transliterated ("perché" -> "perche")."""
    # slugify strips tags first, so escape: `<davvero>` is a word of the title, not a tag.
    return slugify(
        html.escape(title, quote=False),
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )
