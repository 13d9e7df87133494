"""Link checks: broken links, missing images and images without alt text, as `file:line`.

Once every generator has its content, each article, page and bio is checked against what the
build knows: `{filename}`, `{static}` and `{attach}` targets must be content Pelican read, a
link to a draft is named, an image needs its alt text. Plain links to this site (`/chi-siamo/`,
relative ones) are checked once the site is written, against the files in the output folder.
Problems go through blog_core: warnings in development, errors that stop a strict build.
"""

import os
from collections import Counter
from dataclasses import dataclass
from urllib.parse import unquote

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from blog_core import (
    SourceLines,
    build_of,
    field_line,
    line_of,
    notice,
    report_problem,
    served_file,
    site_path,
)
from blog_core.parsed import html_facts

from .hints import KnownFiles
from .links import content_key, intrasite

ALT_EXAMPLE = "![Il banco del mercato con i cartellini dei prezzi]"


def checked_content(generators):
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    bios = articles.context.get("author_bios", {}).values()
    # Drafts are left alone: they are work in progress and never reach readers.
    return articles, [
        *articles.articles,
        *articles.translations,
        *articles.hidden_articles,
        *articles.hidden_translations,
        *pages.pages,
        *pages.translations,
        *pages.hidden_pages,
        *pages.hidden_translations,
        *bios,
    ]


class Hints:
    """The "did you mean" of one check of the site: each list of files indexed on first use."""

    def __init__(self, context):
        self.context = context
        self._indexes = {}

    def _index(self, kind):
        if kind not in self._indexes:
            self._indexes[kind] = KnownFiles(self.context[kind])
        return self._indexes[kind]

    def content(self, key):
        """The hint naming the article, page or bio closest to a mistyped one."""
        return self._index("generated_content").hint(key)

    def static(self, key):
        """The hint naming the other file closest to a missing `{static}` one (Pelican lists
        the missing one among the static files too)."""
        return self._index("static_content").hint(key, leaving_out=key)


def intrasite_problem(link, what, key, context, content_root, hints=None):
    """The message for a `{filename}`/`{static}`/`{attach}` target, or None when it is fine."""
    hints = hints or Hints(context)
    generated, static = context["generated_content"], context["static_content"]
    if key is None:
        return f"«{link.target}» esce dalla cartella content/: controlla il percorso."
    if what == "filename":
        target = generated.get(key)
        if target is not None:
            if getattr(target, "status", "published") == "draft":
                return (
                    f"il link «{link.target}» porta a una bozza, che i lettori non vedono: "
                    "pubblicala prima o togli il link."
                )
            return None
        if key in static:
            return None  # it works; check_item suggests {static}
        return (
            f"il link «{link.target}» porta a content/{key}, che non esiste."
            f"{hints.content(key)} Controlla il nome del file."
        )
    # A {static} target is collected even when the file is missing, so look at the disk.
    if os.path.isfile(os.path.join(content_root, key)):
        return None
    if link.tag == "img":
        return (
            f"manca l'immagine «{link.target}»: il file content/{key} non esiste."
            f"{hints.static(key)} Controlla il nome o mettila in content/images/."
        )
    return f"il link «{link.target}» porta a content/{key}, che non esiste.{hints.static(key)}"


def missing_alt_message(link):
    return (
        f"l'immagine «{link.target}» non ha un testo alternativo: scrivi tra le parentesi "
        f"quadre cosa mostra, per esempio {ALT_EXAMPLE}({link.target}). Serve a chi usa un "
        "lettore di schermo e a chi non vede caricare l'immagine."
    )


def markdown_link_message(link, key, context, hints=None):
    """For `[testo](altro.md)`: a link to the Markdown file itself, which the site never has."""
    hints = hints or Hints(context)
    if key in context["generated_content"]:
        fix = f"scrivi «{{filename}}{link.target}» e il sito userà l'indirizzo dell'articolo."
    else:
        fix = (
            "scrivi «{filename}» seguito dal percorso del file in content/, per esempio "
            f"«{{filename}}/articles/nome-del-file.md».{hints.content(key or '')}"
        )
    return f"il link «{link.target}» punta a un file Markdown, che sul sito non esiste: {fix}"


def is_markdown_file(target):
    return target.lower().split("#")[0].split("?")[0].endswith(".md")


