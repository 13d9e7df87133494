"""What an import writes: each post, page and bio as a content file, the approved comments as
data files, and the old addresses with their new ones. Pure functions: the files are planned
as (place under content/, text); `invoke import-wordpress` writes them.

Everything taken from the export is untrusted: a header value is one line of plain text (a
title holding a line break cannot add a field), and a file's name comes from a slug made of
letters, digits and hyphens only, so it always stays in its folder.
"""

import html
import re
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

import yaml

from blog_core.text import is_web_address, plain_text
from go_live_checks.checks import BIO_PLACEHOLDER

from .convert import Site, convert_post, local_upload

UNSAFE_IN_PATH = re.compile(r"[\x00-\x1f\x7f\\\"'<>`?#]")
DRAFT_STATUSES = ("draft", "private", "pending")
SKIPPED_STATUSES = {"trash": "è nel cestino di WordPress", "auto-draft": "è una bozza automatica"}
# How the report names each status of WordPress, counting the posts and pages.
STATUS_WORDS = {
    "publish": "pubblicati",
    "future": "programmati",
    "draft": "bozze",
    "private": "privati (importati come bozze)",
    "pending": "in revisione (importati come bozze)",
}


@dataclass
class Planned:
    """A file to write: its place under content/, its text and what to fix in it."""

    place: str
    text: str
    kind: str  # article, page, bio, comments
    notes: list = field(default_factory=list)  # (line, message)


@dataclass
class Plan:
    files: list = field(default_factory=list)
    images: dict = field(default_factory=dict)  # place under content/ -> the post that uses it
    redirects: list = field(default_factory=list)  # (old path, new path)
    ids: list = field(default_factory=list)  # (WordPress id, new path) of what is published
    skipped: list = field(default_factory=list)  # (what, why)
    counts: dict = field(default_factory=dict)  # posts by status, comments by fate


def one_line(value):
    """A header value from the export: plain text on one line, whatever it held."""
    return " ".join(plain_text(html.unescape(value or "")).split())


def _slug_of(item, slugify):
    return slugify(item.slug) or slugify(one_line(item.title)) or f"wordpress-{item.id}"


def _unique(slug, taken):
    candidate, number = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def _moment(value):
    return f"{value:%Y-%m-%d %H:%M}"


def attachment_place(attachment, site):
    """The place under content/ of an attachment's file, or None."""
    attached = attachment.meta.get("_wp_attached_file", "")
    if attached and ".." not in attached.split("/") and not attached.startswith("/"):
        return "wp-content/uploads/" + attached
    return local_upload(attachment.attachment_url, site)


def _site(export, slugs):
    site = Site(url=export.site_url)
    for attachment in export.attachments.values():
        site.attachments[attachment.id] = (
            attachment.attachment_url,
            attachment.meta.get("_wp_attachment_image_alt", ""),
            one_line(attachment.excerpt),
        )
    for item, folder, slug in slugs:
        target = f"{folder}/{slug}.md"
        site.ids[item.id] = target
        for path in old_paths(item):
            site.paths[path.rstrip("/").lower()] = target
    return site


def old_paths(item):
    """The addresses WordPress may have given a post: its permalink and the date forms."""
    paths = []
    if item.link:
        link = urlsplit(item.link)
        if link.path.strip("/") and not link.query:
            paths.append(unquote(link.path))
    if item.kind == "post" and item.date and item.slug:
        paths.append(f"/{item.date:%Y/%m/%d}/{item.slug}/")
        paths.append(f"/{item.date:%Y/%m}/{item.slug}/")
        paths.append(f"/{item.slug}/")
    elif item.slug:
        paths.append(f"/{item.slug}/")
    unique = []
    for path in paths:
        path = "/" + path.strip("/") + "/"
        if path not in unique and safe_old_path(path):
            unique.append(path)
    return unique


def safe_old_path(path):
    """Whether an old address can name a redirect page: no `..`, no control character, no
    backslash, so the page it becomes stays inside the built site."""
    parts = path.strip("/").split("/")
    return all(part not in ("", ".", "..") for part in parts) and not UNSAFE_IN_PATH.search(path)


def _header(fields):
    return "".join(f"{name}: {value}\n" for name, value in fields if value)


def _with_body(fields, conversion, notes):
    header = _header(fields)
    offset = header.count("\n") + 1  # the blank line after the header
    notes.extend((line + offset, message) for line, message in conversion.notes)
    return header + "\n" + conversion.markdown


