"""blog_core.typography gives typogrify's very output: compared with typogrify 2.1.0 and
smartypants 2.0.2 themselves (still installed and pinned: the reference) on the sample's HTML,
every string of their doctest examples, one hard case per step it skips or reorders, and
thousands of generated strings; for every TYPOGRIFY_DASHES, with filters omitted and tags
ignored. Then one real build shows a page typogrified as before."""

import ast
import doctest
import itertools
import random

import markdown
import pytest
import smartypants
from pelican.settings import read_settings
from typogrify import filters

from blog_core import typography
from sitebuild import ROOT, SAMPLE_CONTENT, build_site, write_article, write_default_bio

# smartypants' attributes for each TYPOGRIFY_DASHES, as Pelican sets them (with Attr.w).
ATTRIBUTES = {
    "default": smartypants.Attr.set1 | smartypants.Attr.w,
    "oldschool": smartypants.Attr.set2 | smartypants.Attr.w,
    "oldschool_inverted": smartypants.Attr.set3 | smartypants.Attr.w,
}
IGNORED = ((), ("h2",), (".x",), ("span#y",), ("#y", "em"), ("p", "pre", "kbd.x"))
OMITTED = (
    (),
    ("amp",),
    ("smartypants",),
    ("caps",),
    ("initial_quotes", "widont"),
    ("smartypants", "caps"),
    ("widont",),
)
SETTINGS = [
    (dashes, ignored, omitted)
    for dashes in ATTRIBUTES
    for ignored in IGNORED
    for omitted in OMITTED
]
# Each setting changed on its own from the project's (a hard case is written for one of them).
ONE_CHANGE = sorted(
    {(dashes, (), ()) for dashes in ATTRIBUTES}
    | {("default", ignored, ()) for ignored in IGNORED}
    | {("default", (), omitted) for omitted in OMITTED}
)


@pytest.fixture
def attributes():
    """Sets smartypants' global attributes for a TYPOGRIFY_DASHES, as Pelican does; restored."""
    saved = smartypants.Attr.default
    yield lambda dashes: setattr(smartypants.Attr, "default", ATTRIBUTES[dashes])
    smartypants.Attr.default = saved


def library(text, ignored=(), dashes="default", omitted=()):
    """typogrify.filters.typogrify as Pelican runs it (smartypants.Attr.default already set)."""
    return filters.typogrify(text, list(ignored), **dict.fromkeys(omitted, False))


def assert_same_everywhere(texts, attributes, settings=SETTINGS):
    for dashes, ignored, omitted in settings:
        attributes(dashes)
        for text in texts:
            expected = library(text, ignored, dashes, omitted)
            got = typography.typogrify(text, list(ignored), dashes, omitted)
            assert got == expected, (text, dashes, ignored, omitted)


