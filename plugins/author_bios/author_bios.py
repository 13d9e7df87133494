"""Author bios: one Markdown file per author in content/authors/, shown with every article.

A small generator reads the bio files before static files are collected (so photos are
copied even outside STATIC_PATHS), then, once every generator has its content, each
article's authors get `bio` (an AuthorBio or None) and `image_url` (photo or avatar).
"""

import os

from pelican import signals
from pelican.contents import Content
from pelican.generators import ArticlesGenerator, Generator
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Author

from blog_core import (
    SettingError,
    apply_defaults,
    content_folder,
    display_path,
    header_fields,
    notice,
    plain_text,
    positive_integer,
    read_content_file,
    read_header,
    report_problem,
)

from .avatar import avatar_svg
from .bio_fields import check_bio_fields

AUTHOR_BIOS_DEFAULTS = {
    "AUTHOR_BIOS_PATH": "authors",
    "AUTHOR_BIOS_AVATAR_SAVE_AS": "autori/{slug}/avatar.svg",
    "AUTHOR_BIOS_PHOTO_MAX_KB": 200,
}


def configure(pelican):
    settings = apply_defaults(pelican.settings, AUTHOR_BIOS_DEFAULTS, "AUTHOR_BIOS_")
    content_folder(settings, "AUTHOR_BIOS_PATH")
    avatar = settings["AUTHOR_BIOS_AVATAR_SAVE_AS"]
    if not isinstance(avatar, str) or "{slug}" not in avatar or not avatar.endswith(".svg"):
        raise SettingError(
            "AUTHOR_BIOS_AVATAR_SAVE_AS",
            f"deve contenere {{slug}} e finire con .svg, non {avatar!r}",
        )
    positive_integer(settings, "AUTHOR_BIOS_PHOTO_MAX_KB")


def bio_path_for(settings, name):
    """Where the bio of the author called `name` belongs: content/authors/<slug>.md."""
    folder = settings.get("AUTHOR_BIOS_PATH", AUTHOR_BIOS_DEFAULTS["AUTHOR_BIOS_PATH"])
    return os.path.join(settings["PATH"], folder, f"{Author(name, settings).slug}.md")


class AuthorBio(Content):
    """An author's bio file: shown in author boxes and on the author page, never on its own."""

    mandatory_properties = ("name",)

    def __init__(self, content, fields, settings, source_path, context):
        super().__init__(content, {"name": fields.name}, settings, source_path, context)
        self.role = fields.role
        self.photo = fields.photo
        self.profiles = fields.profiles
        self.author = Author(fields.name, settings)
        self.slug = self.author.slug

    # `{filename}/authors/giulia-ferri.md` in an article links to the author page.
    @property
    def url(self):
        return self.author.url

    @property
    def save_as(self):
        return self.author.save_as

    @property
    def photo_url(self):
        if not self.photo:
            return None
        static = self._context.get("static_content", {}).get(self.photo)
        return static.url if static else self.photo

    @property
    def description(self):
        """The bio as one line of plain text, for meta descriptions and JSON-LD."""
        return plain_text(self.content)


