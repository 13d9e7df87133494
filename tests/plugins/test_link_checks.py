"""link_checks' pure parts: links found in HTML, targets resolved as Pelican does, lines found."""

import random

from blog_core import body_start, did_you_mean, line_of
from link_checks.hints import CloseNames, KnownFiles
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


def mistyped(name, seed):
    """`name` with one to three letters inserted, dropped or changed: an author's typo."""
    generator = random.Random(seed)
    letters = list(name)
    for _ in range(generator.randint(1, 3)):
        where = generator.randrange(len(letters))
        change = generator.choice(("insert", "drop", "change"))
        if change == "insert":
            letters.insert(where, generator.choice("abcdeilmnorstuvz0123456789-."))
        elif change == "drop" and len(letters) > 1:
            letters.pop(where)
        else:
            letters[where] = generator.choice("abcdeilmnorstuvz0123456789-.àè")
    return "".join(letters)


SITE_FILES = [
    *(f"a{number}.md" for number in range(300)),
    *(f"vetrine-online-{number}.md" for number in range(40)),
    "chi-siamo.md",
    "privacy.md",
    "giulia-ferri.md",
    "calendario-settimanale.svg",
    "banco-del-mercato.jpg",
]


def test_the_indexed_suggestion_is_the_one_difflib_gives():
    names = CloseNames(SITE_FILES)
    words = [mistyped(name, seed) for seed, name in enumerate(SITE_FILES * 2)]
    words += ["", "x", "b5.md", "chi-siamo.md", "ééé", "a" * 250, "vetrine-online.md"]
    expected = [did_you_mean(word, SITE_FILES) for word in words]
    assert [names.best(word) for word in words] == expected
    # Not a test that passes for lack of suggestions: most typos have one.
    assert sum(guess is not None for guess in expected) > len(words) // 2


def test_on_a_tie_the_suggestion_is_the_one_difflib_gives():
    # "ab.md" is as close to "aa.md" as to "ac.md": difflib takes the later name.
    assert did_you_mean("ab.md", ["aa.md", "ac.md"]) == "ac.md"
    assert CloseNames(["ac.md", "aa.md"]).best("ab.md") == "ac.md"


def test_a_file_name_is_suggested_with_its_path_never_the_missing_file_itself():
    files = KnownFiles(["images/banco.jpg", "articles/vetrine.md", "vecchie/banco.jpg"])
    assert files.hint("articles/vetrina.md") == " Forse intendevi «/articles/vetrine.md»?"
    assert files.hint("articles/niente-di-simile.txt") == ""
    # The first path in order for a name; a path left out gives the next one with that name.
    assert files.hint("foto/banco.jpg") == " Forse intendevi «/images/banco.jpg»?"
    hint = files.hint("images/banco.jpg", leaving_out="images/banco.jpg")
    assert hint == " Forse intendevi «/vecchie/banco.jpg»?"
    alone = KnownFiles(["images/banco.jpg", "images/banca.jpg"])
    hint = alone.hint("images/banco.jpg", leaving_out="images/banco.jpg")
    assert hint == " Forse intendevi «/images/banca.jpg»?"
