"""Pictures: every content image with its size, lazy loading and a WebP srcset, EXIF removed;
an article's featured image (`Image:`, `ImageAlt:`) at its top, on its cards and in its share
tags, with a 1200x630 JPEG crop for Facebook, WhatsApp and LinkedIn; for an article or page
without one, a share card drawn in the site's colours (pictures.cards) in its place.

The readers' output is cached by the Markdown file's bytes alone, so nothing here runs in a
reader: each article's and page's HTML is rewritten once it is made (`content_object_init`,
as scrollable_tables does), with each image's facts read once per build. The files are encoded
into `.cache/pictures/` (pictures.store) and linked into the output once the articles are
written. A raster file of content/ is never published as it is: the static files' copy is
replaced by its EXIF-free one, at the same address.
"""

import os
import posixpath
import re
import string
from dataclasses import dataclass
from urllib.parse import quote, unquote

import PIL
from pelican import signals
from pelican.contents import Article, Page

from blog_core import (
    ARTICLE,
    HeaderField,
    SettingError,
    SourceLines,
    apply_defaults,
    build_of,
    notice,
    plain_text,
    positive_integer,
    report_problem,
    theme_labels,
)
from blog_core.content_cache import CACHE, WORKERS
from blog_core.content_files import outside, symlink_in
from blog_core.parsed import carry_facts

from . import cards
from . import store as pictures_store
from .images import UNREADABLE, Derivative, is_raster, read_facts, scaled_height, srcset_widths
from .markup import figure, image_tags, linked_to, replace_tags, start_tag, with_attributes

HEADER_FIELDS = (
    HeaderField("Image", (ARTICLE,), aliases=("immagine", "foto", "copertina")),
    HeaderField("ImageAlt", (ARTICLE,), aliases=("alt", "testoalternativo", "immaginealt")),
)

PICTURES_DEFAULTS = {
    # The srcset's widths, in px: phones, tablets, the article column on a 2x screen.
    "PICTURES_WIDTHS": [480, 800, 1200, 1600],
    # How wide the theme shows a content image: its column (theme/static/css/style.css:
    # `--measure: 68ch` at 18 px, about 42.5rem) or the screen less its gutters.
    "PICTURES_SIZES": "(min-width: 45rem) 42.5rem, 92vw",
    "PICTURES_WEBP_QUALITY": 80,
    "PICTURES_JPEG_QUALITY": 82,
    # A heavier image is named to its author (it is resized anyway): 5 MB.
    "PICTURES_MAX_BYTES": 5_000_000,
    # Each image of content/ with alt text a link to itself, full size (the `src`: the
    # largest copy the site makes), unless it is in a link already.
    "PICTURES_FULL_SIZE_LINKS": True,
    # A share card for every article and page without a featured image (pictures.cards).
    "PICTURES_SHARE_CARDS": True,
    # Its colours: the theme's light palette (theme/static/css/style.css, `:root`).
    "PICTURES_SHARE_CARD_COLOURS": dict(cards.COLOURS),
}
# Where the cards go in the output, each named by the digest of what it shows.
SHARE_CARD_FOLDER = "images/cards"
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
# What Facebook, WhatsApp and LinkedIn show in a shared link's card.
SHARE_WIDTH, SHARE_HEIGHT = 1200, 630
# The newsletter email's column (its template's 600 px table).
EMAIL_WIDTH = 600
# What the newsletter takes for an email's teaser image: no SVG, no image of another site in
# WebP (newsletter.emails.EMAIL_IMAGE_TYPES).
EMAIL_SHOWN = (".png", ".jpg", ".jpeg", ".gif")
# An author's photo, square: as the theme shows it (96 px at most) and for 2x screens.
AUTHOR_PHOTO_SIZES = (96, 192)
STATE = "pictures"


def _quality(settings, name):
    value = settings[name]
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        raise SettingError(name, f"deve essere un numero intero da 1 a 100, non {value!r}")


