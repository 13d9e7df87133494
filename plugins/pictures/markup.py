"""The `<img>` tags of an HTML fragment, found by the standard HTML parser and written again.

Only the start tags of images are replaced (or, for a captioned image alone in its paragraph,
that paragraph), each where the parser found it; the rest of the text is left byte for byte as
it was. Values are unescaped when read and escaped again when
written, so nothing from content reaches the page unescaped.
"""

from dataclasses import dataclass, replace
from html.parser import HTMLParser

from markupsafe import escape


@dataclass(frozen=True)
class Span:
    """A stretch of the text, from `start` to `end`."""

    start: int
    end: int


@dataclass(frozen=True)
class ImageTag:
    """One `<img>`: where its start tag is in the text and its attributes in order;
    `paragraph`, the Span of a plain `<p>…</p>` that holds this image and nothing else;
    `linked`, whether it is inside a link already."""

    start: int
    end: int
    attributes: tuple[tuple[str, str | None], ...]
    paragraph: Span | None = None
    linked: bool = False

    def get(self, name, default=None):
        for key, value in self.attributes:
            if key == name:
                return value
        return default


class _ImageFinder(HTMLParser):
    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.line_starts = [0]
        for number, character in enumerate(text):
            if character == "\n":
                self.line_starts.append(number + 1)
        self.text = text
        self.tags = []
        # The open plain paragraph: its start and what it holds so far (images' indexes in
        # self.tags, or None for anything else).
        self.paragraph = None
        self.open_links = 0

    def _offset(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self.paragraph = (self._offset(), []) if not attrs else None
        elif tag == "img":
            start = self._offset()
            end = start + len(self.get_starttag_text())
            self.tags.append(ImageTag(start, end, tuple(attrs), linked=self.open_links > 0))
            self._holds(len(self.tags) - 1)
        else:
            if tag == "a":  # `<a/>` too: HTML opens a link there all the same
                self.open_links += 1
            self._holds(None)

    handle_startendtag = handle_starttag

    def _holds(self, what):
        if self.paragraph is not None:
            self.paragraph[1].append(what)

    def handle_data(self, data):
        if data.strip():
            self._holds(None)

    def handle_endtag(self, tag):
        if tag == "p" and self.paragraph is not None:
            start, held = self.paragraph
            self.paragraph = None
            if len(held) == 1 and held[0] is not None:
                end = self.text.index(">", self._offset()) + 1
                image = self.tags[held[0]]
                self.tags[held[0]] = replace(image, paragraph=Span(start, end))
        elif tag != "img":
            if tag == "a":
                self.open_links = max(0, self.open_links - 1)
            self._holds(None)


def image_tags(html):
    """Every `<img>` start tag of `html`, in order."""
    finder = _ImageFinder(html)
    finder.feed(html)
    finder.close()
    return finder.tags


def start_tag(attributes):
    """`<img …>` with `attributes` (name, value) in order, each value escaped."""
    parts = ["<img"]
    for name, value in attributes:
        parts.append(f" {name}" if value is None else f' {name}="{escape(value)}"')
    return "".join(parts) + ">"


def with_attributes(tag, changes):
    """The attributes of `tag` with `changes` applied: a value replaces or adds the attribute
    (added after the others, in the order given), None removes it."""
    result = [(name, value) for name, value in tag.attributes if name not in changes]
    result += [(name, value) for name, value in changes.items() if value is not None]
    return result


def linked_to(image_tag, href):
    """The image's start tag inside a link to `href` (escaped): the image opens on its own."""
    return f'<a class="image-link" href="{escape(href)}">{image_tag}</a>'


def figure(image_tag, caption):
    """A captioned image: `<figure>` with the image's start tag and the caption, escaped."""
    return f'<figure class="figure">{image_tag}<figcaption>{escape(caption)}</figcaption></figure>'


def replace_tags(html, replacements):
    """`html` with each ImageTag or Span of `replacements` ({tag or span: new text}) put in
    its place."""
    pieces, last = [], 0
    for tag in sorted(replacements, key=lambda tag: tag.start):
        pieces += [html[last : tag.start], replacements[tag]]
        last = tag.end
    pieces.append(html[last:])
    return "".join(pieces)
