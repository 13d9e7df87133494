"""Where content may be written: the header fields that touch addresses and templates.

Authors choose an article's or a page's address only with `Slug` (pages also with `Save_as`
and `Url` under the rules below, for the 404 page and the newsletter's own pages) and a page's
look only with `Template`, among the page templates of the theme. `Lang` and `Translation`
have no use on a site in one language. Everything else an address field could do (write over
`_headers` or the home page, point links at another host, leave the output folder) is refused
with the reason, and the field is dropped, so even the development build never does it.
Pure functions, but for `theme_templates()`, which lists a folder.
"""

import os
import posixpath
import re
import unicodedata
from dataclasses import dataclass

from .text import slug_for_title

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A page's Save_as: folders and a file name made of slug characters, such as
# "newsletter/grazie/index.html" (no `&`, `?`, `#` or spaces, which addresses would escape).
SAVE_AS = re.compile(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*/)*[a-z0-9]+(?:[-_][a-z0-9]+)*\.html$")
# Longer than any real title gives: a file name holds at most 255 bytes.
MAX_SLUG = 200
# Zero-width and bidirectional controls: invisible in an editor, different bytes in the address.
INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
# Files at the top of every build that no page may take.
RESERVED_FILES = {"index.html", "404.html", "sitemap.xml", "robots.txt", "_headers"}
# The page templates of the theme that a page may name in `Template:`.
DEFAULT_PAGE_TEMPLATES = ("page", "404", "newsletter")
FIELD_NAMES = {
    "slug": "Slug",
    "save_as": "Save_as",
    "url": "Url",
    "template": "Template",
    "lang": "Lang",
    "translation": "Translation",
}


@dataclass(frozen=True)
class Refusal:
    """A header field the policy refused: its lower-case key and what to tell the author."""

    key: str
    message: str


def reserved_names(settings):
    """The first parts of the addresses the site's listings and files own: `autori`, `tag`,
    `feed`, `pagina`, `static`, `_headers`, … taken from the settings, so a renamed listing
    stays protected."""
    from .build import once_per_build  # build imports this module

    return once_per_build(settings, "blog_core.reserved_names", _reserved_names)


def _reserved_names(settings):
    names = set(RESERVED_FILES)
    for key, value in settings.items():
        if not isinstance(value, str) or not key.endswith(("_SAVE_AS", "_ATOM", "_RSS")):
            continue
        if key.startswith(("ARTICLE_", "PAGE_", "DRAFT_")) or "://" in value:
            continue
        first = value.lstrip("/").split("/")[0]
        if first and "{" not in first:
            names.add(first)
    for pattern in settings.get("PAGINATION_PATTERNS", ()):
        # "{base_name}/pagina/{number}/": the home page's later pages are /pagina/2/.
        parts = [part for part in pattern[1].split("/") if part and "{" not in part]
        names.update(parts[:1])
    names.update(path.split("/")[0] for path in settings.get("STATIC_PATHS", ()) if path)
    names.add(settings.get("THEME_STATIC_DIR", "theme"))
    return names


def theme_templates(settings):
    """The names of the theme's templates (`page` for templates/page.html)."""
    from .build import once_per_build  # build imports this module

    return once_per_build(settings, "blog_core.theme_templates", _theme_templates)


def _theme_templates(settings):
    folder = os.path.join(settings.get("THEME", ""), "templates")
    try:
        return {name[: -len(".html")] for name in os.listdir(folder) if name.endswith(".html")}
    except OSError:
        return set()


def slug_problem(value, settings):
    """(message, the slug to use instead or None) for a Slug that is not a plain address part."""
    better = slug_for_title(INVISIBLE.sub("", value), settings)[:MAX_SLUG].strip("-")
    instead = f" Scrivi «Slug: {better}»." if better and better != value else ""
    if INVISIBLE.search(value):
        return (
            f"«Slug: {value}» contiene caratteri invisibili (spazi a larghezza zero o segni di "
            "direzione del testo), che cambiano l'indirizzo senza che si vedano." + instead,
            better or None,
        )
    if "://" in value or value.startswith("//"):
        return (
            f"«Slug: {value}» è un indirizzo completo: Slug è solo l'ultima parte dell'indirizzo "
            "di questo sito, in minuscolo, con i trattini al posto degli spazi." + instead,
            better or None,
        )
    if len(value) > MAX_SLUG:
        return (
            f"Slug è lungo {len(value)} caratteri: tienilo sotto gli {MAX_SLUG}." + instead,
            better or None,
        )
    if not SLUG.match(value):
        return (
            f"«Slug: {value}» può contenere solo lettere minuscole senza accenti, cifre e "
            "trattini (niente spazi, barre, & o punti)." + instead,
            better or None,
        )
    if value in reserved_names(settings):
        return (
            f"«Slug: {value}» è l'indirizzo di una parte del sito (/{value}/): scegline un altro, "
            f"per esempio «Slug: {value}-blog».",
            None,
        )
    return None


