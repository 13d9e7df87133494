"""The `<img>` tags of an HTML fragment, found by the standard HTML parser and written again.

Only the start tags of images are replaced, each where the parser found it; the rest of the
text is left byte for byte as it was. Values are unescaped when read and escaped again when
written, so nothing from content reaches the page unescaped.
"""

from dataclasses import dataclass
from html.parser import HTMLParser

from markupsafe import escape


@dataclass(frozen=True)
class ImageTag:
    """One `<img>`: where its start tag is in the text and its attributes in order."""

    start: int
    end: int
    attributes: tuple[tuple[str, str | None], ...]

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
        self.tags = []

    def _offset(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            start = self._offset()
            self.tags.append(ImageTag(start, start + len(self.get_starttag_text()), tuple(attrs)))

    handle_startendtag = handle_starttag


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


def replace_tags(html, replacements):
    """`html` with each ImageTag of `replacements` ({tag: new start tag}) put in its place."""
    pieces, last = [], 0
    for tag in sorted(replacements, key=lambda tag: tag.start):
        pieces += [html[last : tag.start], replacements[tag]]
        last = tag.end
    pieces.append(html[last:])
    return "".join(pieces)
