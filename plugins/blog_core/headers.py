"""Content files as Pelican reads them: the text, the header's fields and the line of each.

The header is read the way Python-Markdown's meta extension reads it (`Key: value` lines from
the top, indented lines continuing the previous value, up to the first other line), so what is
checked and pointed at here is exactly what Pelican sees. Pure functions.
"""

import re
from collections import Counter
from dataclasses import dataclass

from .unchanged_files import KeptWhileUnchanged

KEY_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)")
OPENING_FENCE = re.compile(r"^-{3}(\s.*)?$")

NOT_UTF8 = (
    "il file non è salvato in UTF-8, quindi le lettere accentate non si leggono (la prima è "
    "in questa riga): salvalo di nuovo scegliendo la codifica UTF-8 (in molti editor: "
    "Salva con nome → Codifica → UTF-8)."
)


@dataclass(frozen=True)
class HeaderLine:
    """One field of a header: the line it starts on, its lower-case name and its value."""

    line: int
    key: str
    value: str


def read_source(path):
    """(text, None) as Pelican reads a content file: UTF-8, a leading BOM dropped.

    For a file saved in another encoding (Windows' ANSI, Latin-1): (None, the line of the
    first character that is not UTF-8), to name it instead of stopping with a traceback.
    """
    with open(path, "rb") as source:
        data = source.read()
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        return None, data[: error.start].count(b"\n") + 1


def _file_header(path):
    text, bad_line = read_source(path)
    return (None if text is None else tuple(read_header(text))), bad_line


# Every build checks every file's header: the dev server's read again only the changed files.
file_header = KeptWhileUnchanged(_file_header)
file_header.__doc__ = """(the header's fields, None) of a content file as Pelican reads it, or
(None, the line of its first character that is not UTF-8); OSError as open's."""


def read_header(text):
    """The header's fields in order, each with the line it starts on."""
    lines = text.splitlines()
    entries = []
    start = 1 if lines and OPENING_FENCE.match(lines[0]) else 0
    for number, line in enumerate(lines[start:], start=start + 1):
        key_line = KEY_LINE.match(line)
        more = CONTINUATION.match(line)
        if key_line:
            entries.append(HeaderLine(number, key_line["key"].lower(), key_line["value"].strip()))
        elif more and entries:
            last = entries[-1]
            entries[-1] = HeaderLine(last.line, last.key, f"{last.value} {more['value'].strip()}")
        else:
            break
    return entries


def field_line(text, *fields):
    """The line of the first header field named one of `fields`, else 1 (the header's top)."""
    return next((entry.line for entry in read_header(text) if entry.key in fields), 1)


def header_line(path, *fields):
    """field_line() of a file, read as Pelican reads it."""
    return field_line(read_source(path)[0] or "", *fields)


def body_start(text):
    """The line where the text begins: the first that is not blank after the header."""
    lines = text.splitlines()
    last = 0
    for entry in read_header(text):
        last = entry.line
        # A value continued on indented lines ends where they end.
        while last < len(lines) and CONTINUATION.match(lines[last]) and lines[last].strip():
            last += 1
    while last < len(lines) and not lines[last].strip():
        last += 1
    return last + 1


class SourceLines:
    """A content file's text, to find things of its body back: the n-th search for the same
    target finds its n-th appearance. `fold_case`: HTML tags and attributes, which the
    sanitizer reports in lower case whatever the author typed."""

    def __init__(self, source_path, fold_case=False):
        self.text = read_source(source_path)[0] or ""
        self.start = body_start(self.text)
        self.fold_case = fold_case
        self._searched = self.text.lower() if fold_case else self.text
        self.seen = Counter()

    def line(self, target):
        wanted = target.lower() if self.fold_case else target
        number = line_of(self._searched, wanted, self.seen[target], self.start)
        self.seen[target] += 1
        return number


def line_of(text, target, occurrence=0, start=1):
    """The line of the `occurrence`-th (0-based) appearance of `target` from line `start` on."""
    seen = 0
    for number, line in enumerate(text.splitlines()[start - 1 :], start=start):
        count = line.count(target)
        if seen + count > occurrence:
            return number
        seen += count
    return start


YAML_LIST_ITEM = re.compile(r"^\s+- ")


def yaml_header_problems(text):
    """(line, message) for what a header written as YAML front matter (`---` … `---`, lists in
    brackets or as `- item` lines) means to YAML but not to Pelican, which would mangle it."""
    problems = []
    for entry in read_header(text):
        if entry.value.startswith("[") and entry.value.endswith("]"):
            inside = entry.value[1:-1]
            problems.append(
                (
                    entry.line,
                    f"«{entry.key}: {entry.value}» è una lista scritta come in YAML: qui le "
                    f"parentesi quadre finirebbero nei nomi. Scrivi «{entry.key.capitalize()}: "
                    f"{inside}», separati da virgole.",
                )
            )
    lines = text.splitlines()
    if lines and OPENING_FENCE.match(lines[0]):
        header_end = max((entry.line for entry in read_header(text)), default=1)
        following = lines[header_end] if header_end < len(lines) else ""
        if YAML_LIST_ITEM.match(following):
            problems.append(
                (
                    header_end + 1,
                    "questa lista è scritta come in YAML, una voce per riga con il trattino: "
                    "qui l'intestazione finisce su questa riga e il resto finirebbe nel testo. "
                    "Scrivi le voci sulla riga del campo, separate da virgole (per esempio "
                    "«Tags: social, vetrina»).",
                )
            )
    return problems
