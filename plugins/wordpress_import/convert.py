"""A WordPress post's HTML as this site's Markdown: markdownify with WordPress's rules.

WordPress stores what its editors wrote, not what it shows: the block editor's `<!-- wp:… -->`
markers, shortcodes (`[caption]`, `[gallery]`, `[embed]`, a plugin's `[contact-form-7]`), and
for the classic editor no `<p>` at all (wpautop adds them when the page is shown). Each becomes
what this site has: a figure is an image alone on its line with the alt text kept and the
caption as its title; a gallery is a list of images; a video is its address alone in its
paragraph, which blog_core.embeds turns into a click-to-load card; a link to another post of the
old site is a `{filename}` link the link checks verify; a resized image points to its original.
What has no equivalent is left out and noted with the line of the written file. Pure functions.
"""

import html
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

from bs4 import BeautifulSoup
from markdownify import MarkdownConverter

from blog_core.embeds import embed_for

BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
ANY_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# name-1024x683.jpg: a size WordPress made of name.jpg.
RESIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
# A shortcode's tag: [name attributes], [name /] or [/name]; [[name]] is written literally.
SHORTCODE = re.compile(r"\[(/?)([A-Za-z][\w-]*)((?:\s[^\[\]]*)?)/?\](?!\()")
CAPTION = re.compile(r"\[(caption|wp_caption)\b([^\]]*)\](.*?)\[/\1\]", re.DOTALL | re.IGNORECASE)
GALLERY = re.compile(r"\[gallery\b([^\]]*)\]", re.IGNORECASE)
EMBED = re.compile(r"\[embed\b[^\]]*\](.*?)\[/embed\]", re.DOTALL | re.IGNORECASE)
SHORTCODE_ATTRIBUTE = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
# What WordPress's wpautop treats as a block: never wrapped in a paragraph.
BLOCK_TAGS = (
    "address|article|aside|blockquote|details|div|dl|fieldset|figcaption|figure|footer|form|"
    "h[1-6]|header|hr|iframe|li|nav|ol|p|pre|section|table|ul|style|script"
)
STARTS_WITH_BLOCK = re.compile(rf"^\s*</?(?:{BLOCK_TAGS})\b", re.IGNORECASE)
HAS_PARAGRAPHS = re.compile(r"<p[\s>]", re.IGNORECASE)
TOKEN = re.compile(r"WPIMPORT(\d+)X")


@dataclass
class Site:
    """What a post's links are resolved against: the old site and where its posts went."""

    url: str = ""  # https://www.vecchio-blog.it
    attachments: dict = field(default_factory=dict)  # id -> (url, alt, caption)
    # The old site's address paths ("/2024/03/05/slug", "/slug") and post ids -> the
    # `{filename}` target of the file written for it ("articles/slug.md").
    paths: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)


@dataclass
class Conversion:
    markdown: str
    notes: list  # (line of the Markdown text, message in Italian)


def original_image(url):
    """The address of the original an image address names (name-1024x683.jpg -> name.jpg)."""
    parts = urlsplit(url)
    path = RESIZED.sub("", parts.path)
    return parts._replace(path=path).geturl()


def _host(url):
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def local_upload(url, site):
    """The place under content/ (wp-content/uploads/…) of an image of the old site, or None."""
    parts = urlsplit(url)
    if parts.scheme and _host(url) != _host(site.url):
        return None
    path = unquote(parts.path)
    marker = path.find("/wp-content/uploads/")
    if marker < 0:
        return None
    place = original_image(path[marker + 1 :])
    # Never a way out of content/.
    if ".." in place.split("/") or "\\" in place:
        return None
    return place


def old_post_target(url, site):
    """The `{filename}` target of a link to a post or page of the old site, or None."""
    parts = urlsplit(html.unescape(url))
    if parts.scheme and _host(url) != _host(site.url):
        return None
    if not parts.scheme and not parts.path.startswith("/") and not parts.query:
        return None
    query = parse_qs(parts.query)
    for name in ("p", "page_id"):
        if name in query and query[name][0] in site.ids:
            return site.ids[query[name][0]]
    base = urlsplit(site.url).path.rstrip("/")
    path = unquote(parts.path).rstrip("/")
    if base and path.startswith(base):
        path = path[len(base) :]
    return site.paths.get(path.lower())


def _attributes(text):
    return {
        match[1].lower(): html.unescape(next(v for v in match.groups()[1:] if v is not None))
        for match in SHORTCODE_ATTRIBUTE.finditer(text or "")
    }


def wpautop(text):
    """Classic-editor text with its paragraphs: blank lines part them, a single line break is a
    <br>, as WordPress shows it; a block element stays as it is."""
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    written = []
    for paragraph in paragraphs:
        if not paragraph.strip():
            continue
        if STARTS_WITH_BLOCK.match(paragraph):
            written.append(paragraph)
        else:
            written.append("<p>" + paragraph.strip().replace("\n", "<br>\n") + "</p>")
    return "\n\n".join(written)


