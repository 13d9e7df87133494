"""Template tags from content made inert for every preset's engine, and only ours kept live."""

import re
from urllib.parse import unquote

import pytest

from newsletter.template_tags import (
    BREAK,
    neutralise,
    neutralise_html,
    neutralise_text,
    neutralise_url,
    tag_pairs,
    with_live_tag,
)
from newsletter_presets import live_tags

# What an author may paste, by the engine that would run it.
SAMPLES = {
    "mailchimp": "Ciao *|FNAME|*, *|IF:VIP|*sconto*|END:IF|* e *|UNSUB|*",
    "jinja-liquid": "Ciao {{ contact.FIRSTNAME }} {% if vip %}sconto{% endif %} {# nota #}",
    "handlebars": "Ciao {{{ nome }}} {{#if vip}}sconto{{/if}} {{> firma}}",
    "brevo": "Ciao {{ params.NOME }} e {{ contact.EMAIL }}, [UNSUBSCRIBE] [DEFAULT_HEADER]",
    "go": 'Ciao {{ .Subscriber.Name }} {{ UnsubscribeURL }} {{ TrackLink "https://x.it" }}',
    "mailerlite": "Ciao {$name}, {if $vip}sconto{/if} {* nota *} {$unsubscribe}",
    "bracket": "Ciao [firstname,fallback=amico] [/if] [webversion] [[doppio]]",
    "percent": "Ciao %%FirstName%% %%[ SET @x = 1 ]%% %%=v(@x)=%%",
}


@pytest.mark.parametrize("engine", SAMPLES)
def test_every_tag_opener_and_closer_is_broken_and_the_text_reads_the_same(engine):
    text = SAMPLES[engine]
    inert = neutralise(text)
    assert live_tags(inert, is_html=False) == []
    assert inert.replace(BREAK, "") == text
    assert neutralise(inert) == inert


def test_ordinary_text_is_left_alone():
    text = "Prezzi dal 10% al 20% [1] a|b *nota* 3*4 #hashtag { graffa } 50%. ]"
    assert neutralise(text) == text
    # A brace right before a word is a tag for Smarty-like engines: broken, still readable.
    assert neutralise("{solo oggi}") == "{" + BREAK + "solo oggi}"


@pytest.mark.parametrize(
    "url",
    [
        "https://altro.example/?e=*|EMAIL|*",
        "https://altro.example/?e=*%7CEMAIL%7C*",
        "https://altro.example/?n=%7B%7Bcontact.EMAIL%7D%7D&m={{contact.EMAIL}}",
        "https://altro.example/%7B%25if%20x%25%7D/{$email}/[UNSUBSCRIBE]/%25%25x%25%25",
    ],
)
def test_a_url_loses_its_tags_raw_and_percent_decoded_and_still_means_the_same(url):
    inert = neutralise_url(url)
    assert live_tags(inert, is_html=False) == []
    assert unquote(inert).replace(BREAK, "") == unquote(url)
    assert BREAK not in inert  # the break is written percent-encoded, the URL stays a URL
    assert neutralise_url(inert) == inert


def test_a_plain_url_is_unchanged():
    url = "https://blog.example/articolo/?utm_source=newsletter&x=%C3%A8%20ok#nota"
    assert neutralise_url(url) == url


EMAIL = (
    "<!DOCTYPE html><html><head><style>@media (max-width: 480px) {\n"
    "  h1 { font-size: 22px !important; }\n} </style><title>{title}</title></head><body>"
    '<!--[if !mso]><!--><div class="preheader">{preheader}</div><!--<![endif]-->'
    '<!--[if mso]><table role="presentation"><tr><td><![endif]-->'
    '<img alt="{alt}" src="{src}" style="width: 100%;color: #17613f;">'
    '<h2><a href="{href}">{h2}</a></h2><!--[if mso]></td></tr></table><![endif]-->'
    "</body></html>"
)


def email(**parts):
    """EMAIL with each {part} filled in (the CSS's own braces are left as they are)."""
    return re.sub(r"\{(\w+)\}", lambda match: parts[match.group(1)], EMAIL)


