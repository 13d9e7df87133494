"""Drafts and scheduled articles previewed in development, never published.

Pelican keeps drafts (`Status: draft`, and with WITH_FUTURE_DATES = False every article dated
in the future) apart from the published articles, and writes them to DRAFT_SAVE_AS when it is
not empty. pelicanconf.py leaves it empty; with DRAFT_PREVIEW on, in a build that is not
strict, this plugin gives drafts and draft pages an address under /anteprima/, a banner saying
what they are, and a local list of them at /anteprima/. Listings, feeds, the sitemap, related
articles and the newsletter all read the published articles only, so previews stay out of them.

A strict build (publishing) writes no preview whatever DRAFT_PREVIEW says: a second lock.
"""

from dataclasses import dataclass

from pelican import signals
from pelican.contents import Page
from pelican.generators import ArticlesGenerator, PagesGenerator

from blog_core import (
    SettingError,
    apply_defaults,
    build_of,
    is_strict,
    italian_moment,
    site_zone,
)

DRAFT_PREVIEW_DEFAULTS = {"DRAFT_PREVIEW": False}
PLUGIN = "draft_preview"
# Where previews live: their own folder, never a published address.
PREVIEW_FOLDER = "anteprima"
PREVIEW_INDEX_TEMPLATE = "draft_preview"
# "5 dicembre 2026 alle 9:00"
MOMENT_PATTERN = "d MMMM y 'alle' H:mm"
# Pelican writes drafts and their translations where these say; "" writes nothing.
PREVIEW_ADDRESSES = {
    "DRAFT_URL": PREVIEW_FOLDER + "/{slug}/",
    "DRAFT_SAVE_AS": PREVIEW_FOLDER + "/{slug}/index.html",
    "DRAFT_LANG_URL": PREVIEW_FOLDER + "/{slug}-{lang}/",
    "DRAFT_LANG_SAVE_AS": PREVIEW_FOLDER + "/{slug}-{lang}/index.html",
    "DRAFT_PAGE_URL": PREVIEW_FOLDER + "/pagine/{slug}/",
    "DRAFT_PAGE_SAVE_AS": PREVIEW_FOLDER + "/pagine/{slug}/index.html",
    "DRAFT_PAGE_LANG_URL": PREVIEW_FOLDER + "/pagine/{slug}-{lang}/",
    "DRAFT_PAGE_LANG_SAVE_AS": PREVIEW_FOLDER + "/pagine/{slug}-{lang}/index.html",
}
NOTHING_WRITTEN = {name: "" for name in PREVIEW_ADDRESSES if name.endswith("SAVE_AS")}


@dataclass(frozen=True)
class Preview:
    """What a preview page says about itself: `kind` is "draft", "scheduled" or "page"."""

    kind: str
    moment: str = ""  # when a scheduled article appears, in Italian
    # Addresses of its category, tags and authors that no published article has given a page
    # yet: the preview names them without a link, so it has no link to nowhere.
    unlinked: frozenset = frozenset()


def previews_wanted(settings):
    """True when this build writes previews: the plugin loaded, DRAFT_PREVIEW on, not strict.

    PLUGINS is checked too: a process that once loaded the plugin keeps its receivers.
    """
    return (
        PLUGIN in settings.get("PLUGINS", ())
        and settings.get("DRAFT_PREVIEW") is True
        and not is_strict(settings)
    )


def terms_of(article):
    """The category, tags and authors an article links to."""
    category = getattr(article, "category", None)
    return [
        *([category] if category else []),
        *getattr(article, "tags", []),
        *getattr(article, "authors", []),
    ]


def preview_of(content, zone, published_urls):
    """The Preview of a draft article or page: Pelican makes a future article a draft, but
    its own header does not say `Status: draft`."""
    if isinstance(content, Page):
        return Preview("page")
    unlinked = frozenset(t.url for t in terms_of(content) if t.url not in published_urls)
    if str(content.metadata.get("status", "")).lower() == "draft":
        return Preview("draft", unlinked=unlinked)
    moment = italian_moment(content.date.astimezone(zone), MOMENT_PATTERN)
    return Preview("scheduled", moment, unlinked)


def configure(pelican):
    settings = pelican.settings
    if is_strict(settings):
        # Whatever the settings say, publishing never writes a draft.
        settings.update(NOTHING_WRITTEN)
    if PLUGIN not in settings.get("PLUGINS", ()):
        return
    apply_defaults(settings, DRAFT_PREVIEW_DEFAULTS, "DRAFT_PREVIEW")
    if not isinstance(settings["DRAFT_PREVIEW"], bool):
        raise SettingError(
            "DRAFT_PREVIEW", f"deve essere True o False, non {settings['DRAFT_PREVIEW']!r}"
        )
    if previews_wanted(settings):
        settings.update(PREVIEW_ADDRESSES)
        # Drafts are left out of the sitemap by their status; the list of them by its address.
        sitemap = dict(settings.get("SITEMAP") or {})
        sitemap["exclude"] = [*sitemap.get("exclude", ()), rf"^{PREVIEW_FOLDER}/"]
        settings["SITEMAP"] = sitemap


def mark_previews(generators):
    """Every draft article and page gets its Preview, for the banner and the list."""
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    build = build_of(articles.settings)
    if build is None or not previews_wanted(articles.settings):
        return
    zone = site_zone(articles.settings)
    # Pelican writes pages for the categories, tags and authors of published articles only.
    terms = [*articles.categories, *articles.tags.items(), *articles.authors]
    published_urls = {term.url for term, _ in terms}
    previews = [
        *articles.drafts,
        *articles.drafts_translations,
        *pages.draft_pages,
        *pages.draft_translations,
    ]
    # A draft's authors are objects of its own: those who also have published articles
    # become the site's, with what other plugins gave them (a bio, a photo).
    site_authors = {author.slug: author for author, _ in articles.authors}
    for content in previews:
        content.draft_preview = preview_of(content, zone, published_urls)
        if getattr(content, "authors", None):
            content.authors = [site_authors.get(a.slug, a) for a in content.authors]
            content.author = content.authors[0]
    build.plugin_state[PLUGIN] = previews


def write_preview_list(generator, writer):
    """/anteprima/: every preview, for the author; linked from no other page."""
    build = build_of(generator.settings)
    previews = build.plugin_state.pop(PLUGIN, None) if build is not None else None
    if previews is None or not previews_wanted(generator.settings):
        return
    writer.write_file(
        f"{PREVIEW_FOLDER}/index.html",
        generator.get_template(PREVIEW_INDEX_TEMPLATE),
        generator.context,
        relative_urls=generator.settings["RELATIVE_URLS"],
        previews=previews,
        preview_list_url=f"{PREVIEW_FOLDER}/",
    )


def register():
    signals.initialized.connect(configure)
    signals.all_generators_finalized.connect(mark_previews)
    signals.article_writer_finalized.connect(write_preview_list)