def configure(pelican):
    settings = apply_defaults(pelican.settings, PICTURES_DEFAULTS, "PICTURES_")
    widths = settings["PICTURES_WIDTHS"]
    if (
        not isinstance(widths, (list, tuple))
        or not widths
        or not all(isinstance(w, int) and not isinstance(w, bool) and w > 0 for w in widths)
    ):
        raise SettingError(
            "PICTURES_WIDTHS", f"deve essere una lista di larghezze in pixel, non {widths!r}"
        )
    sizes = settings["PICTURES_SIZES"]
    if not isinstance(sizes, str) or not sizes.strip():
        raise SettingError("PICTURES_SIZES", f"deve essere un testo come «100vw», non {sizes!r}")
    _quality(settings, "PICTURES_WEBP_QUALITY")
    _quality(settings, "PICTURES_JPEG_QUALITY")
    positive_integer(settings, "PICTURES_MAX_BYTES")
    for name in ("PICTURES_SHARE_CARDS", "PICTURES_FULL_SIZE_LINKS"):
        if not isinstance(settings[name], bool):
            raise SettingError(name, "deve essere True o False")
    check_colours(settings["PICTURES_SHARE_CARD_COLOURS"])
    for name in ("STATIC_URL", "STATIC_SAVE_AS"):
        check_static_format(name, settings.get(name, "{path}"))
    pelican.plugin_state[STATE] = PictureBuild(
        settings, pictures_store.PictureStore(store_folder(settings))
    )


def check_colours(colours):
    """PICTURES_SHARE_CARD_COLOURS: some or all of the card's colours, as #rrggbb."""
    names = ", ".join(cards.COLOURS)
    if not isinstance(colours, dict) or not set(colours) <= set(cards.COLOURS):
        raise SettingError(
            "PICTURES_SHARE_CARD_COLOURS",
            f"deve essere un dizionario con i colori {names} (per esempio "
            f"{{'accent': '#17613f'}}), non {colours!r}",
        )
    for name, value in colours.items():
        if not isinstance(value, str) or not HEX_COLOUR.fullmatch(value):
            raise SettingError(
                "PICTURES_SHARE_CARD_COLOURS",
                f"il colore «{name}» deve essere scritto come #rrggbb (per esempio #17613f), "
                f"non {value!r}",
            )


def check_static_format(name, value):
    """A static file's address or output path made from its {path} alone: an image's sizes
    go beside it, at the same kind of address."""
    try:
        fields = {field for _, field, _, _ in string.Formatter().parse(value) if field is not None}
    except (TypeError, ValueError):
        fields = None
    if fields is None or not fields <= {"path"}:
        raise SettingError(
            name,
            "con il plugin pictures può contenere solo {path} (per esempio «{path}» o "
            f"«static/{{path}}»), non {value!r}: le misure di ogni immagine vanno accanto a lei",
        )


def store_folder(settings):
    """`pictures/` beside BUILD_CACHE's folder (`.cache/pictures/`); None without a cache."""
    cache = settings.get(CACHE)
    return os.path.join(os.path.dirname(os.path.abspath(cache)), "pictures") if cache else None


@dataclass(frozen=True)
class Picture:
    """A raster image of content/ as the page shows it; addresses relative to SITEURL except
    the srcset's, which are whole."""

    src: str
    width: int
    height: int
    srcset: str
    sizes: str


@dataclass(frozen=True)
class EmailImage:
    """The picture an article's newsletter email shows: a JPEG (a PNG for a PNG source) at
    most 600 px wide, since mail clients show neither WebP nor SVG; `src` relative to SITEURL."""

    src: str
    alt: str
    width: int
    height: int


@dataclass(frozen=True)
class AuthorPhoto:
    """An author's photo as square thumbnails cropped from its middle: `src`, the largest,
    relative to SITEURL; `srcset`, each size with its width, whole addresses."""

    src: str
    srcset: str
    size: int


@dataclass(frozen=True)
class FeaturedImage:
    """An article's `Image:`: the picture, its alt text and its 1200x630 share crop."""

    src: str
    width: int
    height: int
    srcset: str
    sizes: str
    alt: str
    share_url: str
    email: EmailImage
    share_width: int = SHARE_WIDTH
    share_height: int = SHARE_HEIGHT
    # Not a drawn card: the article's page shows it at its top.
    drawn: bool = False

    @property
    def share_alt(self):
        return self.alt


