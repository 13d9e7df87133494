"""The table of contents: a long article's h2 and h3 headings, linked by the ids in its body."""

import pytest
from table_of_contents.table_of_contents import configure, headings, table_of_contents, wanted

from sitebuild import PelicanSettingsStub, build_site, write_article, write_default_bio


def sections(count, prefix="Parte"):
    """Markdown with `count` h2 sections, each with a paragraph."""
    return "".join(f"## {prefix} {n}\n\nTesto della parte {n}.\n\n" for n in range(1, count + 1))


def test_headings_are_read_with_their_ids_and_plain_text():
    html = (
        '<h2 id="prezzi">Prezzi &amp; <em>sconti</em></h2><p>Testo</p>'
        '<h3 id="resi">Resi<sup id="fnref:1"><a href="#fn:1">1</a></sup></h3>'
        "<h2>Senza id</h2><h4 id='dettagli'>Dettagli</h4>"
    )
    assert headings(html) == [(2, "prezzi", "Prezzi & sconti"), (3, "resi", "Resi1")]


def test_each_h3_goes_under_the_h2_before_it():
    html = '<h3 id="a">Prima</h3><h2 id="b">Due</h2><h3 id="c">Tre</h3><h3 id="d">Quattro</h3>'
    assert table_of_contents(html, 1) == [
        {"id": "a", "text": "Prima", "children": []},
        {
            "id": "b",
            "text": "Due",
            "children": [{"id": "c", "text": "Tre"}, {"id": "d", "text": "Quattro"}],
        },
    ]


def test_a_short_article_has_none_unless_its_author_asks():
    three = "".join(f'<h2 id="p{n}">Parte {n}</h2>' for n in range(3))
    assert table_of_contents(three, 4) == []
    assert len(table_of_contents(three, 3)) == 3
    assert len(table_of_contents(three, 4, choice=True)) == 3
    assert table_of_contents(three, 3, choice=False) == []
    # Nothing to link to: nothing to show, whatever the field says.
    assert table_of_contents("<p>Solo testo</p>", 1, choice=True) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [("sì", True), ("Si", True), ("yes", True), ("no", False), ("NO", False), (None, None)],
)
def test_the_field_reads_italian_and_english_yes_and_no(value, expected):
    assert wanted(value) is expected


def test_a_field_that_says_neither_tells_the_author_what_to_write():
    with pytest.raises(ValueError, match="«Toc: forse» non si capisce: scrivi «sì»"):
        wanted("forse")


@pytest.mark.parametrize("bad", [0, -1, "4", 2.5, True])
def test_a_bad_minimum_is_named_in_the_error(bad):
    with pytest.raises(ValueError, match="TABLE_OF_CONTENTS_MIN_HEADINGS"):
        configure(PelicanSettingsStub(TABLE_OF_CONTENTS_MIN_HEADINGS=bad))


def test_a_misspelt_setting_is_refused():
    with pytest.raises(ValueError, match="TABLE_OF_CONTENTS_MIN_HEADING"):
        configure(PelicanSettingsStub(TABLE_OF_CONTENTS_MIN_HEADING=2))


def toc_targets(site, url):
    """The #ids the page's table of contents links to, or None without one."""
    toc = site.soup(url).select_one("nav.toc")
    return None if toc is None else [a["href"] for a in toc.select("a")]


def test_the_build_gives_long_articles_a_table_and_follows_the_field(tmp_path, small_content):
    write_default_bio(small_content)
    write_article(small_content, "lungo.md", body=sections(4), title="Lungo")
    write_article(small_content, "breve.md", body=sections(2), title="Breve")
    write_article(small_content, "chiesto.md", body=sections(2), title="Chiesto", toc="sì")
    write_article(small_content, "tolto.md", body=sections(5), title="Tolto", toc="no")
    site = build_site(tmp_path / "out", content=small_content)
    assert toc_targets(site, "/lungo/") == [f"#parte-{n}" for n in range(1, 5)]
    assert toc_targets(site, "/breve/") is None
    assert toc_targets(site, "/chiesto/") == ["#parte-1", "#parte-2"]
    assert toc_targets(site, "/tolto/") is None
    assert not site.warnings()
    # The setting moves the threshold.
    fewer = build_site(tmp_path / "fewer", content=small_content, TABLE_OF_CONTENTS_MIN_HEADINGS=2)
    assert toc_targets(fewer, "/breve/") == ["#parte-1", "#parte-2"]


def test_a_bad_field_is_named_with_its_line_and_the_article_keeps_the_usual_rule(
    tmp_path, small_content
):
    write_default_bio(small_content)
    source = write_article(small_content, "lungo.md", body=sections(4), title="Lungo", toc="forse")
    site = build_site(tmp_path / "out", content=small_content)
    line = 1 + source.read_text(encoding="utf-8").splitlines().index("Toc: forse")
    messages = [record.getMessage() for record in site.warnings()]
    assert [m for m in messages if "Toc" in m] == [
        f"{source}:{line}: «Toc: forse» non si capisce: scrivi «sì» per mostrare l'indice "
        "dell'articolo, «no» per toglierlo, oppure togli la riga e l'indice compare da solo "
        "negli articoli lunghi."
    ]
    assert len(toc_targets(site, "/lungo/")) == 4
