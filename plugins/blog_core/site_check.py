"""The built site checked as readers, feed readers and search engines meet it.

One checker for `invoke publish`, `invoke check`, link_checks and the tests: every link and
asset of every page leads to a file of the site (and a `#fragment` to an element of that
page), every feed parses, `sitemap.xml` is XML whose addresses exist, and every page passes the
Nu Html Checker. Each problem is one line, `page: what is wrong`.
"""

import xml.etree.ElementTree as ElementTree
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from . import validator

# The attributes that make a browser follow or fetch an address.
LINKING_ATTRIBUTES = {
    "a": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "form": ("action",),
}
NOT_PAGES = ("mailto", "tel", "data", "javascript", "sms")
# Emails link to the site on purpose and carry the provider's merge tags, which are not
# addresses until the provider fills them in: their links are checked, the validator skips them.
EMAIL_FILE = "email.html"
SITEMAP = "sitemap.xml"


class _Page(HTMLParser):
    """The addresses a page links to and the ids a `#fragment` can reach in it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(name):
                self.ids.add(attributes[name])
        for name in LINKING_ATTRIBUTES.get(tag, ()):
            value = (attributes.get(name) or "").strip()
            if not value:
                continue
            if name == "srcset":
                self.links += [part.split()[0] for part in value.split(",") if part.strip()]
            else:
                self.links.append(value)


def read_page(file):
    page = _Page()
    page.feed(Path(file).read_text(encoding="utf-8"))
    page.close()
    return page


def page_url(folder, file):
    """The site path a file is served at: /tag/pmi/ for tag/pmi/index.html."""
    relative = Path(file).relative_to(folder).as_posix()
    return "/" + relative.removesuffix("index.html")


def served_file(folder, path):
    """The file of the site in `folder` that serves a site path such as /tag/pmi/, or None."""
    target = Path(folder) / unquote(path).lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def site_path(url, here, siteurl):
    """The path on this site that `url` on page `here` points to, or None for elsewhere."""
    parts = urlsplit(urljoin(here, url))
    if parts.scheme in NOT_PAGES:
        return None
    if parts.netloc:
        site = urlsplit(siteurl) if siteurl else None
        if site is None or parts.netloc != site.netloc:
            return None  # another site: not ours to check
        return parts.path.removeprefix(site.path.rstrip("/")) or "/"
    return parts.path or here


def broken_links(folder, siteurl=""):
    """`page: il link … non porta …` for every link or asset of this site that leads nowhere."""
    folder = Path(folder)
    ids_of = cache(lambda file: read_page(file).ids)
    problems = []
    for file in sorted(folder.rglob("*.html")):
        page = read_page(file)
        here = page_url(folder, file)
        for url in dict.fromkeys(page.links):
            if file.name == EMAIL_FILE and not urlsplit(url).scheme:
                continue  # a merge tag such as *|UNSUB|*: the provider fills it in
            path = site_path(url, here, siteurl)
            if path is None:
                continue
            target = None if "{" in url else served_file(folder, path)
            if target is None:
                problems.append(f"{here}: il link {url} non porta a nessuna pagina o file del sito")
                continue
            fragment = unquote(urlsplit(url).fragment)
            ids = page.ids if target == file else None
            if fragment and target.suffix == ".html":
                ids = ids if ids is not None else ids_of(target)
                if fragment not in ids:
                    problems.append(
                        f"{here}: il link {url} porta a una pagina che non ha la parte "
                        f"«#{fragment}»"
                    )
    return problems


def bad_feeds(folder):
    """Feeds that a feed reader would refuse."""
    import feedparser  # noqa: PLC0415 - installed for publishing (requirements-publish.txt)

    problems = []
    for feed in sorted(Path(folder).rglob("*.xml")):
        if feed.name == SITEMAP:
            continue
        parsed = feedparser.parse(feed.read_bytes())
        if parsed.bozo or parsed.version == "":
            reason = getattr(parsed, "bozo_exception", "non è un feed RSS o Atom")
            problems.append(f"/{feed.relative_to(folder).as_posix()}: feed non valido ({reason})")
    return problems


def bad_sitemap(folder, siteurl=""):
    """sitemap.xml must be XML, and every address in it a page of the site."""
    sitemap = Path(folder) / SITEMAP
    if not sitemap.is_file():
        return []
    try:
        tree = ElementTree.parse(sitemap)
    except ElementTree.ParseError as error:
        return [f"/{SITEMAP}: non è XML valido ({error}), i motori di ricerca lo scartano"]
    problems = []
    for location in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        address = (location.text or "").strip()
        path = site_path(address, "/", siteurl)
        if path is None or served_file(folder, path) is None:
            problems.append(f"/{SITEMAP}: l'indirizzo {address} non è una pagina del sito")
    return problems


def invalid_html(folder):
    """The Nu Html Checker's errors in every page but the emails (one Java run)."""
    folder = Path(folder)
    pages = [file for file in sorted(folder.rglob("*.html")) if file.name != EMAIL_FILE]
    return validator.invalid_html(pages, shown_from=folder)


def check_site(folder, siteurl="", *, html=True):
    """Every problem that must keep this build away from readers, one line each."""
    problems = [*broken_links(folder, siteurl), *bad_feeds(folder), *bad_sitemap(folder, siteurl)]
    if html:
        problems += invalid_html(folder)
    return problems
