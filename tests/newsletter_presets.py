"""The newsletter presets as an owner would configure them, and a scanner for live template tags
in what the digest sends to the provider: shared by the newsletter's site tests."""

import html
import re
from urllib.parse import unquote

from bs4 import BeautifulSoup

LIST_UUID = "9f8e7d6c-1234-4abc-8def-0123456789ab"

# Each preset with settings as its owner would copy them, what its form must post, and the
# unsubscribe tag its email carries.
PRESETS = {
    "mailchimp": (
        {
            "NEWSLETTER_ACTION_URL": (
                "https://bottega.us21.list-manage.com/subscribe/post?u=a1b2c3d4e5&id=f6a7b8c9d0"
            ),
            "NEWSLETTER_IDS": {"gdpr": "12345"},
        },
        "https://bottega.us21.list-manage.com/subscribe/post?u=a1b2c3d4e5&id=f6a7b8c9d0",
        {"EMAIL": "", "gdpr[12345]": "Y", "b_a1b2c3d4e5_f6a7b8c9d0": ""},
        "*|UNSUB|*",
    ),
    "brevo": (
        {"NEWSLETTER_ACTION_URL": "https://4f3e2d1c.sibforms.com/serve/MUIFAbcdEFGHijkl"},
        "https://4f3e2d1c.sibforms.com/serve/MUIFAbcdEFGHijkl",
        {"EMAIL": "", "OPT_IN": "1", "email_address_check": "", "locale": "it"},
        "{{ unsubscribe }}",
    ),
    "mailerlite": (
        {
            "NEWSLETTER_ACTION_URL": (
                "https://assets.mailerlite.com/jsonp/123456/forms/98765432101234567/subscribe"
            )
        },
        "https://assets.mailerlite.com/jsonp/123456/forms/98765432101234567/subscribe",
        {
            "fields[email]": "",
            "gdpr[]": "Email",
            "sito_web": "",
            "ml-submit": "1",
            "anticsrf": "true",
        },
        "{$unsubscribe}",
    ),
    "buttondown": (
        {"NEWSLETTER_IDS": {"username": "bottega-prova"}},
        "https://buttondown.com/api/emails/embed-subscribe/bottega-prova",
        {"email": "", "metadata__consenso_privacy": "si", "sito_web": "", "embed": "1"},
        "{{ unsubscribe_url }}",
    ),
    "listmonk": (
        {
            "NEWSLETTER_ACTION_URL": "https://liste.bottega.example/subscription/form",
            "NEWSLETTER_IDS": {"list": LIST_UUID},
        },
        "https://liste.bottega.example/subscription/form",
        {"email": "", "nonce": "", "l": LIST_UUID},
        "{{ UnsubscribeURL }}",
    ),
    "generic": (
        {
            "NEWSLETTER_ACTION_URL": "https://posta.bottega.example/iscriviti?lista=settimanale",
            "NEWSLETTER_FIELDS": {"email": "indirizzo", "consent": "privacy", "honeypot": "url"},
            "NEWSLETTER_UNSUBSCRIBE_TAG": "%%unsubscribe%%",
        },
        "https://posta.bottega.example/iscriviti?lista=settimanale",
        {"indirizzo": "", "privacy": "1", "url": ""},
        "%%unsubscribe%%",
    ),
}

# What opens or closes a tag for the presets' engines: Mailchimp *|…|*; Jinja, Liquid, Django,
# Handlebars, Go templates {{ }} {% %} {# #}; MailerLite {$…} {if} {/if}; bracket tags
# [UNSUBSCRIBE] [/if]; %%…%% and %%[ ]%%.
LIVE_TAG = re.compile(
    r"\*\||\|\*|\{\{|\}\}|\{%|%\}|\{#|#\}|\{\$|\{/?[A-Za-z*]|%%|%\[|\]%|\[/?[A-Za-z_][^\]\s]*\]"
)
# Written by the template, not by content: the CSS kept for @media and Outlook's comments.
TEMPLATE_OWNED = re.compile(
    r"<style\b.*?</style>|<!--\[if [^\]]*\]>(?:<!-->)?|(?:<!--)?<!\[endif\]-->", re.DOTALL
)


def views(text, is_html):
    """`text` as each engine may read it: as written, entities decoded (an editor that parses
    and writes the HTML again), percent-escapes decoded (links), and, for HTML, its text alone."""
    if is_html:
        text = TEMPLATE_OWNED.sub(" ", text)
    found = [text, html.unescape(text), unquote(html.unescape(text))]
    if is_html:
        found.append(BeautifulSoup(text, "lxml").get_text())
    return found


def live_tags(text, is_html, allowed=None):
    """Every live tag opener or closer in any view of `text`, once `allowed` (the unsubscribe
    tag, as the file writes it) is left out."""
    if allowed:
        text = text.replace(allowed, " ")
    return [
        view[max(match.start() - 20, 0) : match.end() + 20]
        for view in views(text, is_html)
        for match in LIVE_TAG.finditer(view)
    ]
