"""axe-core (WCAG 2.x A and AA, best practices) finds nothing on the pages a reader sees.

Every page kind of the site in content/, whatever the owner put there (site_pages.reader_pages),
and the tests' own page with two author boxes and a wide table. Every rule runs on a phone in
light mode; the layout and the colours change with the width and the scheme, so the other
three combinations run the colour-contrast rule.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from site_pages import reader_pages

pytestmark = pytest.mark.browser

EVERY_RULE = {
    "type": "tag",
    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
}
CONTRAST = {"type": "rule", "values": ["color-contrast"]}
FEATURES = "/i-numeri-del-primo-trimestre-della-bottega-online/"


AXE_SCRIPT = Axe().axe_script


def violations(page, rules):
    """axe's violations of `rules` on the page as it is now; axe is loaded once per page."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    # Only violations: axe then skips the details of everything that passes.
    options = {"runOnly": rules, "resultTypes": ["violations"]}
    result = page.evaluate("options => axe.run(document, options)", options)["violations"]
    return [(v["id"], [node["target"] for node in v["nodes"]]) for v in result]


@pytest.fixture(scope="module")
def urls(sample_site, site_url, features_url):
    # The search page as a reader sees it once Pagefind has answered.
    search = [site_url + "/cerca/?q=social"] if sample_site.exists("/cerca/") else []
    return (
        [site_url + path for path in reader_pages(sample_site)] + [features_url + FEATURES] + search
    )


def test_every_rule_on_a_phone_in_light_mode(browser, urls):
    context = browser.new_context(viewport={"width": 360, "height": 900}, color_scheme="light")
    page = context.new_page()
    found = {}
    for url in urls:
        page.goto(url)
        if "/cerca/" in url:
            page.wait_for_load_state("networkidle")  # Pagefind's results shown
        if problems := violations(page, EVERY_RULE):
            found[url] = problems
    context.close()
    assert found == {}


def test_colour_contrast_at_every_other_width_and_scheme(browser, urls):
    page = browser.new_page()
    found = {}
    for url in urls:
        page.goto(url)
        if "/cerca/" in url:
            page.wait_for_load_state("networkidle")
        # One load per page: the width and the scheme change in place, as when a phone turns.
        for width, color_scheme in [(360, "dark"), (1280, "light"), (1280, "dark")]:
            page.set_viewport_size({"width": width, "height": 900})
            page.emulate_media(color_scheme=color_scheme)
            if problems := violations(page, CONTRAST):
                found[(url, width, color_scheme)] = problems
    page.close()
    assert found == {}
