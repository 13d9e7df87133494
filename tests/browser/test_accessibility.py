"""axe-core (WCAG 2.x A and AA, best practices) finds nothing on the pages a reader sees."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/pagina/2/",
    "/un-piano-editoriale-realistico-per-una-pmi-con-poco-tempo/",
    "/instagram-per-il-forno-di-quartiere-cosa-pubblicare-ogni-settimana/",
    "/perche-una-newsletter-conta-piu-di-mille-follower/",
    "/misurare-i-social-senza-impazzire-tre-numeri-che-bastano/",
    "/categoria/social-media/",
    "/categorie/",
    "/tag/",
    "/tag/pmi/",
    "/autori/",
    "/autori/giulia-ferri/",
    "/archivio/",
    "/privacy/",
    "/newsletter/",
    "/newsletter/grazie/",
    "/newsletter/confermata/",
    "/newsletter/2026-47/",
    "/404.html",
]
RULES = {
    "type": "tag",
    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
}


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_no_accessibility_violations(browser, site_url, color_scheme, width):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=color_scheme
    )
    page = context.new_page()
    axe = Axe()
    found = {}
    for path in PAGES:
        page.goto(site_url + path)
        violations = axe.run(page, options={"runOnly": RULES}).response["violations"]
        if violations:
            found[path] = [(v["id"], [node["target"] for node in v["nodes"]]) for v in violations]
    context.close()
    assert found == {}