def _post_fields(item, export, site, plan, notes):
    author = export.authors.get(item.author)
    categories = [term.name for term in item.categories]
    tags = [term.name for term in item.tags]
    if len(categories) > 1:
        tags = categories[1:] + [tag for tag in tags if tag not in categories[1:]]
        others = ", ".join(map(one_line, categories[1:]))
        notes.append(
            (
                "Category",
                f"il post aveva {len(categories)} categorie: qui un articolo ne ha una, "
                f"«{one_line(categories[0])}»; le altre ({others}) sono diventate tag.",
            )
        )
    summary = one_line(item.excerpt) or one_line(item.meta.get("_yoast_wpseo_metadesc", ""))
    image, image_alt = "", ""
    thumbnail = export.attachments.get(item.meta.get("_thumbnail_id", ""))
    if thumbnail is not None:
        image = attachment_place(thumbnail, site) or ""
        image_alt = one_line(thumbnail.meta.get("_wp_attachment_image_alt", ""))
        if image:
            plan.images.setdefault(image, item)
    yoast_title = one_line(item.meta.get("_yoast_wpseo_title", ""))
    if yoast_title and "%%" not in yoast_title and yoast_title != one_line(item.title):
        notes.append(
            (
                "Title",
                f"il titolo per Google impostato con Yoast era «{yoast_title}»: qui il titolo "
                "è uno solo, scegli quale tenere.",
            )
        )
    status = "draft" if item.status in DRAFT_STATUSES else ""
    modified = item.modified if item.modified and item.date and item.modified > item.date else None
    return [
        ("Title", one_line(item.title) or "Senza titolo"),
        ("Date", _moment(item.date) if item.date else ""),
        ("Modified", _moment(modified) if modified else ""),
        ("Slug", None),  # filled by the caller
        ("Category", one_line(categories[0]) if categories else ""),
        ("Tags", ", ".join(one_line(tag).replace(",", " ") for tag in tags)),
        ("Author", one_line(author.display_name) if author else one_line(item.author)),
        ("Summary", summary),
        ("Image", image),
        ("ImageAlt", image_alt if image else ""),
        ("Status", status),
    ]


def _named_notes(fields, notes):
    """Notes named by a field ("Category") at that field's line."""
    lines = {name: number for number, (name, _) in enumerate((f for f in fields if f[1]), 1)}
    return [(lines.get(at, 1) if isinstance(at, str) else at, message) for at, message in notes]


def _images_of(markdown):
    found = []
    for part in markdown.split("{static}/")[1:]:
        place = part.split(")", 1)[0].split(" ", 1)[0].split('"', 1)[0]
        if place.startswith("wp-content/uploads/"):
            found.append(place)
    return found


class _CommentsDumper(yaml.SafeDumper):
    """Writes a text of several lines as a `|` block, as an author would write it."""


