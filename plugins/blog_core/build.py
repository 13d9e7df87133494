"""BlogPelican: Pelican with the blog's core wired in (`PELICAN_CLASS` in pelicanconf.py).

- Every plugin in PLUGINS loads, or no build happens: Pelican alone would log the error, drop
  the plugin and publish a site without its checks.
- The build's state lives on the instance: its problems (collected from before the plugins'
  `initialized` until the end) and its table of header fields (the core's and every loaded
  plugin's `HEADER_FIELDS`).
- One stop: a strict build with problems stops after the last check and the last file.
- One line ends every other build, in Italian: its time and its problems (build_summary).
- A full or read-only disk while building is one line (blog_core.faults), not a traceback.
"""

import os
import time
import weakref

import pelican as pelican_package
from blinker import signal
from pelican import Pelican, signals
from pelican.contents import Article, Content, Page
from pelican.log import LimitFilter
from pelican.utils import memoized

from .addresses import address_of_content_problem
from .content_cache import CACHE, TYPOGRIFY, WORKERS, ContentCache
from .content_files import contained
from .dates import as_content_datetime
from .faults import is_machine_fault, stop_for_fault
from .fields import CORE_FIELDS
from .headers import header_line
from .labels import TemplateCache
from .page_cache import PageCache, texts_once
from .problems import STRICT, BuildProblems, BuildStopped, SettingError, report_problem
from .reader import safe_readers
from .settings import positive_integer
from .text import did_you_mean
from .urls import keep_addresses_while_writing
from .writing import SiteWriter, deferring

# Sent once every file of the site is written, after Pelican's `finalized` receivers (the
# sitemap among them), with the BlogPelican: for what must look at the finished output.
site_written = signal("blog_core.site_written")

# The build each settings dict belongs to, for code that has only the settings (generators,
# content): weak, so a build's state goes with its Pelican instance.
_builds = weakref.WeakValueDictionary()


def build_of(settings):
    """The BlogPelican building with `settings`, or None outside such a build."""
    return _builds.get(id(settings))


def once_per_build(settings, key, compute):
    """compute(settings), kept in the build's plugin_state for the rest of the build using
    `settings` (every file asks); computed afresh outside a build."""
    build = build_of(settings)
    if build is None:
        return compute(settings)
    if key not in build.plugin_state:
        build.plugin_state[key] = compute(settings)
    return build.plugin_state[key]


def content_cache(settings):
    """The build's ContentCache (in memory only with BUILD_CACHE = None); None outside a build."""
    build = build_of(settings)
    if build is None:
        return None
    return once_per_build(settings, "blog_core.content_cache", ContentCache)


def rendered_all_once(settings, context, jobs):
    """For each (call, render) of `jobs`, render()'s text (a file a plugin writes itself: an
    email), or the same text kept from an earlier build when nothing it is made from changed:
    the generator's `context`, `call` (the rest it is made from, as plain data, contents and
    tags) and the texts of the contents it read (blog_core.page_cache). Those not kept are
    rendered on the build's cores (BUILD_WORKERS)."""
    build = build_of(settings)
    pages = build.plugin_state.get("blog_core.page_cache") if build else None
    return texts_once(pages, context, jobs, settings.get(WORKERS, 1))


def header_fields(settings):
    """The header fields of the build using `settings`: the core's and its plugins'."""
    build = build_of(settings)
    return build.header_fields if build else CORE_FIELDS


def check_content_address(content):
    """An article's or page's final address, once Pelican has made it from the title."""
    if build_of(content.settings) is None or not isinstance(content, (Article, Page)):
        return
    slug = getattr(content, "slug", None)
    if not slug or "save_as" in content.metadata:
        return
    problem = address_of_content_problem(slug, content.settings)
    if problem:
        message, content.slug = problem
        line = header_line(content.source_path, "slug", "title")
        report_problem(content.settings, content.source_path, message, line=line)


signals.content_object_init.connect(check_content_address)


def faster_dates(content):
    """Pelican has just set the content's dates in their time zone (content_object_init)."""
    for name in ("date", "modified"):
        value = content.__dict__.get(name)
        if value is not None:
            content.__dict__[name] = as_content_datetime(value)


signals.content_object_init.connect(faster_dates)
# Issue 14 (templates): each article's and page's url and save_as computed once while writing.
signals.all_generators_finalized.connect(keep_addresses_while_writing)


def forget_contents_memos():
    """Pelican memoizes each content's HTML and summary in one table per class for the life of
    the process: a process that builds many times (the dev server's) would keep every article of
    every build, 20 MB and 1,000 articles more per build at 1,000 articles, each build slower."""
    for value in vars(Content).values():
        if isinstance(value, memoized):
            value.cache.clear()


def plugin_names(settings):
    """The plugins in the folders of PLUGIN_PATHS, for suggesting a misspelt name."""
    names = set()
    for folder in settings.get("PLUGIN_PATHS", []):
        if os.path.isdir(folder):
            names.update(entry.name for entry in os.scandir(folder) if entry.is_dir())
    return sorted(names - {"blog_core", "__pycache__"})


def missing_plugin_message(name, settings):
    guess = did_you_mean(name, plugin_names(settings))
    hint = f" Forse intendevi «{guess}»?" if guess else ""
    return (
        f"il plugin «{name}», elencato in PLUGINS, non si carica (il motivo è nel messaggio "
        f"qui sopra).{hint} Correggi il nome in pelicanconf.py o toglilo da PLUGINS."
    )


class _WithoutPelicansSummary:
    """Pelican's console, minus the English "Done: Processed …" line its `run` prints at the end
    (a print, not a log record, so LOG_FILTER cannot drop it): the build's own line replaces it."""

    def __init__(self, console):
        self._console = console

    def print(self, *objects, **options):
        if objects and isinstance(objects[0], str) and objects[0].startswith("Done: Processed"):
            return
        self._console.print(*objects, **options)

    def __getattr__(self, name):
        return getattr(self._console, name)


