"""Wrap content tables in a labelled, keyboard-focusable region that scrolls sideways on phones.

A wide table must not make the whole page scroll on a 360 px screen, so it scrolls inside its
own box; that box must then be reachable by keyboard (WCAG 2.1.1), hence `tabindex="0"` and a
region name for screen readers, the theme's label `table_region`.
"""

import re

from markupsafe import escape
from pelican import signals

from blog_core import theme_label

TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL | re.IGNORECASE)


def wrap_tables(html, label):
    """`html` with every table inside `<div class="table-scroll" role="region" tabindex="0">`."""
    opening = f'<div class="table-scroll" role="region" tabindex="0" aria-label="{escape(label)}">'
    return TABLE.sub(lambda match: opening + match.group(0) + "</div>", html)


def wrap_content_tables(content):
    if content._content and "<table" in content._content:
        label = theme_label(content.settings["THEME"], "table_region")
        content._content = wrap_tables(content._content, label)


def register():
    signals.content_object_init.connect(wrap_content_tables)
