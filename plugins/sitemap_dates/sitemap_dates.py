"""Sitemap dates from the content, never from the clock.

pelican-sitemap gives pages without a date of their own (home, categories, tags, authors,
archive) the moment its process started, so two builds of the same content would write
different sitemaps. Those pages change when an article does, so they get the date of the
newest article (its `Modified:` if later) instead.
"""

import weakref

from pelican import signals
from pelican.generators import ArticlesGenerator


def newest_change(articles):
    """The latest date or modification among `articles`, or None."""
    moments = [getattr(a, "modified", None) or a.date for a in articles]
    return max(moments, default=None)


def sitemap_generators():
    """pelican-sitemap's generator objects, found through the receivers they connected."""
    for receiver in list(signals.finalized.receivers.values()):
        target = receiver() if isinstance(receiver, weakref.ref) else receiver
        owner = getattr(target, "__self__", None)
        if owner is not None and hasattr(owner, "now") and hasattr(owner, "page_queue"):
            yield owner


def date_undated_pages(generators):
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    newest = newest_change(articles.articles) if articles else None
    if newest is None:
        return
    for sitemap in sitemap_generators():
        sitemap.now = newest


def register():
    signals.all_generators_finalized.connect(date_undated_pages)
