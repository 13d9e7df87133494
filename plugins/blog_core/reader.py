"""The readers BlogPelican gives Pelican: its own, with the content policy applied on the way out.

Every body and `Summary` a reader returns goes through blog_core.sanitize before any
plugin or template sees it, whichever format it was written in (Markdown, HTML,
reStructuredText); every title is escaped text; the fields that touch addresses and templates
go through blog_core.addresses; control characters and impossible dates are taken out. What
the policy removes is a problem named with its file and line: a warning
in development, where the preview shows the cleaned page (never the unsafe one), an error when
publishing.
"""

import html
import logging
import re
from datetime import UTC, datetime
from functools import cached_property

from pelican.readers import _DISCARD, HTMLReader, Markdown, MarkdownReader, RstReader
from pelican.utils import SafeDatetime, pelican_open

from .addresses import address_refusals, content_kind, theme_templates
from .dates import build_moment, site_zone
from .embeds import cards_for_embeds
from .fields import ARTICLE, iso_date, parse_date, web_address
from .headers import SourceLines, field_line, read_header, yaml_header_problems
from .problems import is_strict, report_problem
from .sanitize import clean, removals
from .text import slug_for_title

# Control characters (but tab and line ends): invisible in an editor, and no feed or sitemap
# can carry them (XML 1.0 forbids them).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Years a date of a real article falls in; the year 1 cannot even be shifted to a time zone.
YEARS = range(1970, 2200)
DATE_FIELDS = {"date": "Date", "modified": "Modified"}


def cleaned(settings, source_path, html, lines_from):
    """`html` cleaned; each removal reported, on its line found by `lines_from(removal)`."""
    safe = clean(html)
    if safe != html:
        for removal in removals(html):
            line = lines_from(removal)
            report_problem(settings, source_path, removal.message, line=line)
    return safe


def without_controls(value):
    return CONTROL.sub("", value) if isinstance(value, str) else value


def control_lines(text):
    """The lines of `text` with a control character, each with the first one's code."""
    found = {}
    for match in CONTROL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        found.setdefault(line, f"U+{ord(match[0]):04X}")
    return found


def plain_title_metadata(metadata, settings):
    """A title is text: its slug from the raw words (unless given), then escaped as HTML.

    Pelican runs typogrify over the raw `Title:` string, so `Perché serve alle PMI <davvero>`
    would lose `<davvero>` as an unknown tag, and `<script>` in a title would run. Escaped,
    `article.title` is always safe HTML, typogrified; the theme's `plain_text` filter turns it
    back into text for `<title>`, `<meta>`, Open Graph and JSON-LD.
    """
    title = metadata.get("title")
    if not isinstance(title, str):
        return metadata
    if "slug" not in metadata and settings.get("SLUGIFY_SOURCE") == "title":
        metadata["slug"] = slug_for_title(title, settings)
    metadata["title"] = html.escape(title, quote=False)
    return metadata


class _EmptySlugEchoes(logging.Filter):
    """Pelican's English "Unable to generate valid slug": the reader names every tag, category
    and author without letters itself, with the file and line, and leaves it out."""

    def filter(self, record):
        return not str(record.msg).startswith("Unable to generate valid slug")


logging.getLogger("pelican.urlwrappers").addFilter(_EmptySlugEchoes())


