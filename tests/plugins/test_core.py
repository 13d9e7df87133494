"""blog_core's pure parts: headers and lines, the field table, text helpers, the site checker."""

import pytest

from blog_core import (
    ARTICLE,
    BIO,
    HeaderField,
    check_fields,
    check_site,
    did_you_mean,
    field_line,
    is_web_address,
    plain_text,
    read_header,
    served_file,
    site_path,
    without_pictures,
)
from blog_core.fields import CORE_FIELDS


def test_a_fields_line_is_found_in_the_header_only():
    text = "Title: Vetrine\nSummary: Due righe\n    che continuano.\nTags: pmi\n\nTags: no\n"
    assert field_line(text, "tags") == 4
    assert field_line(text, "summary") == 2
    assert field_line(text, "related") == 1
    assert read_header(text)[1].value == "Due righe che continuano."


def test_a_plugin_adds_its_field_to_the_table_in_one_place():
    pinned = HeaderField("Related", (ARTICLE,), aliases=("correlati",))
    header = read_header("Title: Uno\nDate: 2026-11-20 09:00\nCorrelati: due\n\nTesto.")
    without, _ = check_fields(header, CORE_FIELDS, ARTICLE)
    assert "Forse intendevi «Related:»?" not in without[0].message
    problems, _ = check_fields(header, CORE_FIELDS + (pinned,), ARTICLE)
    assert [(p.line, p.message.split(". ")[1].split("?")[0]) for p in problems] == [
        (3, "Forse intendevi «Related:»")
    ]
    # A field of another kind of file is unknown here.
    bio_only = HeaderField("Role", (BIO,))
    problems, _ = check_fields(
        read_header("Title: Uno\nRole: x\n"), (*CORE_FIELDS, bio_only), "page"
    )
    assert problems[0].message.startswith("«role» non è un campo che il sito conosce")


def test_a_fields_own_check_names_the_value():
    header = read_header("Title: Uno\nDate: 2026-11-20 09:00\nStatus: pubblicato\n")
    problems, values = check_fields(header, CORE_FIELDS, ARTICLE)
    assert [(p.line, p.message) for p in problems] == [
        (
            3,
            "«Status: pubblicato» non esiste: scrivi draft (bozza), hidden (nascosto) o togli la "
            "riga per pubblicare.",
        )
    ]
    assert "status" not in values and values["title"][1] == "Uno"


def test_plain_text_is_what_a_reader_reads():
    html = 'Il &#8220;<span class="caps">SEO</span>&#8221;<!-- nota --> le&nbsp;<em>PMI</em>\n ok'
    assert plain_text(html) == "Il “SEO” le PMI ok"
    assert plain_text("<p>uno</p><p>due</p>") == "uno due"
    assert plain_text(None) == ""


def test_one_did_you_mean_for_every_name():
    assert did_you_mean("linkdin", ["linkedin", "website"]) == "linkedin"
    assert did_you_mean("telefono", ["linkedin", "website"]) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://www.esempio.it/pagina", True),
        ("http://forno.example", True),
        ("www.esempio.it", False),
        ("javascript:alert(1)", False),
        ("https://", False),
        ("https://a.it/b c", False),
        (None, False),
    ],
)
def test_a_web_address_is_whole(value, expected):
    assert is_web_address(value) is expected


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/chi-siamo/", "/chi-siamo/"),
        ("../chi-siamo/", "/chi-siamo/"),
        ("images/banco.jpg", "/vetrine-online/images/banco.jpg"),
        ("https://www.bottegadigitale.example/tag/pmi/", "/tag/pmi/"),
        ("#capitolo-2", "/vetrine-online/"),
        ("https://www.example.com/", None),
        ("mailto:ciao@bottegadigitale.example", None),
        ("//cdn.example.com/x.js", None),
    ],
)
def test_links_to_this_site_become_site_paths(target, expected):
    here = "/vetrine-online/"
    assert site_path(target, here, "https://www.bottegadigitale.example") == expected


def test_a_folder_is_served_by_its_index_and_a_file_by_itself(tmp_path):
    (tmp_path / "chi-siamo").mkdir()
    (tmp_path / "chi-siamo" / "index.html").write_text("ok", encoding="utf-8")
    (tmp_path / "feed.xml").write_text("ok", encoding="utf-8")
    assert served_file(tmp_path, "/chi-siamo/") == tmp_path / "chi-siamo" / "index.html"
    assert served_file(tmp_path, "/chi-siamo") == tmp_path / "chi-siamo" / "index.html"
    assert served_file(tmp_path, "/feed.xml") == tmp_path / "feed.xml"
    assert served_file(tmp_path, "/manca/") is None


