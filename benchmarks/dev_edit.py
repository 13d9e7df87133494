"""One edit in the dev server at real size: from saving an article to its new text in Chromium.

Generates (seeded, benchmarks/scale.py's corpus) a project copy with N articles, starts the dev
server on it (`invoke livereload`), opens one article in Chromium (Playwright, the tests' launch
options) and appends a paragraph to its file, `--edits` times. For each edit it times the file
write -> the new text in the reloaded page, and the write -> the build's end line (the whole
site consistent). Then, when Hugo is there, the same edit in `hugo server` (which renders the
page being viewed first) on the same corpus as a Hugo site. Prints figures only, no verdict.

Usage: python benchmarks/dev_edit.py [--articles 1000] [--edits 5] [--seed 7] [--no-hugo]
[--project CHECKOUT] (`invoke bench-dev-edit`); --project times another checkout's dev server
(its theme, plugins, settings and tasks.py), to compare before and after a change.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import corpus, write_hugo_site, write_project_content  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ["theme", "plugins", "pelicanconf.py", "publishconf.py", "tasks.py"]
PROJECT_FILES += ["publishing.py", "site_setup.py"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
CHROMIUM_ARGS += ["--disable-component-update", "--disable-sync", "--no-first-run"]
BUILD_LINE = re.compile(r"Sito aggiornato in (\d+,\d) s")
HUGO_LINE = re.compile(r"Total in (\d+) ms")


def line_seconds(found):
    """The seconds a build's end line says it took ("3,6" s, or "450" ms)."""
    return float(found.replace(",", ".")) if "," in found else int(found) / 1000


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.02)


def lines(log, pattern):
    return len(pattern.findall(log.read_text(encoding="utf-8", errors="replace")))


def last_build_seconds(log, pattern):
    return line_seconds(pattern.findall(log.read_text(encoding="utf-8", errors="replace"))[-1])


def summary(values):
    return f"median {statistics.median(values):.2f} s, min {min(values):.2f}, max {max(values):.2f}"


def edit_and_time(page, source, selector, log, end_pattern, edits):
    """(seconds to the new text on the page, seconds to the build's end) for each edit."""
    shown, finished = [], []
    for number in range(edits):
        # The file watcher and the browser settle before each save: Hugo's server, given a save
        # within a moment of the page's live-reload handshake, reloads the page with its old
        # render and never again (the benchmark then waited 180 s and stopped).
        time.sleep(1)
        marker = f"verifica{number}x{os.getpid()}"
        builds = lines(log, end_pattern)
        text = source.read_text(encoding="utf-8")
        started = time.monotonic()
        source.write_text(text + f"\n\nRiga di {marker} aggiunta qui.\n", encoding="utf-8")
        page.wait_for_function(
            "([selector, text]) => (document.querySelector(selector) || document.body)"
            ".innerText.includes(text)",
            arg=[selector, marker],
            timeout=180_000,
            polling=10,
        )
        shown.append(time.monotonic() - started)
        wait_for(lambda b=builds: lines(log, end_pattern) > b, 180, "the build's end")
        finished.append(time.monotonic() - started)
        # What the build itself says it took: the rest of "site" is the watcher, the server and
        # the browser reloading while it builds.
        said = last_build_seconds(log, end_pattern)
        print(
            f"  edit {number + 1}: page {shown[-1]:.2f} s, site {finished[-1]:.2f} s "
            f"(the build's own line: {said:.2f} s)",
            flush=True,
        )
    return shown, finished


def open_page(browser, url):
    page = browser.new_page()
    with page.expect_websocket() as connecting:
        page.goto(url)
    connecting.value.wait_for_event("framereceived", timeout=60_000)
    return page


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=60)


def project_figures(browser, folder, articles, edits, chosen, checkout):
    project = folder / "project"
    for name in PROJECT_FILES:
        copy = shutil.copytree if (checkout / name).is_dir() else shutil.copy
        copy(checkout / name, project / name)
    write_project_content(project / "content", articles)
    port, log = free_port(), folder / "server.log"
    with open(log, "w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "invoke", "livereload", "--port", str(port)],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        started = time.monotonic()
        wait_for(lambda: "Sito pronto" in log.read_text(encoding="utf-8"), 900, "the server")
        print(f"  first build and start: {time.monotonic() - started:.1f} s", flush=True)
        page = open_page(browser, f"http://127.0.0.1:{port}/a{chosen}/")
        source = project / "content" / "articles" / f"a{chosen}.md"
        return edit_and_time(page, source, ".article__body", log, BUILD_LINE, edits)
    finally:
        stop(server)


def hugo_figures(browser, folder, articles, edits, chosen):
    site = folder / "hugo"
    write_hugo_site(site, articles)
    port, log = free_port(), folder / "hugo.log"
    with open(log, "w") as output:
        server = subprocess.Popen(
            [shutil.which("hugo"), "server", "--source", str(site), "--port", str(port)]
            + ["--bind", "127.0.0.1", "--disableFastRender=false"],
            cwd=site,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for(lambda: "Web Server is available" in log.read_text(encoding="utf-8"), 300, "hugo")
        page = open_page(browser, f"http://127.0.0.1:{port}/a{chosen}/")
        source = site / "content" / "posts" / f"a{chosen}.md"
        return edit_and_time(page, source, "main", log, HUGO_LINE, edits)
    finally:
        stop(server)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--project", type=Path, default=ROOT)
    options = parser.parse_args()
    articles = corpus(options.articles, options.seed)
    chosen = options.articles // 2
    results = {}
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        chromium = shutil.which("chromium") or "/usr/bin/chromium"
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        folder = Path(scratch)
        print(f"{options.articles} articles, editing a{chosen}.md, {options.edits} edits")
        print(f"Project (invoke livereload, {options.project.resolve()}):", flush=True)
        results["project"] = project_figures(
            browser, folder, articles, options.edits, chosen, options.project.resolve()
        )
        if not options.no_hugo and shutil.which("hugo"):
            print("Hugo (hugo server, fast render):", flush=True)
            results["hugo"] = hugo_figures(browser, folder, articles, options.edits, chosen)
        browser.close()
    print()
    for name, (shown, finished) in results.items():
        print(f"{name}: write -> new text in the page: {summary(shown)}")
        print(f"{name}: write -> whole site written:   {summary(finished)}")
    if "hugo" in results:
        ratios = [a / b for a, b in zip(results["project"][0], results["hugo"][0], strict=True)]
        print(f"page time, project / Hugo, edit by edit: {summary(ratios).replace(' s', 'x')}")
    print(f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
