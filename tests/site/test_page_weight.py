"""What a reader's phone downloads first: an article's HTML and the stylesheet fit in 14 KB
gzipped (about what a server sends in its first round trip), images aside (issue 16)."""

from bs4 import BeautifulSoup

from page_weight import FIRST_ROUND_TRIP, gzipped


def test_every_article_and_the_stylesheet_fit_in_the_first_round_trip(fixture_site):
    css = gzipped(fixture_site.path("/static/css/style.css").read_bytes())
    heavy = {}
    for file in fixture_site.html_files():
        html = file.read_bytes()
        if not BeautifulSoup(html, "lxml").select_one("article.article"):
            continue
        weight = gzipped(html) + css
        if weight > FIRST_ROUND_TRIP:
            heavy[fixture_site.url_of(file)] = weight
    assert css > 0 and heavy == {}, f"CSS {css} B gzipped; over {FIRST_ROUND_TRIP} B: {heavy}"


def test_the_site_loads_its_stylesheet_as_one_file(fixture_site):
    # One stylesheet for every page: a second one would be a second round trip.
    for file in fixture_site.html_files():
        soup = BeautifulSoup(file.read_bytes(), "lxml")
        sheets = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
        assert sheets == ["/static/css/style.css"], (fixture_site.url_of(file), sheets)
