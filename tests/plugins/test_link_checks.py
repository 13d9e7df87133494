"""link_checks' pure parts: links found in HTML, targets resolved as Pelican does, lines found."""

from blog_core import body_start, line_of
from link_checks.links import Link, links_in

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
