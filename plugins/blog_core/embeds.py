"""Embeds done right: a video, a post or a map from another site becomes a link card.

WordPress writes an embed as an iframe, as the bare address alone in its paragraph, as
`[embed]address[/embed]` or as Gutenberg's `wp-block-embed` figure. Each one from a provider
below becomes a card: the provider, the title and a plain link to the original page, so the
reader's browser asks nothing of the other site until the reader clicks (no cookie banner).

It runs on a reader's HTML just before the content policy (blog_core.sanitize): a recognised
iframe is a card by then and is not reported; any other iframe is removed and named as before.
The card is made only of what the policy allows, with our own escaping, and links only to an
http(s) address on a known host, rebuilt from the parts that were checked. Pure functions;
the card's words come from the theme's labels.
"""

import html
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, unquote, urlsplit

from .labels import LABELS_TEMPLATE, theme_labels
from .problems import SettingError


@dataclass(frozen=True)
class Embed:
    """What a card shows: `provider` is a key of the labels' embed_providers."""

    provider: str
    kind: str  # "video", "post" or "map": the card's words and style
    url: str  # the original page, never the embed address
    title: str = ""


# What a checked address may still hold once its host is known: no quote, space or bracket
# could end the attribute the card writes it in, no backslash a browser reads as a slash.
UNSAFE_IN_URL = re.compile(r"[\s\"'<>`\\^{}|\x00-\x1f\x7f]")


def _parts(url, scheme_relative=False):
    """(host, path, query) of an http(s) address with a plain host, else None."""
    url = url.strip()
    if scheme_relative and url.startswith("//"):
        url = "https:" + url
    if not url or UNSAFE_IN_URL.search(url):
        return None
    parts = urlsplit(url)
    # A user name or a port before the host is how lookalikes hide the real one.
    if parts.scheme.lower() not in ("http", "https") or "@" in parts.netloc or ":" in parts.netloc:
        return None
    return parts.netloc.lower(), parts.path, parts.query


def _query(query):
    return {name: values[0] for name, values in parse_qs(query).items()}


def _safe_path(path):
    return quote(path, safe="/%:@!$&()*+,;=-._~")


def _safe_query(query):
    return quote(query, safe="=&%:/?,+!*@;-._~")


YOUTUBE = {"youtube.com", "www.youtube.com", "m.youtube.com"}
YOUTUBE_NOCOOKIE = {"youtube-nocookie.com", "www.youtube-nocookie.com"}
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
YOUTUBE_LIST = re.compile(r"[A-Za-z0-9_-]{10,64}")
SECONDS = re.compile(r"(\d{1,6})s?")


def _youtube(host, path, query):
    fields = _query(query)
    segments = path.strip("/").split("/")
    if host == "youtu.be" and len(segments) == 1:
        video = segments[0]
    elif host in YOUTUBE and path.rstrip("/") == "/watch":
        video = fields.get("v", "")
    elif len(segments) == 2 and (
        host in YOUTUBE
        and segments[0] in ("shorts", "live", "embed")
        or host in YOUTUBE_NOCOOKIE
        and segments[0] == "embed"
    ):
        video = segments[1]
    elif host in YOUTUBE and path.rstrip("/") == "/playlist":
        video = "videoseries"
    else:
        return None
    if video == "videoseries":
        playlist = fields.get("list", "")
        if not YOUTUBE_LIST.fullmatch(playlist):
            return None
        return Embed("youtube", "video", f"https://www.youtube.com/playlist?list={playlist}")
    if not YOUTUBE_ID.fullmatch(video):
        return None
    url = f"https://www.youtube.com/watch?v={video}"
    # Where the author's video starts: `t=90`, `t=90s` on the page, `start=90` in an iframe.
    if start := SECONDS.fullmatch(fields.get("t", fields.get("start", ""))):
        url += f"&t={start[1]}s"
    return Embed("youtube", "video", url)


VIMEO = {"vimeo.com", "www.vimeo.com"}
DIGITS = re.compile(r"\d{1,12}")
VIMEO_HASH = re.compile(r"[0-9a-f]{6,20}")


