"""The dev server's build process: one Python process that builds the preview on each save.

`invoke livereload` (tasks.py) starts it once and asks it for a build per save, so a build
skips starting Python and importing Pelican, the plugins and their libraries, and what the
content cache keeps in memory survives from one build to the next. Pelican's global state (its
signals, the plugins' modules) lives here, never in the server: when a plugin or the settings
change, the server starts a new process.

    python -m blog_core.dev_session EVENTS_FD [pelican's options: --settings, --output, ...]

Each line on stdin asks for one build, as JSON: {"changed": [files saved since the last
build], "pages": [output names the browser shows]}. The process writes the changed files' pages
and those shown first (blog_core.writing), then the rest, and tells the server on EVENTS_FD,
one JSON line each: {"first": complete} once those pages are written (complete: all the pages
shown were among them), {"done": ok} at the end. The build's log and its one Italian line go to
the terminal.

Fast render (Hugo's anchor): when only the body of a few articles or pages changed, their pages
are rendered at once from the last good build's context, before the build, and the process
says {"first": false} then (the browser reloads now, and again at the end, when the build has
written the page exactly); the build then says no "first" of its own.

The preview is never emptied: every page is replaced whole, and after a build that read every
file the pages no build wrote any more (a renamed or deleted article) are removed. A build that
stops, or one with a file it could not read, leaves the last good pages in place.
"""

import copy
import gc
import json
import logging
import os
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from pelican import LOG_HANDLERS, get_config, init_logging, parse_arguments, signals
from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.readers import Readers
from pelican.settings import read_settings
from pelican.utils import get_relative_path, path_to_url, sanitised_join

from .build import build_of, forget_contents_memos
from .problems import display_path, is_strict
from .workers import recording
from .writing import WholeFile

logger = logging.getLogger(__name__)

SESSION = "dev_session"
# Touched when a build starts: what it did not write since is left from an earlier build.
STAMP = Path(".cache") / "dev-build.stamp"
# More files saved at once (a checkout, a replace in every file) are only built: rendering
# them ahead would delay the build that writes them all anyway.
FAST_RENDER_MAX_FILES = 5


def remember_generators(generators):
    """Keep the build's generators on it, for what the session does once the build is over."""
    build = build_of(generators[0].settings) if generators else None
    if build is not None and SESSION in build.plugin_state:
        build.plugin_state[SESSION] = list(generators)


def _site_class(settings):
    cls = settings["PELICAN_CLASS"]
    if isinstance(cls, str):
        module, name = cls.rsplit(".", 1)
        cls = getattr(__import__(module, fromlist=[name]), name)
    return cls


def failure_line(error):
    """One Italian line for an unexpected error in the build: where, and what to do."""
    place = ""
    if getattr(error, "filename", None) and getattr(error, "lineno", None):
        place = f"{display_path(error.filename)}:{error.lineno}: "  # a template's mistake
    else:
        root = os.getcwd()
        frames = [
            f for f in traceback.extract_tb(error.__traceback__) if f.filename.startswith(root)
        ]
        if frames:
            place = f"{display_path(frames[-1].filename)}:{frames[-1].lineno}: "
    return (
        f"{place}la costruzione si è fermata per un errore ({type(error).__name__}: {error}). "
        "Il server mostra ancora le pagine di prima: correggi e salva di nuovo."
    )


def remove_stale(output, since, keep_folders, keep_files):
    """Remove the files of `output` not written since the time `since`, except those in
    `keep_folders` and `keep_files` (paths relative to `output`), then the folders left empty."""
    kept_folders = {os.path.normpath(folder) for folder in keep_folders}
    kept_files = {os.path.normpath(name) for name in keep_files}

    def sweep(folder, relative):
        """Whether `folder` is left empty."""
        empty = True
        with os.scandir(folder) as entries:
            for entry in entries:
                name = os.path.join(relative, entry.name) if relative else entry.name
                if entry.is_symlink() and entry.is_dir():
                    empty = False  # not this build's to follow
                elif entry.is_dir(follow_symlinks=False):
                    if name in kept_folders or not sweep(entry.path, name):
                        empty = False
                    else:
                        os.rmdir(entry.path)
                elif name in kept_files or entry.stat(follow_symlinks=False).st_mtime >= since:
                    empty = False
                else:
                    os.unlink(entry.path)
        return empty

    sweep(output, "")