@dataclass(frozen=True)
class ShareCard:
    """The card drawn for an article or page without a featured image, in FeaturedImage's
    shape so the templates show either: the PNG itself in lists (scaled by the browser, no
    srcset: encoding WebP sizes of it costs more than drawing it) with an empty alt, since
    the title is beside it; the title as the share tags' alt."""

    src: str
    share_alt: str
    email: EmailImage
    alt: str = ""
    width: int = cards.WIDTH
    height: int = cards.HEIGHT
    srcset: str = ""
    sizes: str = ""
    share_width: int = cards.WIDTH
    share_height: int = cards.HEIGHT
    drawn: bool = True

    @property
    def share_url(self):
        return self.src


def _url(relative):
    return quote(relative.replace(os.sep, "/"))


class PictureBuild:
    """One build's images: their facts, read once, and the files the output needs."""

    def __init__(self, settings, store, quiet=False):
        self.settings = settings
        # A page rendered outside a build (the dev server's fast render): what is wrong is
        # said by the build that follows, once.
        self.quiet = quiet
        self.path = os.path.abspath(settings["PATH"])
        self.root = os.path.realpath(self.path)
        self.store = store
        self.facts = {}
        # {output path relative to the output folder: (source path, digest, Derivative)}
        self.jobs = {}
        self.named = set()
        # What every card of the build shares, found at the first: the fonts' digests, the
        # colours, the theme's labels; and each set of authors' byline.
        self._card_fonts = None
        self._card_colours = None
        self._labels = None
        self._bylines = {}

    def notice(self, path, message, **where):
        if not self.quiet:
            notice(path, message, **where)

    def problem(self, path, message, *, draft=False, **where):
        """An error when strict; a draft's mistakes are told, but never stop publishing."""
        if draft:
            self.notice(path, message, **where)
        elif not self.quiet:
            report_problem(self.settings, path, message, **where)

    # -- finding and reading sources -------------------------------------------------------------

    def inside(self, relative):
        """`relative` (from content/), normalised, when it names a real file of content/ reached
        without a symbolic link; else None (never read)."""
        relative = posixpath.normpath(relative.replace(os.sep, "/")).lstrip("/")
        if relative.startswith("..") or outside(self.root, relative):
            return None
        if symlink_in(self.path, relative) is not None:
            return None
        return relative if os.path.isfile(os.path.join(self.path, relative)) else None

    def resolve(self, src, source_dir):
        """The file of content/ an image's `src` names ({static}, {attach}, {filename} or an
        address of this site), or None."""
        address = unquote(src.split("#", 1)[0].split("?", 1)[0]).strip()
        for prefix in ("{static}", "{attach}", "{filename}"):
            if address.startswith(prefix):
                path = address[len(prefix) :]
                break
        else:
            siteurl = self.settings.get("SITEURL") or ""
            if siteurl and address.startswith(siteurl + "/"):
                address = address[len(siteurl) :]
            if not address.startswith("/") or address.startswith("//"):
                return None
            path = address
        relative = path if path.startswith("/") else posixpath.join(source_dir, path)
        return self.inside(relative)

    def facts_of(self, relative):
        """The ImageFacts of a raster file of content/, or None when Pillow cannot read it
        (named once)."""
        if relative not in self.facts:
            full = os.path.join(self.path, relative)
            try:
                self.facts[relative] = self.store.facts_of(full, read_facts)
            except UNREADABLE:
                self.facts[relative] = None
                self.notice(
                    full,
                    "non si riesce a leggere come immagine (file danneggiato o formato diverso "
                    "dall'estensione): esportala di nuovo come JPEG o PNG.",
                )
        return self.facts[relative]

    # -- what a page shows -----------------------------------------------------------------------

    def _derivative_path(self, relative, suffix):
        stem = os.path.splitext(relative)[0]
        return f"{stem}-{suffix}"

    def _address(self, relative):
        """The address of a file of content/ (or one made from it) as a static file's."""
        return _url(self.settings.get("STATIC_URL", "{path}").format(path=relative))

    def _need(self, target, relative, facts, derivative, output=None):
        """`target`, a path like those of content/, is written where a static file at that
        path would be (STATIC_SAVE_AS), unless `output` says where."""
        if output is None:
            output = self.settings.get("STATIC_SAVE_AS", "{path}").format(path=target)
        self.jobs[output] = (os.path.join(self.path, relative), facts.digest, derivative)

    def fallback(self, relative, facts, target=None):
        """The EXIF-free copy in the source's format, at the source's own address: no wider
        than the srcset's widest."""
        quality = {
            "JPEG": self.settings["PICTURES_JPEG_QUALITY"],
            "WEBP": self.settings["PICTURES_WEBP_QUALITY"],
        }.get(facts.format, 0)
        width = min(facts.width, max(self.settings["PICTURES_WIDTHS"]))
        derivative = Derivative(width, facts.format, quality)
        self._need(relative, relative, facts, derivative, output=target)
        return width, scaled_height(facts, width)

    def picture(self, relative, facts):
        """The Picture of a raster file of content/, its files added to the build's."""
        width, height = self.fallback(relative, facts)
        siteurl = self.settings.get("SITEURL") or ""
        candidates = []
        for candidate in srcset_widths(facts.width, self.settings["PICTURES_WIDTHS"]):
            target = self._derivative_path(relative, f"{candidate}w.webp")
            quality = self.settings["PICTURES_WEBP_QUALITY"]
            self._need(target, relative, facts, Derivative(candidate, "WEBP", quality))
            candidates.append(f"{siteurl}/{self._address(target)} {candidate}w")
        return Picture(
            self._address(relative),
            width,
            height,
            ", ".join(candidates),
            self.settings["PICTURES_SIZES"],
        )

    def email_copy(self, relative, facts, alt):
        """The EmailImage of a raster file of content/, its file added to the build's."""
        width = min(facts.width, EMAIL_WIDTH)
        image_format = "PNG" if facts.format == "PNG" else "JPEG"
        quality = self.settings["PICTURES_JPEG_QUALITY"] if image_format == "JPEG" else 0
        derivative = Derivative(width, image_format, quality)
        target = self._derivative_path(relative, f"{width}w{derivative.extension}")
        self._need(target, relative, facts, derivative)
        return EmailImage(self._address(target), alt, width, scaled_height(facts, width))

    def author_photo(self, relative, facts):
        """The AuthorPhoto of a raster file of content/: never larger than its shorter side."""
        side = min(facts.width, facts.height)
        siteurl = self.settings.get("SITEURL") or ""
        image_format = facts.format
        quality = {
            "JPEG": self.settings["PICTURES_JPEG_QUALITY"],
            "WEBP": self.settings["PICTURES_WEBP_QUALITY"],
        }.get(image_format, 0)
        candidates = []
        for size in sorted({min(size, side) for size in AUTHOR_PHOTO_SIZES}):
            derivative = Derivative(size, image_format, quality, size)
            target = self._derivative_path(relative, f"{size}x{size}{derivative.extension}")
            self._need(target, relative, facts, derivative)
            candidates.append((target, size))
        srcset = ", ".join(
            f"{siteurl}/{self._address(target)} {size}w" for target, size in candidates
        )
        return AuthorPhoto(self._address(candidates[-1][0]), srcset, candidates[-1][1])

    def share_crop(self, relative, facts):
        """The 1200x630 JPEG that shared links show, cropped from the middle of the image."""
        target = self._derivative_path(relative, f"{SHARE_WIDTH}x{SHARE_HEIGHT}.jpg")
        quality = self.settings["PICTURES_JPEG_QUALITY"]
        self._need(target, relative, facts, Derivative(SHARE_WIDTH, "JPEG", quality, SHARE_HEIGHT))
        return self._address(target)

    def share_card(self, content):
        """The ShareCard of an article or page: its title, category, authors and the site's
        name; its file named by their digest (with the colours, fonts and Pillow's version),
        never by a header field, and drawn when the files are written, if not cached yet."""
        if self._card_fonts is None:
            self._card_fonts = cards.font_digests()
            colours = {**cards.COLOURS, **self.settings["PICTURES_SHARE_CARD_COLOURS"]}
            self._card_colours = tuple(sorted(colours.items()))
            self._labels = theme_labels(self.settings["THEME"])
        authors = tuple(author.name for author in getattr(content, "authors", None) or ())
        if authors not in self._bylines:
            names = self._labels.joined_names(list(authors)) if authors else ""
            self._bylines[authors] = plain_text(names)
        category = getattr(content, "category", None)
        category = category.name if isinstance(content, Article) and category else ""
        site_name = self.settings.get("SITENAME") or ""
        colours = self._card_colours
        # The same card for the same inputs, build after build of the dev server: its key's
        # digest and objects made once, not for each of 1,000 articles at every save.
        made = (content.title, category, self._bylines[authors], site_name, colours)
        made += (tuple(self._card_fonts), PIL.__version__)
        if made not in _made_cards:
            if len(_made_cards) > MADE_CARDS_KEPT:
                _made_cards.clear()
            text = cards.CardText(
                plain_text(content.title), category, self._bylines[authors], plain_text(site_name)
            )
            digest = cards.card_key(text, dict(colours), self._card_fonts, PIL.__version__)
            target = f"{SHARE_CARD_FOLDER}/{digest[:24]}.png"
            email_height = round(cards.HEIGHT * EMAIL_WIDTH / cards.WIDTH)
            _made_cards[made] = (
                target,
                (None, digest, cards.CardDrawing(text, colours, digest)),
                ShareCard(target, text.title, EmailImage(target, "", EMAIL_WIDTH, email_height)),
            )
        target, job, card = _made_cards[made]
        self.jobs[target] = job
        return card

    def too_heavy(self, facts):
        return facts.size > self.settings["PICTURES_MAX_BYTES"]

    def heavy_message(self, facts):
        megabytes = f"{facts.size / 1_000_000:.1f}".replace(".", ",")
        limit = f"{self.settings['PICTURES_MAX_BYTES'] / 1_000_000:.1f}".replace(".", ",")
        return (
            f"l'immagine pesa {megabytes} MB, più di {limit} MB (PICTURES_MAX_BYTES): il sito la "
            "ridimensiona lo stesso, ma tiene nel progetto un file inutilmente grande. Esportala "
            "larga al massimo 2000 px, in JPEG di qualità 80."
        )

    # -- writing ---------------------------------------------------------------------------------

    def write(self, output_path):
        """Every file the pages need, from the cache (encoded now when missing, on every core
        when there are several)."""
        self.store.encode_missing(self.jobs.values(), self.settings.get(WORKERS, 1))
        for target, (source, digest, derivative) in sorted(self.jobs.items()):
            try:
                stored = self.store.ensure(source, digest, derivative)
            except pictures_store.NotEncoded:
                if source not in self.named:
                    self.named.add(source)
                    self.notice(
                        source,
                        "l'immagine è danneggiata (il file si interrompe a metà?): il sito non "
                        "riesce a ridimensionarla. Esportala di nuovo e sostituisci il file.",
                    )
                continue
            target_path = os.path.join(output_path, target)
            try:
                pictures_store.publish(stored, target_path)
            except FileNotFoundError:
                # Removed meanwhile by another build sharing the cache, which did not use it.
                stored = self.store.ensure(source, digest, derivative)
                pictures_store.publish(stored, target_path)


