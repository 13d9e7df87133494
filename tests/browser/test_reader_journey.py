"""What a reader does on a phone: open the home page, follow an article, never scroll sideways."""

import pytest
from playwright.sync_api import expect

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


@pytest.mark.parametrize(
    "path",
    [
        "/un-piano-editoriale-realistico-per-una-pmi-con-poco-tempo/",
        "/instagram-per-il-forno-di-quartiere-cosa-pubblicare-ogni-settimana/",
        "/perche-una-newsletter-conta-piu-di-mille-follower/",
        "/archivio/",
        "/tag/",
        "/privacy/",
    ],
)
def test_wide_content_does_not_scroll_sideways(phone, site_url, path):
    phone.goto(site_url + path)
    assert phone.evaluate(SCROLLS_SIDEWAYS) is False


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