def _vimeo(host, path, query):
    segments = path.strip("/").split("/")
    secret = ""
    if host == "player.vimeo.com" and len(segments) == 2 and segments[0] == "video":
        video, secret = segments[1], _query(query).get("h", "")
    elif host in VIMEO and len(segments) in (1, 2) and DIGITS.fullmatch(segments[0]):
        video, secret = segments[0], (segments[1] if len(segments) == 2 else "")
    elif host in VIMEO and len(segments) == 3 and segments[0] == "channels":
        video = segments[2]
    else:
        return None
    if not DIGITS.fullmatch(video) or secret and not VIMEO_HASH.fullmatch(secret):
        return None
    # An unlisted video opens only with its hash, `vimeo.com/<id>/<hash>`.
    return Embed("vimeo", "video", f"https://vimeo.com/{video}" + (f"/{secret}" if secret else ""))


INSTAGRAM = {"instagram.com", "www.instagram.com"}
INSTAGRAM_POST = re.compile(r"/(p|reel|tv)/([A-Za-z0-9_-]{5,40})(/embed(/captioned)?)?/?")


def _instagram(host, path, query):
    if host not in INSTAGRAM or not (post := INSTAGRAM_POST.fullmatch(path)):
        return None
    kind = "post" if post[1] == "p" else "video"
    return Embed("instagram", kind, f"https://www.instagram.com/{post[1]}/{post[2]}/")


FACEBOOK = {"facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com"}
FACEBOOK_NAME = r"[A-Za-z0-9._-]{1,80}"
FACEBOOK_ID = re.compile(r"\d{1,25}|pfbid[A-Za-z0-9]{10,80}")
FACEBOOK_PAGES = [
    (re.compile(rf"/{FACEBOOK_NAME}/posts/{FACEBOOK_NAME}/?"), "post"),
    (re.compile(rf"/{FACEBOOK_NAME}/videos/(?:{FACEBOOK_NAME}/)?\d{{1,20}}/?"), "video"),
    (re.compile(r"/reel/\d{1,20}/?"), "video"),
    (re.compile(r"/share/p/[A-Za-z0-9]{1,40}/?"), "post"),
    (re.compile(r"/share/v/[A-Za-z0-9]{1,40}/?"), "video"),
]
# Pages whose address is in their query: only these fields of it are kept.
FACEBOOK_QUERY_PAGES = {
    "/watch": ("video", ("v",)),
    "/watch/": ("video", ("v",)),
    "/permalink.php": ("post", ("story_fbid", "id")),
    "/story.php": ("post", ("story_fbid", "id")),
}


def _facebook(host, path, query):
    if host == "fb.watch" and re.fullmatch(r"/[A-Za-z0-9_-]{1,20}/?", path):
        return Embed("facebook", "video", f"https://fb.watch/{path.strip('/')}/")
    if host not in FACEBOOK:
        return None
    fields = _query(query)
    if path in ("/plugins/post.php", "/plugins/video.php"):
        # The embed's `href` is the original; it must itself be a Facebook page.
        original = _parts(fields.get("href", ""))
        inner = original and not original[1].startswith("/plugins/") and _facebook(*original)
        if not inner:
            return None
        return Embed("facebook", "video" if path.endswith("video.php") else inner.kind, inner.url)
    for pattern, kind in FACEBOOK_PAGES:
        if pattern.fullmatch(path):
            return Embed("facebook", kind, f"https://www.facebook.com{path}")
    if path in FACEBOOK_QUERY_PAGES:
        kind, names = FACEBOOK_QUERY_PAGES[path]
        if all(FACEBOOK_ID.fullmatch(fields.get(name, "")) for name in names):
            kept = "&".join(f"{name}={fields[name]}" for name in names)
            return Embed("facebook", kind, f"https://www.facebook.com{path}?{kept}")
    return None


LINKEDIN = {"linkedin.com", "www.linkedin.com"}
LINKEDIN_UPDATE = re.compile(
    r"(?:/embed)?/feed/update/(urn:li:(?:share|activity|ugcPost):\d{1,25})/?"
)
LINKEDIN_POST = re.compile(r"/posts/([A-Za-z0-9_%-]{1,200})/?")


def _linkedin(host, path, query):
    if host not in LINKEDIN:
        return None
    if update := LINKEDIN_UPDATE.fullmatch(path):
        return Embed("linkedin", "post", f"https://www.linkedin.com/feed/update/{update[1]}/")
    if post := LINKEDIN_POST.fullmatch(path):
        return Embed("linkedin", "post", f"https://www.linkedin.com/posts/{post[1]}/")
    return None