class SourcePlaces:
    """Where one item's links are in its source file. The file is read again only for a link
    with a problem: most items have none."""

    def __init__(self, source_path):
        self.source_path = source_path
        self.seen = Counter()
        self._lines = None

    @property
    def lines(self):
        if self._lines is None:
            self._lines = SourceLines(self.source_path)
        return self._lines

    def in_text(self, target):
        """The place of the next appearance of `target` in the text (SourceLines' order)."""
        occurrence = self.seen[target]
        self.seen[target] += 1
        return Place(self, target, occurrence)


@dataclass(frozen=True)
class Place:
    """A link's place: the `occurrence`-th appearance of `target`, or the Summary field."""

    source: SourcePlaces
    target: str | None  # None: in the `Summary:` field
    occurrence: int = 0

    @property
    def line(self):
        lines = self.source.lines
        if self.target is None:
            return field_line(lines.text, "summary")
        return line_of(lines.text, self.target, self.occurrence, lines.start)


def links_with_places(item):
    """(link, place) for the text's links, then for the `Summary:` field's, on its line."""
    settings = item.settings
    places = SourcePlaces(item.source_path)
    links = html_facts(item._content, settings).links
    found = [(link, places.in_text(link.target)) for link in links]
    summary = item.metadata.get("summary")
    if summary:
        found += [(link, Place(places, None)) for link in html_facts(summary, settings).links]
    return found


def check_item(item, context, settings, hints=None):
    """Every link and image of one article, page or bio; returns the plain links to this site,
    which can be checked only once the output is written."""
    hints = hints or Hints(context)
    site_links = []
    source_dir = os.path.dirname(item.relative_source_path).replace(os.sep, "/")
    page_url = None
    for link, place in links_with_places(item):
        if link.tag == "img" and not (link.alt or "").strip():
            message = missing_alt_message(link)
            report_problem(settings, item.source_path, message, line=place.line)
        found = intrasite(link.target)
        if found:
            what, path = found
            key = content_key(path, source_dir)
            message = intrasite_problem(link, what, key, context, settings["PATH"], hints)
            if message:
                hides = (link.target.split("}", 1)[1],)
                report_problem(settings, item.source_path, message, line=place.line, hides=hides)
            elif what == "filename" and key not in context["generated_content"]:
                # Not a mistake, Pelican links the file anyway: a hint in place of its own.
                notice(
                    item.source_path,
                    f"«{link.target}» è un file, non un articolo: funziona, ma scrivi "
                    f"«{{static}}{path}».",
                    line=place.line,
                    hides=(path,),
                )
        elif is_markdown_file(link.target):
            key = content_key(unquote(link.target), source_dir)
            message = markdown_link_message(link, key, context, hints)
            report_problem(settings, item.source_path, message, line=place.line)
        else:
            page_url = page_url or "/" + item.url  # Pelican works it out at every read
            path = site_path(link.target, page_url, settings.get("SITEURL", ""))
            if path is not None and not link.target.startswith("#"):
                site_links.append((item.source_path, place, link, path))
    return site_links


def check_links(generators):
    """Before anything is written: every link and image of every article, page and bio."""
    articles, items = checked_content(generators)
    site_links = []
    hints = Hints(articles.context)  # the files are known now: indexed once for every item
    for item in items:
        site_links += check_item(item, articles.context, articles.settings, hints)
    build = build_of(articles.settings)
    if build is not None:
        build.plugin_state["link_checks"] = site_links


def check_site_links(pelican):
    """After writing: plain links to this site must lead to a file in the output folder."""
    for source_path, place, link, path in pelican.plugin_state.pop("link_checks", []):
        if served_file(pelican.output_path, path) is not None:
            continue
        if link.tag == "img":
            message = (
                f"l'immagine «{link.target}» non si trova sul sito ({path}): metti il file in "
                "content/images/ e scrivi ![descrizione]({static}/images/nome.jpg)."
            )
        else:
            message = (
                f"il link «{link.target}» non porta a nessuna pagina del sito ({path}): "
                "controlla l'indirizzo, o per un articolo scrivi "
                "{filename}/articles/nome-del-file.md."
            )
        report_problem(pelican.settings, source_path, message, line=place.line)


def register():
    signals.all_generators_finalized.connect(check_links)
    signals.finalized.connect(check_site_links)
