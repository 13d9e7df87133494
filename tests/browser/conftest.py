"""Chromium through Playwright, and a real HTTP server for the built site."""

import contextlib
import functools
import http.server
import os
import threading

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from sitebuild import build_site, write_article, write_bio, write_portrait, write_privacy_page
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


@contextlib.contextmanager
def serving(folder):
    """A real HTTP server for `folder` on a free local port, while the block runs: its address."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def serve():
    """serving(), for a module that serves a folder of its own."""
    return serving


@pytest.fixture(scope="session")
def site_url(sample_site):
    """The site in content/, whatever the owner put there, served over real HTTP."""
    with serving(sample_site.output) as url:
        yield url


@pytest.fixture(scope="session")
def features_site(tmp_path_factory):
    """A small site of the tests' own with what some reader checks need whatever content/ has:
    an article by two authors (one with a photo), a wide table of figures and a narrow one, a
    video and a map
    embedded as WordPress writes them (link cards, blog_core.embeds)."""
    content = tmp_path_factory.mktemp("features") / "content"
    write_privacy_page(content)
    write_portrait(content)
    profiles = {"Website": "https://anna.example", "LinkedIn": "https://www.linkedin.com/in/a"}
    write_bio(
        content,
        "anna-moretti",
        {
            "Name": "Anna Moretti",
            "Role": "Consulente di marketing",
            "Photo": "images/autori/anna.svg",
            **profiles,
        },
        body="Aiuta botteghe e studi professionali a farsi trovare online, un passo per volta, "
        "con strumenti che si possono usare anche senza un reparto marketing.",
    )
    write_bio(
        content,
        "piero-sala",
        {
            "Name": "Piero Sala",
            "Role": "Formatore",
            "Website": "https://piero.example",
            "Instagram": "https://www.instagram.com/piero",
        },
        body="Tiene corsi brevi per commercianti e artigiani su social, newsletter e vendita "
        "online, con esempi presi dai negozi dei partecipanti.",
    )
    rows = "\n".join(
        f"| {month} | {visits} | {calls} | {orders} | {rate} |"
        for month, visits, calls, orders, rate in [
            ("Gennaio", "1.240", "38", "12", "0,97 %"),
            ("Febbraio", "1.410", "41", "15", "1,06 %"),
            ("Marzo", "1.655", "52", "19", "1,15 %"),
            ("Aprile", "1.902", "57", "23", "1,21 %"),
        ]
    )
    write_article(
        content,
        "numeri-del-trimestre.md",
        title="I numeri del primo trimestre della bottega online",
        author="Anna Moretti",
        authors="Anna Moretti, Piero Sala",
        body="Visite alla scheda, telefonate e ordini, mese per mese.\n\n"
        "| Mese | Visite alla scheda Google | Telefonate dalla scheda | Ordini online | "
        "Tasso di conversione |\n| --- | ---: | ---: | ---: | ---: |\n" + rows + "\n\n"
        "Le telefonate crescono con le visite: la scheda aggiornata ogni settimana rende.\n\n"
        "| Canale | Ordini |\n| --- | ---: |\n| Telefono | 31 |\n| Sito | 38 |\n\n"
        '<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/'
        'dQw4w9WgXcQ" title="Come aggiornare la scheda in cinque minuti"></iframe>\n\n'
        "https://maps.app.goo.gl/AbC123xyz\n",
    )
    return build_site(tmp_path_factory.mktemp("features-site"), content=content)


@pytest.fixture(scope="session")
def features_url(features_site):
    with serving(features_site.output) as url:
        yield url


@pytest.fixture
def phone(browser):
    """A page in a 360 px wide phone viewport."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, locale="it-IT"
    )
    page = context.new_page()
    yield page
    context.close()