# The cards of this process's builds by what they are made from (PictureBuild.share_card).
_made_cards = {}
MADE_CARDS_KEPT = 50_000


def state_of(settings):
    """The build's PictureBuild; for settings no build owns but a configured build's copy (the
    dev server renders an edited page ahead of its build from such a copy) a quiet one, which
    gives the page the same images and writes nothing: the build that follows does."""
    build = build_of(settings)
    if build is not None:
        return build.plugin_state.get(STATE)
    if "PICTURES_WIDTHS" not in settings or not settings.get("PATH"):
        return None
    return PictureBuild(settings, pictures_store.PictureStore(store_folder(settings)), quiet=True)


# -- content images ------------------------------------------------------------------------------


# What rewrite_images says of a text whose first image mail clients can show is another
# site's: the newsletter shows that photo as it is.
ANOTHER_SITES_PHOTO = "another site's photo"


def rewrite_images(content, state, first, email=False):
    """The content's HTML with each image of content/ sized, lazy (but the first of the page,
    when `first`) and with its srcset; an image with a title alone in its paragraph, wherever
    it lives, a figure with that title as its caption. With `email`, returns the EmailImage of
    the first image mail clients can show when it is a raster file of content/,
    ANOTHER_SITES_PHOTO when it is not, else None."""
    html = content._content
    if not html or "<img" not in html:
        return None
    first_email = None
    source_dir = posixpath.dirname(content.relative_source_path.replace(os.sep, "/"))
    replacements = {}
    found_first = False
    captioned = False
    for tag in image_tags(html):
        is_first = first and not found_first
        changes = image_changes(content, state, tag, source_dir, is_first)
        # An image of content/ opens on its own, full size, when tapped: a diagram a phone
        # shrinks to its column can be read. An image without alt text would be a link
        # without a name; one in a link already keeps that link.
        opens_full_size = (
            changes is not None
            and state.settings["PICTURES_FULL_SIZE_LINKS"]
            and not tag.linked
            and (tag.get("alt") or "").strip()
        )
        changes = changes or {}
        if email and "srcset" in changes:
            # The first image mail clients can show, as the newsletter picks it: this one.
            email = False
            relative = state.resolve(tag.get("src") or "", source_dir)
            first_email = state.email_copy(relative, state.facts_of(relative), tag.get("alt") or "")
        elif email and (tag.get("src") or "").lower().endswith(EMAIL_SHOWN):
            email = False  # another site's photo: the newsletter shows it as it is
            first_email = ANOTHER_SITES_PHOTO
        found_first = True
        caption = (tag.get("title") or "").strip() if tag.paragraph else ""
        if caption:
            # The caption says it once: a title as well would be read twice by a screen
            # reader and shown again as a tooltip.
            new_tag = start_tag(with_attributes(tag, {**changes, "title": None}))
            if opens_full_size:
                new_tag = linked_to(new_tag, tag.get("src"))
            replacements[tag.paragraph] = figure(new_tag, caption)
            captioned = True
        elif changes or opens_full_size:
            new_tag = start_tag(with_attributes(tag, changes))
            replacements[tag] = linked_to(new_tag, tag.get("src")) if opens_full_size else new_tag
    if replacements:
        content._content = replace_tags(html, replacements)
        if not captioned:
            # The same links, images (src and alt) and words: what other plugins read of the
            # text (an image's full-size link goes to its own src, checked as the image's).
            # A caption adds words: then the text is read again when asked.
            carry_facts(html, content._content, content.settings)
    return first_email