def static_outputs(context):
    """What the build copied rather than wrote: static files keep their time when unchanged."""
    statics = [*(context.get("staticfiles") or []), *(context.get("static_content") or {}).values()]
    return {os.path.normpath(static.save_as) for static in statics if static is not None}


# -- fast render: the saved pages from the last good build, before the build -------------------

# Where a generator keeps its contents, and how it writes each list (Pelican 4.12's
# generate_articles, generate_drafts and PagesGenerator.generate_output).
ARTICLE_LISTS = ("translations", "articles", "hidden_translations", "hidden_articles")
DRAFT_LISTS = ("drafts_translations", "drafts")
PAGE_LISTS = (
    "translations",
    "pages",
    "hidden_translations",
    "hidden_pages",
    "draft_translations",
    "draft_pages",
)


@dataclass
class Known:
    """A content of the last build: its generator, how that writes it ("article", "draft",
    "page"), the object itself."""

    generator: object
    kind: str
    content: object


@dataclass
class FastPage:
    """A page written ahead of its build: what the file held before (None: no file), and the
    inode of the fast one, to tell whether the build has replaced it since."""

    path: str
    previous: bytes | None
    inode: int


class LastBuild:
    """What the session keeps of its last successful build: the generators, with their
    context, templates and contents. Released when the next build succeeds."""

    def __init__(self, generators):
        self.generators = generators
        self._known = None

    def known(self, path):
        """The Known of the article or page read from `path`, or None."""
        if self._known is None:
            self._known = {}
            for generator in self.generators:
                if isinstance(generator, ArticlesGenerator):
                    lists = [(name, "article") for name in ARTICLE_LISTS]
                    lists += [(name, "draft") for name in DRAFT_LISTS]
                elif isinstance(generator, PagesGenerator):
                    lists = [(name, "page") for name in PAGE_LISTS]
                else:
                    continue
                for name, kind in lists:
                    for content in getattr(generator, name, None) or ():
                        source = os.path.abspath(content.source_path)
                        self._known[source] = Known(generator, kind, content)
        return self._known.get(os.path.abspath(path))


def read_again(known):
    """The content of `known`'s file read now, as the generator reads it, or None when it cannot
    be rendered ahead: unreadable, or its header fields not those of the last build."""
    generator, old = known.generator, known.content
    page = known.kind == "page"
    content_class = Page if page else Article
    # The build's settings, copied: the same values, but no build owns the copy, so the read
    # goes through the same readers and content policy without the last build's content cache
    # (it knows the file's old digest) and without counting as a problem of that build.
    settings = dict(generator.settings)
    readers = Readers(settings)
    preread = signals.page_generator_preread if page else signals.article_generator_preread
    fields = signals.page_generator_context if page else signals.article_generator_context
    fresh = readers.read_file(
        base_path=generator.path,
        path=os.path.relpath(old.source_path, generator.path),
        content_class=content_class,
        context=generator.context,
        preread_signal=preread,
        preread_sender=generator,
        context_signal=fields,
        context_sender=generator,
    )
    if not isinstance(fresh, content_class) or not fresh.is_valid():
        return None
    return fresh if fresh.metadata == old.metadata else None


def with_new_body(old, fresh):
    """A copy of the last build's content with the body just read: everything the plugins gave
    it (related articles, reading time, neighbours) stays until the build."""
    page = copy.copy(old)
    page._content = fresh._content
    # Pelican memoizes each content's HTML and summary by object: a new object has none, and the
    # render's are forgotten once it is written (fast_render).
    return page


