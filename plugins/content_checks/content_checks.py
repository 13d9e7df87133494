"""Content checks: every mistake in the headers of articles and pages, as `file:line: message`.

The headers are read before Pelican reads the files, so a missing title or a bad date is
named with its line instead of the article silently disappearing. The development build
shows each problem as a warning and goes on; in a strict build (BUILD_PROBLEMS_STRICT, the
publish build) they are errors, and build_problems stops the build after the last check.
"""

import logging
import os
from collections import defaultdict
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.readers import MarkdownReader

from build_problems import NOT_UTF8, display_path, explain, read_source, report_problem

from .header_checks import check_header, read_header

logger = logging.getLogger(__name__)


class HideSlugClashWarnings(logging.Filter):
    """Pelican's warnings for two files with one slug: check_addresses names them better.

    Pelican warns while reading, before the addresses are known, so these are matched by text.
    """

    def filter(self, record):
        return not str(record.msg).startswith(("There are %s items", "There are %s original"))


hide_slug_clash_warnings = HideSlugClashWarnings()


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
    zone = ZoneInfo(generator.settings.get("TIMEZONE") or "UTC")
    now = datetime.now(UTC)
    for kind in ("article", "page"):
        for relative in content_files(generator, kind):
            path = os.path.join(generator.path, relative)
            text, bad_line = read_source(path)
            if text is None:
                explain(path, relative)  # Pelican skips it with a bare UnicodeDecodeError
                report_problem(generator.settings, path, NOT_UTF8, line=bad_line)
                continue
            problems, notices = check_header(read_header(text), kind, now, zone)
            if problems:
                explain(path, relative)
            for problem in problems:
                report_problem(generator.settings, path, problem.message, line=problem.line)
            for notice in notices:
                logger.warning("%s:%d: %s", display_path(path), notice.line, notice.message)


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
        if item.save_as:
            by_address[item.save_as].append(item)
    for save_as, items in sorted(by_address.items()):
        items = sorted(items, key=keeps_address)
        url = "/" + save_as.removesuffix("index.html")
        for number, item in enumerate(items[1:], start=2):
            path = item.source_path
            line = address_line(path)
            report_problem(
                articles.settings,
                path,
                f"ha lo stesso indirizzo {url} di {display_path(items[0].source_path)}: "
                "cambia il titolo o aggiungi «Slug: un-indirizzo-diverso».",
                line=line,
            )
            # Until it is fixed the article keeps an address of its own, so the development
            # build still shows both instead of failing to write the second.
            base = save_as.removesuffix("index.html").rstrip("/")
            item.override_save_as = f"{base}-{number}/index.html"
            item.override_url = f"{base}-{number}/"


def register():
    logging.getLogger("pelican.utils").addFilter(hide_slug_clash_warnings)
    signals.article_generator_init.connect(check_headers)
    signals.all_generators_finalized.connect(check_addresses)