GOOGLE = {
    f"{prefix}google.{domain}" for prefix in ("", "www.", "maps.") for domain in ("com", "it")
}
# In an embed's `pb`: the map's centre, `!2d<longitude>!3d<latitude>`, and the place's name.
PB_CENTRE = re.compile(r"!2d(-?\d{1,3}(?:\.\d+)?)!3d(-?\d{1,2}(?:\.\d+)?)")
PB_PLACE = re.compile(r"!1s0x[0-9a-f]+(?::|%3A)0x[0-9a-f]+!2s([^!]{1,200})", re.IGNORECASE)
MAPS_PLACE = re.compile(r"/maps/place/([^/@]{1,200})")
MAP_SEARCH = "https://www.google.com/maps/search/?api=1&query="


def _place_name(encoded):
    return unquote(encoded.replace("+", " ")).strip()


def _google_maps(host, path, query):
    if host == "maps.app.goo.gl" and re.fullmatch(r"/[A-Za-z0-9_-]{1,40}/?", path):
        return Embed("google_maps", "map", f"https://maps.app.goo.gl/{path.strip('/')}")
    if host == "goo.gl" and re.fullmatch(r"/maps/[A-Za-z0-9_-]{1,40}/?", path):
        return Embed("google_maps", "map", f"https://goo.gl{path}")
    if host not in GOOGLE or not (path == "/maps" or path.startswith("/maps/")):
        return None
    fields = _query(query)
    if path == "/maps/embed" and "pb" in fields:
        pb = query.split("pb=", 1)[1].split("&", 1)[0]
        if not (centre := PB_CENTRE.search(pb)):
            return None
        place = PB_PLACE.search(pb)
        title = _place_name(place[1]) if place else ""
        return Embed("google_maps", "map", f"{MAP_SEARCH}{centre[2]}%2C{centre[1]}", title)
    # The Embed API's `/maps/embed/v1/place?q=…` and the old `maps?q=…&output=embed`.
    if path.startswith("/maps/embed") or fields.get("output") == "embed":
        if not (place := fields.get("q", "").strip()):
            return None
        return Embed("google_maps", "map", MAP_SEARCH + quote(place, safe=""), place)
    named = MAPS_PLACE.match(path)
    url = f"https://{host}{_safe_path(path)}" + (f"?{_safe_query(query)}" if query else "")
    return Embed("google_maps", "map", url, _place_name(named[1]) if named else "")


PROVIDERS = (_youtube, _vimeo, _instagram, _facebook, _linkedin, _google_maps)


def embed_for(url, scheme_relative=False):
    """The Embed for `url` (a page or an embed address of a known provider), else None."""
    parts = _parts(url, scheme_relative)
    if parts is None:
        return None
    return next((embed for find in PROVIDERS if (embed := find(*parts))), None)


# Titles the providers' own embed codes put on every iframe: they say nothing of the video.
GENERIC_TITLES = {
    "youtube video player",
    "youtube-video-player",
    "vimeo-player",
    "vimeo video player",
    "embedded content",
    "embed",
    "iframe",
}
MAX_TITLE = 200


def _title(text):
    text = " ".join(html.unescape(text or "").split())
    if text.lower() in GENERIC_TITLES:
        return ""
    return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1].rstrip() + "…"


