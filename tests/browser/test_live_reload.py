"""`make serve`: editing an article refreshes the page already open in the browser."""

import pytest
from playwright.sync_api import Error as PlaywrightError

from sitebuild import wait_for_http, write_article

pytestmark = pytest.mark.browser

ADDED = "Paragrafo aggiunto mentre la pagina era aperta."
# Typogrify glues the last two words with a no-break space, so look for the start of it.
ADDED_START = "Paragrafo aggiunto mentre"


def test_open_page_refreshes_after_an_edit(browser, dev_server, tmp_path):
    # An article of the test's own, whatever content/ holds.
    source = write_article(
        dev_server.project / "content", "orari-di-dicembre.md", title="Gli orari di dicembre"
    )
    url = dev_server.url + "/gli-orari-di-dicembre/"
    wait_for_http(url)
    page = browser.new_page()
    with page.expect_websocket() as connecting:
        page.goto(url)
    # Edit only once the server has answered the page's live-reload handshake.
    connecting.value.wait_for_event("framereceived", timeout=30_000)
    assert ADDED_START not in page.locator(".article__body").inner_text()

    source.write_text(source.read_text(encoding="utf-8") + f"\n\n{ADDED}\n", encoding="utf-8")

    # The page may be asked mid-reload (the server reloads it once the saved page is written,
    # and again once the whole site is), when it has no body yet.
    shows_the_edit = "text => document.querySelector('.article__body')?.innerText.includes(text)"
    page.wait_for_function(shows_the_edit, arg=ADDED_START, timeout=90_000)
    # The second reload may come while the picture is taken: taken again once it is over, and
    # the page it shows has the edit too.
    for _attempt in range(20):
        try:
            page.screenshot(path=tmp_path / "after-edit.png")
            break
        except PlaywrightError:
            page.wait_for_timeout(250)
    else:
        pytest.fail("the page never settled long enough for a screenshot after the edit")
    page.wait_for_function(shows_the_edit, arg=ADDED_START, timeout=90_000)
    page.close()
