"""Content checks: every mistake in the headers of articles and pages, as `file:line: message`.

The headers are read before Pelican reads the files, so a missing title or a bad date is
named with its line instead of the article silently disappearing. The fields are those of the
build's table (blog_core: the core's and every loaded plugin's). Problems go through
blog_core: warnings in development, errors that stop a strict build after the last check.
"""

import os
from collections import defaultdict
from datetime import UTC, datetime

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.readers import MarkdownReader

from blog_core import (
    NOT_UTF8,
    display_path,
    file_header,
    header_fields,
    notice,
    read_header,
    read_source,
    report_problem,
    site_zone,
)

from .header_checks import check_header


def content_files(generator, kind):
    settings = generator.settings
    prefix = kind.upper()
    return sorted(
        generator.get_files(
            settings[f"{prefix}_PATHS"],
            exclude=settings[f"{prefix}_EXCLUDES"],
            extensions=MarkdownReader.file_extensions,
        )
    )


def check_headers(generator):
    """Before any file is read: the header of every article and page."""
    settings = generator.settings
    zone = site_zone(settings)
    table = header_fields(settings)
    now = datetime.now(UTC)
    for kind in ("article", "page"):
        for relative in content_files(generator, kind):
            path = os.path.join(generator.path, relative)
            header, bad_line = file_header(path)
            if header is None:
                # Pelican would skip it with a bare UnicodeDecodeError.
                report_problem(settings, path, NOT_UTF8, line=bad_line, hides=(path, relative))
                continue
            problems, notices = check_header(list(header), kind, now, zone, table)
            for problem in problems:
                report_problem(
                    settings, path, problem.message, line=problem.line, hides=(path, relative)
                )
            for future in notices:
                notice(path, future.message, line=future.line)


def address_line(path):
    """The line that sets a file's address: its Slug, else its Title, else the first."""
    text, _ = read_source(path)
    lines = {entry.key: entry.line for entry in read_header(text or "")}
    return lines.get("slug") or lines.get("title") or 1


def keeps_address(item):
    """Pages first, then the oldest article: the newcomer is the file to change."""
    date = getattr(item, "date", None)
    return (date is not None, date.timestamp() if date else 0, item.source_path)


def check_addresses(generators):
    """Two articles or pages at one address: the second would overwrite the first."""
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    by_address = defaultdict(list)
    for item in [
        *articles.articles,
        *articles.hidden_articles,
        *articles.translations,
        *pages.pages,
        *pages.hidden_pages,
        *pages.translations,
    ]:
        save_as = item.save_as  # Pelican works it out from the settings at every read
        if save_as:
            # On macOS and Windows /Vetrina/ and /vetrina/ are one file: the second overwrites.
            by_address[save_as.casefold()].append((item, save_as))
    for _, items in sorted(by_address.items()):
        if len(items) == 1:
            continue
        items = sorted(items, key=lambda entry: keeps_address(entry[0]))
        save_as = items[0][1]
        url = "/" + save_as.removesuffix("index.html")
        for number, (item, item_save_as) in enumerate(items[1:], start=2):
            path = item.source_path
            same = (
                f"lo stesso indirizzo {url}"
                if item_save_as == save_as
                else f"l'indirizzo /{item_save_as.removesuffix('index.html')}, che differisce da "
                f"{url} solo per le maiuscole (su Mac e Windows sono lo stesso file),"
            )
            report_problem(
                articles.settings,
                path,
                f"ha {same} di {display_path(items[0][0].source_path)}: "
                "cambia il titolo o aggiungi «Slug: un-indirizzo-diverso».",
                line=address_line(path),
            )
            # Until it is fixed the article keeps an address of its own, so the development
            # build still shows both instead of failing to write the second.
            base = save_as.removesuffix("index.html").rstrip("/")
            item.override_save_as = f"{base}-{number}/index.html"
            item.override_url = f"{base}-{number}/"


def register():
    signals.article_generator_init.connect(check_headers)
    signals.all_generators_finalized.connect(check_addresses)
