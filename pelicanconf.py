"""Development settings: build the sample site for http://localhost:8000."""

import logging
import sys
from pathlib import Path

# The plugins share one core, plugins/blog_core, imported by name: whatever the order of
# PLUGINS, and from tasks.py and the tests too.
project_folder = Path(__file__).resolve().parent
if str(project_folder / "plugins") not in sys.path:
    sys.path.insert(0, str(project_folder / "plugins"))

from blog_core import plain_text, template_cache, theme_label, without_pictures  # noqa: E402
from blog_core.dates import theme_filters  # noqa: E402

# --- Il tuo sito: `invoke setup` riscrive le righe fino a «fine» (README, "Fai tuo il sito") ---
SITENAME = "Bottega Digitale"
SITESUBTITLE = "Marketing digitale per piccole imprese, senza gergo"
SITE_DESCRIPTION = (
    "Idee pratiche su social, newsletter, e-commerce e formazione digitale "
    "per le piccole imprese italiane e per i freelance che lavorano con loro."
)
AUTHOR = "Redazione Bottega Digitale"
# Who publishes the site, in the footer of every page: an Italian business must show its
# ragione sociale and partita IVA on its website (art. 35 DPR 633/72). The sample's are made up.
BUSINESS_NAME = "Bottega Digitale (sito dimostrativo)"
BUSINESS_VAT_NUMBER = "00000000000"
BUSINESS_ADDRESS = "Via dell’Esempio 1, 20100 Milano"
BUSINESS_EMAIL = "redazione@bottegadigitale.example"
BUSINESS_PEC = ""
# --- fine ---
SITEURL = ""
PRIVACY_URL = "privacy/"

PATH = "content"
# The author's preview (`make build`, `make serve`); publishconf.py writes output/, for readers.
OUTPUT_PATH = "anteprima"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
# wp-content/: the images `invoke import-wordpress` copies, at their old WordPress addresses.
STATIC_PATHS = ["images", "wp-content"]

TIMEZONE = "Europe/Rome"
DEFAULT_LANG = "it"
# italian_dates replaces this with "22 novembre 2026"; without it dates stay numeric, never English.
DEFAULT_DATE_FORMAT = "%d/%m/%Y"

THEME = "theme"
THEME_STATIC_DIR = "static"
# The theme's header (README, "Making it yours"): the logo beside the site's name, an SVG or
# image at its address in the built site (the theme's static/ or content/images/), with its
# width and height in pixels; the menu as (label, url) pairs, or None for the MENU_CATEGORIES
# categories with the most articles, then the pages Newsletter and Chi siamo if they exist.
SITE_LOGO = "static/img/logo.svg"
SITE_LOGO_WIDTH = 40
SITE_LOGO_HEIGHT = 40
MENU_ITEMS = None
MENU_CATEGORIES = 3
# How wide a card shows its picture, for the browser to pick from its srcset: a third of the
# page on wide screens, half on tablets, the whole on phones; the home's newest article larger.
CARD_PICTURE_SIZES = (
    "(min-width: 76rem) 23rem, (min-width: 61rem) 30vw, (min-width: 42rem) 46vw, 92vw"
)
LEAD_CARD_PICTURE_SIZES = "(min-width: 76rem) 43rem, (min-width: 48rem) 58vw, 92vw"
# The filters the theme needs, so every page renders whichever plugins are on.
JINJA_FILTERS = {
    "plain_text": plain_text,
    "without_pictures": without_pictures,
    **theme_filters(TIMEZONE),
}
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    # Everything from content is escaped unless a template marks it as HTML.
    "autoescape": True,
    "extensions": [],
    # Compiled templates kept in .cache/templates/: Pelican compiles every template again for
    # each of its generators, most of a small build's time; a changed template is compiled anew.
    "bytecode_cache": template_cache(project_folder / ".cache" / "templates"),
    # Issue 14 (templates): no stat() of the template's file at every include and import. Each
    # build makes new Jinja environments (Pelican, per generator), so it still reads edits.
    "auto_reload": False,
}

# Pelican with the core wired in: a plugin that fails to load stops the build, and a strict
# build with problems stops once, after the last check (README, "Plugins").
PELICAN_CLASS = "blog_core.BlogPelican"
PLUGIN_PATHS = ["plugins"]
# In any order: each one depends only on Pelican and blog_core.
PLUGINS = [
    "content_checks",
    "link_checks",
    "italian_dates",
    "reading_time",
    "article_neighbours",
    "scrollable_tables",
    "pictures",
    "author_bios",
    "newsletter",
    "related_articles",
    "table_of_contents",
    "go_live_checks",
    "pelican.plugins.sitemap",
    "sitemap_dates",
    "draft_preview",
    "search",
    "compact_css",
    "category_descriptions",
    "comments",
    "old_addresses",
]

# A table of contents before the text of an article with this many h2 sections or more;
# `Toc: sì/no` in an article decides for it (plugin table_of_contents).
TABLE_OF_CONTENTS_MIN_HEADINGS = 4

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {
            "footnotes": {
                "BACKLINK_TITLE": theme_label(project_folder / "theme", "footnote_backlink")
            },
        },
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.codehilite": {"css_class": "highlight"},
    },
    "output_format": "html5",
}
TYPOGRIFY = True

