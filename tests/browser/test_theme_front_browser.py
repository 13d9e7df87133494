"""The theme's front in Chromium, at 320, 360 and 1280 px: a header that fits one row on a
phone, a menu that opens without JavaScript and by keyboard and shows inline on a wide screen,
cards in a grid that open their article wherever they are clicked, no sideways scroll.

On a small site of the tests' own with long words and many categories; each check saves a
screenshot in tests/browser/screenshots/<name>-<width>.png for whoever reviews the theme.
"""

import shutil

import pytest

from screenshots import screenshot_path
from sitebuild import BLOG_SITE, build_site, write_article, write_default_bio

pytestmark = pytest.mark.browser

SIDEWAYS = "document.scrollingElement.scrollWidth > window.innerWidth"
# Two articles each: the menu shows the first three by name, "Social" is left to the footer.
CATEGORIES = ["Negozi e botteghe", "Social", "Email e newsletter", "Eventi"]
ARTICLE = "/la-precipitevolissimevolmente-lunga-vetrina-1/"
PAGES = {
    "home": "/",
    "article": ARTICLE,
    "category": "/categoria/negozi-e-botteghe/",
    "404": "/404.html",
}


@pytest.fixture(scope="module")
def front_url(tmp_path_factory, serve):
    content = tmp_path_factory.mktemp("front-browser") / "content"
    shutil.copytree(BLOG_SITE / "pages", content / "pages")
    write_default_bio(content)
    for number in range(1, 9):
        write_article(
            content,
            f"vetrina-{number}.md",
            # A long Italian word, as titles have: it must wrap, not widen the page.
            title=f"La precipitevolissimevolmente lunga vetrina {number}",
            category=CATEGORIES[number % len(CATEGORIES)],
            date=f"2026-10-{number:02d} 09:00",
            body="Una vetrina cambiata ogni settimana fa fermare chi passa.\n\n" * 30,
        )
    site = build_site(tmp_path_factory.mktemp("front-browser-site"), content)
    with serve(site.output) as url:
        yield url


def shot(page, name):
    path = screenshot_path(name, page.viewport_size["width"])
    page.screenshot(path=path, full_page=True)
    assert path.stat().st_size > 0


