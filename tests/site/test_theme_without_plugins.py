"""The theme with any one of our plugins switched off: the site still builds, every page is
valid HTML whose links all lead somewhere, and what the plugin would have shown is left out,
not shown half-empty (" min di lettura", an empty bio, a form posting nowhere).

Every assertion holds for whatever the owner puts in content/.
"""

import json
import re
from urllib.parse import urlsplit

import pytest
from babel.dates import get_month_names
from bs4 import BeautifulSoup
from pelican.settings import read_settings

from blog_core import check_site, theme_label
from blog_core.validator import invalid_html
from sitebuild import ROOT, BuiltSite, run_module

PLUGINS = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
READING_TIME = theme_label(ROOT / "theme", "reading_time_suffix")
ITALIAN_MONTHS = [name.lower() for name in get_month_names("wide", locale="it").values()]


def reading_time_words(soup):
    return [READING_TIME] if READING_TIME in soup.get_text(" ") else []


def month_names_in_dates(soup):
    """Article dates in words ("22 novembre 2026"): italian_dates' own; Pelican's are numbers."""
    dates = [time.get_text(" ", strip=True) for time in soup.select(".article-meta time")]
    return [date for date in dates if any(month in date.lower() for month in ITALIAN_MONTHS)]


# What each plugin puts in front of readers: CSS selectors, or checks returning what they
# find in a page. With the plugin off, no page may have any of it.
LEFT_OUT = {
    "content_checks": (),  # messages to authors, in the build's log
    "link_checks": (),
    "go_live_checks": (),  # refusals at publishing, in the build's log
    "italian_dates": (month_names_in_dates,),
    "reading_time": (".article-meta__reading", reading_time_words),
    "article_neighbours": (".article-nav",),
    "scrollable_tables": (".table-scroll",),
    # The author box stays, with each author's name and page: no photo, role, bio or profiles.
    "author_bios": (
        ".author-box__bio",
        ".author-box__role",
        ".article-meta__role",
        ".author-profile__bio",
        ".author-profile__role",
        ".author-index__role",
        ".profile-links",
        "img.author-photo",
    ),
    "newsletter": (
        ".newsletter-signup",
        "form.newsletter-form",
        ".digest-archive",
        ".digest",
        'a[href*="newsletter/feed.xml"]',
        'link[href*="newsletter/feed.xml"]',
    ),
    "related_articles": ("section.related",),
    "table_of_contents": (".toc",),
    "pelican.plugins.sitemap": (),  # robots.txt must not name the missing sitemap
    "sitemap_dates": (),  # the sitemap's dates, for search engines
    "old_addresses": (),  # pages at old WordPress addresses: the sample has none
    "wordpress_import": (),  # not a plugin: the functions of invoke import-wordpress
    "category_descriptions": (".list-intro",),  # the owner's words atop a category's cards
    # Readers' comments, their counts, the reply and feedback links.
    "comments": ("section.comments", ".feedback", ".article-meta__comments", ".card__comments"),
    "compact_css": (),  # the stylesheet as the theme has it: the same rules, more bytes
    "draft_preview": (".preview-banner", ".preview-list"),
    # The header's search box, the index's marks, the one page that runs script.
    "search": ("form.search-form", "[data-pagefind-body]", "script[src]"),
    # Featured images, their share tags and every content image's srcset and size.
    "pictures": (
        "img.article__image",
        "img.card__image",
        'meta[property="og:image"]',
        'meta[name="twitter:image"]',
        "img[srcset]",
        "img[fetchpriority]",
        "a.image-link",
    ),
}
# ... and the files it writes, as glob patterns in the output folder.
FILES_LEFT_OUT = {
    "author_bios": ("**/avatar.svg",),
    "newsletter": ("newsletter/feed.xml", "newsletter/*/email.html", "newsletter/*/email.txt"),
    "pelican.plugins.sitemap": ("sitemap.xml",),
    "draft_preview": ("anteprima", "anteprima/**"),
    "search": ("cerca", "cerca/**", "pagefind", "pagefind/**"),
    "comments": ("*/commenti.xml",),
}


def build_without(plugin, output, monkeypatch):
    """The site built by the pelican command with every plugin but `plugin`.

    A process of its own: Pelican's signals keep the receivers of every plugin an earlier
    build in this process registered, so a build here would still run the plugin left out.
    """
    others = [name for name in PLUGINS if name != plugin]
    result = run_module(
        "pelican",
        "-s",
        "pelicanconf.py",
        "-o",
        str(output),
        "--fatal",
        "errors",
        "-e",
        f"PLUGINS={json.dumps(others)}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return BuiltSite(output, [])


def changed_pages(site, reference):
    """One page of each kind (article, page, home, category, tag, author, digest…) among those
    of `site` that are not byte for byte a page of `reference`: pages of one kind come from one
    template, so one of them shows whether the plugin's absence left it valid."""
    changed = {}
    for file in site.html_files():
        twin = reference.output / file.relative_to(site.output)
        if not twin.is_file() or twin.read_bytes() != file.read_bytes():
            changed.setdefault(page_kind(site, file), file)
    return list(changed.values())


def page_kind(site, file):
    """What template a page comes from: its first folder, and its first article's class."""
    parts = site.url_of(file).strip("/").split("/")
    main = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml").select_one("main article")
    return (parts[0] if len(parts) > 1 else "", " ".join(main.get("class", [])) if main else "")


def test_every_plugin_of_ours_says_what_readers_would_miss():
    ours = {
        folder.name
        for folder in (ROOT / "plugins").iterdir()
        if (folder / "__init__.py").is_file() and folder.name != "blog_core"
    }
    assert ours - LEFT_OUT.keys() == set()


@pytest.mark.parametrize("plugin", PLUGINS)
def test_the_site_builds_whole_without(plugin, tmp_path, monkeypatch, sample_site):
    site = build_without(plugin, tmp_path / "output", monkeypatch)
    pages = site.html_files()
    assert pages

    # Every link, asset, #fragment and feed; robots.txt sends crawlers only to what exists.
    assert check_site(site.output, "", html=False) == []
    robots = site.path("/robots.txt").read_text(encoding="utf-8")
    for sitemap in re.findall(r"^Sitemap:\s*(\S+)", robots, re.MULTILINE):
        assert site.exists(urlsplit(sitemap).path), robots
    # Pages the plugin does not change are the full site's, which the smoke tests check.
    assert invalid_html(changed_pages(site, sample_site), shown_from=site.output) == []

    shown = {}
    for file in pages:
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
        for check in LEFT_OUT.get(plugin, ()):
            found = soup.select(check) if isinstance(check, str) else check(soup)
            if found:
                shown.setdefault(getattr(check, "__name__", check), []).append(site.url_of(file))
    assert shown == {}
    written = [
        path.relative_to(site.output).as_posix()
        for pattern in FILES_LEFT_OUT.get(plugin, ())
        for path in site.output.glob(pattern)
    ]
    assert written == []