def page_address_problem(save_as, url, template, settings):
    """The message for a page's `Save_as`/`Url` pair that is not a safe address, else None."""
    shown = f"«Save_as: {save_as}»"
    normal = posixpath.normpath(save_as) if save_as else ""
    if "://" in save_as or save_as.startswith(("/", "\\")) or ".." in save_as.split("/"):
        return (
            f"{shown} porta fuori dalla cartella del sito: scrivi un percorso come "
            "«chi-siamo/index.html», o togli la riga e usa Slug."
        )
    if normal != save_as or not SAVE_AS.match(save_as):
        return (
            f"{shown} non è l'indirizzo di una pagina: scrivi un percorso in minuscolo, con "
            "trattini e barre, che finisce con «/index.html», per esempio "
            "«chi-siamo/index.html», o togli la riga e usa Slug."
        )
    first = save_as.split("/")[0]
    if save_as == "404.html" and template == "404":
        pass  # the 404 page, which hosts serve for a missing address
    elif save_as in RESERVED_FILES or (first in reserved_names(settings) and "/" in save_as):
        return (
            f"{shown} prenderebbe il posto di un file del sito (la home, le liste, i feed, "
            "_headers, la pagina 404): togli la riga e usa Slug."
        )
    expected = {save_as, save_as.removesuffix("index.html")}
    if url is None or url not in expected:
        return (
            f"{shown} va con «Url: {save_as.removesuffix('index.html')}», perché i link alla "
            "pagina portino dove la pagina è scritta."
        )
    return None


def address_refusals(metadata, kind, settings, templates):
    """The address and template fields of one article or page that the policy refuses.

    `metadata` is what Pelican's reader returned; refused fields are removed from it (a Slug
    that only needs cleaning is replaced by its clean form), so no build ever uses them.
    """
    refusals = []

    def refuse(key, message):
        refusals.append(Refusal(key, message))
        metadata.pop(key, None)

    for key in ("lang", "translation"):
        value = metadata.get(key)
        if value is None or (key == "lang" and value == settings.get("DEFAULT_LANG")):
            continue
        refuse(
            key,
            f"«{FIELD_NAMES[key]}: {value}» non serve: il sito è in una sola lingua "
            f"({settings.get('DEFAULT_LANG')}). Togli la riga.",
        )
    slug = metadata.get("slug")
    if isinstance(slug, str):
        slug = unicodedata.normalize("NFC", slug.strip())
        problem = slug_problem(slug, settings)
        if problem:
            message, replacement = problem
            refuse("slug", message)
            if replacement and replacement not in reserved_names(settings):
                metadata["slug"] = replacement
    template = metadata.get("template")
    if template is not None and kind != "page":
        refuse(
            "template",
            f"«Template: {template}» non si usa negli articoli: hanno tutti lo stesso aspetto. "
            "Togli la riga.",
        )
    elif template is not None:
        allowed = [
            name
            for name in settings.get("CONTENT_PAGE_TEMPLATES", DEFAULT_PAGE_TEMPLATES)
            if name in templates
        ]
        if template not in allowed:
            refuse(
                "template",
                f"«Template: {template}» non è un modello di pagina del tema: scrivi uno tra "
                f"{', '.join(allowed)}, o togli la riga per l'aspetto normale.",
            )
    save_as, url = metadata.get("save_as"), metadata.get("url")
    if kind != "page":
        for key, value in (("save_as", save_as), ("url", url)):
            if value is not None:
                refuse(
                    key,
                    f"«{FIELD_NAMES[key]}: {value}» non si usa negli articoli: l'indirizzo viene "
                    "dal titolo, o da «Slug:» se vuoi sceglierlo. Togli la riga.",
                )
    elif save_as is not None:
        problem = page_address_problem(save_as, url, metadata.get("template"), settings)
        if problem:
            refuse("save_as", problem)
            metadata.pop("url", None)
    elif url is not None:
        refuse(
            "url",
            f"«Url: {url}» da solo non sposta la pagina, cambia solo i link che la raggiungono: "
            "togli la riga e usa Slug.",
        )
    return refusals


def content_kind(source_path, settings):
    """ "article", "page" or None for a file under content/, from the settings' folders."""
    relative = os.path.relpath(source_path, settings.get("PATH", ""))
    parts = relative.replace(os.sep, "/").split("/")
    # Pages first: Pelican keeps them out of the articles when ARTICLE_PATHS is the whole folder.
    for kind, key in (("page", "PAGE_PATHS"), ("article", "ARTICLE_PATHS")):
        for folder in settings.get(key, ()):
            folder_parts = [part for part in folder.split("/") if part]
            if parts[: len(folder_parts)] == folder_parts:
                return kind
    return None


def address_of_content_problem(slug, settings):
    """(message, slug to use) when the address an article or page ends up with cannot be
    written: too long for a file name, or the address of a listing. None when it can."""
    if len(slug) > MAX_SLUG:
        shorter = slug[:MAX_SLUG].rsplit("-", 1)[0] or slug[:MAX_SLUG]
        return (
            f"il titolo dà un indirizzo di {len(slug)} caratteri, troppi per un nome di file: "
            f"uso «{shorter}». Accorcia il titolo o aggiungi «Slug: {shorter}».",
            shorter,
        )
    if slug in reserved_names(settings):
        return (
            f"il titolo dà l'indirizzo /{slug}/, che è di una parte del sito: aggiungi "
            f"«Slug: {slug}-blog» o un altro indirizzo.",
            f"{slug}-blog",
        )
    return None
