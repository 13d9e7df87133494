"""Checks of an article's or page's header, with the line of each problem. Pure functions.

The header is read the way Python-Markdown's meta extension reads it (`Key: value` lines from
the top, indented lines continuing the previous value, up to the first other line), so what
is checked here is exactly what Pelican will see.
"""

import difflib
import re
from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_datetime

KEY_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)")
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?)?$")

# Every field as the README spells it, by the lower-case name Pelican uses.
COMMON_FIELDS = {
    "title": "Title",
    "slug": "Slug",
    "status": "Status",
    "summary": "Summary",
    "lang": "Lang",
    "translation": "Translation",
    "template": "Template",
    "save_as": "Save_as",
    "url": "Url",
}
ARTICLE_FIELDS = {
    **COMMON_FIELDS,
    "date": "Date",
    "modified": "Modified",
    "category": "Category",
    "tags": "Tags",
    "author": "Author",
    "authors": "Authors",
    "source": "Source",
    "related": "Related",
}
PAGE_FIELDS = {**COMMON_FIELDS, "author": "Author", "authors": "Authors"}
# What Italian authors write when they mean an English field.
ITALIAN_NAMES = {
    "titolo": "Title",
    "data": "Date",
    "categoria": "Category",
    "tag": "Tags",
    "etichette": "Tags",
    "autore": "Author",
    "autrice": "Author",
    "autori": "Authors",
    "sommario": "Summary",
    "riassunto": "Summary",
    "stato": "Status",
    "fonte": "Source",
    "correlati": "Related",
}
STATUSES = ("published", "draft", "hidden")


@dataclass(frozen=True)
class HeaderLine:
    line: int
    key: str
    value: str


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


def read_header(text):
    """The header's fields in order, each with the line it starts on."""
    lines = text.splitlines()
    entries = []
    start = 1 if lines and re.match(r"^-{3}(\s.*)?$", lines[0]) else 0
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


def suggestion(key, fields):
    if key in ITALIAN_NAMES and ITALIAN_NAMES[key].lower() in fields:
        return ITALIAN_NAMES[key]
    guess = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
    return fields[guess[0]] if guess else None


def unknown_field(entry, fields):
    better = suggestion(entry.key, fields)
    hint = f" Forse intendevi «{better}:»?" if better else ""
    known = ", ".join(fields.values())
    return Problem(
        entry.line,
        f"«{entry.key}» non è un campo che il sito conosce, quindi viene ignorato.{hint} "
        f"I campi possibili sono: {known}.",
    )


def parse_date(value, zone):
    """The moment a Date value names, or None when it is not a complete date."""
    if not FULL_DATE.match(value):
        return None
    try:
        moment = datetime.fromisoformat(value.replace(" ", "T"))
    except ValueError:
        return None
    return moment.replace(tzinfo=zone)


def check_header(entries, kind, now, zone):
    """(problems, notices) for one file's header; `kind` is "article" or "page"."""
    fields = ARTICLE_FIELDS if kind == "article" else PAGE_FIELDS
    problems, notices = [], []
    by_key = {}
    for entry in entries:
        if entry.key not in fields:
            problems.append(unknown_field(entry, fields))
        elif entry.key in by_key:
            name = fields[entry.key]
            problems.append(
                Problem(
                    entry.line,
                    f"«{name}» compare due volte (la prima alla riga "
                    f"{by_key[entry.key].line}): tienine una.",
                )
            )
        else:
            by_key[entry.key] = entry

    title = by_key.get("title")
    if title is None:
        problems.append(Problem(1, "manca il titolo: aggiungi in cima una riga «Title: …»."))
    elif not title.value:
        problems.append(Problem(title.line, "il titolo è vuoto: scrivilo dopo «Title:»."))
    elif tag := HTML_TAG.search(title.value):
        problems.append(
            Problem(
                title.line,
                f"il titolo contiene HTML («{tag[0]}»): un titolo è solo testo, e sul sito, "
                "nei risultati di Google e nei social il tag comparirebbe così com'è. Toglilo.",
            )
        )

    status = by_key.get("status")
    if status and status.value.lower() not in STATUSES:
        problems.append(
            Problem(
                status.line,
                f"«Status: {status.value}» non esiste: scrivi draft (bozza), hidden (nascosto) "
                "o togli la riga per pubblicare.",
            )
        )

    if kind != "article":
        return problems, notices
    date = by_key.get("date")
    if date is None:
        problems.append(
            Problem(
                1,
                "manca la data: aggiungi «Date: AAAA-MM-GG HH:MM», per esempio "
                "«Date: 2026-11-27 09:00».",
            )
        )
        return problems, notices
    moment = parse_date(date.value, zone)
    if moment is None:
        problems.append(
            Problem(
                date.line,
                f"la data «{date.value}» non è completa o non esiste: scrivila come "
                "AAAA-MM-GG HH:MM, per esempio «2026-11-27 09:00».",
            )
        )
    elif moment > now and not (status and status.value.lower() == "draft"):
        when = format_datetime(moment, "d MMMM y 'alle' HH:mm", locale="it")
        notices.append(
            Problem(
                date.line,
                f"è datato {when}: comparirà sul sito con la prima pubblicazione da quel "
                "momento in poi (ogni venerdì alle 9 ce n'è una). Se non è pronto, "
                "aggiungi «Status: draft».",
            )
        )
    return problems, notices
