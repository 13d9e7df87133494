"""Header checks with line numbers (content_checks plugin), as pure functions."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from blog_core import read_header
from blog_core.fields import CORE_FIELDS, parse_date
from content_checks.header_checks import check_header
from related_articles import HEADER_FIELDS as RELATED_FIELDS

# The build's table: the core's fields and those of a plugin that adds one.
TABLE = CORE_FIELDS + RELATED_FIELDS

ROME = ZoneInfo("Europe/Rome")
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
GOOD = """\
Title: Un titolo
Date: 2026-11-20 09:00
Category: Social media
Tags: instagram, pmi
Author: Giulia Ferri
Summary: Due righe
    che continuano qui.

Fatto: questa riga è testo, non un campo.
"""


def problems(text, kind="article"):
    found, _notices = check_header(read_header(text), kind, NOW, ROME, TABLE)
    return [(problem.line, problem.message) for problem in found]


def test_the_header_is_read_as_markdown_reads_it():
    entries = read_header(GOOD)
    assert [(e.line, e.key) for e in entries] == [
        (1, "title"),
        (2, "date"),
        (3, "category"),
        (4, "tags"),
        (5, "author"),
        (6, "summary"),
    ]
    assert entries[-1].value == "Due righe che continuano qui."


def test_a_complete_header_has_no_problem():
    assert problems(GOOD) == []


def test_a_missing_title_is_named_at_the_top():
    assert problems(GOOD.replace("Title: Un titolo\n", "")) == [
        (1, "manca il titolo: aggiungi in cima una riga «Title: …».")
    ]


def test_an_empty_title_is_named_on_its_line():
    assert problems(GOOD.replace("Title: Un titolo", "Title:")) == [
        (1, "il titolo è vuoto: scrivilo dopo «Title:».")
    ]


@pytest.mark.parametrize(
    ("title", "tag"),
    [("Vendere su <em>Instagram</em>", "<em>"), ('Leggi <a href="/x/">qui</a>', '<a href="/x/">')],
)
def test_html_in_a_title_is_named_with_the_tag(title, tag):
    assert problems(GOOD.replace("Un titolo", title)) == [
        (
            1,
            f"il titolo contiene HTML («{tag}»): un titolo è solo testo, e sul sito, nei "
            "risultati di Google e nei social il tag comparirebbe così com'è. Toglilo.",
        )
    ]


def test_signs_that_are_not_tags_are_fine_in_a_title():
    assert problems(GOOD.replace("Un titolo", "Sconti < 10% & resi > 30 giorni")) == []


@pytest.mark.parametrize(
    "date",
    [
        "2026-11",
        "2026",
        "2026-02-30 09:00",
        "ieri",
        "31/02/2026",  # day first, but no such day
        "12/31/2026",  # month first, as in English: there is no month 31
        "1/12-2026",  # two separators
        "1/12/26",  # a two-digit year
        "1/12/2026 25:00",
    ],
)
def test_a_partial_or_impossible_date_is_named_on_its_line(date):
    found = problems(GOOD.replace("2026-11-20 09:00", date))
    assert found == [
        (
            2,
            f"la data «{date}» non è completa o non esiste: scrivila come AAAA-MM-GG HH:MM, "
            "per esempio «2026-11-27 09:00».",
        )
    ]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("1/12/2026 9:00", datetime(2026, 12, 1, 9, 0)),
        ("01/12/2026", datetime(2026, 12, 1)),
        ("1/12/2026", datetime(2026, 12, 1)),
        ("1-12-2026 09:00", datetime(2026, 12, 1, 9, 0)),
        ("1.12.2026", datetime(2026, 12, 1)),
        ("1/12/2026 09:00:30", datetime(2026, 12, 1, 9, 0, 30)),
        # Ambiguous to an English reader: the day always comes first.
        ("01/02/2026", datetime(2026, 2, 1)),
        ("2026-12-01 09:00", datetime(2026, 12, 1, 9, 0)),
    ],
)
def test_an_italian_day_first_date_is_read_day_first_with_no_problem(written, meant):
    assert parse_date(written) == meant
    assert problems(GOOD.replace("2026-11-20 09:00", written)) == []


@pytest.mark.parametrize(
    ("line", "wanted"),
    [("Tag: pmi", "Tags"), ("Autore: Giulia Ferri", "Author"), ("Categry: Social", "Category")],
)
def test_a_misspelt_or_italian_field_gets_the_right_name(line, wanted):
    found = problems(GOOD.replace("Tags: instagram, pmi", line))
    assert len(found) == 1
    assert found[0][0] == 4
    assert f"Forse intendevi «{wanted}:»?" in found[0][1]


def test_a_field_written_twice_is_named_with_both_lines():
    found = problems(
        GOOD.replace("Category: Social media", "Category: Social media\nCategory: Pmi")
    )
    assert found == [(4, "«Category» compare due volte (la prima alla riga 3): tienine una.")]


def test_an_unknown_status_is_named():
    found = problems(GOOD.replace("Summary:", "Status: bozza\nSummary:"))
    assert found[0][0] == 6 and "«Status: bozza» non esiste" in found[0][1]


def test_a_future_article_says_when_it_will_appear_and_is_not_an_error():
    future = GOOD.replace("2026-11-20 09:00", "2026-11-27 09:00")
    found, notices = check_header(read_header(future), "article", NOW, ROME, TABLE)
    assert found == []
    assert [(n.line, n.message.split(":")[0]) for n in notices] == [
        (2, "è datato 27 novembre 2026 alle 09")
    ]
    draft = future.replace("Summary:", "Status: draft\nSummary:")
    assert check_header(read_header(draft), "article", NOW, ROME, TABLE) == ([], [])


def test_pages_need_a_title_but_no_date():
    page = "Title: Chi siamo\nTemplate: page\nSave_as: chi-siamo/index.html\n\nTesto."
    assert problems(page, kind="page") == []
    assert problems("Date: 2026-11-20\n\nTesto.", kind="page")[0][1].startswith("«date» non")
