"""The published site under its own _headers: nothing is refused, everything still works."""

import functools
import http.server
import threading

import pytest
from security_policy import headers_for
from site_pages import reader_pages

from sitebuild import BuiltSite, free_port
from tasks import pelican

pytestmark = pytest.mark.browser


class _HeadersHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        # Each path's headers as Cloudflare Pages sends them: every matching rule's, added up.
        for name, value in headers_for(self.server.headers_file, self.path.split("?")[0]):
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The site in content/ built for readers, served with the headers of its _headers."""
    output = tmp_path_factory.mktemp("published-with-headers")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITEURL", url)
        assert pelican("publishconf.py", "--output", str(output), "--quiet") == 0
    handler = functools.partial(_HeadersHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.headers_file = output / "_headers"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url, BuiltSite(output, [])
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def published_url(published):
    return published[0]


def test_the_headers_file_has_a_strict_policy(published_url):
    import urllib.request

    with urllib.request.urlopen(published_url + "/") as response:
        policy = response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in response.headers["Permissions-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'none'"
    assert "unsafe-inline" not in directives["style-src"]
    assert directives["form-action"] == "'self' https://newsletter.bottegadigitale.example"


def test_pages_work_under_the_policy_with_nothing_refused(browser, published):
    url, site = published
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    refused, unstyled = [], []
    page.on("console", lambda message: refused.append(message.text))
    # The search page too, searching: the one page whose script runs, Pagefind's.
    search = ["/cerca/?q=social"] if site.exists("/cerca/") else []
    for path in reader_pages(site, most_articles=2) + search:
        page.goto(url + path)
        page.wait_for_load_state("networkidle" if path in search else "load")
        # The stylesheet applied: the page background is the theme's, not the browser's white.
        if page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(250, 249, 246)":
            unstyled.append(path)
    context.close()
    assert unstyled == []
    assert [text for text in refused if "Content Security Policy" in text] == []
