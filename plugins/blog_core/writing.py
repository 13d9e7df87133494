"""The build's writer: pages written whole, the chosen ones first.

BlogPelican writes through SiteWriter. Each generator's `write_file` and `write_feed` calls are
kept as tasks and run when its `generate_output` ends, through `write_deferred`: shared out over
BUILD_WORKERS forked processes (blog_core.workers) when there are enough, the log they write
replayed in the tasks' order, so the files and the log are those of a build in one process. A
page the caller chose (the dev server: the article just saved, the page open in the browser) is
rendered at once instead, and once a generator's chosen pages are written `on_first_pages` is
called, before the rest: the browser reloads while the rest of the site is still being written.

With `whole_files` (the dev server's builds) every file goes to a hidden file beside it, then is
renamed over the old one in one step, so the server never serves half a page; other builds
write into a folder nobody serves yet (publishing) or one they empty first, and skip the cost
(a tenth of a millisecond a file). Without chosen pages a build writes the same bytes, in the
same order, as Pelican's own writer.
"""

import functools
import hashlib
import html
import io
import logging
import os

from pelican import signals
from pelican.writers import FileOverwriteFailedError, Writer

from .content_cache import WORKERS
from .page_cache import Kept, noting_reads, unpacked
from .workers import WorkerFailed, can_fork, in_workers, recording, replay

logger = logging.getLogger(__name__)

# Forking costs a few milliseconds: a worker is worth it for this many pages at least.
TASKS_PER_WORKER = 10


def write_deferred(tasks, writer=None, workers=1):
    """Run the deferred writes: in order, or shared out over `workers` forked processes when
    there are enough and the order cannot matter, with the files, the log and the
    `content_written` signals of the order. With the writer's page cache, a write whose inputs
    are unchanged writes what it wrote last time; the others' pages are kept for next time."""
    pages = getattr(writer, "pages", None)
    keys = [None] * len(tasks)
    if pages is not None:
        keys = page_keys(pages, tasks)
        tasks = [
            writer.cached_task(task, key) if key else task
            for task, key in zip(tasks, keys, strict=True)
        ]
    _write_deferred(tasks, keys, pages, writer, workers)
    if pages is not None and writer.whole_files:
        writer.remember_files(keys)


