"""The readers BlogPelican gives Pelican: its own, with the content policy applied on the way out.

Every body and `Summary` a reader returns goes through blog_core.sanitize before any
plugin or template sees it, whichever format it was written in (Markdown, HTML,
reStructuredText). What the policy removes is a problem named with its file and line: a warning
in development, where the preview shows the cleaned page (never the unsafe one), an error when
publishing.
"""

from collections import Counter

from pelican.readers import HTMLReader, MarkdownReader, RstReader

from .embeds import cards_for_embeds
from .headers import body_start, field_line, line_of, read_source
from .problems import report_problem
from .sanitize import clean, removals


def cleaned(settings, source_path, html, lines_from):
    """`html` cleaned; each removal reported, on its line found by `lines_from(removal)`."""
    safe = clean(html)
    if safe != html:
        for removal in removals(html):
            line = lines_from(removal)
            report_problem(settings, source_path, removal.message, line=line)
    return safe


class _SourceLines:
    """Finds each removed thing back in the body of the source file, in order of appearance."""

    def __init__(self, source_path):
        self.text = read_source(source_path)[0] or ""
        self.start = body_start(self.text)
        self.seen = Counter()

    def line(self, removal):
        found = removal.found
        number = line_of(self.text.lower(), found.lower(), self.seen[found], self.start)
        self.seen[found] += 1
        return number


class SanitizingReader:
    """Mixed into a Pelican reader: what it read, through the content policy."""

    def read(self, source_path):
        content, metadata = super().read(source_path)
        lines = _SourceLines(source_path)
        content = cards_for_embeds(self.settings, content)
        content = cleaned(self.settings, source_path, content, lines.line)
        summary = metadata.get("summary")
        if isinstance(summary, str):
            line = field_line(lines.text, "summary")
            summary = cleaned(self.settings, source_path, summary, lambda removal: line)
            metadata["summary"] = type(metadata["summary"])(summary)
        return content, metadata


class SafeMarkdownReader(SanitizingReader, MarkdownReader):
    """Markdown, through the content policy."""


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