def image_changes(content, state, tag, source_dir, is_first):
    """The attributes an image of content/ gets ({name: value, or None to remove}); None for
    an image the site does not make (not in content/, unreadable, neither raster nor SVG)."""
    src = tag.get("src") or ""
    relative = state.resolve(src, source_dir)
    if relative is None:
        return None  # not a file of content/: left as the content policy left it
    loading = (
        {"fetchpriority": "high", "loading": None, "decoding": None}
        if is_first
        else {"loading": "lazy", "decoding": "async", "fetchpriority": None}
    )
    if relative.lower().endswith(".svg"):
        return loading
    if not is_raster(relative):
        return None
    facts = state.facts_of(relative)
    if facts is None:
        return None
    if state.too_heavy(facts) and (content.source_path, relative) not in state.named:
        state.named.add((content.source_path, relative))
        state.notice(
            content.source_path,
            state.heavy_message(facts),
            line=SourceLines(content.source_path).line(src),
        )
    picture = state.picture(relative, facts)
    return {
        "width": str(picture.width),
        "height": str(picture.height),
        **loading,
        "srcset": picture.srcset,
        "sizes": picture.sizes,
    }


# -- featured images -----------------------------------------------------------------------------


def featured_image(article, state):
    """The article's FeaturedImage from `Image:` and `ImageAlt:`, or None; its mistakes named."""
    value = article.metadata.get("image")
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    path = article.source_path
    draft = article.status == "draft"
    written = value
    for prefix in ("{static}", "{attach}"):
        if written.startswith(prefix):
            written = written[len(prefix) :]
    relative = state.inside(unquote(written).lstrip("/"))
    if relative is None:
        state.problem(
            path,
            f"«Image: {value}»: il file content/{written.lstrip('/')} non esiste (o è fuori da "
            "content/). Metti la foto in content/images/ e scrivi per esempio "
            "«Image: images/nome-della-foto.jpg».",
            fields=("image",),
            draft=draft,
        )
        return None
    if not is_raster(relative):
        state.problem(
            path,
            f"«Image: {value}» deve essere una foto JPEG, PNG o WebP: i social non mostrano "
            "altri formati (come l'SVG) nell'anteprima di un link. Esportala in JPEG.",
            fields=("image",),
            draft=draft,
        )
        return None
    facts = state.facts_of(relative)
    if facts is None:
        return None
    alt = article.metadata.get("imagealt")
    alt = alt.strip() if isinstance(alt, str) else ""
    if not alt:
        state.problem(
            path,
            "l'immagine di copertina non ha un testo alternativo: aggiungi sotto «Image:» una "
            "riga «ImageAlt: …» che dica cosa mostra la foto, per chi usa un lettore di schermo "
            "e per chi non la vede caricare.",
            fields=("image",),
            draft=draft,
        )
    if facts.width < SHARE_WIDTH:
        state.notice(
            path,
            f"l'immagine di copertina è larga {facts.width} px, meno di {SHARE_WIDTH}: "
            "nell'anteprima dei link condivisi (Facebook, WhatsApp, LinkedIn) apparirà sfocata. "
            f"Usa una foto larga almeno {SHARE_WIDTH} px.",
            fields=("image",),
        )
    if state.too_heavy(facts):
        state.notice(path, state.heavy_message(facts), fields=("image",))
    picture = state.picture(relative, facts)
    return FeaturedImage(
        picture.src,
        picture.width,
        picture.height,
        picture.srcset,
        picture.sizes,
        alt,
        state.share_crop(relative, facts),
        state.email_copy(relative, facts, alt),
    )


