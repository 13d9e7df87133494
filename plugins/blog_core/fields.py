"""The header fields the site knows: one table, which each plugin extends with its own fields.

A field says where it may appear (articles, pages, author bios), how its value is checked, and
what to tell an author who leaves it out. The core's table holds Pelican's own fields; a plugin
adds its fields by listing them in `HEADER_FIELDS` in its package, and BlogPelican puts the
fields of the plugins that loaded into the build's table. Pure functions.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from .text import did_you_mean, is_web_address

ARTICLE, PAGE, BIO, DESCRIPTION = "article", "page", "bio", "description"
# A tag of HTML (or SVG/MathML's roots): `<davvero>` in a title is a word between angle brackets.
HTML_ELEMENTS = (  # noqa: SIM905 - one word per element reads like the standard's list
    "a abbr address area article aside audio b base bdi bdo blockquote body br button canvas "
    "caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed "
    "fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup "
    "hr html i iframe img input ins kbd label legend li link main map mark math menu meta meter "
    "nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby s "
    "samp script search section select slot small source span strong style sub summary sup svg "
    "table tbody td template textarea tfoot th thead time title tr track u ul var video wbr"
).split()
HTML_TAG = re.compile(r"</?(?:" + "|".join(HTML_ELEMENTS) + r")(?=[\s/>])[^<>]*>?", re.IGNORECASE)
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?)?$")
# The day first, as Italians write it: 1/12/2026 9:00, 01/12/2026, 1-12-2026, 1.12.2026 (one
# separator throughout); the year's four digits tell it from the ISO form.
DAY_FIRST_DATE = re.compile(
    r"^(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})"
    r"(?:[ T](?P<hour>\d{1,2})(?P<minutes>:\d{2}(?::\d{2})?))?$"
)
STATUSES = ("published", "draft", "hidden")
# How a message names the files of each kind.
KIND_FIELDS = {
    ARTICLE: "che il sito conosce",
    PAGE: "che il sito conosce",
    BIO: "delle schede autore",
    DESCRIPTION: "delle descrizioni di categorie e tag",
}


@dataclass(frozen=True)
class HeaderField:
    """A header field, as the README spells it (`Related`), and what it accepts."""

    name: str
    kinds: tuple[str, ...]
    # Checks a value: returns it, or raises ValueError with the message for the author.
    parse: Callable[[str], object] | None = None
    # What to tell the author when the field is missing; None: the field is optional.
    missing: str | None = None
    # What Italian authors write when they mean this field (`correlati`).
    aliases: tuple[str, ...] = ()

    @property
    def key(self):
        """The lower-case name Pelican gives the field."""
        return self.name.lower()


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


def iso_date(value):
    """A day-first Date value written the ISO way ("1/12/2026 9:00" -> "2026-12-01 09:00"); any
    other value as it is."""
    found = DAY_FIRST_DATE.match(value.strip())
    if not found:
        return value
    iso = f"{found['year']}-{int(found['month']):02d}-{int(found['day']):02d}"
    if found["hour"]:
        iso += f" {int(found['hour']):02d}{found['minutes']}"  # 9:00 -> 09:00
    return iso


def parse_date(value):
    """The moment a Date value names (naive, local time), or None when it is not complete.

    Two forms are read: AAAA-MM-GG and the day first (GG/MM/AAAA), each with an optional time;
    01/02/2026 is always 1 February.
    """
    value = iso_date(value.strip())
    if not FULL_DATE.match(value):
        return None
    try:
        return datetime.fromisoformat(value.replace(" ", "T"))
    except ValueError:
        return None


def complete_date(value):
    moment = parse_date(value)
    if moment is None:
        raise ValueError(
            f"la data «{value}» non è completa o non esiste: scrivila come AAAA-MM-GG HH:MM, "
            "per esempio «2026-11-27 09:00»."
        )
    return moment


def plain_title(value):
    if not value:
        raise ValueError("il titolo è vuoto: scrivilo dopo «Title:».")
    if tag := HTML_TAG.search(value):
        raise ValueError(
            f"il titolo contiene HTML («{tag[0]}»): un titolo è solo testo, e sul sito, nei "
            "risultati di Google e nei social il tag comparirebbe così com'è. Toglilo."
        )
    return value


def known_status(value):
    if value.lower() not in STATUSES:
        raise ValueError(
            f"«Status: {value}» non esiste: scrivi draft (bozza), hidden (nascosto) o togli la "
            "riga per pubblicare."
        )
    return value.lower()


def web_address(value):
    if not is_web_address(value):
        raise ValueError(
            f"«{value}» non è un indirizzo web: scrivilo intero, con https:// davanti (per "
            "esempio https://www.sito.it/pagina)."
        )
    return value


BOTH = (ARTICLE, PAGE)
CORE_FIELDS = (
    HeaderField(
        "Title",
        BOTH,
        plain_title,
        missing="manca il titolo: aggiungi in cima una riga «Title: …».",
        aliases=("titolo",),
    ),
    HeaderField("Slug", BOTH),
    HeaderField("Status", BOTH, known_status, aliases=("stato",)),
    HeaderField("Summary", BOTH, aliases=("sommario", "riassunto")),
    HeaderField("Lang", BOTH),
    HeaderField("Translation", BOTH),
    HeaderField("Template", BOTH),
    HeaderField("Save_as", BOTH),
    HeaderField("Url", BOTH),
    HeaderField(
        "Date",
        (ARTICLE,),
        complete_date,
        missing="manca la data: aggiungi «Date: AAAA-MM-GG HH:MM», per esempio "
        "«Date: 2026-11-27 09:00».",
        aliases=("data",),
    ),
    HeaderField("Modified", (ARTICLE,), complete_date),
    HeaderField("Category", (ARTICLE,), aliases=("categoria",)),
    HeaderField("Tags", (ARTICLE,), aliases=("tag", "etichette")),
    HeaderField("Author", BOTH, aliases=("autore", "autrice")),
    HeaderField("Authors", BOTH, aliases=("autori",)),
    # Checked where it is read (blog_core.reader), so a bad address never reaches a page.
    HeaderField("Source", (ARTICLE,), aliases=("fonte",)),
)


def fields_for(kind, table):
    """{key: field} of the fields of `table` that files of `kind` may have, in table order."""
    return {field.key: field for field in table if kind in field.kinds}


def suggestion(key, fields):
    """The field an author most likely meant by an unknown `key`, or None."""
    for field in fields.values():
        if key in field.aliases:
            return field.name
    guess = did_you_mean(key, fields)
    return fields[guess].name if guess else None


def unknown_field(entry, fields, kind):
    better = suggestion(entry.key, fields)
    hint = f" Forse intendevi «{better}:»?" if better else ""
    known = ", ".join(field.name for field in fields.values())
    return Problem(
        entry.line,
        f"«{entry.key}» non è un campo {KIND_FIELDS[kind]}, quindi viene ignorato.{hint} "
        f"I campi possibili sono: {known}.",
    )


def check_fields(entries, table, kind):
    """(problems, {key: (entry, parsed value)}) for a header's fields against the table.

    Unknown and repeated fields, values their field refuses and missing required fields;
    a field with a problem is left out of the values.
    """
    fields = fields_for(kind, table)
    problems, values = [], {}
    first = {}
    for entry in entries:
        field = fields.get(entry.key)
        if field is None:
            problems.append(unknown_field(entry, fields, kind))
            continue
        if entry.key in first:
            problems.append(
                Problem(
                    entry.line,
                    f"«{field.name}» compare due volte (la prima alla riga "
                    f"{first[entry.key].line}): tienine una.",
                )
            )
            continue
        first[entry.key] = entry
        try:
            value = field.parse(entry.value) if field.parse else entry.value
        except ValueError as error:
            problems.append(Problem(entry.line, str(error)))
            continue
        values[entry.key] = (entry, value)
    for field in fields.values():
        if field.missing and field.key not in first:
            problems.append(Problem(1, field.missing))
    return problems, values