class SanitizingReader:
    """Mixed into a Pelican reader: what it read, through the content policy."""

    def process_metadata(self, name, value):
        value = without_controls(value)
        if name in DATE_FIELDS and isinstance(value, str):
            # Pelican's dateutil reads 1/12/2026 month first (12 January) and fills in what
            # "2026-11" leaves out: only a date the field check reads too reaches it, as ISO.
            if parse_date(value) is None:
                return _DISCARD
            value = iso_date(value.strip())
        try:
            return super().process_metadata(name, value)
        except (ValueError, OverflowError):
            # Pelican would skip the whole file with a bare "Could not process"; content_checks
            # (or the date check in read()) names the field instead.
            if name in DATE_FIELDS:
                return _DISCARD
            raise

    def read(self, source_path):
        """What the file holds, through the policy and typogrify; kept in the build's content
        cache (blog_core.content_cache), so an unchanged file is read once."""
        from .build import content_cache  # build imports this module

        cache = content_cache(self.settings)
        if cache is None:
            return self.read_fresh(source_path)
        return cache.read(source_path, self.read_fresh)

    def read_unsafe(self, source_path):
        """The format's own reader: what the author wrote, as is."""
        return super().read(source_path)

    def read_fresh(self, source_path):
        content, metadata = self.read_unsafe(source_path)
        lines = SourceLines(source_path, fold_case=True)
        for line, code in control_lines(lines.text).items():
            report_problem(
                self.settings,
                source_path,
                f"c'è un carattere di controllo invisibile ({code}), forse incollato da un altro "
                "programma: l'ho tolto, cancellalo anche dal file (riscrivi la riga).",
                line=line,
            )
        for line, message in yaml_header_problems(lines.text):
            report_problem(self.settings, source_path, message, line=line)
        content = cards_for_embeds(self.settings, without_controls(content))
        content = cleaned(
            self.settings, source_path, content, lambda removal: lines.line(removal.found)
        )
        for key, value in list(metadata.items()):
            if isinstance(value, str) and CONTROL.search(value):
                metadata[key] = type(value)(without_controls(value))
        summary = metadata.get("summary")
        if isinstance(summary, str):
            summary = cleaned(
                self.settings, source_path, summary, lambda _: field_line(lines.text, "summary")
            )
            metadata["summary"] = type(metadata["summary"])(summary)
        source = metadata.get("source")
        if isinstance(source, str):
            try:
                web_address(source)
            except ValueError as error:
                # `Source:` becomes a link and rel=canonical: only a real web address.
                del metadata["source"]
                line = field_line(lines.text, "source")
                report_problem(self.settings, source_path, str(error), line=line)
        kind = content_kind(source_path, self.settings)
        self.check_dates(source_path, metadata, lines.text)
        self.stand_in_date(metadata, lines.text, kind)
        self.check_names(source_path, metadata, lines.text)
        if kind:
            templates = theme_templates(self.settings)
            for refusal in address_refusals(metadata, kind, self.settings, templates):
                line = field_line(lines.text, refusal.key)
                report_problem(self.settings, source_path, refusal.message, line=line)
        metadata = plain_title_metadata(metadata, self.settings)
        if self.settings.get("BUILD_TYPOGRIFY"):  # set by BlogPelican from TYPOGRIFY
            content, metadata = typogrified(content, metadata, self.settings)
        return content, metadata

    def check_dates(self, source_path, metadata, text):
        for key, name in DATE_FIELDS.items():
            if metadata.get(key) is _DISCARD:
                del metadata[key]  # unreadable: Pelican would drop it after read()
            moment = metadata.get(key)
            if moment is not None and moment.year not in YEARS:
                del metadata[key]
                report_problem(
                    self.settings,
                    source_path,
                    f"«{name}: {moment.year:04d}-{moment.month:02d}-{moment.day:02d}» è fuori "
                    f"dagli anni di un articolo ({YEARS.start}-{YEARS.stop - 1}): correggi "
                    "l'anno.",
                    line=field_line(text, key),
                    hides=(source_path,),  # Pelican's "Skipping …: could not find … 'date'"
                )

    def stand_in_date(self, metadata, text, kind):
        """An article whose Date cannot be read (its warning is content_checks'): Pelican would
        leave it out. In development it stays in the preview, dated at the build and marked
        `date_to_fix` with the date as written, so its page says "data da correggere" instead
        of showing a date the author never wrote; a strict build leaves it out, and stops."""
        if "date" in metadata or is_strict(self.settings) or kind != ARTICLE:
            return
        written = next((entry.value for entry in read_header(text) if entry.key == "date"), None)
        if written is None:
            return  # no Date at all: content_checks asks for one
        # Never ahead of the clock, or Pelican would hold it back as a future article.
        moment = min(build_moment(), datetime.now(UTC)).astimezone(site_zone(self.settings))
        metadata["date"] = SafeDatetime.fromtimestamp(moment.timestamp(), moment.tzinfo)
        metadata["date_to_fix"] = without_controls(written)

    def check_names(self, source_path, metadata, text):
        """A tag, category or author made only of signs has no address: named, left out."""
        for key, field, what, fate in (
            ("tags", "tags", "il tag «{}»", "l'ho lasciato fuori"),
            ("author", "author", "l'autore «{}»", "l'ho lasciato fuori"),
            ("authors", "authors", "l'autore «{}»", "l'ho lasciato fuori"),
            ("category", "category", "la categoria «{}»", "l'articolo va in quella predefinita"),
        ):
            value = metadata.get(key)
            names = value if isinstance(value, list) else [value]
            empty = [name for name in names if hasattr(name, "slug") and not name.slug]
            for name in empty:
                report_problem(
                    self.settings,
                    source_path,
                    f"{what.format(name.name)} non ha lettere né cifre, quindi non può avere "
                    f"un indirizzo: {fate}. Scrivilo con almeno una parola.",
                    line=field_line(text, field, key),
                )
            if not empty:
                continue
            kept = [name for name in names if all(name is not gone for gone in empty)]
            if isinstance(value, list) and kept:
                metadata[key] = kept
            else:
                del metadata[key]