class AuthorBiosGenerator(Generator):
    """Reads content/authors/*.md; writes the initials avatars."""

    def generate_context(self):
        self.bios = {}
        self.avatar_authors = {}
        folder = self.settings["AUTHOR_BIOS_PATH"]
        for relative in sorted(self.get_files([folder], extensions=MarkdownReader.file_extensions)):
            self.read_bio(relative)
        self.context["author_bios"] = self.bios

    def read_bio(self, relative):
        source_path = os.path.join(self.path, relative)
        # Pelican's reader would stop the whole build with a UnicodeDecodeError.
        text = read_content_file(self.settings, source_path)
        if text is None:
            return
        fields, problems = check_bio_fields(
            read_header(text),
            lambda photo: os.path.isfile(os.path.join(self.path, photo)),
            header_fields(self.settings),
        )
        for problem in problems:
            report_problem(self.settings, source_path, problem.message, line=problem.line)
        if fields.name is None:
            return

        reader = self.readers.readers[os.path.splitext(relative)[1].lstrip(".")]
        content, _metadata = reader.read(source_path)
        bio = AuthorBio(content, fields, self.settings, source_path, self.context)
        file_slug = os.path.splitext(os.path.basename(relative))[0]
        if bio.slug != file_slug:
            self.name_problem(
                source_path,
                f"«{fields.name}» corrisponde al file {bio.slug}.md, non a {file_slug}.md: "
                "rinomina il file o correggi il nome come è scritto negli articoli.",
            )
        if bio.slug in self.bios:
            first = display_path(self.bios[bio.slug].source_path)
            self.name_problem(source_path, f"«{fields.name}» ha già una scheda in {first}.")
            return
        self.bios[bio.slug] = bio
        self.add_source_path(bio)
        self.add_static_links(bio)
        if bio.photo:
            self.context["static_links"].add(bio.photo)
            self.warn_if_heavy(source_path, bio.photo)

    def warn_if_heavy(self, source_path, photo):
        # The photo is shown at 96 px: a camera original would make phones wait for nothing.
        size_kb = os.path.getsize(os.path.join(self.path, photo)) / 1024
        if size_kb > self.settings["AUTHOR_BIOS_PHOTO_MAX_KB"]:
            # A notice even when publishing: the page works, it is only slower.
            notice(
                source_path,
                f"«Photo»: {photo} pesa {int(size_kb)} KB; sul sito appare piccola, quindi basta "
                f"un'immagine quadrata di 400 px sotto i "
                f"{self.settings['AUTHOR_BIOS_PHOTO_MAX_KB']} KB.",
                fields=("photo",),
            )

    def name_problem(self, source_path, message):
        report_problem(self.settings, source_path, f"«Name»: {message}", fields=("name",))

    def avatar_url(self, author):
        return self.settings["AUTHOR_BIOS_AVATAR_SAVE_AS"].format(slug=author.slug)

    def introduce(self, author):
        """Give `author` its bio (or None) and the image that stands for them."""
        author.bio = self.bios.get(author.slug)
        photo_url = author.bio.photo_url if author.bio else None
        if photo_url:
            author.image_url = photo_url
        else:
            author.image_url = self.avatar_url(author)
            self.avatar_authors[author.slug] = author.name

    def generate_output(self, writer):
        for slug, name in sorted(self.avatar_authors.items()):
            path = os.path.join(self.output_path, self.avatar_url(Author(name, self.settings)))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as avatar:
                avatar.write(avatar_svg(name, slug))


def get_generators(pelican):
    return AuthorBiosGenerator


def introduce_authors(generators):
    """Attach bios to every author shown, and report who has none (or no article)."""
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    bios = next(g for g in generators if isinstance(g, AuthorBiosGenerator))
    settings = bios.settings
    shown = [
        *articles.articles,
        *articles.translations,
        *articles.hidden_articles,
        *articles.hidden_translations,
    ]
    for article in shown:
        for author in getattr(article, "authors", []):
            bios.introduce(author)
            if author.bio is not None:
                continue
            # A bio file that exists but gave no bio has had its own problem named already.
            bio_path = bio_path_for(settings, author.name)
            if not os.path.exists(bio_path):
                report_problem(
                    settings,
                    article.source_path,
                    f"{author.name} non ha una scheda autore: crea {display_path(bio_path)} con "
                    f"«Name: {author.name}» e due righe di bio.",
                    fields=("author", "authors"),
                )
    for author, _ in articles.authors:
        bios.introduce(author)

    named = {
        author.slug
        for article in [*shown, *articles.drafts, *articles.drafts_translations]
        for author in getattr(article, "authors", [])
    }
    for slug, bio in sorted(bios.bios.items()):
        if slug not in named:
            notice(
                bio.source_path,
                f"nessun articolo ha «Author: {bio.name}», quindi questa scheda non compare sul "
                "sito: controlla che il nome sia scritto come negli articoli.",
                fields=("name",),
            )


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(introduce_authors)
