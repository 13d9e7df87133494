"""Sitemap dates from the content, never from the clock.

pelican-sitemap gives pages without a date of their own (home, categories, tags, authors,
archive) the moment its process started, so two builds of the same content would write
different sitemaps. Those pages change when an article does, so once the site is written
their `<lastmod>` becomes the date of the newest article (its `Modified:` if later).
"""

import os
import re

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from blog_core import build_of, site_written

ENTRY = re.compile(r"(<url>\s*<loc>(?P<loc>[^<]*)</loc>\s*<lastmod>)(?P<lastmod>[^<]*)(</lastmod>)")


def newest_change(articles):
    """The latest date or modification among `articles`, or None."""
    moments = [getattr(a, "modified", None) or a.date for a in articles]
    return max(moments, default=None)


def redate(sitemap, dated_locations, moment):
    """`sitemap` (XML text) with every entry not in `dated_locations` dated `moment`."""
    lastmod = moment.isoformat(timespec="seconds")

    def replace(match):
        if match["loc"] in dated_locations:
            return match.group(0)
        return match.group(1) + lastmod + match.group(4)

    return ENTRY.sub(replace, sitemap)


def remember_dates(generators):
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    build = build_of(articles.settings)
    newest = newest_change(articles.articles)
    if build is None or newest is None:
        return
    siteurl = articles.settings["SITEURL"]
    # Pages have a date only when their header gives one.
    dated_pages = [
        p for p in pages.pages if getattr(p, "modified", None) or getattr(p, "date", None)
    ]
    dated = {f"{siteurl}/{item.url}" for item in [*articles.articles, *dated_pages]}
    build.plugin_state["sitemap_dates"] = (dated, newest)


def fix_sitemap(pelican):
    remembered = pelican.plugin_state.pop("sitemap_dates", None)
    path = os.path.join(pelican.output_path, "sitemap.xml")
    if remembered is None or not os.path.isfile(path):
        return
    with open(path, encoding="utf-8") as sitemap:
        text = redate(sitemap.read(), *remembered)
    with open(path, "w", encoding="utf-8") as sitemap:
        sitemap.write(text)


def register():
    signals.all_generators_finalized.connect(remember_dates)
    site_written.connect(fix_sitemap)
