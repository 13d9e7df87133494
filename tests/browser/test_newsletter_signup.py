"""A reader signs up from an article in Chromium, with JavaScript off, to a stand-in provider."""

import contextlib
import functools
import http.server
import threading
from urllib.parse import parse_qs

import pytest
from content_headers import normalise, read_header

from sitebuild import build_site, write_article

pytestmark = pytest.mark.browser

ARTICLE = "/la-vetrina-del-mese/"
FIELDS = {"email": "email", "consent": "privacy", "honeypot": "sito"}


class _QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _ProviderHandler(http.server.BaseHTTPRequestHandler):
    """Plays the newsletter provider: records each signup and sends the reader to /grazie/."""

    def do_POST(self):  # noqa: N802 - the name http.server calls
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
        self.server.received.append(
            {
                "path": self.path,
                "type": self.headers.get("Content-Type"),
                "fields": parse_qs(body, keep_blank_values=True),
                "cookie": self.headers.get("Cookie"),
            }
        )
        self.send_response(303)
        self.send_header("Location", self.server.thank_you_url)
        self.end_headers()

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def running(server):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def provider():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _ProviderHandler)
    server.received = []
    with running(server) as url:
        server.url = url
        yield server


@pytest.fixture
def site_url(tmp_path, small_content, provider):
    """A small site whose form posts to the stand-in provider, served over HTTP."""
    write_article(small_content, "vetrina.md", title="La vetrina del mese")
    site = build_site(
        tmp_path / "output",
        content=small_content,
        NEWSLETTER_PROVIDER="generic",
        NEWSLETTER_ACTION_URL=provider.url + "/iscrizione?lista=settimanale",
        NEWSLETTER_FIELDS=FIELDS,
        NEWSLETTER_UNSUBSCRIBE_TAG="[unsubscribe]",
    )
    handler = functools.partial(_QuietFiles, directory=str(site.output))
    with running(http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)) as url:
        provider.thank_you_url = url + "/newsletter/grazie/"
        yield url


@pytest.fixture
def reader(browser):
    """A 360 px phone with JavaScript switched off: the form must work without it."""
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 740}, locale="it-IT"
    )
    yield context.new_page()
    context.close()


def test_a_reader_signs_up_and_the_provider_gets_the_address_and_the_consent_only(
    reader, site_url, provider, tmp_path, small_content
):
    # The "check your inbox" page the small site has, whatever its words.
    thank_you_title = read_header(small_content / "pages" / "newsletter-grazie.md")["title"]
    reader.goto(site_url + ARTICLE)
    form = reader.locator(".newsletter-signup form")
    form.get_by_label("Il tuo indirizzo email").fill("lettrice@example.it")

    # Without the consent box the browser keeps the form: nothing leaves the page.
    form.get_by_role("button", name="Iscrivimi").click()
    assert reader.url == site_url + ARTICLE
    assert reader.locator("#newsletter-consent:invalid").count() == 1
    reader.screenshot(path=tmp_path / "consent-missing-360.png")

    form.get_by_label("Ho letto l’informativa sulla privacy").check()
    form.get_by_role("button", name="Iscrivimi").click()
    reader.wait_for_url(site_url + "/newsletter/grazie/")
    assert normalise(reader.locator("h1").inner_text()) == normalise(thank_you_title)

    # One request, the second attempt: the first never reached the provider.
    (signup,) = provider.received
    assert signup["path"] == "/iscrizione?lista=settimanale"
    assert signup["type"] == "application/x-www-form-urlencoded"
    assert signup["fields"] == {"email": ["lettrice@example.it"], "privacy": ["1"], "sito": [""]}
    assert signup["cookie"] is None


def test_a_keyboard_never_lands_in_the_bot_trap(browser, site_url, provider):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + ARTICLE)
    page.locator("#newsletter-email").focus()
    visited = []
    for _ in range(4):
        page.keyboard.press("Tab")
        visited.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
    context.close()
    assert visited[:3] == ["newsletter-consent", "A", "BUTTON"]
    assert "newsletter-trap" not in visited
    assert provider.received == []
