"""The dev server's builds after a save: in a build process of their own that stays up, the
saved article rendered ahead of its build and the browser reloaded at once, then the saved
article and the page in the browser written first, the last good pages kept when a build
cannot finish, the server answering all the while.

A module of its own, with its own server: these tests make the builds fail on purpose, which
test_dev_server.py's check of the terminal's lines would count.
"""

import asyncio
import json
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from test_dev_server import WAITING, a_build_running, build_lines, wait_for_builds, wait_for_text
from tornado.websocket import websocket_connect

from sitebuild import wait_for_http, write_article

OLD_DATE = "2001-03-05 09:00"  # older than every other article: Pelican writes it last


def page_file(server, name):
    return server.project / "anteprima" / name


def eventually(condition, server):
    deadline = time.monotonic() + 90
    while not condition():
        assert time.monotonic() < deadline, server.log.read_text(encoding="utf-8")
        time.sleep(0.1)


def saved(server, write, *args, **fields):
    """write(*args, **fields), a save, once its build has ended: what it returns."""
    builds = len(build_lines(server))
    result = write(*args, **fields)
    wait_for_builds(server, builds + 1)
    return result


def build_process(server):
    """The process id of the server's build process (blog_core.dev_session)."""
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line
            )
            command = (status.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(server.process.pid) and b"dev_session" in command:
            return int(status.parent.name)
    return None


def test_the_saved_article_and_the_page_in_the_browser_are_written_before_the_rest(dev_server):
    content = dev_server.project / "content"
    source = saved(
        dev_server,
        write_article,
        content,
        "vecchio.md",
        title="Un articolo di anni fa",
        date=OLD_DATE,
    )
    # The pages the browsers have open (the server keeps the last four asked for).
    shown = ["categoria/formazione/", "tag/", "autori/", "archivio/"]
    for address in shown:
        dev_server.get("/" + address)
    text = source.read_text(encoding="utf-8") + "\n\nLa rigaaggiunta di ora.\n"
    saved(dev_server, source.write_text, text, encoding="utf-8")
    edited = page_file(dev_server, "un-articolo-di-anni-fa/index.html")
    assert "rigaaggiunta" in edited.read_text(encoding="utf-8")
    first = [page_file(dev_server, address + "index.html") for address in shown]
    # Each shown page with the pages it continues on (categoria/formazione/pagina/2/).
    chosen = {edited, *first}
    chosen.update(
        page for address in shown for page in page_file(dev_server, address + "pagina").rglob("*")
    )
    others = [page for page in page_file(dev_server, ".").rglob("index.html") if page not in chosen]
    written = {page: page.stat().st_mtime_ns for page in [*chosen, *others] if page.is_file()}
    # The saved article, then the pages shown, then the rest: the newer articles and the home
    # page among them, which Pelican would write before an article of 2001.
    assert written[edited] < min(written[page] for page in first)
    assert max(written[page] for page in chosen) < min(written[page] for page in others)
    assert page_file(dev_server, "index.html") in others


async def reloads_while(server, page, save, builds):
    """What a browser open on `page` is told while `save()` is built: each reload, with
    whether the page's file then held "rigaveloce", how many builds had ended, and the file's
    inode (each whole write of the page is a new file)."""
    url = server.url.replace("http://", "ws://") + "/livereload"
    socket = await websocket_connect(url)
    await socket.write_message(json.dumps({"command": "hello"}))
    await socket.read_message()
    await socket.write_message(json.dumps({"command": "info", "url": server.url + "/"}))
    await asyncio.sleep(0.5)
    save()
    heard = []
    deadline = time.monotonic() + 90
    ended = None  # when the build's line appeared: its last reload follows within moments
    while ended is None or (len(heard) < 2 and time.monotonic() < ended + 3):
        assert time.monotonic() < deadline, server.log.read_text(encoding="utf-8")
        if ended is None and len(build_lines(server)) > builds:
            ended = time.monotonic()
        try:
            message = await asyncio.wait_for(socket.read_message(), timeout=0.5)
        except TimeoutError:
            continue
        if message and json.loads(message).get("command") == "reload":
            held = "rigaveloce" in page.read_text(encoding="utf-8")
            heard.append((held, len(build_lines(server)), page.stat().st_ino))
    socket.close()
    return heard


def test_a_saved_body_reloads_the_browser_before_the_build_and_again_after(dev_server):
    content = dev_server.project / "content"
    source = saved(dev_server, write_article, content, "vetrina.md", title="La vetrina nuova")
    page = page_file(dev_server, "la-vetrina-nuova/index.html")
    text = source.read_text(encoding="utf-8") + "\n\nUna rigaveloce in fondo.\n"
    builds = len(build_lines(dev_server))
    with ThreadPoolExecutor(1) as thread:  # a browser test may have left this loop running
        heard = thread.submit(
            asyncio.run,
            reloads_while(
                dev_server, page, lambda: source.write_text(text, encoding="utf-8"), builds
            ),
        ).result(timeout=120)
    # Rendered ahead: the first reload finds the new text while the build still runs; the
    # second comes with the build's end, which has written the page again since.
    assert len(heard) == 2, heard
    assert heard[0][:2] == (True, builds)
    assert heard[1][1] == builds + 1
    assert page.stat().st_ino != heard[0][2]
    assert "rigaveloce" in dev_server.get("/la-vetrina-nuova/")[1]


def test_a_file_that_cannot_be_read_keeps_its_last_page_and_the_terminal_says_why(dev_server):
    content = dev_server.project / "content"
    source = saved(
        dev_server, write_article, content, "prezzi.md", title="I prezzi in vetrina", body="Prima."
    )
    good = source.read_text(encoding="utf-8")
    assert "Prima." in dev_server.get("/i-prezzi-in-vetrina/")[1]
    # Saved halfway through an edit: the title line gone, so the article cannot be read.
    broken = "\n".join(line for line in good.splitlines() if not line.startswith("Title:"))
    saved(dev_server, source.write_text, broken.replace("Prima.", "Dopo."), encoding="utf-8")
    log = dev_server.log.read_text(encoding="utf-8")
    assert f"{source.relative_to(dev_server.project)}:1: manca il titolo" in log
    # The last good page stays, served, until the file can be read again.
    page = dev_server.get("/i-prezzi-in-vetrina/")[1]
    assert "Prima." in page and "Dopo." not in page
    saved(dev_server, source.write_text, good.replace("Prima.", "Dopo."), encoding="utf-8")
    assert "Dopo." in dev_server.get("/i-prezzi-in-vetrina/")[1]


def test_a_build_that_stops_is_one_italian_line_and_the_next_save_builds_again(dev_server):
    content = dev_server.project / "content"
    template = dev_server.project / "theme" / "templates" / "article.html"
    good = template.read_text(encoding="utf-8")
    saved(dev_server, write_article, content, "orari.md", title="Gli orari", body="Uno.")
    stops = dev_server.log.read_text(encoding="utf-8").count("la costruzione si è fermata")
    template.write_text(good + "\n{% if %}\n", encoding="utf-8")
    wait_for_text(dev_server.log, "la costruzione si è fermata", stops + 1)
    log = dev_server.log.read_text(encoding="utf-8")
    line = next(line for line in log.splitlines()[::-1] if "la costruzione si è fermata" in line)
    assert line.startswith("theme/templates/article.html:")
    assert "Traceback" not in log
    assert "Uno." in dev_server.get("/gli-orari/")[1]
    # The author fixes the template and goes on writing: the next save builds again.
    saved(dev_server, template.write_text, good, encoding="utf-8")
    saved(dev_server, write_article, content, "orari.md", title="Gli orari", body="Due.")
    assert "Due." in dev_server.get("/gli-orari/")[1]


def test_the_server_answers_while_a_build_waits_and_runs(dev_server):
    builds = len(build_lines(dev_server))
    with a_build_running(dev_server.project):
        waits = dev_server.log.read_text(encoding="utf-8").count(WAITING)
        write_article(dev_server.project / "content", "attesa.md", title="Mentre costruisce")
        wait_for_text(dev_server.log, WAITING, waits + 1)
        started = time.monotonic()
        with urllib.request.urlopen(dev_server.url + "/", timeout=10) as response:
            assert response.status == 200
        assert time.monotonic() - started < 5  # answered, not queued behind the build
    wait_for_builds(dev_server, builds + 1)
    assert wait_for_http(dev_server.url + "/mentre-costruisce/")


def test_a_change_to_the_settings_or_a_plugin_starts_a_new_build_process(dev_server):
    before = build_process(dev_server)
    assert before is not None
    write_article(dev_server.project / "content", "uno.md", title="Un articolo")
    wait_for_http(dev_server.url + "/un-articolo/")
    assert build_process(dev_server) == before  # content: the same process builds again
    settings = dev_server.project / "pelicanconf.py"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace('SITENAME = "', 'SITENAME = "Nuovo nome: ', 1),
        encoding="utf-8",
    )
    eventually(lambda: "Nuovo nome: " in dev_server.get("/")[1], dev_server)
    after = build_process(dev_server)
    assert after is not None and after != before
    plugin = dev_server.project / "plugins" / "reading_time" / "reading_time.py"
    plugin.write_text(plugin.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    eventually(lambda: build_process(dev_server) not in (None, before, after), dev_server)
