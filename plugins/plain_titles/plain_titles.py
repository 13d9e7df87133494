"""Treat titles as plain text: typogrify must see `<` as a character, not a tag.

Pelican runs typogrify over the raw `Title:` string, so a title such as
`Perché serve alle PMI <davvero>` would lose `<davvero>` as an unknown tag and
its slug would be built from typogrify's markup. This plugin swaps in a Markdown
reader that derives the slug from the raw title first, then HTML-escapes the title,
so `article.title` is always safe HTML, and adds the `plain_text` filter that turns
such HTML back into text for `<title>`, `<meta>`, Open Graph and JSON-LD.
"""

import html

from markupsafe import Markup
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import slugify


def slug_for_title(title, settings):
    """The slug of a plain-text `title`, with accents transliterated ("perché" -> "perche")."""
    # slugify strips tags first, so escape: `<davvero>` is a word of the title, not a tag.
    return slugify(
        html.escape(title, quote=False),
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


def escape_title_metadata(metadata, settings):
    """Set the slug from the raw title (unless given) and escape the title as HTML."""
    title = metadata.get("title")
    if not isinstance(title, str):
        return metadata
    if "slug" not in metadata and settings.get("SLUGIFY_SOURCE") == "title":
        metadata["slug"] = slug_for_title(title, settings)
    metadata["title"] = html.escape(title, quote=False)
    return metadata


def plain_text(value):
    """The text of an HTML fragment: no tags, entities decoded, ordinary spaces."""
    if value is None:
        return ""
    # typogrify's widont joins the last two words with &nbsp;, which is noise outside HTML.
    return Markup(str(value)).striptags().replace("\xa0", " ")


class PlainTitleMarkdownReader(MarkdownReader):
    """Markdown reader whose titles are escaped text rather than raw HTML."""

    def read(self, source_path):
        content, metadata = super().read(source_path)
        return content, escape_title_metadata(metadata, self.settings)


def use_plain_title_reader(readers):
    # readers_init fires before Pelican instantiates the reader classes.
    for extension in PlainTitleMarkdownReader.file_extensions:
        if extension in readers.reader_classes:
            readers.reader_classes[extension] = PlainTitleMarkdownReader


def add_plain_text_filter(generator):
    generator.env.filters["plain_text"] = plain_text


def register():
    signals.readers_init.connect(use_plain_title_reader)
    signals.generator_init.connect(add_plain_text_filter)