# Pretty Italian URLs: /{slug}/, /categoria/{slug}/, /tag/{slug}/, /autori/{slug}/.
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
# Drafts are never written: a draft must not reach readers by a guessed URL.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
# ... except as a local preview, with a banner, under /anteprima/ (draft_preview; never when
# publishing, which is strict).
DRAFT_PREVIEW = True
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "categoria/{slug}/"
CATEGORY_SAVE_AS = "categoria/{slug}/index.html"
CATEGORIES_URL = "categorie/"
CATEGORIES_SAVE_AS = "categorie/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_URL = "tag/"
TAGS_SAVE_AS = "tag/index.html"
AUTHOR_URL = "autori/{slug}/"
AUTHOR_SAVE_AS = "autori/{slug}/index.html"
AUTHORS_URL = "autori/"
AUTHORS_SAVE_AS = "autori/index.html"
ARCHIVES_URL = "archivio/"
ARCHIVES_SAVE_AS = "archivio/index.html"
ROBOTS_SAVE_AS = "robots.txt"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
INDEX_URL = ""
DIRECT_TEMPLATES = [
    "index",
    "categories",
    "tags",
    "authors",
    "archives",
    "robots",
    "headers",
    "feed_style",
]
# Security headers for hosts that read a _headers file (README, "Publishing").
HEADERS_SAVE_AS = "_headers"
# The page a browser shows for a feed (an XSLT stylesheet each feed names).
FEED_STYLE_SAVE_AS = "feed/stile.xsl"

# An article dated in the future appears with the first build from that moment on.
WITH_FUTURE_DATES = False
# An author's mistakes (headers, links, images, bios, Related) are warnings here, so the site
# is still built and served; publishconf.py makes them errors that stop publishing.
BUILD_PROBLEMS_STRICT = False

DEFAULT_PAGINATION = 5
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/pagina/{number}/", "{base_name}/pagina/{number}/index.html"),
)

# Feeds: the whole site and each category in Atom and RSS; each author in Atom.
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feed/atom.xml"
FEED_ALL_RSS = "feed/rss.xml"
CATEGORY_FEED_ATOM = "categoria/{slug}/atom.xml"
CATEGORY_FEED_RSS = "categoria/{slug}/rss.xml"
FEED_ATOM = None
FEED_RSS = None
AUTHOR_FEED_ATOM = "autori/{slug}/atom.xml"
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
FEED_MAX_ITEMS = 20
RSS_FEED_SUMMARY_ONLY = True

SITEMAP = {
    "format": "xml",
    "exclude": [r"^404\.html$", r"^robots\.txt$", r"^_headers$", r"/pagina/", r"\.xsl$"],
}

READING_TIME_WORDS_PER_MINUTE = 200
# Bios in content/authors/<slug>.md. An author without one: a warning here, an error in publishing.
AUTHOR_BIOS_PATH = "authors"
# Newsletter: no provider here, so the signup form is a preview that posts nowhere and says so;
# publishconf.py connects the provider (README, "Newsletter").
NEWSLETTER_PROVIDER = None
# Pictures (README, "Plugins and their settings"): the WebP widths of every content image, how
# wide the theme shows it, and the weight above which an author is told an image is too big.
PICTURES_WIDTHS = [480, 800, 1200, 1600]
PICTURES_SIZES = "(min-width: 45rem) 42.5rem, 92vw"
PICTURES_MAX_BYTES = 5_000_000
# After each article: its `Related:` slugs, then the closest by rare shared tags, category, text.
RELATED_ARTICLES_MAX = 3
RELATED_ARTICLES_MIN_SCORE = 0.15
RELATED_ARTICLES_WEIGHTS = {"tags": 0.4, "category": 0.1, "text": 0.5}
# Search (plugin search): Pagefind indexes every article's and page's text into pagefind/ after
# each build; the header's search box leads to this page.
SEARCH_URL = "cerca/"
SEARCH_SAVE_AS = "cerca/index.html"
DELETE_OUTPUT_DIRECTORY = True
LOG_FILTER = [
    # Locally feeds have relative links by design: the warning would teach authors to ignore
    # warnings.
    (
        logging.WARNING,
        "Feeds generated without SITEURL or FEED_DOMAIN set properly may not be valid",
    ),
    # Pelican's own words for what link_checks names with file, line and fix.
    (logging.WARNING, "Empty alt attribute for image %s in %s"),
    (logging.WARNING, "Cannot get modification stamp for %s\n\t%s"),
    # ... and for two files at one address, which content_checks names: Pelican's template
    # ends with one "\n%s" per file, so it is listed for up to ten files.
    *(
        (logging.WARNING, template + "\n%s" * count)
        for template in (
            'There are %s items "%s" with lang %s: ',
            "There are %s original (not translated) items %s: ",
        )
        for count in range(2, 11)
    ),
]
# Pelican's own content cache stays off: the blog's keeps more (typogrify, the problems a file
# has) and knows a file by its content, not its date.
CACHE_CONTENT = False
# What reading a file costs (Markdown, the content policy, typogrify) done once per version of
# the file: kept by content hash, settings and library versions; and each rendered page, kept
# while what it shows is unchanged. Safe to delete at any time; None turns it off.
# BUILD_WORKERS (default: the machine's cores) read and write the rest in parallel.
BUILD_CACHE = str(project_folder / ".cache" / "content")