# One case for each step blog_core.typography skips, reorders or shortcuts.
HARD_CASES = [
    "",
    # amp: needs `&`, `&amp;` or `&#38;` between whitespace or &nbsp;
    "One & two",
    "One &amp; two &#38; three",
    "One&nbsp;&amp;&nbsp;two",
    "a&b &amp;c d&amp; e&#38;f",
    '<a title="One & Two">x</a> & y',
    '<link href="a&b" title="One & Two">x & y</link>',
    # tokens: a comment with -- inside is text for smartypants, which rewrites its dashes; caps
    # then reads a tag up to the `>` inside it
    "<!-- KU > -- x -->KU 'a'",
    '<!-- a -- b -->"q" <!-- c -->KU <!---->"d"',
    "<kbd><!-- a -- KU --></kbd>KU",
    "<!-- never closed -- KU",
    # tokens: a `<` with no `>` after it starts text to the end; a `>` alone is text
    'a < b "c" KU -- d',
    "x > y 'z' KU</p>",
    "<a <b>'c'</b> KU",
    # smartypants' skipped tags: nesting, case, prefixes, closing tags that match no opening one
    '<pre>"a" --</pre>"b" --',
    '<PRE>"a"</pre>"b"',
    '<preface>"a"</preface>"b"',
    '<pre><code>"a"</pre>"b"</code>"c"',
    '<math>"x"</math> "y" <tt>--</tt>-- <samp>...</samp>...',
    '</code>"a" <style>"b"</style>',
    '<script>KU "x"</script> KU "y"',
    # smartypants: one-character quote tokens take the previous text's last character
    "<b>x</b>'<i>y</i> <b> </b>'<i>y</i>",
    "'",
    '"',
    "<i>a</i>&quot;<b>b</b> <i>a </i>&quot;<b>b</b>",
    '<i>a</i>"<b>b</b>',
    # smartypants' steps in order: escapes, &quot;, dashes, ellipses, backticks, quotes
    r"\\ \" \' \. \- \` \x",
    r'"smarty" \"pants\" \\"',
    "a---b--c----d -- e",
    "a....b. . . .c...",
    "``a'' `b' ''c``",
    "&quot;Ciao&quot; &quot;'",
    # convert_quotes' own corners
    r"'.\Bx",
    r'".\B',
    "'80s and '90s, the 1980's",
    "\"'Quoted' words in a larger quote.\"",
    'it\'s \'a\' "b" ("c") ["d"] -"e" {\'f\'}',
    "&#8212;'a &ndash;\"b &#x2014;'c &mdash;'d &#8211;\"e &nbsp;'f --'g",
    "'\n\"\t",
    # caps: two capitals (digits between) or dotted capitals; not in kbd or script
    "A message from KU, 2KU2 and HE34T",
    "Dotted caps D.O.T.   like so. A. B. C",
    "JIMMY'S",
    "<i>D.O.T.</i>HE34T<b>RFID</b>",
    "<kbd>KU<b>KU</b></kbd>KU <Kbd>KU</kbd> <scripts>KU</scripts>",
    "AB\u212a K\u212a \u0130I Ab",
    "A.BC AB.C.D. 1A2B x1AB A.B1CD \u0661A\u0662B A. 12AB3",
    # initial_quotes: at the start, or after an opening block tag and inline tags
    '"With primes"',
    "'With single primes'",
    '<p>"a"</p> <p> <a href="#"> <em>"b"</em></a></p>',
    'x "y" <h3 class="t">&#8220;a</h3> <li>&lsquo;a <dd>&ldquo;b',
    '<pre>"x"</pre> <br>"y" <p><img src="i">"z" <param>\'w',
    ' <b>"a"',
    # widont: a match ends at a closing p, h1-6, li, dt, dd or the end of the text
    "A very simple test",
    "Test",
    " Test",
    "<ul><li>Test</p></li><ul>",
    "<ul><li> Test</p></li><ul>",
    "<p>In a couple of paragraphs</p><p>paragraph two</p>",
    '<h1><a href="#">In a link inside a heading</i> </a></h1>',
    "a b\n",
    "a b\n\n",
    "a b \n",
    "a b</p>\n",
    "<b x y</p> z</p>",
    "<i>a</i> b</p> <em>a</em>\tb</dd>",
    "a <b>b</b> </i></p> a b </strong></b>\n",
    "a\xa0b</dt> a\u2028b</h6>",
    "<a x</b> y</li> x <y</p> x >y</p>",
    "a b</P> a b</p > a b</h7>",
    "a <p>b</p> c",
    # ignored tags: by name, class, id, in any case; unclosed and nested
    '<h2>"a" KU</h2> "b" <H2>"c"</h2>',
    '<span class="x">"a" KU</span> "b" <span class="X">"c"</span>',
    '<span id="y">KU</span> <b id = \'y\'>"a"</b> <em>"b"</em>',
    '<pre>unclosed "x" KU',
    '<code>a</code><code>"b"</code> <pre><pre>x</pre>"y"</pre>',
    '<kbd class="x">"a"</kbd> <p>"b"</p> <pre>"c"</pre>',
]


def test_hard_cases_equal_the_library(attributes):
    assert_same_everywhere(HARD_CASES, attributes, ONE_CHANGE)


def doctest_strings():
    """Every string literal in typogrify's and smartypants' doctest examples."""
    strings = set()
    for module in (filters, smartypants):
        for test in doctest.DocTestFinder().find(module):
            for example in test.examples:
                for node in ast.walk(ast.parse(example.source)):
                    if isinstance(node, ast.Constant) and isinstance(node.value, str):
                        strings.add(node.value)
    return sorted(strings)


def test_doctest_examples_equal_the_library(attributes):
    strings = doctest_strings()
    assert len(strings) > 40  # all of them, not a few
    assert_same_everywhere(strings, attributes, ONE_CHANGE)


def sample_html():
    """The sample's Markdown files as HTML (the project's MARKDOWN settings), and their
    headers as they are."""
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    converter = markdown.Markdown(**settings["MARKDOWN"])
    texts = []
    for path in sorted(SAMPLE_CONTENT.rglob("*.md")):
        header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        converter.reset()
        texts += [converter.convert(body), header]
    return texts


def test_the_sample_content_equals_the_library(attributes):
    texts = sample_html()
    assert len(texts) >= 20
    # Each text with one of the settings in turn, and all of them with the project's.
    project = [("default", (), ())]
    for text, setting in zip(texts, itertools.cycle(SETTINGS[::7]), strict=False):
        assert_same_everywhere([text], attributes, [setting])
    assert_same_everywhere(texts, attributes, project)