class BlogPelican(Pelican):
    """Pelican that loads every plugin or stops, keeps the build's state, and stops once."""

    def __init__(self, settings):
        # Pelican logs a warning once per process: each build (the dev server's, the tests')
        # names its own problems again.
        LimitFilter._raised_messages.clear()
        LimitFilter._group_count.clear()
        strict = settings.get(STRICT, False)
        self.problems = BuildProblems(strict is True)
        self.header_fields = CORE_FIELDS
        # What a plugin keeps from one stage of this build to a later one, by plugin name.
        self.plugin_state = {}
        # For the dev server's build (blog_core.dev_session): SiteWriter's options, the pages
        # to write first and whole files.
        self.writer_options = {}
        # The dev server saves the caches once the browser has the pages (after "done").
        self.caches_saved_later = False
        # What a plugin does after the build then (the search index), and the folders of the
        # output it writes itself there, which the dev server's clean-up never removes.
        self.after_served = []
        self.outputs_written_later = set()
        _builds[id(settings)] = self
        self.problems.listen()
        # Every format is read through the content policy (blog_core.reader), whatever the
        # plugins: a reader a plugin puts in its place extends these.
        settings["READERS"] = {**safe_readers(), **settings.get("READERS", {})}
        settings.setdefault(CACHE, None)
        if TYPOGRIFY not in settings:
            settings[TYPOGRIFY], settings["TYPOGRIFY"] = settings.get("TYPOGRIFY", False), False
        settings.setdefault(WORKERS, os.cpu_count() or 1)
        try:
            if not isinstance(strict, bool):
                raise SettingError(STRICT, f"deve essere True o False, non {strict!r}")
            positive_integer(settings, WORKERS)
            super().__init__(settings)
        except SettingError as error:
            self.problems.stop_listening()
            raise BuildStopped(f"Impostazione da correggere: {error}") from None
        except BaseException:
            self.problems.stop_listening()
            raise

    def init_plugins(self):
        requested = [p for p in self.settings.get("PLUGINS") or [] if isinstance(p, str)]
        super().init_plugins()
        loaded = set(self.settings["PLUGINS"])  # what Pelican managed to load and register
        missing = [
            name
            for name in requested
            if name not in loaded and f"pelican.plugins.{name}" not in loaded
        ]
        if missing:
            messages = [missing_plugin_message(name, self.settings) for name in missing]
            raise BuildStopped("Costruzione fermata: " + " ".join(messages))
        self.header_fields = CORE_FIELDS + tuple(
            field for plugin in self.plugins for field in getattr(plugin, "HEADER_FIELDS", ())
        )
        cache = self.settings.get("JINJA_ENVIRONMENT", {}).get("bytecode_cache")
        if isinstance(cache, TemplateCache):
            cache.plugins = tuple(self.settings["PLUGINS"])

    def _get_generator_classes(self):
        # Every generator, Pelican's and the plugins', reads and copies only content/'s own files.
        # Their pages are written when their output ends (blog_core.writing), chosen ones first.
        return [deferring(contained(cls)) for cls in super()._get_generator_classes()]

    def _get_writer(self):
        if any(isinstance(writer, type) for _, writer in signals.get_writer.send(self)):
            return super()._get_writer()  # a plugin's own writer
        writer = SiteWriter(self.output_path, settings=self.settings, **self.writer_options)
        if self.settings.get(CACHE):
            writer.pages = once_per_build(self.settings, "blog_core.page_cache", PageCache)
        return writer

    def run(self):
        started = time.monotonic()
        console = pelican_package.console
        pelican_package.console = _WithoutPelicansSummary(console)
        try:
            super().run()
            site_written.send(self)
            if not self.caches_saved_later:
                self.save_content_cache()
                self.run_after_served()
        except SettingError as error:
            # A setting read only while building (SOURCE_DATE_EPOCH): the same stop as at start.
            self.problems.stop_listening()
            raise BuildStopped(f"Impostazione da correggere: {error}") from None
        except OSError as error:
            self.problems.stop_listening()
            if not is_machine_fault(error):
                raise
            # A full or read-only disk: one line, not Pelican's traceback.
            stop_for_fault(error, self.output_path)
        except BaseException:
            self.problems.stop_listening()
            raise
        finally:
            pelican_package.console = console
            forget_contents_memos()
        summary = self.problems.finish(time.monotonic() - started)
        # Pelican's console: in a terminal, in order with the log above it; never wrapped.
        console.print(summary, markup=False, highlight=False, soft_wrap=True)

    def run_after_served(self):
        work, self.after_served = self.after_served, []
        for call in work:
            call()

    def save_content_cache(self):
        for name in ("blog_core.content_cache", "blog_core.page_cache", "blog_core.kept_results"):
            cache = self.plugin_state.get(name)
            if cache is not None:
                cache.save()

    def read(self):
        """Read and check the whole site, write nothing: the generators, their context filled.

        For tasks that need what a build knows (the week's digest) without building.
        """
        context = self.settings.copy()
        context.update(
            generated_content={},
            static_links=set(),
            static_content={},
            localsiteurl=self.settings["SITEURL"],
        )
        generators = [
            cls(
                context=context,
                settings=self.settings,
                path=self.path,
                theme=self.theme,
                output_path=self.output_path,
            )
            for cls in self._get_generator_classes()
        ]
        try:
            for generator in generators:
                if hasattr(generator, "generate_context"):
                    generator.generate_context()
            signals.all_generators_finalized.send(generators)
            self.save_content_cache()
        finally:
            self.problems.stop_listening()
        return generators
