"""Site HTML made ready for email: absolute links, a teaser image, inlined CSS. Pure functions."""

import re
from urllib.parse import urlsplit

import css_inline

from blog_core.parsed import HtmlFacts

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


def first_email_image(images):
    """(src, alt) of the first of `images` (blog_core.parsed Links) email clients can show."""
    for image in images:
        if image.target.lower().endswith(EMAIL_IMAGE_TYPES):
            return image.target, image.alt or ""
    return None


def email_image(html):
    """(src, alt) of the first image in `html` that email clients can show, or None."""
    return first_email_image(HtmlFacts(html).images)


def inline_css(html):
    """The document with its <style> rules moved into style attributes (css-inline)."""
    return INLINER.inline(html)
