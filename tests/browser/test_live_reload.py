"""`make serve`: editing an article refreshes the page already open in the browser."""

import pytest

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
    page.wait_for_function(
        "text => document.querySelector('.article__body')?.innerText.includes(text)",
        arg=ADDED_START,
        timeout=90_000,
    )
    page.screenshot(path=tmp_path / "after-edit.png")
    page.close()
