"""blog_core.parsed: one parse of each article's HTML for every plugin of a build."""

import re

import pytest
from pelican import signals

import blog_core.parsed as parsed
from blog_core import build_of, plain_text, site_written
from blog_core.parsed import HtmlFacts, Link, html_facts
from sitebuild import build_site, write_article

HTML = (
    '<h2 id="primo">Il primo <span class="caps">SEO</span> passo</h2>'
    '<p>Una <a href="{filename}/articles/guida.md">guida</a>, <a>senza href</a> e '
    '<IMG SRC="{static}/images/banco.JPG" ALT="Il banco &amp; la vetrina">'
    '<img src="/images/logo.svg"><!-- <img src="nascosta.png"> --></p>'
    "<pre><code>&lt;a href=&quot;finto.md&quot;&gt;</code></pre><p>Fine&nbsp;qui.</p>"
)


@pytest.fixture
def parses(monkeypatch):
    """Every HTML text parsed from now on, in order; no earlier build's facts in this process."""
    texts = []
    links_in = parsed.links_in

    def counting_links_in(html):
        texts.append(html)
        return links_in(html)

    monkeypatch.setattr(parsed, "links_in", counting_links_in)
    monkeypatch.setattr(parsed, "_last_build", {})
    return texts


def test_the_facts_of_a_fragment_are_what_each_plugin_read_before():
    facts = HtmlFacts(HTML)
    assert facts.links == (
        Link("a", "{filename}/articles/guida.md"),
        Link("img", "{static}/images/banco.JPG", "Il banco & la vetrina"),
        Link("img", "/images/logo.svg", None),
    )
    assert facts.images == facts.links[1:]
    assert facts.word_count == len(re.findall(r"\w+", plain_text(HTML))) == 15
    assert HtmlFacts(None).links == () and HtmlFacts("").word_count == 0


def test_outside_a_build_every_call_parses_afresh():
    assert html_facts(HTML) is not html_facts(HTML)
    assert html_facts(HTML, {"not": "a build"}) is not html_facts(HTML, {"not": "a build"})


def test_a_build_parses_each_text_once_for_link_checks_reading_time_and_the_newsletter(
    tmp_path, small_content, parses
):
    body = "Una [guida]({filename}vetrine.md) e ![Il banco](/images/banco.jpg) per 12 parole."
    write_article(small_content, "vetrine.md", title="Vetrine online", date="2026-11-02 09:00")
    write_article(small_content, "banco.md", title="Il banco", body=body, date="2026-11-03 09:00")
    site = build_site(tmp_path / "output", content=small_content)
    # Every text once, whichever plugins asked: the article's, then (it has an image) the
    # published one the newsletter's email takes its picture from.
    assert len(parses) == len(set(parses))
    assert sum("{filename}vetrine.md" in html for html in parses) == 1
    assert sum('href="/vetrine-online/"' in html for html in parses) == 1
    assert site.soup("/il-banco/").select_one(".article-meta__reading").text.startswith("1 ")
    email = site.soup("/newsletter/2026-45/email.html")
    # The second item (the first, without an image, shows its drawn share card).
    images = [item.select_one("img.item__image") for item in email.select("td.item")]
    assert images[1]["src"].endswith("/images/banco.jpg")


def test_the_facts_live_on_the_build_until_it_ends(tmp_path, small_content):
    seen = {}

    def while_reading(generator):
        seen["while reading"] = parsed.TABLE in build_of(generator.settings).plugin_state

    def once_written(pelican):
        seen["once written"] = parsed.TABLE in pelican.plugin_state

    signals.article_generator_finalized.connect(while_reading)
    site_written.connect(once_written)
    try:
        write_article(small_content, "vetrine.md", title="Vetrine online")
        build_site(tmp_path / "output", content=small_content)
    finally:
        signals.article_generator_finalized.disconnect(while_reading)
        site_written.disconnect(once_written)
    assert seen == {"while reading": True, "once written": False}


def test_the_next_build_of_the_process_reuses_the_last_ones_facts_and_no_older(
    tmp_path, small_content, parses
):
    source = write_article(
        small_content, "vetrine.md", title="Vetrine", body="Una vetrina curata vende."
    )
    build_site(tmp_path / "first", content=small_content)
    first = len(parses)
    assert first > 0
    # The dev server's next build, after a save: only the edited text is parsed again.
    source.write_text(source.read_text(encoding="utf-8").replace("Una", "Due"), encoding="utf-8")
    second = build_site(tmp_path / "second", content=small_content)
    again = [html for html in parses[first:] if "vetrina" in html]
    assert len(again) == 1 and again[0].startswith("<p>Due vetrina curata")
    assert second.html("/vetrine/").count("Due vetrina curata") == 1
    # What stays is the last build's table alone: the first text is gone once unused.
    assert not any("Una vetrina" in html for html in parsed._last_build)
