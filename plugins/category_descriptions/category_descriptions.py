"""Descriptions of categories and tags: one Markdown file each, at the top of its list page.

`content/categories/<slug>.md` describes the category at `categoria/<slug>/`, and
`content/tags/<slug>.md` a tag, slugs as Pelican makes them from the names the articles
write. An optional header: `Name:` (the name as the articles write it; then the file's name
must be its slug) and `Summary:` (the page's description for search engines; else the text's
start). The text is read like an article's, so it is sanitized the same way. Each category and
tag gets `description` (HTML, or None) and `description_summary` (plain text, or None).
"""

import os
from dataclasses import dataclass

from pelican import signals
from pelican.generators import ArticlesGenerator, Generator
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Category, Tag

from blog_core import (
    DESCRIPTION,
    HeaderField,
    apply_defaults,
    check_fields,
    content_folder,
    header_fields,
    notice,
    plain_text,
    read_content_file,
    read_header,
    report_problem,
)

CATEGORY_DESCRIPTIONS_DEFAULTS = {
    "CATEGORY_DESCRIPTIONS_PATH": "categories",
    "CATEGORY_DESCRIPTIONS_TAGS_PATH": "tags",
}
HEADER_FIELDS = (
    HeaderField("Name", (DESCRIPTION,), aliases=("nome", "categoria", "tag", "title", "titolo")),
    HeaderField("Summary", (DESCRIPTION,), aliases=("sommario", "riassunto", "descrizione")),
)
# A search engine shows about this many characters of a page's description.
SUMMARY_LENGTH = 160
KINDS = {
    "category": (Category, "CATEGORY_DESCRIPTIONS_PATH", "la categoria"),
    "tag": (Tag, "CATEGORY_DESCRIPTIONS_TAGS_PATH", "il tag"),
}


@dataclass(frozen=True)
class Description:
    """What a file says of its category or tag."""

    html: str
    summary: str
    source_path: str


def shortened(text, length=SUMMARY_LENGTH):
    """`text` whole if it fits in `length` characters, else cut at a word, with "…"."""
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"


def configure(pelican):
    settings = apply_defaults(
        pelican.settings, CATEGORY_DESCRIPTIONS_DEFAULTS, "CATEGORY_DESCRIPTIONS_"
    )
    for _wrapper, name, _kind in KINDS.values():
        content_folder(settings, name)


class DescriptionsGenerator(Generator):
    """Reads content/categories/*.md and content/tags/*.md."""

    def generate_context(self):
        self.descriptions = {kind: {} for kind in KINDS}
        for kind, (_wrapper, setting, _name) in KINDS.items():
            folder = self.settings[setting]
            extensions = MarkdownReader.file_extensions
            for relative in sorted(self.get_files([folder], extensions=extensions)):
                self.read_description(kind, relative)

    def read_description(self, kind, relative):
        source_path = os.path.join(self.path, relative)
        text = read_content_file(self.settings, source_path)
        if text is None:
            return
        problems, values = check_fields(
            read_header(text), header_fields(self.settings), DESCRIPTION
        )
        for problem in problems:
            report_problem(self.settings, source_path, problem.message, line=problem.line)
        wrapper, _setting, what = KINDS[kind]
        slug = os.path.splitext(os.path.basename(relative))[0]
        if "name" in values:
            entry, name = values["name"]
            named = wrapper(name, self.settings).slug
            if named != slug:
                report_problem(
                    self.settings,
                    source_path,
                    f"«Name: {name}» corrisponde al file {named}.md, non a {slug}.md: rinomina il "
                    "file o correggi il nome come è scritto negli articoli.",
                    line=entry.line,
                )
                return
        reader = self.readers.readers[os.path.splitext(relative)[1].lstrip(".")]
        html, _metadata = reader.read(source_path)
        if not plain_text(html).strip():
            notice(source_path, f"è vuoto: scrivi due righe che presentano {what}.")
            return
        summary = values["summary"][1] if "summary" in values else shortened(plain_text(html))
        self.descriptions[kind][slug] = Description(html, plain_text(summary), source_path)

    def describe(self, kind, wrapper):
        description = self.descriptions[kind].get(wrapper.slug)
        wrapper.description = description.html if description else None
        wrapper.description_summary = description.summary if description else None


def get_generators(pelican):
    return DescriptionsGenerator


def describe_categories_and_tags(generators):
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    descriptions = next(g for g in generators if isinstance(g, DescriptionsGenerator))
    shown = [*articles.articles, *articles.translations, *articles.drafts]
    listed = {
        "category": [category for category, _ in articles.categories],
        "tag": list(articles.tags),
    }
    # Every object that stands for a category or tag: the lists' and each article's own.
    wrappers = {
        "category": listed["category"] + [article.category for article in shown],
        "tag": listed["tag"] + [tag for article in shown for tag in getattr(article, "tags", [])],
    }
    for kind, (_wrapper, _setting, what) in KINDS.items():
        for wrapper in wrappers[kind]:
            descriptions.describe(kind, wrapper)
        slugs = {wrapper.slug for wrapper in listed[kind]}
        for slug, description in sorted(descriptions.descriptions[kind].items()):
            if slug not in slugs:
                known = ", ".join(f"{name}.md" for name in sorted(slugs)) or "nessuno"
                notice(
                    description.source_path,
                    f"nessun articolo ha {what} «{slug}», quindi questa descrizione non compare "
                    f"sul sito: i nomi di file possibili sono {known}.",
                )


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(describe_categories_and_tags)