@pytest.fixture
def at_width(browser):
    """A page at a given width, with or without JavaScript; closed with its context."""
    contexts = []

    def open_page(width, javascript=True):
        context = browser.new_context(
            viewport={"width": width, "height": 800},
            java_script_enabled=javascript,
            locale="it-IT",
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def test_the_closed_header_is_one_row_at_most_72px_on_a_360px_phone(at_width, front_url):
    page = at_width(360)
    page.goto(front_url + "/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 72
    logo = page.locator(".site-brand__logo").bounding_box()
    name = page.locator(".site-brand__name").bounding_box()
    toggle = page.get_by_text("Menu", exact=True).bounding_box()
    for box in (logo, name, toggle):
        assert header["y"] <= box["y"] and box["y"] + box["height"] <= header["height"]
    # Side by side, within the screen.
    assert logo["x"] < name["x"] < toggle["x"] and toggle["x"] + toggle["width"] <= 360
    assert not page.locator(".site-header__tagline").is_visible()
    assert not page.locator(".site-header").get_by_role("link", name="Eventi").is_visible()
    shot(page, "header-closed")


def test_the_menu_opens_and_closes_without_javascript(at_width, front_url):
    page = at_width(360, javascript=False)
    page.goto(front_url + "/categoria/negozi-e-botteghe/")
    links = page.locator(".site-nav a")
    names = [link.text_content() for link in links.all()]
    assert names == ["Email e newsletter", "Eventi", "Negozi e botteghe", "Newsletter", "Chi siamo"]
    assert not any(link.is_visible() for link in links.all())
    page.get_by_text("Menu", exact=True).click()
    assert all(link.is_visible() for link in links.all())
    assert page.get_by_role("searchbox", name="Cerca nel sito").is_visible()
    current = page.locator(".site-nav a[aria-current]")
    assert current.inner_text() == "Negozi e botteghe"
    # The open panel covers the page below it, inside the screen.
    panel = page.locator(".site-menu__panel").bounding_box()
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= 360
    assert not page.evaluate(SIDEWAYS)
    shot(page, "menu-open")
    page.get_by_text("Menu", exact=True).click()
    assert not any(link.is_visible() for link in links.all())


def test_the_menu_opens_by_keyboard(at_width, front_url):
    page = at_width(360)
    page.goto(front_url + "/")
    toggle = page.locator(".site-menu__toggle")
    # The skip link, the site's name, then the toggle.
    for _ in range(3):
        page.keyboard.press("Tab")
    assert toggle.evaluate("element => element === document.activeElement")
    menu = page.locator(".site-menu")
    assert menu.evaluate("details => details.open") is False
    page.keyboard.press("Enter")
    assert menu.evaluate("details => details.open") is True
    first = page.locator(".site-nav a").first
    assert first.is_visible()
    page.keyboard.press("Tab")
    assert first.evaluate("element => element === document.activeElement")
    # Every link of the menu, then the search box, one Tab each.
    for link in page.locator(".site-nav a").all()[1:]:
        page.keyboard.press("Tab")
        assert link.evaluate("element => element === document.activeElement")
    page.keyboard.press("Tab")
    assert page.get_by_role("searchbox").evaluate("element => element === document.activeElement")
    # Back to the toggle: Space closes it.
    toggle.focus()
    page.keyboard.press("Space")
    assert menu.evaluate("details => details.open") is False
    assert not first.is_visible()


def test_on_a_wide_screen_the_menu_and_search_are_in_the_bar(at_width, front_url):
    page = at_width(1280, javascript=False)
    page.goto(front_url + "/")
    assert not page.locator(".site-menu__toggle").is_visible()
    links = page.locator(".site-nav a").all()
    assert links and all(link.is_visible() for link in links)
    tops = {round(link.bounding_box()["y"]) for link in links}
    assert len(tops) == 1  # one row
    # Links for assistive technology too, though their <details> is closed.
    header = page.locator(".site-header")
    for link in links:
        name = link.inner_text()
        assert header.get_by_role("link", name=name, exact=True).is_visible(), name
    search = page.get_by_role("searchbox", name="Cerca nel sito")
    assert search.is_visible()
    bar = header.bounding_box()
    box = search.bounding_box()
    assert box["y"] + box["height"] <= bar["y"] + bar["height"]
    assert page.locator(".site-header__tagline").is_visible()
    # The links are reached by Tab without opening anything.
    links[0].focus()
    assert links[0].evaluate("element => element === document.activeElement")
    shot(page, "header-wide")


def test_cards_in_a_grid_each_opening_its_article_where_clicked(at_width, front_url):
    wide = at_width(1280)
    wide.goto(front_url + "/")
    cards = wide.locator(".card-list .card")
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert first["y"] == second["y"] and first["x"] < second["x"]  # side by side
    lead = wide.locator(".card--lead").bounding_box()
    assert lead["width"] > 2 * first["width"]
    shot(wide, "home")
    phone = at_width(360)
    phone.goto(front_url + "/")
    top, below = (phone.locator(".card-list .card").nth(n).bounding_box() for n in (0, 1))
    assert top["x"] == below["x"] and top["y"] < below["y"]  # one column
    shot(phone, "home")
    # One link per card, named by the title; a click on its picture opens the article.
    card = phone.locator(".card-list .card").first
    title = card.locator(".card__title").inner_text()
    assert phone.get_by_role("link", name=title, exact=True).count() == 1
    card.locator("img").scroll_into_view_if_needed()
    picture = card.locator("img").bounding_box()
    with phone.expect_navigation():
        phone.mouse.click(picture["x"] + picture["width"] / 2, picture["y"] + picture["height"] / 2)
    assert phone.locator("h1").inner_text() == title


@pytest.mark.parametrize("width", [320, 360])
def test_no_page_scrolls_sideways(at_width, front_url, width):
    page = at_width(width)
    wide = []
    for name, path in PAGES.items():
        page.goto(front_url + path)
        if page.evaluate(SIDEWAYS):
            wide.append(name)
        page.locator(".site-menu__toggle").click()
        if page.evaluate(SIDEWAYS):
            wide.append(name + " with the menu open")
        shot(page, name)
    assert wide == []
