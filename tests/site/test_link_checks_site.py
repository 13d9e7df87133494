"""link_checks in real builds: what is named (with file and line) and what is left alone."""

import logging

import pytest

from blog_core.problems import BuildStopped
from sitebuild import (
    ARTICLE_DEFAULTS,
    DEFAULT_AUTHOR_SLUG,
    build_site,
    write_article,
    write_bio,
    write_default_bio,
)

FINE_LINKS = """\
Ecco [chi siamo](../chi-siamo/), la [stessa pagina]({filename}../pages/chi-siamo.md#redazione),
un [altro articolo]({filename}vetrine.md), una [fonte](https://www.example.com/guida),
la [posta](mailto:redazione@bottegadigitale.example), il [titolo](#primo-passo) e il
[feed](/feed/atom.xml).

    Un link nel codice non è un link: [esempio]({filename}/articles/non-esiste.md)

![Il calendario del forno]({static}/images/calendario-settimanale.svg)
"""


@pytest.fixture
def content(small_content):
    (small_content / "images").mkdir()
    (small_content / "images" / "calendario-settimanale.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', encoding="utf-8"
    )
    write_default_bio(small_content)
    write_article(small_content, "vetrine.md", title="Vetrine online")
    return small_content


def problems(site):
    return [
        r.getMessage()
        for r in site.log_records
        if r.levelno >= logging.WARNING and r.name.startswith(("blog_core", "link_checks"))
    ]


def test_links_that_work_are_left_alone(tmp_path, content):
    write_article(content, "giusto.md", title="Tutto a posto", body=FINE_LINKS)
    site = build_site(tmp_path / "output", content=content)
    assert problems(site) == []
    assert [r.getMessage() for r in site.warnings()] == []
    assert site.soup("/tutto-a-posto/").select_one('a[href="/vetrine-online/"]') is not None


def test_a_link_to_a_draft_is_named(tmp_path, content):
    write_article(content, "bozza.md", title="Una bozza", status="draft")
    article = write_article(
        content, "rimanda.md", title="Rimanda", body="Vedi [la bozza]({filename}bozza.md)."
    )
    site = build_site(tmp_path / "output", content=content)
    assert problems(site) == [
        f"{article}:8: il link «{{filename}}bozza.md» porta a una bozza, che i lettori non "
        "vedono: pubblicala prima o togli il link.",
    ]


def test_a_file_linked_as_an_article_works_and_gets_a_hint_in_italian(tmp_path, content):
    body = "Il [calendario]({filename}/images/calendario-settimanale.svg)."
    article = write_article(content, "file.md", title="Un file", body=body)
    site = build_site(tmp_path / "output", content=content)
    assert [r.getMessage() for r in site.warnings()] == [
        f"{article}:8: «{{filename}}/images/calendario-settimanale.svg» è un file, non un "
        "articolo: funziona, ma scrivi «{static}/images/calendario-settimanale.svg»."
    ]
    link = site.soup("/un-file/").select_one(".article-body a, article a[href$='.svg']")
    assert link["href"] == "/images/calendario-settimanale.svg"


def test_a_broken_link_in_a_bio_is_named_with_the_bio_file(tmp_path, content):
    bio = write_bio(
        content,
        DEFAULT_AUTHOR_SLUG,
        {"Name": ARTICLE_DEFAULTS["author"]},
        body="Ha scritto la [guida ai corsi]({filename}/articles/corsi.md).",
    )
    site = build_site(tmp_path / "output", content=content)
    assert problems(site) == [
        f"{bio}:3: il link «{{filename}}/articles/corsi.md» porta a content/articles/corsi.md, "
        "che non esiste. Controlla il nome del file.",
    ]


def test_a_full_address_of_this_site_is_checked_too(tmp_path, content, caplog):
    body = "Vedi [la pagina](https://www.bottegadigitale.example/pagina-sparita/)."
    article = write_article(content, "assoluto.md", title="Assoluto", body=body)
    with pytest.raises(BuildStopped):
        build_site(tmp_path / "output", content=content, settings_file="publishconf.py")
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [
        f"{article}:8: il link «https://www.bottegadigitale.example/pagina-sparita/» non porta "
        "a nessuna pagina del sito (/pagina-sparita/): controlla l'indirizzo, o per un articolo "
        "scrivi {filename}/articles/nome-del-file.md."
    ]


def test_a_broken_link_in_the_summary_is_named_on_the_summary_line(tmp_path, content):
    article = write_article(
        content,
        "riassunto.md",
        title="Riassunto",
        summary="Come nella [guida]({filename}/articles/guida.md), in breve.",
    )
    site = build_site(tmp_path / "output", content=content)
    assert problems(site) == [
        f"{article}:5: il link «{{filename}}/articles/guida.md» porta a "
        "content/articles/guida.md, che non esiste. Controlla il nome del file.",
    ]


def test_a_mistyped_file_name_gets_the_closest_file_suggested(tmp_path, content):
    body = (
        "Vedi [le vetrine]({filename}vetrina.md).\n\n"
        "![Il calendario]({static}/images/calendario-settimanle.svg)"
    )
    article = write_article(content, "refusi.md", title="Refusi", body=body)
    site = build_site(tmp_path / "output", content=content)
    assert problems(site) == [
        f"{article}:8: il link «{{filename}}vetrina.md» porta a content/articles/vetrina.md, "
        "che non esiste. Forse intendevi «/articles/vetrine.md»? Controlla il nome del file.",
        f"{article}:10: manca l'immagine «{{static}}/images/calendario-settimanle.svg»: il file "
        "content/images/calendario-settimanle.svg non esiste. Forse intendevi "
        "«/images/calendario-settimanale.svg»? Controlla il nome o mettila in content/images/.",
    ]