def page_variables(known, page):
    """The variables the generator renders `page` with, beyond its context (sending the signal
    it sends before writing an article or a page)."""
    generator = known.generator
    if known.kind == "page":
        signals.page_generator_write_page.send(generator, content=page)
        return {"page": page, "url": page.url}
    if known.kind == "draft":
        return {
            "article": page,
            "category": page.category,
            "blog": True,
            "all_articles": generator.articles,
            "url": page.url,
        }
    signals.article_generator_write_article.send(generator, content=page)
    return {
        "article": page,
        "category": getattr(page, "category", None),
        "url": page.url,
        "blog": True,
    }


def render(known, page):
    """(output name, HTML) of `page` with the last build's context and template, as Pelican's
    Writer.write_file renders a page that is not paginated (no `content_written` signal: the
    sitemap would list the page twice in the next build)."""
    generator = known.generator
    name = page.save_as
    if not name:
        return None
    variables = page_variables(known, page)
    template = generator.get_template(page.template)
    context = generator.context
    local = context.copy()
    local["localsiteurl"] = local.get("localsiteurl", None)
    if generator.settings["RELATIVE_URLS"]:
        relative = path_to_url(get_relative_path(name))
        local["SITEURL"] = local["localsiteurl"] = relative
    local["output_file"] = name
    local.update(variables)
    if local["localsiteurl"]:
        context["localsiteurl"] = local["localsiteurl"]  # as Pelican's writer: content links
    return name, template.render(local)


