"""A table of contents for long articles: their h2 and h3 headings, linked by the ids in the body.

An article gets one from TABLE_OF_CONTENTS_MIN_HEADINGS h2 headings on; its `Toc:` field turns
it on (`sì`) or off (`no`) whatever the count.
"""

import re
from html.parser import HTMLParser

from pelican import signals
from pelican.contents import Article

from blog_core import ARTICLE, HeaderField, apply_defaults, positive_integer

TABLE_OF_CONTENTS_DEFAULTS = {"TABLE_OF_CONTENTS_MIN_HEADINGS": 4}
YES = ("sì", "si", "yes", "true", "1")
NO = ("no", "false", "0")
SPACES = re.compile(r"\s+")


def wanted(value):
    """True for `sì`, False for `no` (and their English forms), None for no field."""
    if value is None:
        return None
    word = str(value).strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValueError(
        f"«Toc: {value}» non si capisce: scrivi «sì» per mostrare l'indice dell'articolo, "
        "«no» per toglierlo, oppure togli la riga e l'indice compare da solo negli articoli lunghi."
    )


HEADER_FIELDS = (HeaderField("Toc", (ARTICLE,), wanted, aliases=("indice", "sommarioarticolo")),)


class _Headings(HTMLParser):
    """Collects (level, id, plain text) of every h2 and h3 that has an id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self._open = None  # [level, id, text pieces] of the heading being read

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3") and self._open is None:
            self._open = [int(tag[1]), dict(attrs).get("id"), []]

    def handle_endtag(self, tag):
        if self._open is not None and tag == f"h{self._open[0]}":
            level, anchor, pieces = self._open
            text = SPACES.sub(" ", "".join(pieces)).strip()
            if anchor and text:
                self.found.append((level, anchor, text))
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open[2].append(data)


def headings(html):
    """[(level, id, text)] of the h2 and h3 headings of `html` that a link can reach."""
    parser = _Headings()
    parser.feed(html or "")
    parser.close()
    return parser.found


def table_of_contents(html, min_headings, choice=None):
    """The entries to show for `html`: [{"id", "text", "children": [{"id", "text"}]}], each h3
    under the h2 before it; [] when the article is short (fewer than `min_headings` h2) or
    `choice` is False. Plain data: the text is escaped by the template that shows it."""
    found = headings(html)
    sections = sum(1 for level, _, _ in found if level == 2)
    if choice is False or not found or (choice is None and sections < min_headings):
        return []
    entries = []
    for level, anchor, text in found:
        if level == 3 and entries:
            entries[-1]["children"].append({"id": anchor, "text": text})
        else:
            entries.append({"id": anchor, "text": text, "children": []})
    return entries


def configure(pelican):
    apply_defaults(pelican.settings, TABLE_OF_CONTENTS_DEFAULTS, "TABLE_OF_CONTENTS_")
    positive_integer(pelican.settings, "TABLE_OF_CONTENTS_MIN_HEADINGS")


def add_table_of_contents(content):
    if not isinstance(content, Article):
        return
    minimum = content.settings.get(
        "TABLE_OF_CONTENTS_MIN_HEADINGS",
        TABLE_OF_CONTENTS_DEFAULTS["TABLE_OF_CONTENTS_MIN_HEADINGS"],
    )
    try:
        choice = wanted(content.metadata.get("toc"))
    except ValueError:
        choice = None  # content_checks names the bad value; the article keeps the automatic rule
    content.table_of_contents = table_of_contents(content._content, minimum, choice)


def register():
    signals.initialized.connect(configure)
    signals.content_object_init.connect(add_table_of_contents)
