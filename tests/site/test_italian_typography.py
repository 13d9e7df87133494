"""Italian typography in what the theme writes: ’ for the apostrophe, « » for quotes.

labels.html holds every word of the theme, so its strings are checked as written; the fixture
site's built pages (visible text and the plain-text digest emails) show that nothing the theme
or typogrify adds brings back a typewriter apostrophe or English quotes.
"""

import re

import pytest
from typography import markdown_mistakes, typography_mistakes

from sitebuild import BLOG_SITE, OWNER_SITE, ROOT

LABELS = ROOT / "theme" / "templates" / "partials" / "labels.html"
JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
# Not prose: code and preformatted text keep the characters the author typed.
NOT_PROSE_TAGS = ("script", "style", "code", "pre")


@pytest.mark.parametrize(
    ("text", "mistakes"),
    [
        ("Sfoglia l'archivio", 1),
        ("Ho letto l'<a href='/privacy/'>informativa", 1),
        ("il “SEO” spiegato", 2),
        ("Sfoglia l’archivio, un’email, «SEO»", 0),
        ("il codice 'x' e le virgolette \"y\"", 0),
    ],
)
def test_the_check_finds_each_mistake(text, mistakes):
    assert len(typography_mistakes(text)) == mistakes


def test_labels_write_italian_apostrophes_and_quotes():
    # Comments are for whoever edits the theme; everything else ends up in front of a reader.
    source = JINJA_COMMENT.sub("", LABELS.read_text(encoding="utf-8"))
    found = [
        f"labels.html:{number}: {mistake!r}"
        for number, line in enumerate(source.splitlines(), 1)
        for mistake in typography_mistakes(line)
    ]
    assert found == []


def visible_text(soup):
    for tag in soup.find_all(NOT_PROSE_TAGS):
        tag.decompose()
    texts = [soup.get_text(" ")]
    for tag in soup.find_all(attrs={"alt": True}):
        texts.append(tag["alt"])
    for name in ("title", "aria-label", "placeholder"):
        texts += [tag[name] for tag in soup.find_all(attrs={name: True})]
    return " ".join(texts)


def test_built_pages_show_italian_apostrophes_and_quotes(fixture_site):
    found = {}
    for file in fixture_site.html_files():
        url = fixture_site.url_of(file)
        mistakes = typography_mistakes(visible_text(fixture_site.soup(url)))
        if mistakes:
            found[url] = mistakes
    for file in sorted(fixture_site.output.glob("newsletter/*/email.txt")):
        mistakes = typography_mistakes(file.read_text(encoding="utf-8"))
        if mistakes:
            found[fixture_site.url_of(file)] = mistakes
    assert found == {}
    # The theme's own words with an apostrophe reach the pages as written in labels.html.
    assert "Sfoglia l’archivio" in fixture_site.html("/404.html")
    assert "un’email" in fixture_site.html("/newsletter/")
    assert "Ho letto l’<a" in fixture_site.html("/newsletter/")


@pytest.mark.parametrize("site", [BLOG_SITE, OWNER_SITE], ids=["blog", "owner"])
def test_fixture_pages_write_italian_apostrophes_and_quotes(site):
    # They stand in for the sample's pages in the code tests, so they follow the same rule.
    found = []
    for path in sorted((site / "pages").glob("*.md")):
        found += markdown_mistakes(path, path.relative_to(ROOT))
    assert found == []
