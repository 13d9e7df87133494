"""Site search: Pagefind's index of the article and page bodies, and the /cerca/ page.

The theme marks what is indexed (`data-pagefind-body` on an article's or page's body, so lists,
tags and the 404 page stay out) and renders /cerca/ from its `search` template; Pagefind reads
the language from `<html lang="it">` and stems in Italian ("spedizione" finds "spedizioni").
The index is made from the finished output, once every file is written (blog_core.site_written),
into `output/pagefind/`: in every build. The dev server's builds index once the browser has the
pages, in the background, and only when a text that is indexed changed.
"""

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import threading

from pelican import signals
from pelican.generators import Generator

from blog_core import SettingError, apply_defaults, build_of, report_problem, site_written

logger = logging.getLogger(__name__)

SEARCH_DEFAULTS = {
    # The search page; the header's search box is a GET form to it (`?q=…`).
    "SEARCH_URL": "cerca/",
    "SEARCH_SAVE_AS": "cerca/index.html",
}
# Pagefind's bundle, beside the pages: /pagefind/pagefind.js and the index; the dev server
# writes a new one beside it, then swaps them.
BUNDLE = "pagefind"
FRESH_BUNDLE = ".pagefind-nuovo"
OLD_BUNDLE = ".pagefind-vecchio"
# The dev server's indexes ({output folder: DevIndex}): its process lives for many builds and
# indexes only when what is indexed changed.
_dev_indexes = {}


def configure(pelican):
    apply_defaults(pelican.settings, SEARCH_DEFAULTS, "SEARCH_")
    url, save_as = pelican.settings["SEARCH_URL"], pelican.settings["SEARCH_SAVE_AS"]
    for name, value in (("SEARCH_URL", url), ("SEARCH_SAVE_AS", save_as)):
        if not isinstance(value, str) or not value or value.startswith("/") or ".." in value:
            raise SettingError(name, f"deve essere un indirizzo relativo del sito, non {value!r}")


class SearchGenerator(Generator):
    """The search page, from the theme's `search` template."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        writer.write_file(
            self.settings["SEARCH_SAVE_AS"],
            self.get_template("search"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.settings["SEARCH_URL"],
            search_page=True,
        )


def get_generators(pelican):
    return SearchGenerator


def search_index_command(output):
    """The command that indexes the site in `output` into `output/pagefind/`."""
    return [sys.executable, "-m", "pagefind", "--site", str(output), "--silent"]


def indexed_texts(generators):
    """What the index holds, as it is in the build: each article's and page's address, title and
    body (the body's HTML before links are resolved)."""
    return [
        (content.url, content.title, content._content or "")
        for generator in generators
        for name in ("articles", "translations", "pages", "hidden_pages")
        for content in getattr(generator, name, None) or ()
    ]


def indexed_digest(texts):
    """A digest of `texts` (indexed_texts): about 25 ms for 1,000 articles, so worked out after
    the dev server's "done", not in the build."""
    digest = hashlib.sha256()
    for text in texts:
        for part in text:
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def remember_texts(generators):
    build = build_of(generators[0].settings) if generators else None
    if build is not None and build.caches_saved_later:  # the dev server: for skipping
        build.plugin_state["search"] = indexed_texts(generators)


def index_site(output, bundle=None, background=False):
    """Index the built site in `output` with Pagefind, into `bundle` (default: output/pagefind);
    Pagefind's error text, or None. `background`: at the lowest priority (the dev server's
    index, which the next save's build must not wait behind for the machine's cores)."""
    command = search_index_command(output)
    if bundle is not None:
        command += ["--output-path", str(bundle)]
    lower = (lambda: os.nice(19)) if background and hasattr(os, "nice") else None
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, check=False, preexec_fn=lower
        )
    except OSError as error:
        return str(error)
    if done.returncode != 0:
        return (done.stderr or done.stdout).strip() or f"codice di uscita {done.returncode}"
    return None


def index_after_build(pelican):
    output = os.path.abspath(pelican.output_path)
    if not os.path.isfile(os.path.join(output, pelican.settings["SEARCH_SAVE_AS"])):
        return
    # Pagefind leaves a file it would write the same as it is: the dev server's clean-up of
    # what a build did not write must leave the bundle alone.
    pelican.outputs_written_later.update((BUNDLE, FRESH_BUNDLE, OLD_BUNDLE))
    if pelican.caches_saved_later:
        # The dev server: once the browser has the pages, and not at all when nothing indexed
        # changed (a save costs no indexing then).
        pelican.after_served.append(lambda: index_in_background(output, pelican))
        return
    failure = replace_index(output)
    if failure:
        report_problem(
            pelican.settings,
            None,
            f"l'indice della ricerca (Pagefind) non si è potuto costruire: {failure}",
        )


class DevIndex:
    """The dev server's index of one output folder: what it holds, what the last build wants it
    to hold, and the thread writing it. A save while it is being written never waits for it:
    the thread indexes once more when it is done, if the texts changed meanwhile."""

    def __init__(self):
        self.lock = threading.Lock()
        self.indexed = None  # digest of what the served index holds
        self.wanted = None
        self.thread = None

    def want(self, output, digest):
        with self.lock:
            self.wanted = digest
            up_to_date = digest is not None and digest == self.indexed
            if self.thread is not None or (
                up_to_date and os.path.isdir(os.path.join(output, BUNDLE))
            ):
                return
            self.thread = threading.Thread(target=self.write, args=(output,), daemon=True)
            self.thread.start()

    def write(self, output):
        while True:
            with self.lock:
                digest = self.wanted
            failure = replace_index(output, background=True)
            if failure:
                logger.warning(
                    "l'indice della ricerca (Pagefind) non si è potuto costruire: %s", failure
                )
            with self.lock:
                self.indexed = None if failure else digest
                if failure or self.wanted == digest:
                    self.thread = None
                    return

    def wait(self):
        while (thread := self.thread) is not None:
            thread.join()


def index_in_background(output, pelican):
    """The dev server's index, in a thread while the author reads the page: built beside the
    served one, then put in its place (the preview serves the old index until then)."""
    texts = pelican.plugin_state.get("search")
    digest = indexed_digest(texts) if texts is not None else None
    _dev_indexes.setdefault(output, DevIndex()).want(output, digest)


def replace_index(output, background=False):
    """A new index of `output`, written beside the served one, then put in its place (Pagefind
    leaves the fragments of texts gone in a bundle it writes into); Pagefind's error, or None."""
    served, fresh = os.path.join(output, BUNDLE), os.path.join(output, FRESH_BUNDLE)
    old = os.path.join(output, OLD_BUNDLE)
    shutil.rmtree(fresh, ignore_errors=True)
    failure = index_site(output, bundle=fresh, background=background)
    if failure:
        shutil.rmtree(fresh, ignore_errors=True)
        return failure
    shutil.rmtree(old, ignore_errors=True)
    if os.path.isdir(served):
        os.replace(served, old)
    os.replace(fresh, served)
    shutil.rmtree(old, ignore_errors=True)
    return None


def wait_for_index(output):
    """Wait until the dev server's index of `output` is written, if one is being (tests)."""
    index = _dev_indexes.get(os.path.abspath(output))
    if index is not None:
        index.wait()


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(remember_texts)
    site_written.connect(index_after_build)