def _text(value):
    """Plain text for an HTML text node, escaped as the content policy writes it."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value):
    return str(value).replace("&", "&amp;").replace('"', "&quot;")


def _plain(markup):
    """A label (Jinja's escaped markup) as plain text."""
    return html.unescape(str(markup))


def card(embed, labels, title="", inline=False):
    """The card's HTML for `embed`, in the words of the theme's `labels`; `inline`, made of
    spans, for an iframe inside a sentence (a div would break its paragraph in two)."""
    provider = _plain(labels.embed_providers[embed.provider])
    title = (
        _title(title)
        or _title(embed.title)
        or _plain(labels.embed_default_title(embed.kind, provider))
    )
    action = _plain(labels.embed_action(embed.kind, provider))
    note = _plain(labels.embed_note(provider))
    box, line = ("span", "span") if inline else ("div", "p")
    classes = f"embed-card embed-card--{embed.kind} embed-card--{embed.provider.replace('_', '-')}"
    return (
        f'<{box} class="{classes}">\n'
        f'<{line} class="embed-card__link"><a href="{_attribute(embed.url)}" '
        'rel="external noopener">'
        f'<span class="embed-card__title">{_text(title)}</span>\n'
        f'<span class="embed-card__action">{_text(action)}</span></a></{line}>\n'
        f'<{line} class="embed-card__note">{_text(note)}</{line}>\n'
        f"</{box}>"
    )


def _in_paragraph(text, position):
    """Whether `position` in `text` is inside an open <p> (Markdown's inline HTML)."""
    before = text[:position].lower()
    opened = max(before.rfind("<p>"), before.rfind("<p "))
    return opened > before.rfind("</p>")


# An attribute list as HTML reads it: a `>` inside quotes does not end the tag.
ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
ATTRIBUTE = re.compile(
    r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""", re.DOTALL
)
URL_TEXT = r"https?://[^\s<>\[\]]+"
EMBEDS = re.compile(
    # One literal `<` first: the regex engine then skips quickly to each tag.
    r"<(?:"
    # An iframe, with the paragraph around it when it is alone in one ...
    rf"(?P<open>p>\s*<)?iframe\b(?P<frame>{ATTRIBUTES})>(?:(?!<iframe\b).)*?</iframe\s*>"
    r"(?(open)\s*</p>)"
    # ... or a paragraph (or Gutenberg's wrapper div) holding only an address: bare, as a link
    # Markdown wrote for `<address>`, or in WordPress's [embed] shortcode.
    rf"|(?P<block>p|div)\b{ATTRIBUTES}>\s*(?P<shortcode>\[embed(?:\s[^\]]*)?\]\s*)?"
    rf"(?:(?P<bare>{URL_TEXT})|<a\b(?P<link>{ATTRIBUTES})>\s*(?P<text>{URL_TEXT})\s*</a\s*>)"
    r"\s*(?(shortcode)\[/embed\]\s*)</(?P=block)\s*>"
    r")",
    re.IGNORECASE | re.DOTALL,
)
# What an embed's HTML always holds: most articles have none, and are left at once.
HINTS = ("<iframe", "youtu", "vimeo", "instagram", "facebook", "fb.watch", "linkedin", "goo")


def _attributes(text):
    return {
        match[1].lower(): html.unescape(next((v for v in match.groups()[1:] if v is not None), ""))
        for match in ATTRIBUTE.finditer(text)
    }


def _replace(match, labels):
    if match["frame"] is not None:
        attributes = _attributes(match["frame"])
        # srcdoc is shown instead of src: not an embed, the content policy names it.
        if "srcdoc" in attributes:
            return match[0]
        embed = embed_for(attributes.get("src", ""), scheme_relative=True)
        if embed is None:
            return match[0]
        inline = match["open"] is None and _in_paragraph(match.string, match.start())
        return card(embed, labels, attributes.get("title", ""), inline)
    url = html.unescape(match["bare"] or match["text"])
    # A link whose text is one address and whose target another is the author's link.
    if match["link"] is not None and _attributes(match["link"]).get("href") != url:
        return match[0]
    embed = embed_for(url)
    return card(embed, labels) if embed else match[0]


def embed_cards(html_text, labels):
    """`html_text` with every recognised embed as a card worded from the theme's `labels`."""
    if not _has_hints(html_text):
        return html_text
    return EMBEDS.sub(lambda match: _replace(match, labels), html_text)


LABELS = ("embed_providers", "embed_default_title", "embed_action", "embed_note")
PROVIDER_NAMES = ("youtube", "vimeo", "instagram", "facebook", "linkedin", "google_maps")


def _has_hints(html_text):
    lower = html_text.lower()
    return any(hint in lower for hint in HINTS)


def cards_for_embeds(settings, html_text):
    """embed_cards() with the labels of the build's theme (the readers' one line)."""
    if not _has_hints(html_text):
        return html_text
    labels = theme_labels(settings["THEME"])
    missing = [name for name in LABELS if not hasattr(labels, name)] or [
        f"embed_providers[{name!r}]"
        for name in PROVIDER_NAMES
        if name not in labels.embed_providers
    ]
    if missing:
        raise SettingError(
            "THEME", f"non ha l'etichetta «{missing[0]}» in templates/{LABELS_TEMPLATE}."
        )
    return embed_cards(html_text, labels)
