"""Treat titles as plain text: typogrify must see `<` as a character, not a tag.

Pelican runs typogrify over the raw `Title:` string, so a title such as
`Perché serve alle PMI <davvero>` would lose `<davvero>` as an unknown tag and
its slug would be built from typogrify's markup. This plugin swaps in a Markdown
reader that derives the slug from the raw title first, then HTML-escapes the title,
so `article.title` is always safe HTML. The theme turns such HTML back into text for
`<title>`, `<meta>`, Open Graph and JSON-LD with its `plain_text` filter (blog_core).
"""

import html

from pelican import signals

from blog_core import slug_for_title
from blog_core.reader import SafeMarkdownReader


def escape_title_metadata(metadata, settings):
    """Set the slug from the raw title (unless given) and escape the title as HTML."""
    title = metadata.get("title")
    if not isinstance(title, str):
        return metadata
    if "slug" not in metadata and settings.get("SLUGIFY_SOURCE") == "title":
        metadata["slug"] = slug_for_title(title, settings)
    metadata["title"] = html.escape(title, quote=False)
    return metadata


class PlainTitleMarkdownReader(SafeMarkdownReader):
    """The core's Markdown reader, whose titles are escaped text rather than raw HTML."""

    def read(self, source_path):
        content, metadata = super().read(source_path)
        return content, escape_title_metadata(metadata, self.settings)


def use_plain_title_reader(readers):
    # readers_init fires before Pelican instantiates the reader classes.
    for extension in PlainTitleMarkdownReader.file_extensions:
        if extension in readers.reader_classes:
            readers.reader_classes[extension] = PlainTitleMarkdownReader


def register():
    signals.readers_init.connect(use_plain_title_reader)
