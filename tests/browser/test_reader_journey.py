"""What a reader does on a phone: open the home page, follow an article, never scroll sideways.

On the site in content/, whatever the owner put there, and on the tests' own small site for
what every site need not have (a wide table).
"""

import pytest
from playwright.sync_api import expect
from site_pages import reader_pages

from screenshots import screenshot_path

pytestmark = pytest.mark.browser

SCROLLS_SIDEWAYS = "document.documentElement.scrollWidth > document.documentElement.clientWidth"


def test_home_to_article_on_a_360px_phone(phone, site_url, tmp_path):
    phone.goto(site_url + "/")
    assert phone.locator("html").get_attribute("lang") == "it"
    assert phone.evaluate(SCROLLS_SIDEWAYS) is False
    phone.screenshot(path=tmp_path / "home-360.png", full_page=True)

    first_card = phone.locator(".card__title a").first
    title = first_card.inner_text()
    first_card.click()
    phone.wait_for_load_state()
    assert phone.locator("h1").inner_text() == title
    assert "min di lettura" in phone.locator(".article-meta").first.inner_text()
    assert phone.evaluate(SCROLLS_SIDEWAYS) is False
    phone.screenshot(path=tmp_path / "article-360.png", full_page=True)
    assert (tmp_path / "home-360.png").stat().st_size > 0
    assert (tmp_path / "article-360.png").stat().st_size > 0


def test_no_page_scrolls_sideways_on_a_phone(phone, sample_site, site_url):
    wide = []
    for path in reader_pages(sample_site):
        phone.goto(site_url + path)
        if phone.evaluate(SCROLLS_SIDEWAYS):
            wide.append(path)
    assert wide == []


HINT = """box => {
    const hint = getComputedStyle(box, "::before");
    return {shown: hint.display === "block", text: hint.content,
            overflows: box.scrollWidth > box.clientWidth};
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_a_table_wider_than_its_box_says_it_scrolls_and_one_that_fits_does_not(
    browser, features_url, width
):
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        page.goto(features_url + "/i-numeri-del-primo-trimestre-della-bottega-online/")
        wide, narrow = page.locator(".article__body .table-scroll").all()
        hints = [wide.evaluate(HINT), narrow.evaluate(HINT)]
        for hint in hints:
            assert hint["shown"] == hint["overflows"], hints
        assert "Scorri di lato" in hints[0]["text"]
        assert hints[1] == {"shown": False, "text": hints[1]["text"], "overflows": False}
        if width == 360:
            assert hints[0]["shown"]
            # The hint stays in view while the reader scrolls the table.
            wide.evaluate("box => box.scrollBy(200, 0)")
            before = wide.evaluate("box => box.getBoundingClientRect().left")
            assert wide.evaluate("box => box.scrollLeft") > 0 and before >= 0
            page.screenshot(path=screenshot_path("table", width))
    finally:
        page.close()


def test_a_wide_table_scrolls_inside_its_box_not_the_page(phone, features_url):
    phone.goto(features_url + "/i-numeri-del-primo-trimestre-della-bottega-online/")
    region = phone.locator(".article__body .table-scroll").first
    assert region.evaluate("box => box.scrollWidth > box.clientWidth")
    # Figures line up on the right, as the Markdown's `---:` asks.
    align = phone.locator("th").nth(1).evaluate("th => getComputedStyle(th).textAlign")
    assert align == "right"
    assert phone.evaluate(SCROLLS_SIDEWAYS) is False
    # The keyboard reaches the region, so it can be scrolled without a mouse.
    region.focus()
    assert region.evaluate("box => box === document.activeElement")


def test_skip_link_appears_on_focus_and_moves_to_content(phone, site_url):
    phone.goto(site_url + "/")
    phone.keyboard.press("Tab")
    skip = phone.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    # The link slides in (a short transition): wait until it is wholly on screen.
    expect(skip).to_be_in_viewport(ratio=1)
    phone.keyboard.press("Enter")
    assert phone.evaluate("location.hash") == "#contenuto"


def test_page_reads_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(site_url + "/")
    page.locator(".card__title a").first.click()
    assert page.locator(".article__body p").first.inner_text().strip() != ""
    context.close()


def test_the_newsletter_archive_reads_on_a_phone(phone, site_url):
    # Each issue: its date as a link, its week and count on one line each, its titles under it.
    phone.goto(site_url + "/newsletter/")
    issues = phone.locator(".digest-archive__issue")
    assert issues.count() > 0
    assert not phone.evaluate(SCROLLS_SIDEWAYS)
    for number in range(issues.count()):
        issue = issues.nth(number)
        count = issue.locator(".digest-archive__count")
        line = count.evaluate("element => parseFloat(getComputedStyle(element).lineHeight)")
        assert count.bounding_box()["height"] <= line * 1.2, count.inner_text()
        titles = issue.locator(".digest-archive__titles a")
        assert titles.count() > 0
        for title in titles.all():
            box = title.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 360


def test_a_feed_tapped_in_the_browser_reads_as_a_page_about_feeds(phone, site_url):
    for path in ("/feed/atom.xml", "/feed/rss.xml"):
        phone.goto(site_url + path)
        assert "Questo è un feed" in phone.locator(".feed-page__intro").inner_text(), path
        links = phone.locator(".feed-page .archive-list a")
        assert links.count() > 0, path
        first = links.first.get_attribute("href")
        assert not phone.evaluate(SCROLLS_SIDEWAYS), path
    phone.goto(site_url + first if first.startswith("/") else first)
    assert phone.locator("h1").count() == 1
