"""link_checks' pure parts: links found in HTML, targets resolved as Pelican does, lines found."""

import pytest
from link_checks.links import (
    Link,
    body_start,
    content_key,
    intrasite,
    line_of,
    links_in,
    output_candidates,
    site_path,
)

SOURCE = """\
Title: Vetrine online
Date: 2026-11-20 09:00

Una [guida]({filename}/articles/guida.md) e una foto:

![]({static}/images/banco.jpg)

Ancora la [guida]({filename}/articles/guida.md), poi [chi siamo](/chi-siamo/).
"""


def test_links_and_images_are_read_from_the_html_with_their_alt():
    html = (
        '<p><a href="{filename}/a.md">a</a> <a>no href</a> <img src="x.png" alt="Il banco">'
        '<img src="y.png"><img src="z.png" alt=""></p>'
    )
    assert links_in(html) == [
        Link("a", "{filename}/a.md"),
        Link("img", "x.png", "Il banco"),
        Link("img", "y.png", None),
        Link("img", "z.png", ""),
    ]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("{filename}/articles/guida.md", ("filename", "/articles/guida.md")),
        ("{static}../images/foto%20banco.jpg?v=2", ("static", "../images/foto banco.jpg")),
        ("{attach}scheda.pdf#pagina-2", ("attach", "scheda.pdf")),
        ("/chi-siamo/", None),
        ("https://www.example.com/", None),
    ],
)
def test_intrasite_targets_are_split_from_their_query_and_fragment(target, expected):
    assert intrasite(target) == expected


@pytest.mark.parametrize(
    ("path", "source_dir", "key"),
    [
        ("/articles/guida.md", "articles", "articles/guida.md"),
        ("guida.md", "articles", "articles/guida.md"),
        ("../images/banco.jpg", "articles/2026", "articles/images/banco.jpg"),
        ("../../images/banco.jpg", "articles/2026", "images/banco.jpg"),
        ("../../../fuori.md", "articles", None),
    ],
)
def test_content_paths_resolve_from_the_root_or_the_file_folder(path, source_dir, key):
    assert content_key(path, source_dir) == key


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/chi-siamo/", "/chi-siamo/"),
        ("../chi-siamo/", "/chi-siamo/"),
        ("images/banco.jpg", "/vetrine-online/images/banco.jpg"),
        ("https://www.bottegadigitale.example/tag/pmi/", "/tag/pmi/"),
        ("https://www.example.com/", None),
        ("mailto:ciao@bottegadigitale.example", None),
        ("#capitolo-2", None),
        ("//cdn.example.com/x.js", None),
        ("{filename}/articles/guida.md", None),
    ],
)
def test_links_to_this_site_become_output_paths(target, expected):
    assert site_path(target, "vetrine-online/", "https://www.bottegadigitale.example") == expected


def test_a_folder_is_served_by_its_index_and_a_file_by_itself_or_its_folder():
    assert output_candidates("/") == ["index.html"]
    assert output_candidates("/chi-siamo/") == ["chi-siamo/index.html"]
    assert output_candidates("/feed.xml") == ["feed.xml", "feed.xml/index.html"]


def test_each_appearance_of_a_target_gets_its_own_line_in_the_body():
    start = body_start(SOURCE)
    assert start == 4
    assert line_of(SOURCE, "{filename}/articles/guida.md", 0, start) == 4
    assert line_of(SOURCE, "{filename}/articles/guida.md", 1, start) == 8
    assert line_of(SOURCE, "{static}/images/banco.jpg", 0, start) == 6
    # A target Markdown rewrote beyond recognition: the start of the text.
    assert line_of(SOURCE, "/non-scritto/", 0, start) == 4


def test_a_target_in_the_header_is_not_taken_for_the_body():
    source = "Title: /chi-siamo/\nDate: 2026-11-20 09:00\n\nVedi [noi](/chi-siamo/).\n"
    assert line_of(source, "/chi-siamo/", 0, body_start(source)) == 4