# Pieces the generated strings are made of: what each step looks for, and what breaks HTML.
RISKY = (
    ["'", '"', "`", "''", "``", "--", "---", "...", ". . .", "\\\\", '\\"', "\\'", "\\"]
    + ["&quot;", "&amp;", "&nbsp;", "&#8220;", "&#38;", "&ldquo;", "&lsquo;", "&", " & "]
    + ["<p>", "</p>", "<h2>", "</h2>", "<li>", "</li>", "</dd>", "<pre>", "</pre>", "<PRE>"]
    + ["<code>", "</code>", "<kbd>", "</kbd>", "<script>", "</script>", "<math>", "</math>"]
    + ['<span class="x">', '<span id="y">', "</span>", '<a href="a&b">', "</a>", "<em>"]
    + ["</em>", "<b>", "</b>", "<i ", "<br>", "<!-- c -->", "<!-- a -- b -->", "<", ">"]
    + ["CAPS", "KU", "D.O.T.", "'80s", "42", "word", "l'azienda", "Perché", "x", "-"]
    + [" ", " ", "  ", "\n", "\t", "\xa0", ".", ",", "(", "s"]
)
# Words, spaces and the tags widont looks for, more often.
WORDY = ["word", " ", " ", "x", "\n", "</p>", "</li>", "</b>", "</span>", "<b>", "<a x>", "'"]
WORDY += ["</a>", "<i ", "<p>", '"', "KU", ">", "<", "</h3>", "  ", "<!-- -- -->", "&quot;"]


def generated(seed, count):
    rng = random.Random(seed)
    for number in range(count):
        pieces = WORDY if number % 2 else RISKY
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, 24)))


def test_generated_strings_equal_the_library(attributes):
    for text, (dashes, ignored, omitted) in zip(
        generated(14, 2000), itertools.cycle(SETTINGS), strict=False
    ):
        attributes(dashes)
        expected = library(text, ignored, dashes, omitted)
        assert typography.typogrify(text, list(ignored), dashes, omitted) == expected, text


def test_each_filter_equals_the_librarys_on_generated_strings(attributes):
    """Step by step, so that a difference names the filter (the caps of smartypants' output
    are caps on one tokenization)."""
    for text, dashes in zip(generated(41, 1000), itertools.cycle(ATTRIBUTES), strict=False):
        steps = typography.DASH_STEPS[dashes]
        educated = smartypants.smartypants(text, ATTRIBUTES[dashes])
        assert typography.amp(text) == filters.amp(text), text
        assert typography.token_pass(text, steps, True, False) == educated, text
        assert typography.token_pass(text, steps, False, True) == filters.caps(text), text
        both = typography.smartypants_and_caps(text, steps, True, True)
        assert both == filters.caps(educated), text
        assert typography.initial_quotes(text) == filters.initial_quotes(text), text
        assert typography.widont(text) == filters.widont(text), text


def test_an_unknown_filter_is_the_same_error(attributes):
    attributes("default")
    with pytest.raises(TypeError, match="bogus"):
        library("<p>a</p>", omitted=("bogus",))
    with pytest.raises(TypeError, match="bogus"):
        typography.typogrify("<p>a</p>", [], "default", ("bogus",))
    # Nothing to apply it to: neither complains.
    assert typography.typogrify("<pre>a</pre>", [], "default", ("bogus",)) == "<pre>a</pre>"
    assert library("<pre>a</pre>", omitted=("bogus",)) == "<pre>a</pre>"


def test_a_built_page_is_typogrified_as_before(tmp_path, small_content):
    write_default_bio(small_content)
    body = 'Il "marketing locale" conta: la SEO per le PMI & i negozi parte da qui.\n'
    write_article(small_content, "seo.md", title="La SEO per le PMI", body=body)
    site = build_site(tmp_path / "output", content=small_content)
    page = site.html("/la-seo-per-le-pmi/")
    paragraphs = site.soup("/la-seo-per-le-pmi/").find_all("p")
    paragraph = next(paragraph for paragraph in paragraphs if "conta" in paragraph.text)
    assert "“marketing locale”" in paragraph.text
    assert [span.text for span in paragraph.find_all("span", class_="caps")] == ["SEO", "PMI"]
    assert paragraph.find("span", class_="amp").text == "&"
    assert paragraph.text.endswith("da\xa0qui.")
    # The very HTML the library makes of the article's Markdown.
    saved = smartypants.Attr.default
    smartypants.Attr.default = ATTRIBUTES["default"]
    try:
        expected = filters.typogrify(markdown.markdown(body), [])
    finally:
        smartypants.Attr.default = saved
    assert expected in page