CLEAN = email(
    title="Il lunedì",
    preheader="Un riassunto",
    alt="Una foto",
    src="https://b.it/a.png",
    href="https://b.it/x/",
    h2="Il lunedì",
)


def test_a_clean_email_comes_back_byte_for_byte():
    assert neutralise_html(CLEAN) == CLEAN


def test_every_part_of_an_html_email_loses_its_tags_and_the_template_keeps_its_own():
    hostile = email(
        title="Sconti {{ contact.FIRSTNAME }}",
        preheader="Ciao *|FNAME|* {$name}",
        alt="Foto {% if x %}",
        src="https://img.example/*|EMAIL|*/a.png",
        href="https://altro.example/?e=*%7CEMAIL%7C*",
        # Typogrify's <span class="caps"> inside a bracket tag: a provider that takes the text
        # of the page would find [UNSUBSCRIBE] whole.
        h2='Vedi [<span class="caps">UNSUBSCRIBE</span>] e {<em>{ x }</em>} %%a%%',
    )
    inert = neutralise_html(hostile)
    assert live_tags(inert, is_html=True) == []
    assert inert.replace(BREAK, "").replace("%E2%80%8C", "") == hostile.replace(
        "*|EMAIL|*", "%2A|EMAIL%7C*"
    ).replace("*%7CEMAIL%7C*", "%2A%7CEMAIL%7C*")
    # The CSS and Outlook's conditional comments are the template's, written as they were.
    for owned in (
        "{\n  h1 { font-size",
        "<!--[if !mso]><!-->",
        "<!--[if mso]><table",
        "<![endif]-->",
    ):
        assert owned in inert
    assert neutralise_html(inert) == inert


def test_a_comment_is_text_for_an_engine_too():
    inert = neutralise_html("<p>a</p><!-- {{ contact.EMAIL }} --><p>b</p>")
    assert live_tags(inert, is_html=False) == []


def test_the_text_email_keeps_its_addresses_usable():
    text = "1. Sconti {{ nome }}\n   Leggi: https://blog.example/sconti/?e=*|EMAIL|*\n"
    inert = neutralise_text(text)
    assert live_tags(inert, is_html=False) == []
    assert "Leggi: https://blog.example/sconti/?e=%2A%E2%80%8C|EMAIL%7C%E2%80%8C*\n" in inert


def test_a_generic_tag_of_another_syntax_is_broken_where_content_writes_it():
    assert tag_pairs("<%asm_group_unsubscribe_raw_url%>") == ("<%", "%>")
    assert tag_pairs("[unsubscribe]") == ()
    assert tag_pairs("%%unsubscribe%%") == ("%%",)
    inert = neutralise_text("Vedi <%asm_group_unsubscribe_raw_url%>", ("<%", "%>"))
    assert "<%" not in inert and "%>" not in inert
    assert inert.replace(BREAK, "") == "Vedi <%asm_group_unsubscribe_raw_url%>"


@pytest.mark.parametrize("tag", ["*|UNSUB|*", "{{ unsubscribe }}", "{$unsubscribe}", "%%x&y%%"])
def test_only_the_templates_unsubscribe_tag_stays_live_exactly_once(tag):
    def render(unsubscribe):
        # Content carrying the very same tag, and the template's own one in the footer.
        return f'<p>Trappola {tag}</p><p><a href="{unsubscribe}">Cancellati</a></p>'

    email = with_live_tag(render, tag, as_html=True)
    written = tag.replace("&", "&amp;")
    assert email.count(written) == 1
    assert f'<a href="{written}">Cancellati</a>' in email
    assert live_tags(email, is_html=True, allowed=written) == []
    text = with_live_tag(
        lambda unsubscribe: f"{tag}\nCancellati: {unsubscribe}\n", tag, as_html=False
    )
    assert text.count(tag) == 1 and text.endswith(f"Cancellati: {tag}\n")


def test_without_a_provider_there_is_no_tag_to_keep():
    email = with_live_tag(lambda tag: f"<p>{tag} {{{{ x }}}}</p>", None, as_html=True)
    assert email == f"<p>None {{{BREAK}{{ x }}{BREAK}}}</p>"
