"""The content policy (blog_core.sanitize): what Markdown writes stays, what could hurt goes."""

import pytest
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from blog_core.sanitize import clean, removals
from sitebuild import ROOT

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))


def as_the_site_writes_it(text, tmp_path):
    """HTML as the site's own Markdown reader writes it, before the content policy."""
    source = tmp_path / "prova.md"
    source.write_text("Title: Prova\n\n" + text, encoding="utf-8")
    return MarkdownReader(SETTINGS).read(str(source))[0]


RICH_MARKDOWN = """\
## Un titolo {: #prezzi .evidenza }

Testo con una nota[^1], un'abbreviazione PMI e un [link]({filename}/articles/altro.md).

*[PMI]: Piccole e medie imprese

| Mese | Visite |
| --- | ---: |
| Marzo | 1.240 |

![Il banco del mercato]({static}/images/banco.jpg "Il banco")

> Una citazione.

    codice indentato

[^1]: La nota, con il suo link di ritorno.
"""


def test_what_the_sites_markdown_writes_comes_through_unchanged(tmp_path):
    html = as_the_site_writes_it(RICH_MARKDOWN, tmp_path)
    assert removals(html) == []
    kept = clean(html)
    for part in (
        'id="prezzi"',
        'class="evidenza"',
        '<abbr title="Piccole e medie imprese">PMI</abbr>',
        'href="{filename}/articles/altro.md"',
        'src="{static}/images/banco.jpg"',
        'style="text-align:right"',
        'class="footnote-backref"',
        "<blockquote>",
        '<div class="highlight">',
    ):
        assert part in kept, part


@pytest.mark.parametrize(
    ("html", "found", "message_start"),
    [
        (
            "<p>a</p><script>alert(1)</script>",
            "<script",
            "«<script>» è stato tolto: negli articoli",
        ),
        (
            '<img src="a.png" alt="a" onerror="alert(1)">',
            "onerror=",
            "l'attributo «onerror» di «<img>»",
        ),
        (
            '<a href="javascript:alert(1)">x</a>',
            "javascript:alert(1)",
            "l'indirizzo «javascript:alert(1)»",
        ),
        (
            '<a href=" JAVASCRIPT:alert(1)">x</a>',
            "JAVASCRIPT:alert(1)",
            "l'indirizzo «JAVASCRIPT:alert(1)»",
        ),
        (
            '<img src="data:image/svg+xml,<svg/onload=alert(1)>" alt="x">',
            "data:image/svg+xml,<svg/onload=alert(1)>",
            "l'indirizzo «data:",
        ),
        (
            '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
            '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;">',
            "«<iframe>» è stato tolto: il sito non carica",
        ),
        ('<object data="x.swf"></object>', "<object", "«<object>» è stato tolto"),
        ('<embed src="x.swf">', "<embed", "«<embed>» è stato tolto"),
        (
            '<form action="https://evil.example/"><input type="password"></form>',
            "<form",
            "«<form>» è stato tolto: un articolo non può",
        ),
        (
            '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
            "<meta",
            "«<meta>» è stato tolto: cambierebbe",
        ),
        ('<base href="https://evil.example/">', "<base", "«<base>» è stato tolto"),
        (
            '<link rel="stylesheet" href="https://evil.example/x.css">',
            "<link",
            "«<link>» è stato tolto",
        ),
        (
            '<p style="position:fixed;top:0">x</p>',
            "style=",
            "l'attributo «style» di «<p>» è stato tolto: l'aspetto",
        ),
        (
            "<svg><script>alert(1)</script></svg>",
            "<svg",
            "«<svg>» è stato tolto (il testo dentro resta)",
        ),
    ],
)
def test_what_could_hurt_a_reader_is_removed_and_named(html, found, message_start):
    kept = clean(html).lower()
    for danger in (
        "<script",
        "onerror",
        "javascript:",
        "data:",
        "<iframe",
        "<object",
        "<embed",
        "<form",
        "<input",
        "<meta",
        "<base",
        "<link",
        "position",
        "<svg",
    ):
        assert danger not in kept, (danger, kept)
    (first, *_) = removals(html)
    assert first.found == found
    assert first.message.startswith(message_start), first.message


def test_links_to_mail_phone_anchors_and_other_sites_stay():
    html = (
        '<a href="mailto:info@bottega.example">m</a> <a href="tel:+390612345">t</a> '
        '<a href="#prezzi">f</a> <a href="https://www.esempio.it/">e</a> '
        '<a href="../chi-siamo/">r</a>'
    )
    assert removals(html) == []
    assert clean(html) == html
