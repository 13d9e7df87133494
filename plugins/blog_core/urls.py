"""Articles' and pages' addresses, computed once each while the site is written.

Pelican works `url` and `save_as` out of the settings every time they are read (a copy of the
metadata, two absolute paths, a format), and the templates read them dozens of times per
article: every card, link, feed and sitemap entry. Once every generator's context is built
(`all_generators_finalized`) each article and page keeps the two it has computed, and computes
them again after any change to one of its attributes: a later receiver of the same signal moving
a duplicate (content_checks' `override_url`), draft_preview giving a preview its authors.

What an address is made of beyond the content's own attributes (the settings, its category's and
author's slugs) is final by then: nothing changes it while the pages are written.
"""

from pelican.contents import Article, Page

# Where a content keeps its addresses: in its own __dict__, set directly, so that keeping them
# is not itself an attribute change.
KEPT = "_blog_core_addresses"
# Pelican's own classes only: a plugin's subclass may compute its addresses its own way.
PLAIN_CLASSES = (Article, Page)
# The generators' lists of articles and pages, published or not.
CONTENT_LISTS = (
    "articles",
    "hidden_articles",
    "drafts",
    "pages",
    "hidden_pages",
    "draft_pages",
    "translations",
    "hidden_translations",
    "drafts_translations",
    "draft_translations",
)


class KeptAddresses:
    """An Article or Page whose `url` and `save_as` are computed once, until an attribute of it
    changes."""

    plain_class = None  # the Pelican class it extends

    @property
    def url(self):
        kept = self._addresses()
        if "url" not in kept:
            kept["url"] = super().url
        return kept["url"]

    @property
    def save_as(self):
        kept = self._addresses()
        if "save_as" not in kept:
            kept["save_as"] = super().save_as
        return kept["save_as"]

    def _addresses(self):
        return self.__dict__.setdefault(KEPT, {})

    def __setattr__(self, name, value):
        self.__dict__.pop(KEPT, None)
        super().__setattr__(name, value)

    def __delattr__(self, name):
        self.__dict__.pop(KEPT, None)
        super().__delattr__(name)

    def __reduce_ex__(self, protocol):
        # Pickled or copied (a cache, a worker process) as the plain Pelican object it was.
        state = {name: value for name, value in self.__dict__.items() if name != KEPT}
        return (_plain, (self.plain_class, state))


def _plain(cls, state):
    content = cls.__new__(cls)
    content.__dict__.update(state)
    return content


def _kept_class(cls):
    # The same name as Pelican's: a Page's addresses come from the PAGE_* settings by name.
    return type(cls.__name__, (KeptAddresses, cls), {"plain_class": cls})


KEPT_CLASSES = {cls: _kept_class(cls) for cls in PLAIN_CLASSES}


def keep_addresses(content):
    """From now on `content` computes its url and save_as once (again after any change)."""
    kept_class = KEPT_CLASSES.get(type(content))
    if kept_class is not None:
        content.__class__ = kept_class


def keep_addresses_while_writing(generators):
    """Every article and page of the build keeps its addresses (`all_generators_finalized`)."""
    for generator in generators:
        for name in CONTENT_LISTS:
            for content in getattr(generator, name, None) or ():
                keep_addresses(content)
