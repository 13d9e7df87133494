"""Every word a reader sees comes from theme/templates/partials/labels.html.

A translator or an owner rewording the theme edits one file: no template may write a word of
its own, between tags, in an attribute a reader or a screen reader meets, in the plain-text
email, or as a string in template code that reaches the page (`name ~ " (Atom)"`).
"""

import re
from html.parser import HTMLParser

import pytest
from jinja2 import Environment

from sitebuild import ROOT

TEMPLATES = ROOT / "theme" / "templates"
LABELS = TEMPLATES / "partials" / "labels.html"
# Read by browsers and crawlers, never shown to a reader: HTTP headers and robots.txt.
NOT_FOR_READERS = {"headers.html", "robots.html"}
SCANNED = sorted(
    path
    for path in TEMPLATES.rglob("*")
    if path.suffix in (".html", ".txt") and path != LABELS and path.name not in NOT_FOR_READERS
)
# Attributes whose value a reader sees or hears: tooltips, alt texts, accessible names.
READER_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "label", "summary"}
# A button's text, when the button is an <input>.
BUTTON_INPUTS = {"submit", "button", "reset"}
# <meta content> is read (search results, link previews) only for these names.
READER_META = {
    "description",
    "og:title",
    "og:description",
    "og:site_name",
    "twitter:title",
    "twitter:description",
}
# Strings in template code with a space that are values for machines, not words.
MACHINE_STRINGS = {"me noopener"}
# What stands for template code in the text left to scan.
CODE = "\ue000"
JINJA_CODE = re.compile(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
WORD = re.compile(r"[^\W\d_]")


def without_code(source):
    """The template's own text, each Jinja tag replaced by CODE (a comment by nothing),
    with its line breaks kept so that lines still match the file."""

    def replace(match):
        breaks = "\n" * match.group(0).count("\n")
        return breaks if match.group(0).startswith("{#") else CODE + breaks

    # A tag whose name is code (`<{{ heading_tag }}>`) is still a tag.
    return JINJA_CODE.sub(replace, source).replace("<" + CODE, "<x").replace("</" + CODE, "</x")


def has_words(text):
    return bool(WORD.search(text.replace(CODE, "")))


class _ReaderText(HTMLParser):
    """(line, text) of every literal word a reader meets in an HTML template."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.hidden = 0  # inside <style> or <script>: code, not words

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        attributes = dict(attrs)
        if tag in ("style", "script"):
            self.hidden += 1
        for name, value in attrs:
            reader_meta = (
                tag == "meta"
                and name == "content"
                and (
                    attributes.get("name") in READER_META
                    or attributes.get("property") in READER_META
                )
            )
            button = tag == "input" and name == "value" and attributes.get("type") in BUTTON_INPUTS
            shown = name in READER_ATTRIBUTES or reader_meta or button
            if shown and value and has_words(value):
                self.found.append((line, f'{name}="{value.replace(CODE, "{{…}}")}"'))

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self.hidden -= 1

    def handle_data(self, data):
        if self.hidden or not has_words(data):
            return
        leading = data[: len(data) - len(data.lstrip())]
        line = self.getpos()[0] + leading.count("\n")
        self.found.append((line, data.strip().replace(CODE, "{{…}}")))


def printed_strings(source):
    """[(line, string)] of the strings in template code that read as words on the page: prose
    (with a space) or joined to the page's text with `~` or printed alone, never an address."""
    tokens = [token for token in Environment().lex(source) if token[1] != "whitespace"]
    found = []
    for index, (line, kind, value) in enumerate(tokens):
        text = value[1:-1] if kind == "string" else ""
        if not has_words(text) or "/" in text or text in MACHINE_STRINGS:
            continue
        before, after = tokens[index - 1][2], tokens[index + 1][2]
        if " " in text or "~" in (before, after) or (before, after) == ("{{", "}}"):
            found.append((line, value))
    return found


def literal_words(path):
    """(line, text) of the words `path` writes itself instead of taking from labels."""
    source = path.read_text(encoding="utf-8")
    text = without_code(source)
    if path.suffix == ".txt":
        found = [
            (number, line.strip().replace(CODE, "{{…}}"))
            for number, line in enumerate(text.splitlines(), start=1)
            if has_words(line)
        ]
    else:
        parser = _ReaderText()
        parser.feed(text)
        parser.close()
        found = parser.found
    found += printed_strings(source)
    return sorted(found)


def test_the_scan_sees_every_kind_of_hard_coded_word(tmp_path):
    template = tmp_path / "example.html"
    template.write_text(
        '{% import "partials/labels.html" as t %}\n'
        "<p>{{ t.read_more }}</p>\n"
        "<p>Leggi anche</p>\n"
        '<nav aria-label="Menu">{{ t.tags }}</nav>\n'
        '<img src="a.png" alt="{{ t.logo }}"><img src="b.png" alt="Logo">\n'
        '{{ seo_head(name ~ " (Atom)") }}\n'
        '{{ "Tabella" }} {{ SITEURL ~ "/newsletter/" }} {{ name ~ "Feed" }}\n'
        "<style>p { font-family: Georgia, serif; }</style>\n"
        '<meta name="viewport" content="width=device-width">\n'
        '<meta name="description" content="Un blog">\n'
        '<input type="submit" value="Invia"> <input type="hidden" name="lista" value="news">\n'
        "{# a comment for whoever edits the template #}\n",
        encoding="utf-8",
    )
    assert [line for line, _ in literal_words(template)] == [3, 4, 5, 6, 7, 7, 10, 11]
    email = tmp_path / "example.txt"
    email.write_text("{{ t.email_read_article }}: {{ url }}\nCancellati: {{ url }}\n")
    assert literal_words(email) == [(2, "Cancellati: {{…}}")]


@pytest.mark.parametrize("path", SCANNED, ids=lambda path: path.relative_to(TEMPLATES).as_posix())
def test_a_template_writes_no_word_of_its_own(path):
    found = literal_words(path)
    assert found == [], "\n".join(
        f"theme/templates/{path.relative_to(TEMPLATES).as_posix()}:{line}: «{text}» "
        "belongs in partials/labels.html"
        for line, text in found
    )


CSS_CONTENT = re.compile(r"(?<![\w-])content:[^;}]*")
CSS_STRING = re.compile(r""""([^"]*)"|'([^']*)'""")


def test_the_stylesheets_write_no_word_of_their_own():
    # CSS `content` is shown, and read out by screen readers: arrows and signs only.
    found = []
    for path in sorted((ROOT / "theme" / "static").rglob("*.css")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            for declaration in CSS_CONTENT.findall(line):
                strings = [double or single for double, single in CSS_STRING.findall(declaration)]
                if any(has_words(string) for string in strings):
                    found.append(f"{path.relative_to(ROOT).as_posix()}:{number}: {declaration}")
    assert found == []
