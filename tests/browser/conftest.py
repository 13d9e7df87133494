"""Chromium through Playwright, and a real HTTP server for the built site."""

import functools
import http.server
import os
import threading

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from tasks import find_chromium

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def no_browser(reason):
    # In CI a missing browser is a failure: the browser tests must never silently vanish.
    if os.environ.get("CI"):
        pytest.fail(f"Chromium is required in CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    executable = find_chromium()
    if executable is None:
        no_browser(
            "no Chromium found: install it (apt-get install -y chromium) or set CHROMIUM_PATH"
        )
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    except PlaywrightError as error:
        no_browser(f"Chromium at {executable} could not start: {error}")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(sample_site):
    """The sample site served over real HTTP on a free local port."""
    handler = functools.partial(_QuietHandler, directory=str(sample_site.output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def phone(browser):
    """A page in a 360 px wide phone viewport."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, locale="it-IT"
    )
    page = context.new_page()
    yield page
    context.close()
