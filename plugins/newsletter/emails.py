"""Site HTML made ready for email: absolute links, a teaser image, inlined CSS. Pure functions."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import css_inline

URL_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
# What the common email clients show: no SVG (Gmail drops it), no WebP or AVIF (Outlook).
EMAIL_IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif")
# Email clients ignore <link> and most of <style>: the rules go into style attributes, and
# only the @media rules stay in <style> for the clients that read it. Nothing is fetched.
INLINER = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)


def absolute_url(url, base):
    """`url` as a reader's mail client needs it: whole, with the site's address."""
    if urlsplit(url).scheme or url.startswith(("//", "#")) or not url:
        return url
    return base.rstrip("/") + "/" + url.lstrip("/")


def absolute_urls(html, base):
    """Every href and src in an HTML fragment made absolute against `base`."""
    return URL_ATTRIBUTE.sub(
        lambda match: match.group(1) + absolute_url(match.group(2), base) + match.group(3), html
    )


class _FirstImage(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = None

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        source = attributes.get("src") or ""
        if self.found is None and tag == "img" and source.lower().endswith(EMAIL_IMAGE_TYPES):
            self.found = (source, attributes.get("alt") or "")


def email_image(html):
    """(src, alt) of the first image in `html` that email clients can show, or None."""
    finder = _FirstImage()
    finder.feed(html or "")
    finder.close()
    return finder.found


def inline_css(html):
    """The document with its <style> rules moved into style attributes (css-inline)."""
    return INLINER.inline(html)
