"""A WordPress export (WXR, an RSS file with WordPress's own elements) read into plain data.

Read with the standard library's ElementTree. Real exports hold control characters XML 1.0
forbids (pasted from Word, old plugins): they are removed before parsing and counted, so the
report can say so instead of stopping at the first one. A commenter's email and IP address are
never read into these objects. Pure functions.
"""

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import unquote
from zoneinfo import ZoneInfo

SITE_ZONE = ZoneInfo("Europe/Rome")
UTC = ZoneInfo("UTC")
# Characters XML 1.0 does not allow, written as they are or as character references.
ILLEGAL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
ILLEGAL_REFERENCES = re.compile(
    r"&#(?:x0*(?:[0-8bcef]|1[0-9a-f])|0*(?:[0-8]|1[1245789]|2[0-9]|3[01]));", re.IGNORECASE
)
# An export never declares entities; one that does could expand without end.
ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
NO_DATE = "0000-00-00 00:00:00"
# The post meta that matters to the import; the rest (page builders' caches) is left.
KEPT_META = (
    "_thumbnail_id",
    "_yoast_wpseo_title",
    "_yoast_wpseo_metadesc",
    "_wp_attached_file",
    "_wp_attachment_image_alt",
)
COMMENT_STATUSES = {"1": "approved", "0": "hold", "spam": "spam", "trash": "trash"}


class ExportError(ValueError):
    """The file is not a WordPress export that can be read: the message says why, in Italian."""


@dataclass(frozen=True)
class Author:
    login: str
    display_name: str


@dataclass(frozen=True)
class Term:
    slug: str
    name: str


@dataclass(frozen=True)
class Comment:
    """A comment as WordPress kept it, without its author's email and IP address."""

    id: str
    parent: str | None
    name: str
    website: str
    date: datetime
    text: str  # HTML
    status: str  # approved, hold, spam or trash
    kind: str  # comment, pingback or trackback


@dataclass
class Item:
    """A post, page or attachment of the export."""

    id: str
    kind: str  # post, page, attachment (or another type a plugin registered)
    title: str
    slug: str  # percent-decoded
    link: str
    status: str  # publish, draft, future, private, pending, trash, inherit
    date: datetime | None  # in Europe/Rome
    modified: datetime | None
    author: str  # the login
    content: str
    excerpt: str
    parent: str
    categories: list = field(default_factory=list)  # Terms, in the export's order
    tags: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    comments: list = field(default_factory=list)
    attachment_url: str = ""


@dataclass
class Export:
    site_url: str
    authors: dict  # login -> Author
    posts: list
    pages: list
    attachments: dict  # id -> Item
    other: list  # items of other types (menus, forms), left out
    removed_characters: int = 0


def clean_xml(data):
    """(the export's text without the characters XML 1.0 forbids, how many were removed)."""
    text = data.decode("utf-8", errors="replace")
    text, references = ILLEGAL_REFERENCES.subn("", text)
    text, characters = ILLEGAL_CHARACTERS.subn("", text)
    return text, references + characters


def _local(tag):
    """('wp' | 'content' | 'excerpt' | 'dc' | '', local name) of an element's tag."""
    if not tag.startswith("{"):
        return "", tag
    namespace, name = tag[1:].split("}", 1)
    if "excerpt" in namespace:
        return "excerpt", name
    if "wordpress.org/export" in namespace:
        return "wp", name
    if "purl.org/rss/1.0/modules/content" in namespace:
        return "content", name
    if "purl.org/dc/" in namespace:
        return "dc", name
    return namespace, name


def _children(element):
    """{(prefix, name): text} of an element's first children of each name."""
    found = {}
    for child in element:
        found.setdefault(_local(child.tag), (child.text or "").strip("\r\n"))
    return found


def _every(element, prefix, name):
    return [child for child in element if _local(child.tag) == (prefix, name)]


def site_date(gmt, local):
    """The moment in Europe/Rome: from the GMT date, else (drafts) the local one; or None."""
    for value, zone in ((gmt, UTC), (local, SITE_ZONE)):
        value = (value or "").strip()
        if not value or value == NO_DATE:
            continue
        try:
            moment = datetime.fromisoformat(value.replace(" ", "T"))
        except ValueError:
            continue
        return moment.replace(tzinfo=zone).astimezone(SITE_ZONE)
    return None