def write(folder, path, text):
    file = folder / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")


SITEMAP = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</urlset>\n'
)


def test_the_checker_finds_every_kind_of_broken_site(tmp_path):
    write(tmp_path, "guida/index.html", '<h2 id="prezzi">Prezzi</h2><a href="#costi">su</a>')
    write(
        tmp_path,
        "index.html",
        '<a href="/guida/#prezzi">ok</a> <a href="/guida/#sconti">senza parte</a>'
        ' <img src="/manca.jpg" alt="x"> <a href="https://altro.example/">altro sito</a>'
        ' <img srcset="/guida/ 1x, /foto-2x.jpg 2x" alt="y"> <a href="mailto:a@b.it">email</a>',
    )
    write(tmp_path, "feed/atom.xml", "<feed>non chiuso\n")
    write(
        tmp_path,
        "sitemap.xml",
        SITEMAP.format("<url><loc>/guida/</loc></url><url><loc>/via/</loc></url>"),
    )
    problems = check_site(tmp_path, "", html=False)
    assert problems[4].startswith("/feed/atom.xml: feed non valido (")
    problems[4] = "/feed/atom.xml: feed non valido"
    assert problems == [
        "/guida/: il link #costi porta a una pagina che non ha la parte «#costi»",
        "/: il link /guida/#sconti porta a una pagina che non ha la parte «#sconti»",
        "/: il link /manca.jpg non porta a nessuna pagina o file del sito",
        "/: il link /foto-2x.jpg non porta a nessuna pagina o file del sito",
        "/feed/atom.xml: feed non valido",
        "/sitemap.xml: l'indirizzo /via/ non è una pagina del sito",
    ]


def test_a_sitemap_that_is_not_xml_is_named(tmp_path):
    write(tmp_path, "index.html", "<p>ok</p>")
    write(tmp_path, "sitemap.xml", SITEMAP.format("<url><loc>/prezzi&offerte/</loc></url>"))
    (problem,) = check_site(tmp_path, "", html=False)
    assert problem.startswith("/sitemap.xml: non è XML valido")


def test_links_are_checked_under_a_site_that_lives_in_a_subfolder(tmp_path):
    write(tmp_path, "guida/index.html", "<p>Guida</p>")
    write(
        tmp_path,
        "index.html",
        '<a href="https://utente.github.io/blog/guida/">ok</a>'
        '<a href="https://utente.github.io/blog/manca/">rotto</a>'
        '<a href="guida/">relativo</a>'
        '<a href="https://altro.example/">altro sito</a>',
    )
    assert check_site(tmp_path, "https://utente.github.io/blog", html=False) == [
        "/: il link https://utente.github.io/blog/manca/ non porta a nessuna pagina o file del sito"
    ]


def test_invalid_html_is_named_with_page_and_line(tmp_path):
    write(
        tmp_path,
        "guida/index.html",
        '<!DOCTYPE html>\n<html lang="it">\n<head><title>Guida</title></head>\n'
        "<body>\n<p>Un riquadro chiuso male</span>\n</body>\n</html>\n",
    )
    assert check_site(tmp_path, "") == [
        "guida/index.html:5: HTML non valido: Stray end tag “span”."
    ]


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("<p>Testo <em>semplice</em>.</p>", "<p>Testo <em>semplice</em>.</p>"),
        (
            '<p><img alt="a > b" src="/images/x.jpg" srcset="x-480w.webp 480w">Dopo.</p>',
            "<p>Dopo.</p>",
        ),
        ('<p><img src="/images/x.jpg" width="1600"></p><p>Il testo.</p>', "<p>Il testo.</p>"),
        (
            '<figure><img src="x.jpg" alt=""><figcaption>La <b>vetrina</b></figcaption></figure>'
            "<p>Resta.</p>",
            "<p>Resta.</p>",
        ),
        (
            '<p>Prima</p><picture><source srcset="a.webp"><img src="a.jpg"></picture><p>poi</p>',
            "<p>Prima</p><p>poi</p>",
        ),
        (
            '<p>Un <span class="caps">PDF</span> <img src="y.png"/> e &amp; basta</p>',
            '<p>Un <span class="caps">PDF</span>  e &amp; basta</p>',
        ),
        ("<figure><img src='x.jpg'><figcaption>mai chiusa", ""),
        (None, ""),
    ],
)
def test_a_summary_in_a_list_keeps_its_text_without_its_pictures(summary, expected):
    assert without_pictures(summary) == expected
