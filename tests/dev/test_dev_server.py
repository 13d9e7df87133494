"""The development server a new user starts with `make serve`, over real HTTP.

The server runs on a copy of the project with whatever content/ holds; the articles these
tests edit are their own.
"""

import base64
import hashlib

from bs4 import BeautifulSoup
from pelican.settings import read_settings
from security_policy import directives

from sitebuild import ROOT, wait_for_http, write_article


def test_serves_the_site_with_pretty_urls(dev_server):
    sitename = read_settings(str(dev_server.project / "pelicanconf.py"))["SITENAME"]
    status, home = dev_server.get("/")
    assert status == 200 and sitename in home
    write_article(dev_server.project / "content", "saldi.md", title="I saldi di gennaio")
    article = wait_for_http(dev_server.url + "/i-saldi-di-gennaio/")
    assert "min di lettura" in article
    status, css = dev_server.get("/static/css/style.css")
    assert status == 200 and css.strip()


def test_editing_an_article_rebuilds_the_page(dev_server):
    source = write_article(
        dev_server.project / "content", "perche-la-newsletter.md", title="Perché la newsletter"
    )
    wait_for_http(dev_server.url + "/perche-la-newsletter/")
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Title: Perché", "Title: Ecco perché", 1), encoding="utf-8")
    # The slug follows the title, so the edited article appears at its new address.
    page = wait_for_http(dev_server.url + "/ecco-perche-la-newsletter/", timeout=90)
    assert "Ecco perché la newsletter" in page


def test_the_page_asks_the_server_for_live_reload(dev_server):
    _, home = dev_server.get("/")
    assert "livereload.js" in home
    # The dev server injects the script; the built files stay free of JavaScript.
    assert "livereload" not in (dev_server.project / "anteprima" / "index.html").read_text(
        encoding="utf-8"
    )


def test_the_pages_policy_lets_run_only_the_live_reload_snippet(dev_server):
    # The built pages say script-src 'none'; the dev server's build lets exactly the inline
    # snippet it injects run (by its hash), and whatever that snippet loads.
    _, home = dev_server.get("/")
    soup = BeautifulSoup(home, "lxml")
    snippets = [
        script
        for script in soup.find_all("script")
        if not script.get("type", "").endswith("ld+json")
    ]
    assert len(snippets) == 1 and "livereload.js" in snippets[0].string
    digest = base64.b64encode(hashlib.sha256(snippets[0].string.encode()).digest()).decode()
    policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert directives(policy)["script-src"] == [f"'sha256-{digest}'", "'strict-dynamic'"]


def test_a_mistake_in_a_new_article_is_a_warning_and_the_page_is_served(dev_server):
    # The corpus file links to an article that does not exist: the author sees the page anyway,
    # and the terminal running `make serve` says what to fix, with file and line.
    broken = ROOT / "tests" / "broken_articles" / "link-filename-rotto.md"
    target = dev_server.project / "content" / "articles" / broken.name
    target.write_bytes(broken.read_bytes())
    page = wait_for_http(dev_server.url + "/rispondere-alle-recensioni-negative/", timeout=90)
    assert "guida al tono di voce" in page
    log = dev_server.log.read_text(encoding="utf-8")
    assert "content/articles/link-filename-rotto.md:8: il link" in log
    assert "Traceback" not in log and "ERROR" not in log
