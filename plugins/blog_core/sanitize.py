"""One content policy where HTML enters: what Markdown and our plugins write, nothing else.

nh3 (the Python binding of Rust's ammonia) cleans every body and summary against the
allowlist below. It says nothing of what it removes, so when its output differs from what came
in, `removals()` reads the same allowlist to tell the author what went and what to write
instead; the cleaning never depends on that explanation.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

# What Python-Markdown (extra, toc, codehilite, footnotes, attr_list, md_in_html) and our plugins
# write, and the plain HTML authors use for it.
TAGS = frozenset(
    [
        "p",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "a",
        "img",
        "em",
        "strong",
        "b",
        "i",
        "u",
        "s",
        "del",
        "ins",
        "mark",
        "small",
        "sub",
        "sup",
        "code",
        "pre",
        "kbd",
        "samp",
        "var",
        "blockquote",
        "q",
        "cite",
        "abbr",
        "dfn",
        "time",
        "span",
        "div",
        "figure",
        "figcaption",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "colgroup",
        "col",
        "details",
        "summary",
        "wbr",
    ]
)
# Removed with what is inside them: their text is code, not words for a reader.
CONTENT_REMOVED = frozenset({"script", "style", "template", "noscript", "textarea", "title"})
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "rel", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "td": {"colspan", "rowspan", "style"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "details": {"open"},
    "col": {"span"},
    "colgroup": {"span"},
}
# Markdown's tables align their columns with `style="text-align: right"`: the only style kept.
STYLE_PROPERTIES = frozenset({"text-align"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "srcset"})


def clean(html, tags=TAGS):
    """`html` with everything outside the policy removed."""
    return nh3.clean(
        html,
        tags=set(tags),
        clean_content_tags=set(CONTENT_REMOVED),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
        filter_style_properties=set(STYLE_PROPERTIES),
    )


# A reader's comment: paragraphs, emphasis, code, quotes, lists and links; links marked as the
# reader's, so search engines give them nothing of the site's standing.
COMMENT_TAGS = frozenset(
    {"p", "br", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li"}
)


def clean_comment(html):
    """A comment's HTML with only COMMENT_TAGS, links with href alone and rel="nofollow ugc"."""
    return nh3.clean(
        html,
        tags=set(COMMENT_TAGS),
        clean_content_tags=set(CONTENT_REMOVED),
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
        strip_comments=True,
    )


@dataclass(frozen=True)
class Removal:
    """Something the policy took out: `found` is how to find it back in the source."""

    found: str
    message: str


EXECUTES = {"script", "noscript", "template"}
FRAMES = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal"}
FORMS = {"form", "input", "button", "select", "textarea", "option", "label", "fieldset"}
PAGE_WIDE = {"style", "link", "meta", "base", "title", "head", "html", "body"}


def element_message(tag):
    shown = f"«<{tag}>» è stato tolto"
    if tag in EXECUTES:
        return (
            f"{shown}: negli articoli non si eseguono programmi. Se era un widget (un modulo, "
            "un sondaggio, un contatore), metti al suo posto un link alla pagina originale."
        )
    if tag in FRAMES:
        return (
            f"{shown}: il sito non carica dentro le sue pagine contenuti di altri siti. Per un "
            "video, un post o una mappa scrivi il link all'originale su una riga da solo."
        )
    if tag in FORMS:
        return (
            f"{shown}: un articolo non può raccogliere dati con un modulo. Metti un link alla "
            "pagina del modulo, o all'iscrizione alla newsletter che il sito ha già."
        )
    if tag in PAGE_WIDE:
        return (
            f"{shown}: cambierebbe l'aspetto o gli indirizzi di tutta la pagina, che li prende "
            "dal tema. Scrivi il testo in Markdown."
        )
    return f"{shown} (il testo dentro resta): non è tra i tag ammessi. Scrivi il testo in Markdown."


def attribute_message(tag, name):
    shown = f"l'attributo «{name}» di «<{tag}>» è stato tolto"
    if name.startswith("on"):
        return f"{shown}: fa eseguire un programma al browser del lettore."
    if name == "style":
        return f"{shown}: l'aspetto lo decide il tema, uguale per tutte le pagine."
    return f"{shown}: non è tra quelli ammessi."


def url_message(url):
    return (
        f"l'indirizzo «{url}» è stato tolto: un link o un'immagine può solo iniziare con "
        "https://, http://, mailto: o tel:, oppure essere un indirizzo di questo sito."
    )


SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


def refused_urls(name, value):
    """The addresses in attribute `name` that the policy drops for their scheme."""
    addresses = (
        [part.split()[0] for part in value.split(",") if part.split()]
        if name == "srcset"
        else [value]
    )
    return [
        address
        for address in addresses
        if (scheme := SCHEME.match(address)) and scheme[1].lower() not in URL_SCHEMES
    ]


class _Explainer(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.removals = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if self.skipping:
            return
        if tag not in TAGS:
            self.removals.append(Removal(self.found_again(tag), element_message(tag)))
            if tag in CONTENT_REMOVED:
                self.skipping += 1
            return
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            value = value or ""
            if name not in allowed or name == "style" and not style_is_alignment(value):
                # "style=", not "style": the attribute, not a <style> element before it.
                self.removals.append(Removal(f"{name}=", attribute_message(tag, name)))
            elif name in URL_ATTRIBUTES:
                for address in refused_urls(name, value):
                    self.removals.append(
                        Removal(address.strip()[:60], url_message(address.strip()))
                    )

    def found_again(self, tag):
        # An iframe is found back by its own start tag: blog_core.embeds made the recognised
        # ones before it into cards, so counting "<iframe" in the source would land on those.
        if tag == "iframe":
            first_line = self.get_starttag_text().split("\n", 1)[0].strip()
            return first_line[:200]
        return f"<{tag}"

    def handle_endtag(self, tag):
        if tag in CONTENT_REMOVED and self.skipping:
            self.skipping -= 1


def style_is_alignment(style):
    properties = [part.split(":", 1)[0].strip().lower() for part in style.split(";")]
    return all(name in STYLE_PROPERTIES for name in properties if name)


def removals(html):
    """What clean() takes out of `html`, each with how to find it in the source."""
    explainer = _Explainer()
    explainer.feed(html)
    explainer.close()
    return explainer.removals