def write_whole(path, data):
    """The bytes `data` into `path`, written beside it and renamed over it: the server never
    serves half a page."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with WholeFile(path, None) as file:
        file.write(data)


def fast_render(last, changed):
    """The pages of the `changed` files rendered from `last` and written, as FastPages; None
    when any of them cannot be (then nothing is written)."""
    if not changed or len(changed) > FAST_RENDER_MAX_FILES:
        return None
    found = [last.known(path) if os.path.isfile(path) else None for path in changed]
    if any(known is None for known in found):
        return None  # a new or deleted file, a bio, a template, a picture: only the build
    settings = found[0].generator.settings
    try:
        # What the read and the render log (the content policy's removals, a link to a file the
        # last build did not have) is the build's to say, right after: nothing said twice.
        with recording(silent=True) as records:
            rendered = []
            for known in found:
                fresh = read_again(known)
                done = fresh and render(known, with_new_body(known.content, fresh))
                if not done:
                    return None
                rendered.append((known.generator.output_path, *done))
        if is_strict(settings) and any(record["levelno"] >= logging.WARNING for record in records):
            return None  # a strict build stops on those: such pages are not the site's
        pages = []
        for output, name, text in rendered:
            path = sanitised_join(output, name)
            previous = Path(path).read_bytes() if os.path.isfile(path) else None
            write_whole(path, text.encode("utf-8"))  # Pelican's writer: UTF-8, "\n" as is
            pages.append(FastPage(path, previous, os.stat(path).st_ino))
        return pages
    finally:
        forget_contents_memos()


def put_back(pages):
    """The fast pages the build did not replace, as they were before: a build that stops
    leaves the last good pages."""
    for page in pages:
        try:
            if os.stat(page.path).st_ino != page.inode:
                continue  # the build wrote it
            if page.previous is None:
                os.unlink(page.path)
            else:
                write_whole(page.path, page.previous)
        except OSError:
            continue


class Session:
    """Builds on request, each with fresh settings and a fresh Pelican, in this process; the
    saved pages first from the last good build when only their bodies changed."""

    def __init__(self, arguments, events):
        self.args = parse_arguments(arguments)
        self.events = events
        self.last = None  # LastBuild of the last build that succeeded
        self.serving = False  # in serve(): the caches are saved after "done"
        self.unsaved = None  # the build whose caches are to be saved
        signals.all_generators_finalized.connect(remember_generators)

    def send(self, **event):
        self.events.write(json.dumps(event) + "\n")
        self.events.flush()

    def render_ahead(self, changed):
        """The fast render of the `changed` files, announced: its FastPages ([] when none)."""
        if self.last is None or not changed:
            return []
        try:
            pages = fast_render(self.last, list(changed))
        except (Exception, SystemExit):  # noqa: BLE001 - only the build's own word counts
            logger.debug("fast render skipped, the build writes the pages", exc_info=True)
            return []
        if not pages:
            return []
        self.send(first=False)
        return pages

    def build(self, changed=(), pages=()):
        # Python's collector would walk this process's whole heap (the caches kept between
        # builds) a few times in each build, about 0.2 s, for some 25,000 objects in cycles
        # (1,000 articles): it runs once the build is over instead (serve), at no cost in memory.
        if self.last is not None:  # the first build's heap is small, its workers' large
            gc.disable()
        try:
            fast = self.render_ahead(changed)
            ok = self.full_build(changed, pages, announce=not fast)
            if not ok and fast:
                put_back(fast)
            return ok
        finally:
            gc.enable()

    def full_build(self, changed, pages, announce=True):
        STAMP.parent.mkdir(exist_ok=True)
        STAMP.touch()
        since = STAMP.stat().st_mtime
        try:
            config = get_config(self.args)
            # The server goes on serving the last pages while this build replaces them.
            config["DELETE_OUTPUT_DIRECTORY"] = False
            settings = read_settings(self.args.settings, override=config)
            site = _site_class(settings)(settings)
            site.plugin_state[SESSION] = None
            site.caches_saved_later = self.serving
            site.writer_options = {
                # The server serves these files while they are replaced.
                "whole_files": True,
                "first_paths": pages,
                "first_sources": changed,
                # After a fast render the server has reloaded already: it waits for "done".
                "on_first_pages": (lambda complete: self.send(first=complete))
                if announce
                else None,
            }
            site.run()
        except SystemExit as stop:
            # A stop (blog_core.BuildStopped, a full disk) has said or carries its own line.
            if isinstance(stop.code, str):
                print(stop.code, file=sys.stderr, flush=True)
            return False
        except Exception as error:  # noqa: BLE001 - one line for the author, the server stays up
            print(failure_line(error), file=sys.stderr, flush=True)
            return False
        generators = site.plugin_state.get(SESSION) or []
        context = generators[0].context if generators else {}
        unread = [
            path
            for path, content in context.get("generated_content", {}).items()
            if content is None
        ]
        if not unread:
            # The theme's files are copied, keeping their time, by the static generator.
            theme = [os.path.normpath(settings["THEME_STATIC_DIR"])]
            later = sorted(site.outputs_written_later)  # written after "done" (the search index)
            remove_stale(site.output_path, since, theme + later, static_outputs(context))
        # The previous build's state goes: only this one's is kept.
        self.last = LastBuild(generators) if generators else None
        self.unsaved = site if self.serving else None
        return True

    def save_caches(self):
        """The caches of the last build, saved for the next process (about 0.1 s for
        1,000 articles: after the build, while the author reads the page), and what the
        plugins do then (BlogPelican.after_served)."""
        site, self.unsaved = self.unsaved, None
        if site is not None:
            site.save_content_cache()
            site.run_after_served()

    def serve(self, requests):
        self.serving = True
        for line in requests:
            request = json.loads(line)
            ok = self.build(request.get("changed", ()), request.get("pages", ()))
            self.send(done=ok)
            # While the author reads the page.
            self.save_caches()
            gc.collect()  # the next build starts with no garbage to walk


def main(argv):
    events = os.fdopen(int(argv[0]), "w", encoding="utf-8")
    session = Session(argv[1:], events)
    args = session.args
    init_logging(
        level=args.verbosity,
        fatal=args.fatal,
        name="pelican",
        handler=LOG_HANDLERS[args.log_handler],
        logs_dedup_min_level=getattr(logging, args.logs_dedup_min_level),
    )
    session.serve(sys.stdin)


if __name__ == "__main__":
    main(sys.argv[1:])
