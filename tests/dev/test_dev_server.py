"""The development server a new user starts with `make serve`, over real HTTP.

The server runs on a copy of the project with whatever content/ holds; the articles these
tests edit are their own.
"""

import asyncio
import base64
import fcntl
import hashlib
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings
from security_policy import directives
from tornado.websocket import websocket_connect

from blog_core import theme_label
from sitebuild import ROOT, wait_for_http, write_article
from tasks import BUILD_LOCK

WAITING = "Un'altra costruzione del sito è in corso: aspetto che finisca…"
BUILD_TIME = re.compile(r"Sito aggiornato in (\d+,\d) s")
BUILD_LINE = re.compile(
    r"Sito aggiornato in \d+,\d s: "
    r"(nessun problema|1 problema da correggere, vedi sopra|\d+ problemi da correggere, vedi sopra)"
)


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


def test_a_draft_is_previewed_at_its_own_address_with_a_banner(dev_server):
    write_article(
        dev_server.project / "content", "listino.md", title="Il nuovo listino", status="draft"
    )
    preview = BeautifulSoup(
        wait_for_http(dev_server.url + "/anteprima/il-nuovo-listino/", timeout=90), "lxml"
    )
    assert preview.select_one(".preview-banner__status").get_text() == "Bozza: non pubblicata"

    # The draft's own page comes first; the list follows with the rest of the site.
    def listed():
        page = BeautifulSoup(dev_server.get("/anteprima/")[1], "lxml")
        return [a["href"] for a in page.select(".preview-list a")]

    deadline = time.monotonic() + 90
    while "/anteprima/il-nuovo-listino/" not in listed():
        assert time.monotonic() < deadline, listed()
        time.sleep(0.2)


def test_a_missing_address_gets_the_sites_own_page_with_status_404(dev_server):
    with pytest.raises(urllib.error.HTTPError) as missing:
        dev_server.get("/un-indirizzo-che-non-esiste/")
    page = missing.value.read().decode("utf-8")
    assert missing.value.code == 404
    title = BeautifulSoup(page, "lxml").title.string
    assert title.startswith(theme_label(dev_server.project / "theme", "not_found_title"))
    assert "Not Found" not in page
    # Live reload works there too: the page shows the fix once the article is written.
    assert "livereload.js" in page


def build_lines(server):
    return [m[0] for m in BUILD_LINE.finditer(server.log.read_text(encoding="utf-8"))]


def wait_for_text(path, text, count=1):
    deadline = time.monotonic() + 90
    while path.read_text(encoding="utf-8").count(text) < count:
        assert time.monotonic() < deadline, path.read_text(encoding="utf-8")
        time.sleep(0.1)


