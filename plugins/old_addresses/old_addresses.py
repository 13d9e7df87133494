"""Old addresses keep working: a page and a `_redirects` line for each one in OLD_ADDRESSES_FILE.

Thin glue over pages.py: once the site is written (`finalized`), each old address of the list
gets its page, unless the site has a page of its own there (the site's page wins, and is named);
`_redirects` gets one 301 per address. A mistake in the list names its line.
"""

import os

from pelican import signals

from blog_core import apply_defaults, read_content_file, report_problem

from .pages import (
    is_redirect_page,
    output_place,
    read_redirects,
    redirect_page,
    redirects_file,
)

DEFAULTS = {
    # The list of old addresses, in content/; `invoke import-wordpress` writes it.
    "OLD_ADDRESSES_FILE": "redirects.yaml",
    # What the page says while the browser moves on (Italian, as every word a reader sees).
    "OLD_ADDRESSES_WORDS": {
        "title": "Pagina spostata",
        "text": "Questa pagina si è spostata qui:",
    },
}


def write_old_addresses(pelican):
    settings = apply_defaults(pelican.settings, DEFAULTS, "OLD_ADDRESSES_")
    path = os.path.join(settings["PATH"], settings["OLD_ADDRESSES_FILE"])
    if not os.path.isfile(path) or os.path.islink(path):
        return
    text = read_content_file(settings, path)
    if text is None:
        return
    pairs, problems = read_redirects(text)
    for problem in problems:
        report_problem(settings, path, problem.message, line=problem.line)
    output = settings["OUTPUT_PATH"]
    siteurl = settings.get("SITEURL", "")
    written = []
    for old, new in pairs:
        place = os.path.join(output, output_place(old))
        if os.path.exists(place) and not _ours(place):
            report_problem(
                settings,
                path,
                f"«{old}» è già un indirizzo del sito: il rinvio a «{new}» non serve, toglilo.",
            )
            continue
        os.makedirs(os.path.dirname(place), exist_ok=True)
        with open(place, "w", encoding="utf-8") as page:
            page.write(redirect_page(siteurl + new, settings["OLD_ADDRESSES_WORDS"]))
        written.append((old, new))
    if written:
        with open(os.path.join(output, "_redirects"), "w", encoding="utf-8") as lines:
            lines.write(redirects_file(written, siteurl))


def _ours(place):
    """Whether the file at `place` is a redirect page of an earlier build into this output."""
    try:
        with open(place, encoding="utf-8") as page:
            return is_redirect_page(page.read(4096))
    except (OSError, UnicodeDecodeError):
        return False


def register():
    signals.finalized.connect(write_old_addresses)