def typogrified(content, metadata, settings):
    """Pelican's typogrify pass (content, title, summary, with its settings), done here so the
    content cache keeps it: Pelican runs it after its own cache, on every file of every build.
    blog_core.typography gives typogrify's very output (with smartypants' Attr.w, as Pelican
    sets it: &quot; entities from docutils become smart quotes too) at a fraction of its cost."""
    from .typography import typogrify  # noqa: PLC0415 - only when TYPOGRIFY is on

    dashes = settings.get("TYPOGRIFY_DASHES", "default")
    ignored = settings.get("TYPOGRIFY_IGNORE_TAGS", [])
    omitted = settings.get("TYPOGRIFY_OMIT_FILTERS", [])

    def apply(text):
        return typogrify(text, ignored, dashes, omitted)

    if content:
        content = apply(content)
    for key in ("title", "summary"):
        if key in metadata:
            metadata[key] = apply(metadata[key])
    return content, metadata


class SafeMarkdownReader(SanitizingReader, MarkdownReader):
    """Markdown, through the content policy."""

    def read_unsafe(self, source_path):
        """Pelican's Markdown read, with one Markdown for bodies and one for formatted fields
        (`Summary`) per reader, reset for each file: Pelican makes a new one per file, and
        setting up the extensions costs more than converting a short article."""
        self._source_path = source_path
        body = self._body_markdown
        body.reset()
        with pelican_open(source_path) as text:
            content = body.convert(text)
        fields = getattr(body, "Meta", None)
        if not fields:
            return content, {}
        # Pelican's field parser converts with self._md, after taking its `meta` step out.
        self._md, meta_step = self._fields_markdown
        if "meta" not in self._md.preprocessors:
            self._md.preprocessors.register(meta_step, "meta", 27)
        return content, self._parse_metadata(fields)

    @cached_property
    def _body_markdown(self):
        return Markdown(**self.settings["MARKDOWN"])

    @cached_property
    def _fields_markdown(self):
        """The Markdown for formatted fields, and its `meta` step to put back for each file."""
        fields = Markdown(**self.settings["MARKDOWN"])
        return fields, fields.preprocessors["meta"]


class SafeHTMLReader(SanitizingReader, HTMLReader):
    """HTML files in content/, through the content policy."""


class SafeRstReader(SanitizingReader, RstReader):
    """reStructuredText, through the content policy."""


def safe_readers():
    """{extension: reader class} for the READERS setting: every format, through the policy."""
    return {
        extension: cls
        for cls in (SafeMarkdownReader, SafeHTMLReader, SafeRstReader)
        if cls.enabled
        for extension in cls.file_extensions
    }