def _write_deferred(tasks, keys, pages, writer, workers):
    count = min(workers, len(tasks) // TASKS_PER_WORKER)
    if count < 2 or writer is None or not can_fork() or not in_any_order(tasks):
        for task, key in zip(tasks, keys, strict=True):
            kept = task()
            if pages is not None and isinstance(kept, Kept):
                pages.keep(key, kept)
        return
    shares = [range(number, len(tasks), count) for number in range(count)]
    written, overridden = set(writer._written_files), set(writer._overridden_files)

    def work(share):
        done = []
        paths = []

        def wrote(path, context):
            paths.append(path)

        # Only in this worker: the parent sends the signal again, in the tasks' order.
        signals.content_written.connect(wrote, weak=False)
        for index in share:
            paths = []
            kept = None
            with recording(silent=True) as records:
                try:
                    kept = tasks[index]()
                except Exception as error:  # noqa: BLE001 - raised by the parent, in order
                    done.append((index, records, paths, error, None))
                    break
            done.append((index, records, paths, None, kept if isinstance(kept, Kept) else None))
        return done, writer._written_files - written, writer._overridden_files - overridden

    outcomes = in_workers(shares, work)
    if any(isinstance(outcome, WorkerFailed) for outcome in outcomes):
        # A worker died (out of memory, killed): this process writes everything itself.
        for task in tasks:
            task()
        return
    finished = sorted(
        (entry for done, _, _ in outcomes for entry in done), key=lambda entry: entry[0]
    )
    for index, records, paths, error, kept in finished:
        replay(records)
        if error is not None:
            raise error
        if pages is not None:
            pages.keep(keys[index], kept)
        for path in paths:
            signals.content_written.send(path, context=task_context(tasks[index], writer, path))
    for _, files, overridden_files in outcomes:
        twice = writer._written_files & files
        if twice:  # as the second write of one file in one process would
            raise written_twice(sorted(twice)[0])
        writer._written_files |= files
        writer._overridden_files |= overridden_files


def page_keys(pages, tasks):
    """Each task's key in the page cache (None: not kept), the context described once."""
    keys = []
    with pages.fingerprints.remembering_lists():
        for task in tasks:
            kind = getattr(task, "kind", None)
            if kind is None or getattr(task, "overrides", True):
                keys.append(None)
                continue
            args = list(task.args)
            context = args[CONTEXT_ARGUMENT[kind]]
            args[CONTEXT_ARGUMENT[kind]] = "<context>"
            call = (kind, args, task.keywords)
            keys.append(pages.key(pages.digest_of_context(context), call))
    return keys


# Where the generator's context is among a deferred call's arguments.
CONTEXT_ARGUMENT = {"file": 2, "feed": 1}


def written_twice(path):
    """Pelican's error for a file written twice in one build without `override`."""
    return FileOverwriteFailedError(
        f'Failed to overwrite "{path}" as Pelican has already written to it '
        "previously (set `override=True` if intended)"
    )


def in_any_order(tasks):
    """Whether the tasks may run in any order, in other processes: none may override another's
    file (which one wins depends on the order), and no plugin needs a feed's own object."""
    if signals.feed_written.receivers:
        return False
    return not any(getattr(task, "overrides", True) for task in tasks)


def task_context(task, writer, path):
    """The context a page of `task` was rendered with, as `content_written` receivers read it
    (the sitemap: its article or page): the generator's, the call's own variables, the file."""
    task = getattr(task, "task", task)
    context = task.args[2] if len(task.args) > 2 else {}
    inside = writer.output_path.rstrip(os.sep) + os.sep
    output_file = path[len(inside) :] if path.startswith(inside) else os.path.relpath(path, inside)
    return {**context, **task.keywords, "output_file": output_file}


class WholeFile:
    """A file written beside `path` and renamed over it when closed without an error; text in
    `encoding`, or bytes when it is None."""

    def __init__(self, path, encoding):
        self.path = path
        folder, name = os.path.split(path)
        self.draft = os.path.join(folder, f".{name}.{os.getpid()}.scrittura")
        # os.open keeps the umask's modes (0644 as a rule): a temporary file's 0600 would be
        # published as is by rsync.
        descriptor = os.open(self.draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        if encoding is None:
            self.file = os.fdopen(descriptor, "wb")
        else:
            self.file = os.fdopen(descriptor, "w", encoding=encoding)

    def __enter__(self):
        return self.file

    def __exit__(self, kind, error, trace):
        try:
            self.file.close()
            if kind is None:
                os.replace(self.draft, self.path)
        finally:
            if os.path.exists(self.draft):
                os.unlink(self.draft)


# {path: (key, modification time, size)}: the files this process's whole-file builds (the dev
# server's) wrote from the page cache's texts, as they left them.
_left_here = {}


def _stamp(path, key):
    try:
        status = os.stat(path)
    except OSError:
        return None
    return key, status.st_mtime_ns, status.st_size


def _left_as_is(path, key):
    """Whether the file at `path` is as this process's last whole-file build left it, with the
    text of `key`."""
    stamp = _stamp(path, key)
    return stamp is not None and _left_here.get(path) == stamp


def feed_stylesheet(settings):
    """The processing instruction that shows a feed as a page (the theme's feed_style
    template, at FEED_STYLE_SAVE_AS), or None when the site has none."""
    settings = settings or {}
    save_as = settings.get("FEED_STYLE_SAVE_AS")
    if not save_as or "feed_style" not in settings.get("DIRECT_TEMPLATES", ()):
        return None
    href = html.escape(f"{settings.get('SITEURL') or ''}/{save_as}", quote=True)
    return f'<?xml-stylesheet type="text/xsl" href="{href}"?>'


def with_feed_stylesheet(text, settings):
    """A feed's XML text (one a plugin writes itself) naming the site's feed stylesheet."""
    instruction = feed_stylesheet(settings)
    return _with_instruction(text, instruction) if instruction else text


def _with_instruction(text, instruction):
    """`text`, the start of an XML document, with `instruction` right after its declaration."""
    end = text.find("?>") + 2 if text.startswith("<?xml") else 0
    return f"{text[:end]}\n{instruction}{text[end:]}" if end else f"{instruction}\n{text}"


class _PassedOn(io.TextIOBase):
    """A text stream over a file being opened (`opened`, a context manager): what is written
    goes on to the file; a subclass sees each piece on its way (`write`)."""

    def __init__(self, opened):
        super().__init__()
        self.opened = opened

    def __enter__(self):
        self.file = self.opened.__enter__()
        return self

    def writable(self):
        return True

    def write(self, text):
        return self.file.write(text)

    def __exit__(self, *exc):
        return self.opened.__exit__(*exc)


class _Styled(_PassedOn):
    """A feed being written, its stylesheet named right after the XML declaration: a reader
    who opens the feed in a browser sees a page that says what a feed is, not raw XML; a feed
    reader ignores it."""

    def __init__(self, opened, instruction):
        super().__init__(opened)
        self.instruction = instruction
        self.started = False

    def write(self, text):
        if not self.started:
            self.started = True
            text = _with_instruction(text, self.instruction)
        return super().write(text)


class _Captured(_PassedOn):
    """A file being written whose text is also kept, with its name, in `into` once closed
    (a text stream: the feeds' XML writer writes text into it as it would into the file)."""

    def __init__(self, opened, name, into):
        super().__init__(opened)
        self.name, self.into = name, into
        self.chunks = []

    def write(self, text):
        self.chunks.append(text)
        return super().write(text)

    def __exit__(self, *exc):
        result = super().__exit__(*exc)
        if exc[0] is None:
            self.into.append((self.name, "".join(self.chunks)))
        return result


class SiteWriter(Writer):
    """Pelican's writer, deferring its pages to the end of each generator, chosen ones first.

    `first_paths`: output names (relative to the output folder) to write first;
    `first_sources`: source files whose article or page to write first;
    `on_first_pages(complete)`: called once, after the first generator that wrote a chosen page,
    `complete` saying whether every one of `first_paths` was written by then;
    `whole_files`: each file written beside, then renamed over the old one.
    """

    def __init__(
        self,
        output_path,
        settings=None,
        first_paths=(),
        first_sources=(),
        on_first_pages=None,
        whole_files=False,
    ):
        super().__init__(output_path, settings=settings)
        self.tasks = []
        self.first_paths = set(first_paths)
        self.first_sources = {os.path.abspath(path) for path in first_sources}
        self.pending = set(self.first_paths)
        self.on_first_pages = on_first_pages
        self.whole_files = whole_files
        self.chosen_written = False
        self.first_pages_announced = False
        # The build's blog_core.page_cache.PageCache, or None: every page rendered.
        self.pages = None
        # While a write is being kept: [(path relative to the output, text)] of its files.
        self.capturing = None
        # While a feed is written: its stylesheet's processing instruction (feed_stylesheet).
        self.feed_style = None

    def is_chosen(self, name, kwargs):
        if name in self.first_paths:
            return True
        content = kwargs.get("article") or kwargs.get("page")
        source = getattr(content, "source_path", None)
        return source is not None and os.path.abspath(source) in self.first_sources

    def write_file(self, name, template, context, *args, **kwargs):
        task = functools.partial(super().write_file, name, template, context, *args, **kwargs)
        # Pelican's override_output, the fourth argument after the context.
        task.overrides = bool(kwargs.get("override_output", len(args) > 3 and args[3]))
        task.kind = "file"
        if name and self.is_chosen(name, kwargs):
            task()
            self.pending.discard(name)
            self.chosen_written = True
        else:
            self.tasks.append(task)

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        # Deferred as pages are (feeds come first in Pelican's articles): the feed object it
        # returns is for a caller that writes no file.
        if not path:
            return super().write_feed(elements, context, path, *args, **kwargs)
        task = functools.partial(self._write_styled_feed, elements, context, path, *args, **kwargs)
        task.overrides = False
        # A plugin that gets the feed object (feed_generated) must have one made.
        task.kind = None if signals.feed_generated.receivers else "feed"
        self.tasks.append(task)
        return None

    def _write_styled_feed(self, *args, **kwargs):
        self.feed_style = feed_stylesheet(self.settings)
        try:
            return super().write_feed(*args, **kwargs)
        finally:
            self.feed_style = None

    def cached_task(self, task, key):
        """`task` as a callable that writes its kept pages, or renders them and returns what
        to keep (blog_core.page_cache.Kept)."""
        entry = self.pages.found(key)
        if entry is not None:
            call = functools.partial(self.write_kept, entry, task, key)
        else:
            call = functools.partial(self.render_and_keep, task)
        call.overrides, call.task = task.overrides, task
        return call

    def write_kept(self, entry, task, key):
        for name, packed in entry.files:
            path = os.path.join(self.output_path, name)
            if self.whole_files and _left_as_is(path, key):
                # The dev server's preview already has this very text there: only touched (and
                # not even decompressed), so the preview's clean-up sees it written by this build.
                self._claim(path)
                os.utime(path)
                continue
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with self._open_w(path, "utf-8") as output:
                output.write(unpacked(packed))
        replay(entry.records)
        if task.kind == "file":
            context = task.args[2]
            if entry.siteurl_after is not None:
                context["localsiteurl"] = entry.siteurl_after
            for name, _ in entry.files:
                path = os.path.join(self.output_path, name)
                signals.content_written.send(path, context=task_context(task, self, path))

    def render_and_keep(self, task):
        context = task.args[CONTEXT_ARGUMENT[task.kind]]
        with noting_reads() as (noted, looked_at), recording() as records:
            self.capturing = []
            try:
                task()
            finally:
                files, self.capturing = self.capturing, None
        return self.pages.kept(files, noted, looked_at, records, context.get("localsiteurl"))

    def _claim(self, path):
        """Pelican's rule for a file written twice in a build, for a file left as it is."""
        if path in self._written_files:
            raise written_twice(path)
        self._written_files.add(path)

    def remember_files(self, keys):
        """After a whole-file build's writes: what each kept text's files are like on disk."""
        for key in keys:
            entry = self.pages.entries.get(key) if key else None
            for name, _ in entry.files if entry else ():
                path = os.path.join(self.output_path, name)
                _left_here[path] = _stamp(path, key)

    def write_text(self, path, text):
        """A file a plugin makes itself (an email); in whole-file builds (the dev server's)
        written whole, and only touched when it holds this very text already."""
        if not self.whole_files:
            with open(path, "w", encoding="utf-8") as output:
                output.write(text)
            return
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
        if _left_as_is(path, key):
            os.utime(path)  # the preview's clean-up sees it written by this build
        else:
            with WholeFile(path, "utf-8") as output:
                output.write(text)
        _left_here[path] = _stamp(path, key)

    def generator_done(self):
        """A generator's `generate_output` has ended: announce its chosen pages, write the rest."""
        if self.chosen_written and not self.first_pages_announced:
            self.first_pages_announced = True
            if self.on_first_pages is not None:
                self.on_first_pages(not self.pending)
        tasks, self.tasks = self.tasks, []
        write_deferred(tasks, self, (self.settings or {}).get(WORKERS, 1))

    def _open_w(self, filename, encoding, override=False):
        opened = self._open_file(filename, encoding, override)
        if self.capturing is not None:
            opened = _Captured(opened, os.path.relpath(filename, self.output_path), self.capturing)
        # Outside the capture: the page cache keeps the feed with its stylesheet.
        return _Styled(opened, self.feed_style) if self.feed_style else opened

    def _open_file(self, filename, encoding, override):
        if not self.whole_files:
            return super()._open_w(filename, encoding, override)
        # Pelican's own rules for a file written twice (skip, override once, else refuse), with
        # the file written whole: Pelican truncates the old one first.
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            logger.info('Skipping "%s", not overwriting', filename)
            return open(os.devnull, "w", encoding=encoding)  # noqa: SIM115 - the caller closes it
        if filename in self._written_files:
            if not override:
                raise written_twice(filename)
            logger.info('Overwriting "%s"', filename)
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return WholeFile(filename, encoding)


def deferring(cls):
    """`cls`, a generator class, whose deferred writes run when its `generate_output` ends."""
    if not hasattr(cls, "generate_output"):
        return cls

    def generate_output(self, writer):
        pages = getattr(writer, "pages", None)
        if pages is not None:
            pages.generator_starts()
        cls.generate_output(self, writer)
        if isinstance(writer, SiteWriter):
            writer.generator_done()

    return type(cls.__name__, (cls,), {"generate_output": generate_output})