def _text_block(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_CommentsDumper.add_representer(str, _text_block)


def comments_file(item, slug, title, plan, site):
    """The Planned data file of a post's approved comments, or None; the rest counted."""
    approved = {}
    for comment in item.comments:
        if comment.kind in ("pingback", "trackback"):
            plan.counts["pingback"] = plan.counts.get("pingback", 0) + 1
        elif comment.status != "approved":
            key = {"hold": "in_attesa", "spam": "spam", "trash": "cestino"}.get(
                comment.status, "in_attesa"
            )
            plan.counts[key] = plan.counts.get(key, 0) + 1
        elif comment.date is not None and comment.text.strip():
            approved[comment.id] = comment
    if not approved:
        return None
    entries = []
    for comment in approved.values():
        entry = {"id": f"wp-{comment.id}"}
        if comment.parent in approved:
            entry["parent"] = f"wp-{comment.parent}"
        entry["name"] = one_line(comment.name) or "Anonimo"
        if is_web_address(comment.website):
            entry["website"] = comment.website
        entry["date"] = _moment(comment.date)
        entry["text"] = convert_post(comment.text, site).markdown
        entries.append(entry)
    plan.counts["commenti"] = plan.counts.get("commenti", 0) + len(entries)
    text = (
        f"# Commenti approvati di «{title}», importati da WordPress.\n"
        "# Mai l'email o l'indirizzo IP di chi scrive.\n"
        + yaml.dump(entries, Dumper=_CommentsDumper, allow_unicode=True, sort_keys=False, width=100)
    )
    return Planned(f"comments/{slug}.yaml", text, "comments")


def bio_file(author, slugify):
    slug = slugify(author.display_name) or slugify(author.login)
    text = (
        f"Name: {one_line(author.display_name) or one_line(author.login)}\n\n"
        f"{BIO_PLACEHOLDER} L'esportazione di WordPress non contiene le biografie: scrivi qui "
        "due o tre frasi su chi è l'autore e di che cosa scrive, poi togli il segnaposto.\n"
    )
    return Planned(f"authors/{slug}.md", text, "bio", [(3, "scrivi la biografia dell'autore.")])


def new_addresses(settings):
    """The new addresses' formats plan_import() needs, from Pelican's settings."""
    names = ("ARTICLE_URL", "PAGE_URL", "CATEGORY_URL", "TAG_URL", "AUTHOR_URL")
    return {
        **{name: settings[name] for name in names},
        "FEED": settings.get("FEED_ALL_ATOM") or "",
    }


def plan_import(export, slugify, new_urls):
    """The Plan of an import. `slugify` makes a safe slug of a text (blog_core's); `new_urls`
    gives the new addresses: a dict of Pelican's *_URL formats (ARTICLE_URL, CATEGORY_URL,
    TAG_URL, AUTHOR_URL, PAGE_URL, FEED)."""
    plan = Plan()
    taken = {"articles": set(), "pages": set()}
    slugs = []
    for item in export.posts + export.pages:
        if item.status in SKIPPED_STATUSES:
            plan.skipped.append((one_line(item.title), SKIPPED_STATUSES[item.status]))
            continue
        folder = "articles" if item.kind == "post" else "pages"
        slugs.append((item, folder, _unique(_slug_of(item, slugify), taken[folder])))
    site = _site(export, slugs)
    authors_used = {}
    for item, folder, slug in slugs:
        notes = []
        conversion = convert_post(item.content, site)
        if item.kind == "post":
            fields = _post_fields(item, export, site, plan, notes)
            if item.author in export.authors:
                authors_used[item.author] = export.authors[item.author]
        else:
            fields = [
                ("Title", one_line(item.title) or "Senza titolo"),
                ("Slug", None),
                ("Summary", one_line(item.excerpt)),
                ("Status", "draft" if item.status in DRAFT_STATUSES else ""),
            ]
        fields = [(name, slug if name == "Slug" else value) for name, value in fields]
        if item.slug and slugify(item.slug) != item.slug:
            notes.append(
                (
                    "Slug",
                    f"l'indirizzo «{item.slug}» è diventato «{slug}» (solo lettere senza "
                    "accenti, numeri e trattini); il vecchio porta qui con un rinvio.",
                )
            )
        notes = _named_notes(fields, notes)
        text = _with_body(fields, conversion, notes)
        for place in _images_of(conversion.markdown):
            plan.images.setdefault(place, item)
        kind = "article" if item.kind == "post" else "page"
        plan.files.append(Planned(f"{folder}/{slug}.md", text, kind, sorted(notes)))
        plan.counts[STATUS_WORDS.get(item.status, item.status)] = (
            plan.counts.get(STATUS_WORDS.get(item.status, item.status), 0) + 1
        )
        if item.kind == "post" and item.status == "publish":
            comments = comments_file(item, slug, one_line(item.title), plan, site)
            if comments is not None:
                plan.files.append(comments)
        elif item.kind == "post" and item.comments:
            # The site shows comments only under a published article.
            plan.skipped.append(
                (
                    one_line(item.title),
                    f"commenti lasciati fuori ({len(item.comments)}): l'articolo non è pubblicato",
                )
            )
        if item.status in ("publish",):
            url_format = new_urls["ARTICLE_URL" if item.kind == "post" else "PAGE_URL"]
            new = "/" + url_format.format(slug=slug)
            plan.ids.append((item.id, new))
            plan.redirects.extend((old, new) for old in old_paths(item) if old != new)
    for author in authors_used.values():
        plan.files.append(bio_file(author, slugify))
        new = "/" + new_urls["AUTHOR_URL"].format(slug=slugify(author.display_name))
        plan.redirects.append((f"/author/{author.login}/", new))
    plan.redirects.extend(_term_redirects(slugs, slugify, new_urls))
    plan.redirects.append(("/feed/", "/" + new_urls["FEED"]))
    for number in range(2, _pages_of(export) + 1):
        plan.redirects.append((f"/page/{number}/", "/"))
    plan.redirects = _deduplicated(plan.redirects)
    for item in export.other:
        plan.skipped.append((one_line(item.title) or item.id, f"è un contenuto «{item.kind}»"))
    return plan


def _term_redirects(slugs, slugify, new_urls):
    redirects = []
    for item, _, _ in slugs:
        if item.kind != "post" or item.status != "publish":
            continue
        for index, term in enumerate(item.categories):
            # A category after the first is a tag here.
            url = new_urls["CATEGORY_URL"] if index == 0 else new_urls["TAG_URL"]
            redirects.append((f"/category/{term.slug}/", "/" + url.format(slug=slugify(term.name))))
        for term in item.tags:
            redirects.append(
                (f"/tag/{term.slug}/", "/" + new_urls["TAG_URL"].format(slug=slugify(term.name)))
            )
    return [(old, new) for old, new in redirects if old != new]


def _pages_of(export, per_page=10):
    published = sum(1 for item in export.posts if item.status == "publish")
    return max(1, -(-published // per_page))


def _deduplicated(redirects):
    seen, kept = set(), []
    for old, new in redirects:
        if old not in seen:
            seen.add(old)
            kept.append((old, new))
    return kept


def encoded_path(path):
    """An address path as a server receives it: non-ASCII letters percent-encoded."""
    return quote(path, safe="/-._~!$&'()*+,;=:@%")
