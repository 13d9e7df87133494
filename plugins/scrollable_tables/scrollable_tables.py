"""Wrap content tables in a labelled, keyboard-focusable region that scrolls sideways on phones.

A wide table must not make the whole page scroll on a 360 px screen, so it scrolls inside its
own box; that box must then be reachable by keyboard (WCAG 2.1.1), hence `tabindex="0"` and a
region name for screen readers, the theme's label `table_region`. The box also carries the
theme's `table_scroll_hint` ("Scorri di lato…"), which the stylesheet shows above a table only
while it overflows its box: an attribute, so feeds, emails and the search index never read it.
"""

import re

from markupsafe import escape
from pelican import signals

from blog_core import theme_label

TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL | re.IGNORECASE)
FIRST_ROW = re.compile(r"<tr\b.*?</tr>", re.DOTALL | re.IGNORECASE)
CELL = re.compile(r"<t[hd]\b", re.IGNORECASE)
# Three columns of the theme's narrowest cells (7rem) are wider than a 360 px phone: where a
# browser cannot tell whether a table overflows, such a table shows the hint on phones.
WIDE_COLUMNS = 3


def columns(table):
    """How many cells the first row of `table` has."""
    row = FIRST_ROW.search(table)
    return len(CELL.findall(row.group(0))) if row else 0


def wrap_tables(html, label, hint=""):
    """`html` with every table inside `<div class="table-scroll" role="region" tabindex="0">`,
    with `hint` as its `data-hint`."""
    hint = f' data-hint="{escape(hint)}"' if hint else ""
    # Two regions of one page never share a name: "Tabella 1", "Tabella 2".
    numbered = len(TABLE.findall(html)) > 1
    count = 0

    def wrapped(match):
        nonlocal count
        count += 1
        table = match.group(0)
        wide = " table-scroll--wide" if columns(table) >= WIDE_COLUMNS else ""
        name = escape(f"{label} {count}" if numbered else label)
        return (
            f'<div class="table-scroll{wide}" role="region" tabindex="0" aria-label="{name}"{hint}>'
            f"{table}</div>"
        )

    return TABLE.sub(wrapped, html)


def wrap_content_tables(content):
    if content._content and "<table" in content._content:
        theme = content.settings["THEME"]
        content._content = wrap_tables(
            content._content,
            theme_label(theme, "table_region"),
            theme_label(theme, "table_scroll_hint"),
        )


def register():
    signals.content_object_init.connect(wrap_content_tables)
