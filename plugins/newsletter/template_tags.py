"""Template tags from content made inert in the digest email. Pure functions.

email.html and email.txt go to the owner's provider, whose template engine evaluates every tag
it finds before sending: a title with `{{ contact.EMAIL }}` or a link to
`https://other.example/?e=*|EMAIL|*` would show, or send to another host, each subscriber's
data. The presets' engines (providers.py), and what opens or closes their tags:
- Mailchimp merge tags `*|NAME|*`;
- Jinja, Liquid, Django, Twig, Handlebars, Mustache and Go templates (Brevo, Buttondown,
  listmonk): `{{ }}`, `{{{ }}}`, `{% %}`, `{# #}`;
- MailerLite's Smarty-like `{$name}`, `{if …}`, `{/if}`, `{* … *}`;
- bracket tags `[UNSUBSCRIBE]`, `[/if]` (Brevo's old language, many others), `%%name%%` and
  AMPscript's `%%[ ]%%`;
- for "generic", whatever opens and closes NEWSLETTER_UNSUBSCRIBE_TAG (`<%unsubscribe%>`).

Each such pair of characters gets an invisible ZERO WIDTH NON-JOINER between them: `{‌{`. The
subscriber reads the text as written; no engine sees `{{`. Not HTML entities (`&#123;`):
css-inline, which writes our email.html, and the providers' editors parse the HTML and write it
out again with the entities decoded, so `&#123;&#123;` is `{{` again by the time the engine
runs. The non-joiner is a character, not an escape, so no decoding brings the tag back, and
mail clients already show it as nothing (it pads our preheader). In a URL it is written
percent-encoded (`%E2%80%8C`), with the tag's own characters encoded too, and the pairs are
looked for in the URL's decoded form as well, since providers decode `*%7CEMAIL%7C*` in links.

Our unsubscribe tag is written by the template, not by content: the caller renders the email
with a placeholder there, neutralises the whole file, then puts the real tag in its place.
"""

import html
import re
import secrets
from urllib.parse import quote, unquote

# Invisible, not a line break opportunity, no effect on the letters either side.
BREAK = "\u200c"
BREAK_IN_URL = "%E2%80%8C"

# Where a tag opens or closes: each match is the first of two characters to keep apart (the
# character is matched first, then what goes with it: a quick scan).
PAIRS = re.compile(
    r"""
    [{}%#*|\[\]]
    (?: (?<=\{) (?=[!-~])              # { and any printable ASCII: {{ {% {# {$ {if {/if} {*
      | (?<=[}%#*]) (?=\})             # closers }} %} #} *}
      | (?<=\*) (?=\|) | (?<=\|) (?=\*) # Mailchimp *| and |*
      | (?<=%) (?=[%\[]) | (?<=\]) (?=%)  # %% %[ ]%
      | (?<=\[) (?=[A-Za-z_/%\[])      # [UNSUBSCRIBE] [/if] [% [[
    )
    """,
    re.VERBOSE,
)
# A URL in pieces: escapes, and runs of characters that stand for themselves.
URL_PIECE = re.compile(r"%[0-9A-Fa-f]{2}|[^%]+|%")
# What the template owns in an HTML email and must stay as written: the CSS the inliner keeps
# for @media (content cannot write a <style>: the content policy removes it) and the markers of
# Outlook's conditional comments, whose brackets look like bracket tags.
OWNED = r"(?=<)(?:<style\b[^>]*>.*?</style>|<!--\[if [^\]]*\]>(?:<!-->)?|(?:<!--)?<!\[endif\]-->)"
TAG = r'<[!/]?[A-Za-z](?:[^>"]|"[^"]*")*>'
TEMPLATE_OWNED = re.compile(OWNED, re.DOTALL | re.IGNORECASE)
ANY_TAG = re.compile(TAG)
# An HTML email in pieces: what the template owns, comments, tags, entities and runs of text.
HTML_PIECE = re.compile(
    rf"(?P<owned>{OWNED})|<!--(?P<comment>.*?)-->|(?P<tag>{TAG})"
    r"|(?P<entity>&#?\w+;)|(?P<text>[^<&]+|[<&])",
    re.DOTALL | re.IGNORECASE,
)
ENTITY_OR_TEXT = re.compile(r"&#?\w+;|[^&]+|&")
ATTRIBUTE = re.compile(r'(\s([\w:-]+)=")([^"]*)(")')
URL_ATTRIBUTES = {"href", "src"}
URL_IN_TEXT = re.compile(r"https?://\S+")


def _break_points(text, extra=()):
    """Positions in `text` where a BREAK goes: after the first character of each pair."""
    points = {match.start() + 1 for match in PAIRS.finditer(text)}
    for pair in extra:
        start = text.find(pair)
        while start != -1:
            points.add(start + 1)
            start = text.find(pair, start + 1)
    return points


