"""An embedded video or map asks nothing of its provider until the reader clicks its card."""

import pytest

pytestmark = pytest.mark.browser

FEATURES = "/i-numeri-del-primo-trimestre-della-bottega-online/"


def test_the_page_loads_only_from_the_site_and_the_card_opens_the_original(browser, features_url):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    hosts = []
    page.on("request", lambda request: hosts.append(request.url.split("/")[2]))
    # Nothing leaves the machine: a request elsewhere is recorded, then refused.
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(features_url) else route.abort()
        ),
    )
    page.goto(features_url + FEATURES)
    page.wait_for_load_state("networkidle")
    assert set(hosts) == {features_url.split("/")[2]}
    cards = page.locator(".embed-card")
    assert cards.count() == 2
    video = cards.first.locator("a")
    assert video.inner_text().replace("\xa0", " ").split("\n") == [
        "Come aggiornare la scheda in cinque minuti",
        "Guarda su YouTube",
    ]
    # Only the click goes to the provider, and to the video's own page.
    with page.expect_request(lambda request: "youtube" in request.url) as clicked:
        video.click(no_wait_after=True)
    assert clicked.value.url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    context.close()