def add_pictures(content):
    if not isinstance(content, (Article, Page)):
        return
    state = state_of(content.settings)
    if state is None:
        return
    featured = featured_image(content, state) if isinstance(content, Article) else None
    # The featured image is the page's first: then every image of the text waits its turn.
    is_article = isinstance(content, Article)
    first_in_text = rewrite_images(
        content, state, first=featured is None, email=is_article and featured is None
    )
    card = None
    if featured is None and state.settings["PICTURES_SHARE_CARDS"]:
        card = state.share_card(content)
    content.featured_image = featured or card
    if is_article:
        # What the newsletter's email shows of the article (its teaser image): any photo of
        # the text before the card; another site's is the newsletter's to show (None).
        if featured is not None or first_in_text is ANOTHER_SITES_PHOTO:
            content.email_image = featured.email if featured else None
        else:
            content.email_image = first_in_text or (card.email if card else None)


# -- author photos -------------------------------------------------------------------------------


def thumbnail_author_photos(generators):
    """Each author bio (author_bios' `author_bios`) whose photo is a raster file of content/
    gets `photo_thumbnails`; a photo elsewhere (an address, an SVG) is shown as it is."""
    if not generators:
        return
    state = state_of(generators[0].settings)
    bios = generators[0].context.get("author_bios")
    if state is None or not isinstance(bios, dict):
        return
    for bio in bios.values():
        photo = getattr(bio, "photo", None)
        relative = state.inside(photo) if isinstance(photo, str) and is_raster(photo) else None
        facts = state.facts_of(relative) if relative else None
        bio.photo_thumbnails = state.author_photo(relative, facts) if facts else None


# -- the static files: never the original ----------------------------------------------------------


def replace_static_images(generator):
    """Raster static files are published as their EXIF-free copies instead of as they are."""
    state = state_of(generator.settings)
    if state is None:
        return
    kept = []
    for static in generator.staticfiles:
        relative = (
            state.inside(static.relative_source_path) if static.relative_source_path else None
        )
        facts = state.facts_of(relative) if relative and is_raster(relative) else None
        if facts is None:
            kept.append(static)
            continue
        state.fallback(relative, facts, target=static.save_as)
    generator.staticfiles[:] = kept


def write_pictures(generator, writer=None):
    state = state_of(generator.settings)
    if state is not None:
        # A full or read-only disk stops the build as any other write would (blog_core.faults).
        state.write(generator.output_path)


def finish(pelican):
    state = pelican.plugin_state.get(STATE) if hasattr(pelican, "plugin_state") else None
    if state is not None:
        state.store.finish()


def register():
    signals.initialized.connect(configure)
    signals.content_object_init.connect(add_pictures)
    signals.all_generators_finalized.connect(thumbnail_author_photos)
    signals.static_generator_finalized.connect(replace_static_images)
    signals.article_writer_finalized.connect(write_pictures)
    signals.finalized.connect(finish)
