"""The theme's front: the header (logo, a short menu, the search box), the home page (the newest
article large, then cards), the footer and the 404 page, in small sites built for these tests."""

import shutil

import pytest
from pelican.settings import read_settings

from sitebuild import BLOG_SITE, ROOT, build_site, write_article, write_default_bio

# Categories with 3, 2, 2 and 1 articles: the default menu shows the first three, and of the
# two with 2 articles the name first in order ("Email" before "Social") comes first.
ARTICLES = [
    ("vetrina.md", "La vetrina d’autunno", "Negozi", "2026-10-01 09:00"),
    ("orari.md", "Gli orari sulla porta", "Negozi", "2026-10-02 09:00"),
    ("insegna.md", "Un’insegna che si legge", "Negozi", "2026-10-03 09:00"),
    ("storie.md", "Le storie del venerdì", "Social", "2026-10-04 09:00"),
    ("foto.md", "Foto del banco con il telefono", "Social", "2026-10-05 09:00"),
    ("oggetto.md", "L’oggetto della prima email", "Email", "2026-10-06 09:00"),
    ("benvenuto.md", "Il messaggio di benvenuto", "Email", "2026-10-07 09:00"),
    ("mercato.md", "Il banco al mercato di Natale", "Eventi", "2026-10-08 09:00"),
]
NEWEST = "/il-banco-al-mercato-di-natale/"


def write_site(folder, pages=True):
    """The fixture site's pages (chi-siamo, newsletter, privacy…) and ARTICLES."""
    if pages:
        shutil.copytree(BLOG_SITE / "pages", folder / "pages")
    else:
        (folder / "pages").mkdir(parents=True)
        shutil.copy(BLOG_SITE / "pages" / "privacy.md", folder / "pages" / "privacy.md")
    write_default_bio(folder)
    for name, title, category, date in ARTICLES:
        write_article(folder, name, title=title, category=category, date=date)
    return folder


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = write_site(tmp_path_factory.mktemp("front-content"))
    return build_site(tmp_path_factory.mktemp("front-site"), content)


def header_links(soup):
    return [(a.get_text(strip=True), a["href"]) for a in soup.select(".site-header nav a")]


def test_the_logo_is_beside_the_name_sized_and_with_an_empty_alt(site):
    for url in ("/", NEWEST, "/categoria/negozi/", "/404.html"):
        brand = site.soup(url).select_one(".site-header .site-brand__link")
        assert brand["href"] == "/" and brand.get_text(strip=True) == "Bottega Digitale"
        logo = brand.select_one("img")
        assert (logo["width"], logo["height"], logo["alt"]) == ("40", "40", "")
        assert logo["src"] == "/static/img/logo.svg" and site.exists(logo["src"])
    # Our own drawing, in the theme's accent colour, with its size.
    drawing = (ROOT / "theme" / "static" / "img" / "logo.svg").read_text(encoding="utf-8")
    assert 'width="40" height="40"' in drawing and "#17613f" in drawing


def test_an_owner_s_logo_from_content_images(tmp_path):
    content = write_site(tmp_path / "content")
    (content / "images").mkdir()
    (content / "images" / "marchio.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40" width="120" height="40">'
        '<rect width="120" height="40" fill="#7a2e1d"/></svg>\n',
        encoding="utf-8",
    )
    built = build_site(
        tmp_path / "output",
        content,
        SITE_LOGO="images/marchio.svg",
        SITE_LOGO_WIDTH=120,
        SITE_LOGO_HEIGHT=40,
    )
    logo = built.soup("/").select_one(".site-brand__link img")
    assert (logo["src"], logo["width"], logo["height"]) == ("/images/marchio.svg", "120", "40")
    assert built.exists(logo["src"])
    none = build_site(tmp_path / "no-logo", content, SITE_LOGO=None)
    assert none.soup("/").select_one(".site-brand__link img") is None
    assert none.soup("/").select_one(".site-brand__name").get_text() == "Bottega Digitale"


def test_the_default_menu_is_the_three_biggest_categories_newsletter_and_chi_siamo(site):
    expected = [
        ("Negozi", "/categoria/negozi/"),
        ("Email", "/categoria/email/"),
        ("Social", "/categoria/social/"),
        ("Newsletter", "/newsletter/"),
        ("Chi siamo", "/chi-siamo/"),
    ]
    for file in site.html_files():
        assert header_links(site.soup(site.url_of(file))) == expected, file
    # "Eventi", the smallest, is left out of the menu but not out of the site.
    assert site.exists("/categoria/eventi/")


def test_without_those_pages_the_default_menu_has_only_the_categories(tmp_path):
    content = write_site(tmp_path / "content", pages=False)
    built = build_site(tmp_path / "output", content, MENU_CATEGORIES=2)
    assert header_links(built.soup("/")) == [
        ("Negozi", "/categoria/negozi/"),
        ("Email", "/categoria/email/"),
    ]


def test_menu_items_replace_the_default_menu(tmp_path):
    content = write_site(tmp_path / "content")
    items = [
        ("I negozi", "categoria/negozi/"),
        ("Contatti", "/contatti/"),
        ("Il listino", "https://listino.bottega.test/"),
    ]
    built = build_site(tmp_path / "output", content, MENU_ITEMS=items)
    expected = [
        ("I negozi", "/categoria/negozi/"),
        ("Contatti", "/contatti/"),
        ("Il listino", "https://listino.bottega.test/"),
    ]
    assert header_links(built.soup("/")) == expected
    current = built.soup("/contatti/").select(".site-header nav a[aria-current]")
    assert [(a.get_text(), a["aria-current"]) for a in current] == [("Contatti", "page")]
    # The footer has the menu's links too.
    footer = {a["href"] for a in built.soup("/").select(".site-footer a")}
    assert {"/categoria/negozi/", "https://listino.bottega.test/"} <= footer