def _broken(pieces, extra, mark):
    """The raw text of `pieces`, (raw, meaning) pairs, with each character that begins a pair
    written as mark(character). The pairs are looked for in the meanings joined: an escape
    means its character, and a tag means "", so the characters either side of it meet, as in
    the text of a page. A piece whose meaning is its raw text can be marked after any of its
    characters; an escape is marked whole."""
    view = "".join(meaning for _raw, meaning in pieces)
    points = sorted(_break_points(view, extra), reverse=True)
    if not points:
        return "".join(raw for raw, _meaning in pieces)
    output, start = [], 0
    for raw, meaning in pieces:
        end = start + len(meaning)
        cuts = []
        while points and points[-1] <= end:
            point = points.pop()
            if point > start:
                cuts.append(point - start)
        if not cuts:
            output.append(raw)
        elif raw == meaning:
            last = 0
            for cut in cuts:
                output += [raw[last : cut - 1], mark(raw[cut - 1])]
                last = cut
            output.append(raw[last:])
        elif cuts[-1] == len(meaning):
            output.append(mark(raw))
        else:
            output.append(raw)  # inside an entity that means two characters: no tag there
        start = end
    return "".join(output)


def tag_pairs(tag):
    """The pairs of characters that open and close a tag written like `tag` (the generic
    preset's NEWSLETTER_UNSUBSCRIBE_TAG): "<%unsubscribe%>" gives ("<%", "%>")."""
    if not tag:
        return ()
    runs = [re.match(r"[^\w\s]*", tag).group(), re.search(r"[^\w\s]*$", tag).group()]
    return tuple(dict.fromkeys(run[i : i + 2] for run in runs for i in range(len(run) - 1)))


def _with_break(text):
    return text + BREAK


def neutralise(text, extra=()):
    """`text` with a BREAK inside every tag opener and closer; idempotent."""
    return _broken([(text, text)], extra, _with_break)


def neutralise_url(url, extra=()):
    """`url` with the same breaks, percent-encoded; the pairs are found in its decoded form,
    so `*%7CEMAIL%7C*` is broken too."""
    pieces = [
        (raw, chr(int(raw[1:], 16)) if len(raw) == 3 and raw[0] == "%" else raw)
        for raw in URL_PIECE.findall(url)
    ]
    # The character before the break is encoded too: a bare "{" before "%E2…" would open "{%".
    return _broken(pieces, extra, lambda raw: quote(raw, safe="%") + BREAK_IN_URL)


def _neutralise_attributes(tag, extra):
    def attribute(match):
        value = match.group(3)
        if match.group(2).lower() in URL_ATTRIBUTES:
            value = neutralise_url(value, extra)
        else:
            pieces = [(raw, html.unescape(raw)) for raw in ENTITY_OR_TEXT.findall(value)]
            value = _broken(pieces, extra, _with_break)
        return match.group(1) + value + match.group(4)

    return ATTRIBUTE.sub(attribute, tag)


def _may_hold_tags(document, extra):
    """Whether a pair may be anywhere in the document but what the template owns: in its raw
    text, entities decoded, escapes decoded or tags left out; most emails have none, and then
    the piece-by-piece pass is not needed."""
    rest = TEMPLATE_OWNED.sub(" ", document)
    views = (rest, html.unescape(rest), unquote(rest), html.unescape(ANY_TAG.sub("", rest)))
    return any(_break_points(view, extra) for view in views)


def neutralise_html(document, extra=()):
    """An HTML email with no live tag in its text (tags between two characters do not keep
    them apart), its comments or its attributes; href and src stay URLs, and what the template
    owns (the <style> element, Outlook's conditional comments) is left as it is."""
    if not _may_hold_tags(document, extra):
        return document
    pieces = []
    for piece in HTML_PIECE.finditer(document):
        kind, raw = piece.lastgroup, piece.group()
        if kind == "text":
            pieces.append((raw, raw))
        elif kind == "entity":
            pieces.append((raw, html.unescape(raw)))
        elif kind == "comment":
            pieces.append((f"<!--{neutralise(piece.group('comment'), extra)}-->", ""))
        elif kind == "tag":
            pieces.append((_neutralise_attributes(raw, extra), ""))
        else:
            pieces.append((raw, ""))
    return _broken(pieces, extra, _with_break)


def neutralise_text(text, extra=()):
    """A plain-text email with no live tag; the addresses in it stay addresses."""
    pieces, last = [], 0
    for match in URL_IN_TEXT.finditer(text):
        pieces += [
            neutralise(text[last : match.start()], extra),
            neutralise_url(match.group(), extra),
        ]
        last = match.end()
    pieces.append(neutralise(text[last:], extra))
    return "".join(pieces)


def as_attribute(value):
    """`value` in a double-quoted attribute, escaped as css-inline writes attributes."""
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("\xa0", "&nbsp;")


def with_live_tag(render, unsubscribe_tag, *, as_html):
    """The email `render(tag)` writes, tag-free but for `unsubscribe_tag` where the template
    puts `tag` (in the href of a link in HTML); `render(None)` when there is no tag (a preview).

    The template gets a random placeholder that content cannot know in advance, so the real
    tag appears exactly where the template puts it and nowhere else.
    """
    neutralise_file = neutralise_html if as_html else neutralise_text
    if unsubscribe_tag is None:
        return neutralise_file(render(None))
    placeholder = f"newsletter-unsubscribe-{secrets.token_hex(16)}"
    output = neutralise_file(render(placeholder), tag_pairs(unsubscribe_tag))
    return output.replace(
        placeholder, as_attribute(unsubscribe_tag) if as_html else unsubscribe_tag
    )
