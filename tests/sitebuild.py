"""Helpers for tests: real Pelican builds into temporary folders, and the dev server."""

import hashlib
import logging
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup
from pelican.settings import read_settings

from blog_core import BlogPelican, BuildStopped

ROOT = Path(__file__).resolve().parent.parent
# The sample in content/ is the owner's to replace: only the smoke tests look at it.
SAMPLE_CONTENT = ROOT / "content"
# Small sites of the tests' own, one content folder each, for the tests that check code.
FIXTURE_SITES = ROOT / "tests" / "sites"
# The one broad site the code tests share (tests/sites/README.md lists what it holds) ...
BLOG_SITE = FIXTURE_SITES / "blog"
# ... and what an owner who replaced the sample would have: 3 articles, 1 author, 1 category.
OWNER_SITE = FIXTURE_SITES / "owner"


class BuiltSite:
    """A built output folder, with helpers to read its pages."""

    def __init__(self, output, log_records, settings=None):
        self.output = Path(output)
        self.log_records = log_records
        self.settings = settings or {}

    def path(self, url):
        """The file that serves `url` (a site path such as `/tag/pmi/`)."""
        relative = url.split("#")[0].split("?")[0].lstrip("/")
        target = self.output / relative
        if relative == "" or relative.endswith("/") or target.is_dir():
            target = target / "index.html"
        return target

    def exists(self, url):
        return self.path(url).is_file()

    def html(self, url):
        return self.path(url).read_text(encoding="utf-8")

    def soup(self, url):
        return BeautifulSoup(self.html(url), "lxml")

    def html_files(self):
        """Every page a reader browses; the digest emails (newsletter/*/email.html) are for mail
        clients, with their own tests."""
        return sorted(p for p in self.output.rglob("*.html") if p.name != "email.html")

    def url_of(self, file):
        relative = file.relative_to(self.output).as_posix()
        return "/" + (
            relative[: -len("index.html")] if relative.endswith("index.html") else relative
        )

    def warnings(self):
        return [r for r in self.log_records if r.levelno >= logging.WARNING]


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def epoch(moment_in_rome):
    """SOURCE_DATE_EPOCH for "2026-11-22 12:00", Rome time: a build that happens then."""
    local = datetime.fromisoformat(moment_in_rome).replace(tzinfo=ZoneInfo("Europe/Rome"))
    return str(int(local.timestamp()))


# The blog fixture is built "on" this moment, so its digests never depend on the clock: six
# weeks have closed, and the week of its newest article (2026-11) is still under way.
FIXTURE_BUILD_MOMENT = "2026-03-12 12:00"


def build_site(output, content, settings_file="pelicanconf.py", **overrides):
    """Run a real Pelican build of the `content` folder with the project's settings into
    `output`."""
    settings = read_settings(
        str(ROOT / settings_file),
        override={"PATH": str(content), "OUTPUT_PATH": str(output), **overrides},
    )
    collector = _Collect()
    logging.getLogger().addHandler(collector)
    try:
        BlogPelican(settings).run()  # PELICAN_CLASS, as the pelican command runs it
    except BuildStopped as stop:
        stop.log_records = collector.records  # what the stopped build said, for the test
        raise
    finally:
        logging.getLogger().removeHandler(collector)
    return BuiltSite(output, collector.records, settings)


# A strict build of the development settings: publishing's checks, with a provider for the
# signup form (the one setting publishing requires that development leaves out).
STRICT = {
    "BUILD_PROBLEMS_STRICT": True,
    "NEWSLETTER_PROVIDER": "generic",
    "NEWSLETTER_ACTION_URL": "https://newsletter.bottegadigitale.example/iscrizione",
    "NEWSLETTER_FIELDS": {"email": "email", "consent": "consenso"},
    "NEWSLETTER_UNSUBSCRIBE_TAG": "{{ unsubscribe_url }}",
}


# A complete, valid header: tests override only the fields they are about.
ARTICLE_DEFAULTS = {
    "date": "2026-11-02 09:00",
    "category": "Formazione",
    "tags": "pmi, formazione",
    "author": "Luca Bianchi",
    "summary": "Un articolo di prova.",
}
# Where that author's bio goes: authors/<slug>.md (write_default_bio).
DEFAULT_AUTHOR_SLUG = "luca-bianchi"


def write_article(content_dir, name, body="Testo di prova per l'articolo.", **fields):
    """Write a Markdown article into content_dir/articles; `fields` override ARTICLE_DEFAULTS."""
    header = "\n".join(
        f"{key.replace('_', '-').capitalize()}: {value}"
        for key, value in {**ARTICLE_DEFAULTS, **fields}.items()
    )
    path = Path(content_dir) / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "\n\n" + textwrap.dedent(body), encoding="utf-8")
    return path


def write_privacy_page(content_dir):
    """The privacy page every site links from its footer, so that its links all resolve."""
    path = Path(content_dir) / "pages" / "privacy.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "Title: Privacy\n\nChi tratta i dati dei lettori, per quali scopi e per quanto tempo.\n",
        encoding="utf-8",
    )
    return path


def write_portrait(content_dir, relative="images/autori/anna.svg"):
    """A square SVG author photo under content_dir (a plain green square)."""
    path = Path(content_dir) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96">'
        '<rect width="96" height="96" fill="#2f5d62"/></svg>\n',
        encoding="utf-8",
    )
    return path


def file_hashes(folder):
    """Every file under `folder` with the SHA-256 of its bytes: equal means byte-identical."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(folder).rglob("*"))
        if path.is_file()
    }


def run_module(*args, cwd=ROOT):
    """`python -m <args>` as an author runs it, in a terminal wide enough that every message
    stays on one line."""
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "1000"},
        check=False,
    )


def copy_project(destination, content=SAMPLE_CONTENT):
    """A throwaway copy of what a user's checkout has, for tasks that write output/; its
    content/ is a copy of `content`."""
    shutil.copytree(content, destination / "content")
    for name in ("theme", "plugins"):
        shutil.copytree(ROOT / name, destination / name)
    for name in ("pelicanconf.py", "publishconf.py", "tasks.py", "publishing.py", "site_setup.py"):
        shutil.copy(ROOT / name, destination / name)
    return destination


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_http(url, timeout=90):
    """Poll `url` until it answers 200; return the body."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


class DevServer:
    """`invoke livereload` running in a throwaway copy of the project."""

    def __init__(self, project, port, process, log):
        self.project = project
        self.url = f"http://localhost:{port}"
        self.process = process
        self.log = log  # what the terminal running `make serve` shows

    def get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.status, response.read().decode("utf-8")


class PelicanSettingsStub:
    """Just enough of a Pelican object for a plugin's `initialized` receiver: its settings."""

    def __init__(self, **settings):
        self.settings = settings


def write_bio(content_dir, slug, fields, body="Scrive di marketing per piccole imprese."):
    """Write content_dir/authors/<slug>.md with `fields` (a dict, in order) as its header."""
    header = "\n".join(f"{key}: {value}" for key, value in fields.items())
    path = Path(content_dir) / "authors" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "\n\n" + textwrap.dedent(body), encoding="utf-8")
    return path


def write_default_bio(content_dir, **fields):
    """The bio of ARTICLE_DEFAULTS' author, so articles written with the defaults build clean;
    `fields` add to or override its Name and Role."""
    header = {"Name": ARTICLE_DEFAULTS["author"], "Role": "Formatore", **fields}
    return write_bio(content_dir, DEFAULT_AUTHOR_SLUG, header)