def current_items(site, url):
    nav = site.soup(url).select(".site-header nav a[aria-current]")
    return [(a.get_text(), a["aria-current"]) for a in nav]


def test_the_current_item_is_marked(site):
    assert current_items(site, "/") == []
    assert current_items(site, "/categoria/negozi/") == [("Negozi", "page")]
    # An article of a category in the menu: the category is where the reader is.
    assert current_items(site, "/la-vetrina-dautunno/") == [("Negozi", "true")]
    assert current_items(site, NEWEST) == []
    assert current_items(site, "/chi-siamo/") == [("Chi siamo", "page")]
    assert current_items(site, "/newsletter/") == [("Newsletter", "page")]


def test_the_menu_folds_into_a_details_toggle_with_the_search_box(site):
    header = site.soup("/").select_one("header.site-header")
    menu = header.select_one("details.site-menu")
    assert menu.summary.get_text(strip=True) == "Menu" and not menu.has_attr("open")
    assert menu.select_one("nav.site-nav[aria-label='Menu principale']")
    form = menu.select_one("form.search-form")
    assert form["action"] == "/cerca/" and form["method"] == "get"


def test_every_card_is_one_link_with_one_name(site):
    pages = ["/", "/pagina/2/", "/categoria/negozi/", "/tag/pmi/", "/autori/luca-bianchi/"]
    for url in pages:
        cards = site.soup(url).select(".card")
        assert cards, url
        for card in cards:
            links = card.select("a")
            assert len(links) == 1, (url, card.get_text(" ", strip=True))
            title = card.select_one(".card__title a")
            assert links[0] is title and not title.has_attr("aria-label")
            # Category and authors as text; picture, date and reading time shown.
            assert card.select_one(".card__category").get_text(strip=True)
            assert card.select_one(".card__authors").get_text() == "di Luca Bianchi"
            assert card.select_one("img.card__image") and card.select_one("time")
            assert "min di lettura" in card.select_one(".article-meta__reading").get_text()
        assert "Leggi tutto" not in site.html(url)


def test_the_home_shows_the_newest_article_large_then_cards(site):
    soup = site.soup("/")
    assert soup.h1.get_text() == "Marketing digitale per piccole imprese, senza gergo"
    assert "piccole imprese italiane" in soup.select_one(".home-intro__text").get_text()
    lead = soup.select_one("main .card--lead")
    assert lead.select_one(".card__title a")["href"] == NEWEST
    assert lead.select_one(".card__title").name == "h2"
    # Its picture is fetched at once; every other card's waits until it is scrolled to.
    picture = lead.select_one("img.card__image")
    assert picture["fetchpriority"] == "high" and not picture.has_attr("loading")
    others = soup.select("main .card-list .card")
    assert len(others) == 4  # five articles a page: the large one and four cards
    assert all(card.select_one("img")["loading"] == "lazy" for card in others)
    assert all(card.select_one(".card__title").name == "h3" for card in others)
    # The newsletter box and the pages after this one.
    assert soup.select_one("main .newsletter-signup")
    assert soup.select_one(".pagination a[rel=next]")["href"] == "/pagina/2/"
    # Page 2 is a plain grid: no large article, no introduction.
    second = site.soup("/pagina/2/")
    assert second.select_one(".card--lead") is None and second.select_one(".home-intro") is None
    assert len(second.select("main .card-list .card")) == 3


def test_the_footer_has_menu_pages_newsletter_privacy_and_the_feed(site):
    footer = site.soup("/").select_one("footer.site-footer")
    text = footer.get_text(" ", strip=True)
    assert "Feed Atom" not in text and "Feed RSS" not in text
    links = {a.get_text(" ", strip=True): a["href"] for a in footer.select("a")}
    assert links["Negozi"] == "/categoria/negozi/"
    assert links["Chi siamo"] == "/chi-siamo/" and links["Contatti"] == "/contatti/"
    assert links["Iscriviti alla newsletter"] == "/newsletter/"
    assert links["Informativa privacy"] == "/privacy/"
    assert links["Ricevi gli aggiornamenti"] == "/feed/atom.xml"
    feed = footer.select_one('a[href="/feed/atom.xml"]')
    assert feed.select_one("svg")["aria-hidden"] == "true"
    assert (
        "Bottega Digitale (sito dimostrativo)"
        in footer.select_one(".site-footer__business").get_text()
    )


def test_the_404_page_has_a_search_box_the_newest_articles_and_the_categories(site):
    soup = site.soup("/404.html")
    form = soup.select_one("main form.search-form")
    assert form["action"] == "/cerca/" and form.select_one("input")["name"] == "q"
    assert form["aria-labelledby"] == "not-found-search"
    # Its own ids, apart from the header's box.
    ids = [element["id"] for element in soup.select("[id]")]
    assert len(ids) == len(set(ids))
    assert soup.select_one("#not-found-latest + ul a")["href"] == NEWEST
    assert soup.select("#not-found-categories + ul a")


def test_without_the_search_plugin_no_search_box_anywhere(tmp_path):
    content = write_site(tmp_path / "content")
    plugins = [name for name in read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]]
    plugins.remove("search")
    built = build_site(tmp_path / "output", content, PLUGINS=plugins)
    for url in ("/", "/404.html", NEWEST):
        assert built.soup(url).select("form.search-form") == [], url
    assert built.soup("/404.html").select_one("#not-found-latest")