@contextmanager
def a_build_running(project):
    """What another build does to this project's builds: holds the lock they take."""
    with open(project / BUILD_LOCK.relative_to(ROOT), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def wait_for_builds(server, count):
    deadline = time.monotonic() + 90
    while len(build_lines(server)) < count:
        assert time.monotonic() < deadline, server.log.read_text(encoding="utf-8")
        time.sleep(0.1)


def no_build_starts(server):
    """True when the server starts no build for two looks at the files (0.8 s apart) plus its
    longest build so far: time for any build still queued to begin and end."""
    builds = len(build_lines(server))
    log = server.log.read_text(encoding="utf-8")
    recent = BUILD_TIME.findall(log)[-2:]
    time.sleep(1.6 + max(float(took.replace(",", ".")) for took in recent))
    return len(build_lines(server)) == builds


def test_saves_during_a_build_queue_exactly_one_more(dev_server):
    project = dev_server.project
    waits = dev_server.log.read_text(encoding="utf-8").count(WAITING)
    with a_build_running(project):
        write_article(project / "content", "prima.md", title="Il primo salvataggio")
        # The server's build for that save waits for the lock: the server is busy building.
        wait_for_text(dev_server.log, WAITING, waits + 1)
        builds = len(build_lines(dev_server))
        write_article(project / "content", "seconda.md", title="Il secondo salvataggio")
        os.utime(project / "pelicanconf.py")  # another watched pattern, in the same look
    # The build under way, then one more for both later saves: not one per save or pattern.
    wait_for_builds(dev_server, builds + 2)
    assert no_build_starts(dev_server)
    assert wait_for_http(dev_server.url + "/il-secondo-salvataggio/")


def test_a_build_in_another_terminal_waits_for_the_servers(dev_server, tmp_path):
    project = dev_server.project
    waits = dev_server.log.read_text(encoding="utf-8").count(WAITING)
    said = tmp_path / "build.log"
    with a_build_running(project), open(said, "w") as terminal:
        write_article(project / "content", "attesa.md", title="Una costruzione alla volta")
        wait_for_text(dev_server.log, WAITING, waits + 1)
        builds = len(build_lines(dev_server))
        # `make build` while the server's build runs: it says it waits, and does.
        other = subprocess.Popen(
            [sys.executable, "-m", "invoke", "build"],
            cwd=project,
            stdout=terminal,
            stderr=subprocess.STDOUT,
        )
        wait_for_text(said, WAITING)
        assert other.poll() is None
    assert other.wait(timeout=90) == 0, said.read_text(encoding="utf-8")
    wait_for_builds(dev_server, builds + 1)
    text = said.read_text(encoding="utf-8")
    assert text.startswith(WAITING) and BUILD_LINE.search(text), text
    assert "Traceback" not in text
    # Both builds over, one after the other: the preview is whole.
    preview = project / "anteprima"
    for page in ("index.html", "404.html", "una-costruzione-alla-volta/index.html"):
        assert (preview / page).is_file(), page
    assert (preview / "static" / "css" / "style.css").is_file()
    # Built by `invoke build`, the pages still let the server's live-reload snippet run.
    _, home = dev_server.get("/")
    snippet = next(
        s.string
        for s in BeautifulSoup(home, "lxml").find_all("script")
        if s.string and "livereload" in s.string
    )
    digest = base64.b64encode(hashlib.sha256(snippet.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in home.replace("&#39;", "'")


async def connect_a_browser(url):
    """livereload.js's handshake, as a page open in a browser makes it."""
    socket = await websocket_connect(url.replace("http://", "ws://") + "/livereload")
    await socket.write_message(json.dumps({"command": "hello"}))
    await socket.read_message()
    await socket.write_message(json.dumps({"command": "info", "url": url + "/"}))
    await asyncio.sleep(0.5)
    socket.close()


def test_the_terminal_shows_one_italian_line_per_build_and_nothing_in_english(dev_server):
    # In a thread of its own: a browser test may have left this one's event loop running.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, connect_a_browser(dev_server.url)).result(timeout=30)
    dev_server.get("/")
    # A build of this test's own: the module's other tests may run on another worker's server,
    # and those here may still be building (the saved page comes before the build's end).
    builds = len(build_lines(dev_server))
    write_article(dev_server.project / "content", "una-riga.md", title="Una riga per build")
    wait_for_builds(dev_server, builds + 1)
    log = dev_server.log.read_text(encoding="utf-8")
    ready = f"Sito pronto su {dev_server.url}/  (si aggiorna a ogni modifica; Ctrl+C per fermare)"
    assert log.count(ready) == 1
    # Besides the warnings that name a file and line: the build lines and the waits only.
    others = [
        line
        for line in log.splitlines()
        if line not in (ready, WAITING)
        and not BUILD_LINE.fullmatch(line)
        and not line.startswith("WARNING: content/")
    ]
    assert others == [], log
    assert len(build_lines(dev_server)) >= 2  # the first build and this test's


def test_a_new_category_description_shows_on_its_page_after_a_save(dev_server):
    write_article(
        dev_server.project / "content",
        "vetrine-di-natale.md",
        title="Vetrine di Natale",
        category="Vetrine",
    )
    wait_for_http(dev_server.url + "/categoria/vetrine/")
    description = dev_server.project / "content" / "categories" / "vetrine.md"
    description.parent.mkdir(exist_ok=True)
    description.write_text(
        "Come si allestisce una vetrina che ferma chi passa.\n", encoding="utf-8"
    )
    wait_for_text(
        dev_server.project / "anteprima" / "categoria" / "vetrine" / "index.html", "ferma chi passa"
    )
    assert "ferma chi passa" in dev_server.get("/categoria/vetrine/")[1]