def _comment(element):
    values = _children(element)

    def wp(name):
        return values.get(("wp", name), "").strip()

    kind = wp("comment_type") or "comment"
    parent = wp("comment_parent")
    # comment_author_email and comment_author_IP are never read.
    return Comment(
        id=wp("comment_id"),
        parent=parent if parent not in ("", "0") else None,
        name=wp("comment_author"),
        website=wp("comment_author_url"),
        date=site_date(wp("comment_date_gmt"), wp("comment_date")),
        text=values.get(("wp", "comment_content"), ""),
        status=COMMENT_STATUSES.get(wp("comment_approved"), wp("comment_approved") or "hold"),
        kind=kind,
    )


def _item(element):
    values = _children(element)

    def wp(name):
        return values.get(("wp", name), "").strip()

    meta = {}
    for entry in _every(element, "wp", "postmeta"):
        pair = _children(entry)
        key = pair.get(("wp", "meta_key"), "").strip()
        if key in KEPT_META:
            meta[key] = pair.get(("wp", "meta_value"), "").strip()
    categories, tags = [], []
    for term in _every(element, "", "category"):
        domain = term.get("domain", "")
        chosen = {"category": categories, "post_tag": tags}.get(domain)
        if chosen is not None:
            name = (term.text or "").strip()
            chosen.append(Term(unquote(term.get("nicename", "") or name), name))
    return Item(
        id=wp("post_id"),
        kind=wp("post_type") or "post",
        title=values.get(("", "title"), "").strip(),
        slug=unquote(wp("post_name")),
        link=values.get(("", "link"), "").strip(),
        status=wp("status") or "draft",
        date=site_date(wp("post_date_gmt"), wp("post_date")),
        modified=site_date(wp("post_modified_gmt"), wp("post_modified")),
        author=values.get(("dc", "creator"), "").strip(),
        content=values.get(("content", "encoded"), ""),
        excerpt=values.get(("excerpt", "encoded"), "").strip(),
        parent=wp("post_parent"),
        categories=categories,
        tags=tags,
        meta=meta,
        comments=[_comment(entry) for entry in _every(element, "wp", "comment")],
        attachment_url=wp("attachment_url"),
    )


def read_export(data):
    """The Export in `data` (the file's bytes); ExportError when it cannot be read."""
    if ENTITY_DECLARATION.search(data):
        raise ExportError(
            "il file dichiara delle entità XML (<!ENTITY …>): un'esportazione di WordPress non "
            "le usa, quindi non lo leggo. Esporta di nuovo da Strumenti → Esporta."
        )
    text, removed = clean_xml(data)
    try:
        root = ElementTree.fromstring(text.encode("utf-8"))
    except ElementTree.ParseError as error:
        raise ExportError(
            f"alla riga {error.position[0]} il file non è XML valido: è stato tagliato o "
            "modificato? Esporta di nuovo da Strumenti → Esporta."
        ) from None
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise ExportError(
            "il file non è un'esportazione di WordPress (manca <rss><channel>): scegli il file "
            ".xml scaricato da Strumenti → Esporta."
        )
    values = _children(channel)
    site_url = (values.get(("wp", "base_blog_url")) or values.get(("", "link")) or "").strip()
    authors = {}
    for entry in _every(channel, "wp", "author"):
        author = _children(entry)
        login = author.get(("wp", "author_login"), "").strip()
        # author_email is never read.
        name = author.get(("wp", "author_display_name"), "").strip() or login
        if login:
            authors[login] = Author(login, name)
    export = Export(site_url.rstrip("/"), authors, [], [], {}, [], removed)
    for element in _every(channel, "", "item"):
        item = _item(element)
        if item.kind == "post":
            export.posts.append(item)
        elif item.kind == "page":
            export.pages.append(item)
        elif item.kind == "attachment":
            export.attachments[item.id] = item
        else:
            export.other.append(item)
    return export