class _Tokens:
    """What markdownify must not touch (an embed's address, a note), held apart by a token."""

    def __init__(self):
        self.values = []

    def add(self, kind, value):
        self.values.append((kind, value))
        return f"WPIMPORT{len(self.values) - 1}X"


def _figure_markdown(src, alt, caption):
    title = f' "{caption.replace(chr(34), chr(39))}"' if caption else ""
    alt = alt.replace("[", "(").replace("]", ")")
    return f"![{alt}]({src}{title})"


class WordPressConverter(MarkdownConverter):
    """markdownify with WordPress's figures, galleries, embeds, images and links."""

    def __init__(self, site, tokens, **options):
        super().__init__(heading_style="ATX", bullets="-", newline_style="backslash", **options)
        self.site = site
        self.tokens = tokens

    def note(self, message):
        return self.tokens.add("note", message)

    def image_source(self, src):
        place = local_upload(src, self.site)
        if place:
            return "{static}/" + place, ""
        return src, self.note(
            f"l'immagine {src} è su un altro sito: scaricala in content/images/ e collegala da lì "
            "(il sito non chiede nulla ad altri server)."
        )

    def image(self, img, caption=""):
        src, note = self.image_source(img.get("src", ""))
        alt = " ".join((img.get("alt") or "").split())
        if not alt:
            note += self.note("l'immagine non ha un testo alternativo (alt): descrivila.")
        return _figure_markdown(src, alt, " ".join(caption.split())) + note

    def convert_img(self, el, text, parent_tags):
        return self.image(el)

    def convert_figure(self, el, text, parent_tags):
        classes = el.get("class") or []
        if "wp-block-embed" in classes or any(c.startswith("wp-block-embed") for c in classes):
            return self.embed(el)
        if "wp-block-gallery" in classes:
            return self.gallery([figure for figure in el.find_all("figure")] or [el])
        img = el.find("img")
        if img is None:
            return text
        caption_element = el.find("figcaption")
        caption = caption_element.get_text(" ") if caption_element else ""
        return "\n\n" + self.image(img, caption) + "\n\n"

    def gallery(self, figures):
        lines = []
        for figure in figures:
            img = figure.find("img") if figure.name != "img" else figure
            if img is None:
                continue
            caption_element = figure.find("figcaption")
            caption = caption_element.get_text(" ") if caption_element else ""
            lines.append("- " + self.image(img, caption))
        return "\n\n" + "\n".join(lines) + "\n\n"

    def convert_ul(self, el, text, parent_tags):
        if "wp-import-gallery" in (el.get("class") or []):
            return self.gallery(el.find_all("li"))
        return super().convert_ul(el, text, parent_tags)

    def embed(self, el):
        """A block embed: the address in its iframe, else the one written in its wrapper."""
        iframe = el.find("iframe")
        words = el.get_text(" ").split()
        url = iframe.get("src", "") if iframe else (words[0] if words else "")
        return "\n\n" + self.video(url) + "\n\n"

    def video(self, url):
        """A video's (or a post's, a map's) address alone, the form blog_core.embeds makes a
        click-to-load card of; an embed from elsewhere, left out and noted."""
        embed = embed_for(html.unescape(url), scheme_relative=True)
        if embed is not None:
            return self.tokens.add("text", embed.url)
        return self.note(
            f"il contenuto incorporato da {url or 'un altro sito'} non ha un equivalente qui ed è "
            "stato tolto: se serve, metti un link normale."
        )

    def convert_iframe(self, el, text, parent_tags):
        return "\n\n" + self.video(el.get("src", "")) + "\n\n"

    def convert_a(self, el, text, parent_tags):
        href = el.get("href", "")
        only = el.find("img")
        # An image linked to its own full size (WordPress's default): the image alone.
        to_image = local_upload(href, self.site) or href.lower().endswith((".jpg", ".jpeg", ".png"))
        if only is not None and not el.get_text(strip=True) and to_image:
            return text
        target = old_post_target(href, self.site)
        if target:
            el["href"] = "{filename}/" + target
        elif local_upload(href, self.site):
            el["href"] = "{static}/" + local_upload(href, self.site)
        return super().convert_a(el, text, parent_tags)

    def convert_p(self, el, text, parent_tags):
        stripped = el.get_text().strip()
        # A paragraph holding only a video address: the card's form, the address alone.
        if stripped and not el.find(True):
            embed = embed_for(html.unescape(stripped))
            if embed is not None:
                return "\n\n" + self.tokens.add("text", embed.url) + "\n\n"
        return super().convert_p(el, text, parent_tags)

    def convert_script(self, el, text, parent_tags):
        return self.note("uno script è stato tolto: il sito non esegue script negli articoli.")

    convert_style = convert_script


