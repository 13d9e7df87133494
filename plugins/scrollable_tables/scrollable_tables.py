"""Wrap content tables in a labelled, keyboard-focusable region that scrolls sideways on phones.

A wide table must not make the whole page scroll on a 360 px screen, so it scrolls inside its
own box; that box must then be reachable by keyboard (WCAG 2.1.1), hence `tabindex="0"` and a
region name for screen readers.
"""

import re

from markupsafe import escape
from pelican import signals

SCROLLABLE_TABLES_DEFAULTS = {"SCROLLABLE_TABLES_LABEL": "Tabella"}
TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL | re.IGNORECASE)


def wrap_tables(html, label):
    """`html` with every table inside `<div class="table-scroll" role="region" tabindex="0">`."""
    opening = f'<div class="table-scroll" role="region" tabindex="0" aria-label="{escape(label)}">'
    return TABLE.sub(lambda match: opening + match.group(0) + "</div>", html)


def configure(pelican):
    name = "SCROLLABLE_TABLES_LABEL"
    value = pelican.settings.setdefault(name, SCROLLABLE_TABLES_DEFAULTS[name])
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} deve essere un testo non vuoto, per esempio 'Tabella'")


def wrap_content_tables(content):
    if content._content and "<table" in content._content:
        label = content.settings.get(
            "SCROLLABLE_TABLES_LABEL", SCROLLABLE_TABLES_DEFAULTS["SCROLLABLE_TABLES_LABEL"]
        )
        content._content = wrap_tables(content._content, label)


def register():
    signals.initialized.connect(configure)
    signals.content_object_init.connect(wrap_content_tables)