def _caption(match):
    """[caption]<img …> La didascalia[/caption] as a block figure."""
    inner = match[3]
    soup = BeautifulSoup(inner, "html.parser")
    img = soup.find("img")
    if img is None:
        return inner
    caption = _attributes(match[2]).get("caption") or ""
    for element in soup.find_all(["img", "a"]):
        element.extract()
    caption = caption or soup.get_text(" ").strip()
    return (
        f"\n\n<figure>{img}<figcaption>{html.escape(caption, quote=False)}</figcaption>"
        "</figure>\n\n"
    )


def _gallery(match, site, tokens):
    ids = [part.strip() for part in _attributes(match[1]).get("ids", "").split(",")]
    items = []
    missing = []
    for attachment_id in filter(None, ids):
        if attachment_id not in site.attachments:
            missing.append(attachment_id)
            continue
        url, alt, caption = site.attachments[attachment_id]
        items.append(
            f'<li><figure><img src="{html.escape(url)}" alt="{html.escape(alt)}">'
            f"<figcaption>{html.escape(caption, quote=False)}</figcaption></figure></li>"
        )
    note = ""
    if missing:
        absent = ", ".join(missing)
        note = tokens.add(
            "note", f"la galleria nomina immagini che l'esportazione non contiene (id {absent})."
        )
    if not items:
        return f"\n\n<p>{note}</p>\n\n" if note else ""
    return f'\n\n<ul class="wp-import-gallery">{"".join(items)}</ul>\n\n{note}'


def _embed(match):
    """[embed]address[/embed] as the address alone in its paragraph."""
    return f"\n\n<p>{match[1].strip()}</p>\n\n"


def _is_shortcode(match, text):
    """Whether a bracketed word is a shortcode, not an author's `[sic]` or `[nota]`: it has
    attributes, a closing tag, or a name only plugins use (a hyphen or an underscore)."""
    name = match[2]
    return bool(
        match[1]
        or SHORTCODE_ATTRIBUTE.search(match[3] or "")
        or f"[/{name}]" in text
        or "-" in name
        or "_" in name
    )


def _unknown_shortcode(match, tokens):
    if not _is_shortcode(match, match.string):
        return match[0]
    if match[1]:  # a closing tag: its opening one carries the note
        return ""
    return tokens.add(
        "note",
        f"lo shortcode [{match[2]}] di WordPress qui non funziona ed è stato tolto "
        "(un modulo di contatto, un pulsante…): sostituiscilo con un testo o un link.",
    )


ESCAPED_SHORTCODE = re.compile(r"\[(\[[A-Za-z][^\[\]]*\])\]")


def prepared_html(content, site, tokens):
    """The post's HTML with WordPress's markers and shortcodes turned into plain HTML."""
    text = BLOCK_COMMENT.sub("", content)
    text = ANY_COMMENT.sub("", text)
    # [[gallery]] is how WordPress writes the words "[gallery]": kept as they are.
    text = ESCAPED_SHORTCODE.sub(lambda match: tokens.add("text", match[1]), text)
    if not HAS_PARAGRAPHS.search(text):
        text = wpautop(text)
    text = EMBED.sub(_embed, text)
    text = CAPTION.sub(_caption, text)
    text = GALLERY.sub(lambda match: _gallery(match, site, tokens), text)
    return SHORTCODE.sub(lambda match: _unknown_shortcode(match, tokens), text)


def _placed(markdown, tokens):
    """(the Markdown with the tokens replaced, the notes with their lines)."""
    lines, notes = [], []
    for line in markdown.splitlines():
        found = [int(number) for number in TOKEN.findall(line)]
        line_notes = [tokens.values[n][1] for n in found if tokens.values[n][0] == "note"]
        line = TOKEN.sub(
            lambda match: (
                tokens.values[int(match[1])][1] if tokens.values[int(match[1])][0] == "text" else ""
            ),
            line,
        ).rstrip()
        if not line.strip():
            if found:
                # The note names the line that takes the removed one's place.
                notes.extend((None, note) for note in line_notes)
                continue
            if not lines or not lines[-1]:
                continue
            lines.append("")
            continue
        number = len(lines) + 1
        notes = [(number if at is None else at, note) for at, note in notes]
        notes.extend((number, note) for note in line_notes)
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    last = max(len(lines), 1)
    notes = [(last if at is None else at, note) for at, note in notes]
    return "\n".join(lines) + "\n", notes


def convert_post(content, site):
    """The Conversion of a post's HTML `content`: its Markdown and what could not be kept."""
    tokens = _Tokens()
    prepared = prepared_html(content, site, tokens)
    converter = WordPressConverter(site, tokens)
    markdown = converter.convert(prepared)
    return Conversion(*_placed(markdown, tokens))
