"""Rendered pages kept between builds: a page whose inputs have not changed is not rendered again.

A page's (or a feed's) bytes are made from: the templates and the code (the plugins, the
libraries, the settings), the site as the generators left it (the context: the lists of
articles, tags, categories, authors and their order; each content by reference, its file),
the call's own variables (its article, its page of a list), and whatever it reads of the
articles and pages: their fields and what the plugins attached (related articles, reading
time), and their text. The first three make the page's *key*. What it reads of the contents is
noted while it renders: each attribute it reads of a content, with the digest of its value, and
each content whose text it asks for (`get_content`, and `get_summary` when made from the text),
with the digest of the text and of every content's address (the text's links by file become
addresses). A kept page is used again only while all of those are the same. So a changed
article body renders again its own page and the pages that show its text (its feeds, the lists
and related cards that show the start of it); a changed related list renders the page that
shows it; a change to what the context holds for every page (a new article, a new date, a tag,
a digest's subject) renders them all.

A hit writes the kept text and replays the log records its rendering wrote, so the files, the
log and the `content_written` signals are those of a rendering. The kept pages live in
`pages/` inside BUILD_CACHE (one pickle per namespace) and in memory for the rest of the process
(the dev server's builds); those no build asked for are dropped when a build saves. Anything
the key cannot describe for sure (an object that is not plain data) makes that page a miss,
never a wrong hit; a page that overrides another's file is always rendered (which write wins
is Pelican's decision, at the time of writing).
"""

import contextlib
import datetime
import enum
import functools
import hashlib
import logging
import os
import sys
import types
import zlib

import jinja2
from pelican.contents import Content
from pelican.generators import Generator
from pelican.urlwrappers import URLWrapper
from pelican.utils import memoized

from .content_cache import CACHE, NOT_READ, KeptTable, _version, namespace
from .urls import KEPT
from .workers import WorkerFailed, can_fork, in_workers, recording, replay

logger = logging.getLogger(__name__)

# Bump when what an entry holds changes shape.
FORMAT = 4
# The libraries a page's bytes come from, beyond the readers' (content_cache.LIBRARIES).
LIBRARIES = ("jinja2", "markupsafe", "feedgenerator", "beautifulsoup4", "babel", "css-inline")
# What a page reads of a content that is not compared as an attribute: its text (noted as a
# text, with the addresses it links to), the shared context and settings (in the key), the
# kept addresses (a memo of `url` and `save_as`, which are compared themselves), and:
NOT_LOOKS = {
    "content",
    "summary",
    "get_content",
    "get_summary",
    "_content",
    "_context",
    "settings",
    KEPT,
    # Pelican's, made afresh on each read with the current time for a content without a date
    # (a static file): what it is made from is noted as it is read.
    "url_format",
}
# A tag's, category's or author's own attributes, made from its name: it is described by its
# name and slug instead.
WRAPPER_STATE = {"settings", "name", "_name", "slug", "_slug", "_slug_from_name"}
# The context's tables of contents by source file.
BY_SOURCE = {"generated_content", "static_content"}
# A list this long is described by the digest of its items.
LONG_LIST = 16
# The folder inside BUILD_CACHE.
FOLDER = "pages"

# {cache file: {key: entry}}: what this process has loaded or rendered.
_memory = {}

# While a page renders: the contents whose text it asked for, and those it read anything of,
# by id. None when not noting.
_noted = None
_looked_at = None


def _noting_getattribute(content, name):
    _looked_at[id(content), name] = content
    return object.__getattribute__(content, name)


class _NotingText(memoized):
    """Pelican's memoized `get_content`/`get_summary`, noting which contents a page reads."""

    def __init__(self, original):
        super().__init__(original.func)
        self.cache = original.cache

    def __call__(self, *args):
        if _noted is not None and args and self.reads_text(args[0]):
            _noted[id(args[0])] = args[0]
        return super().__call__(*args)

    def reads_text(self, content):
        # A summary from the Summary field, not from the text: the field is in the context.
        return self.func.__name__ != "get_summary" or "summary" not in content.metadata


for _name in ("get_content", "get_summary"):
    if not isinstance(vars(Content)[_name], _NotingText):
        setattr(Content, _name, _NotingText(vars(Content)[_name]))


class Unkeyable(Exception):
    """Something in a page's inputs the key cannot describe for sure."""


class Fingerprints:
    """Stable texts for a build's values: the same for equal values in any process. Contents
    by reference (their file), tags described once per build (by id: they do not change while
    pages are written)."""

    def __init__(self):
        self.described = {}  # id -> text, for URL wrappers
        # (class, name, slug, attached values) -> text: the values alive with their wrappers
        self.wrapper_texts = {}
        self.contents = {}  # (class, source path) -> content, every content met
        self.references = {}  # id -> the reference text of a content met
        self.kept = []  # the objects behind `described`'s ids, alive while they are used
        self.lists = None  # id -> digest of a long list, inside remembering_lists
        self.objects = None  # id -> text of an object, inside remembering_lists

    def of(self, value):
        parts = []
        self._add(value, parts, set())
        return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def short(self, value):
        """A 16-byte digest of `value`: kept by the thousand with the pages."""
        parts = []
        self._add(value, parts, set())
        return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).digest()[:16]

    def _add(self, value, parts, active):
        known = self.references.get(id(value))
        if known is not None:
            parts.append(known)
        elif value is None or isinstance(value, (bool, int, float)):
            parts.append(repr(value))
        elif isinstance(value, str):
            parts.append("s" + value)
        elif isinstance(value, Content):
            parts.append(self._content(value))
        elif isinstance(value, URLWrapper):
            parts.append(self._wrapper(value, active))
        elif isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
            parts.append(f"d{value.isoformat()}{getattr(value, 'tzinfo', '')}")
        elif isinstance(value, enum.Enum):
            parts.append(f"e{type(value).__qualname__}.{value.name}")
        elif isinstance(value, (list, tuple)):
            if len(value) >= LONG_LIST:
                parts.append(self._long_list(value, active))
            else:
                self._container("[", value, parts, active)
        elif isinstance(value, dict):
            # In its order: a template that walks a dict shows it in that order.
            self._container("{", [x for item in value.items() for x in item], parts, active)
        elif isinstance(value, (set, frozenset)):
            inner = sorted(self.of(item) for item in value)
            parts.append("<" + ",".join(inner) + ">")
        elif isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
            parts.append(f"f{getattr(value, '__module__', '')}.{value.__qualname__}")
        elif isinstance(value, types.ModuleType):
            parts.append(f"m{value.__name__}")
        elif isinstance(value, jinja2.Template):
            parts.append(f"t{value.name}")  # its source is in the namespace
        elif isinstance(value, types.MethodType):
            parts.append(f"M{value.__func__.__module__}.{value.__func__.__qualname__}")
            self._add(value.__self__, parts, active)
        elif isinstance(value, functools.partial):
            parts.append("P")
            self._add((value.func, value.args, value.keywords), parts, active)
        elif isinstance(value, Generator):
            # A plugin's generator in the context: what it made is in the context itself.
            parts.append(f"g{type(value).__qualname__}")
        elif hasattr(value, "__dict__"):
            self._object(value, parts, active)
        else:
            # A value without attributes (a time zone, a pattern): its text, when that names
            # it rather than its place in memory.
            text = repr(value)
            if " at 0x" in text or "object at" in text:
                raise Unkeyable(type(value).__qualname__)
            parts.append(f"r{type(value).__qualname__}:{text}")

    def _container(self, opening, items, parts, active):
        if id(items) in active:
            raise Unkeyable("a container that holds itself")
        active.add(id(items))
        parts.append(opening)
        for item in items:
            self._add(item, parts, active)
        parts.append("]")
        active.discard(id(items))

    def _long_list(self, items, active):
        """A long list as the digest of its items: the same text whether or not it is
        remembered (a tag's articles are in the context and in its page's call)."""
        known = self.lists.get(id(items)) if self.lists is not None else None
        if known is None:
            inner = []
            self._container("[", items, inner, active)
            text = "\x1f".join(inner).encode("utf-8", "surrogatepass")
            known = "L" + hashlib.sha256(text).hexdigest()
            if self.lists is not None:
                self.lists[id(items)] = known
                self.kept.append(items)
        return known

    @contextlib.contextmanager
    def remembering_lists(self):
        """Inside, each long list and object is described once (while the writes' keys are
        worked out, before any write: nothing changes them then)."""
        self.lists = {}
        self.objects = {}
        try:
            yield
        finally:
            self.lists = self.objects = None

    def _object(self, value, parts, active):
        known = self.objects.get(id(value)) if self.lists is not None else None
        if known is not None:
            parts.append(known)
            return
        if id(value) in active:
            raise Unkeyable(f"{type(value).__qualname__} that holds itself")
        active.add(id(value))
        kind = type(value)
        inner = [f"o{kind.__module__}.{kind.__qualname__}"]
        self._add(vars(value), inner, active)
        active.discard(id(value))
        # Its parts as one: the same text joined, remembered or not.
        known = "\x1f".join(inner)
        if self.lists is not None:
            # One newsletter form and base for a thousand emails' keys: described once.
            self.objects[id(value)] = known
            self.kept.append(value)
        parts.append(known)

    def _content(self, content):
        """A content by reference: its class and file (what it shows is in its description,
        kept with the context's)."""
        reference = (type(content).__name__, getattr(content, "source_path", None))
        if reference[1] is None:
            raise Unkeyable("a content without a source file")
        self.contents.setdefault(reference, content)
        self.references[id(content)] = text = f"C{reference[0]}:{reference[1]}"
        self.kept.append(content)
        return text

    def _wrapper(self, wrapper, active):
        if id(wrapper) not in self.described:
            # Its name and slug as they are, whatever Pelican has memoized of them so far (the
            # slug is None until first read), and what plugins attached, in a fixed order.
            fields = {
                key: value
                for key, value in sorted(vars(wrapper).items())
                if key not in WRAPPER_STATE
            }
            # Each article has its own objects for its tags, category and authors (thousands
            # for a few tens of names), the same values attached (an author's bio): described
            # once for each name and values.
            same = (type(wrapper), wrapper.name, wrapper.slug)
            same += tuple(
                (key, value if isinstance(value, str) else id(value))
                for key, value in fields.items()
            )
            text = self.wrapper_texts.get(same)
            if text is None:
                fields.update(name=wrapper.name, slug=wrapper.slug)
                parts = [f"w{type(wrapper).__qualname__}"]
                self._add(fields, parts, active)
                text = self.wrapper_texts[same] = hashlib.sha256(
                    "\x1f".join(parts).encode()
                ).hexdigest()
            self.described[id(wrapper)] = text
            self.kept.append(wrapper)
        return self.described[id(wrapper)]


def text_digest(content):
    return digest_of_text(getattr(content, "_content", None))


def digest_of_text(text):
    return hashlib.sha256((text or "").encode("utf-8", "surrogatepass")).hexdigest()


def _templates_digest(settings):
    """Every template the writer may render: the theme's, its overrides, the extra paths."""
    digest = hashlib.sha256()
    folders = [os.path.join(settings.get("THEME", ""), "templates")]
    folders += settings.get("THEME_TEMPLATES_OVERRIDES", [])
    folders += settings.get("EXTRA_TEMPLATES_PATHS", [])
    for folder in folders:
        for root, subfolders, files in os.walk(folder):
            subfolders.sort()
            for name in sorted(files):
                path = os.path.join(root, name)
                digest.update(os.path.relpath(path, folder).encode())
                with open(path, "rb") as source:
                    digest.update(source.read())
    return digest.hexdigest()


def page_namespace(settings):
    parts = [
        f"pages {FORMAT}",
        namespace(settings),
        _templates_digest(settings),
        *(f"{package} {_version(package)}" for package in LIBRARIES),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


class Kept:
    """What one write made: its files' text, the contents whose text and whose other
    attributes it read, its log."""

    def __init__(self, files, texts, looks, records, siteurl_after, addresses):
        # [(path relative to the output folder, its text compressed)]: a fifth of the memory
        # and of the bytes sent back by the workers and kept on disk (40 MB of HTML for 1,000
        # articles), for a tenth of a second's compressing on a cold build.
        self.files = [
            (name, zlib.compress(text.encode("utf-8", "surrogatepass"), 1)) for name, text in files
        ]
        self.texts = texts  # [((class, source path), digest of the text)]
        self.looks = looks  # [((class, source path), attribute, digest of its value)]
        self.records = records
        self.siteurl_after = siteurl_after  # context["localsiteurl"] once written (Pelican sets it)
        # Every content's address when it was written: a text it read links to some of them.
        self.addresses = addresses

    def file_texts(self):
        """[(path relative to the output folder, text)] of the files written."""
        return [(name, unpacked(packed)) for name, packed in self.files]


def unpacked(packed):
    """A kept file's text, from its compressed bytes."""
    return zlib.decompress(packed).decode("utf-8", "surrogatepass")


class PageCache(KeptTable):
    """One build's view of the kept pages."""

    def __init__(self, settings):
        folder = settings.get(CACHE)
        self.key_base = page_namespace(settings)
        file = None
        if folder:
            file = os.path.join(os.path.abspath(folder), FOLDER, f"{self.key_base}.pickle")
        super().__init__(file, _memory, "page cache")
        self.fingerprints = Fingerprints()
        self.texts = {}  # id -> digest of the content's text, this build
        self.addresses = None  # blog_core.page_cache.PageCache._addresses, with the context
        self.attribute_digests = {}  # (id, name) -> digest, this build
        self.true_looks = set()  # (reference, name, digest) found true this build
        self.references = {}  # id -> (class, source path), this build
        # id(context) -> its digest, while one generator writes (its output may change it).
        self.context_digests = {}

    def generator_starts(self):
        """A generator's output begins: the context is described afresh when first asked."""
        self.context_digests = {}

    def digest_of_context(self, context):
        if id(context) not in self.context_digests:
            self.context_digests[id(context)] = self.context_digest(context)
        return self.context_digests[id(context)]

    def context_digest(self, context):
        """The site as the generators left it: every value of the context, each content by
        reference (its file). None when something in it cannot be described."""
        # Pelican fills these in the order of a set of file names, different in each process.
        # Settings that change no page (how many processes write them) are left out.
        context = {
            name: dict(sorted(value.items())) if name in BY_SOURCE else value
            for name, value in context.items()
            if name not in NOT_READ
        }
        try:
            digest = self.fingerprints.of(context)
            self.addresses = self._addresses()
            return digest
        except Unkeyable as reason:
            logger.debug("pages not kept this build: %s in the context", reason)
            return None

    def key(self, context_digest, call):
        """The key of one write: `call` is what it is asked with, the context left out."""
        if context_digest is None:
            return None
        try:
            call_digest = self.fingerprints.of(call)
        except Unkeyable as reason:
            logger.debug("page not kept: %s", reason)
            return None
        return hashlib.sha256(f"{self.key_base}{context_digest}{call_digest}".encode()).hexdigest()

    def text_digest_of(self, content):
        if id(content) not in self.texts:
            self.texts[id(content)] = text_digest(content)
            self.fingerprints.kept.append(content)
        return self.texts[id(content)]

    def found(self, key):
        """The kept write for `key`, if every attribute and text it read is unchanged."""
        entry = self.entries.get(key) if key is not None else None
        if entry is None or not (
            self.unchanged(entry.texts, self.text_digest_of)
            and self.looks_unchanged(entry.looks)
            and (not entry.texts or entry.addresses == self.addresses)
        ):
            return None
        self.used.add(key)
        return entry

    def _addresses(self):
        """Every content's address: a text links to others by file ({filename}), and the link
        becomes their address when the text is read (a memo after the first reading, so the
        page that reads it later would not see which contents it links to)."""
        addresses = []
        for reference, content in sorted(self.fingerprints.contents.items()):
            try:
                addresses.append(f"{reference}={content.url}={content.save_as}")
            except Exception:  # noqa: BLE001 - a content without an address links nowhere
                addresses.append(f"{reference}=-")
        return hashlib.sha256("\n".join(addresses).encode("utf-8", "surrogatepass")).hexdigest()

    def unchanged(self, digests, digest_of):
        contents = self.fingerprints.contents
        for reference, digest in digests:
            content = contents.get(reference)
            if content is None or digest_of(content) != digest:
                return False
        return True

    def attribute_digest(self, content, name):
        """The digest of one attribute of a content, as a page read it; None when it cannot be
        described."""
        memo = (id(content), name)
        if memo not in self.attribute_digests:
            try:
                digest = self.fingerprints.short(getattr(content, name))
            except AttributeError:
                digest = b"absent"  # a page that asked whether it has one
            except Exception:  # noqa: BLE001 - Unkeyable, or an attribute that fails now
                digest = None
            self.attribute_digests[memo] = digest
        return self.attribute_digests[memo]

    def looks_unchanged(self, looks):
        # A site's pages read the same few thousand attributes, each page tens of them: those
        # found true once this build are checked again by one set operation, in C.
        true_looks = self.true_looks
        if true_looks.issuperset(looks):
            return True
        contents = self.fingerprints.contents
        for look in looks:
            if look in true_looks:
                continue
            reference, name, digest = look
            content = contents.get(reference)
            if content is None or self.attribute_digest(content, name) != digest:
                return False
            true_looks.add(look)
        return True

    def reference_of(self, content):
        """(class, source path) of a content: one tuple for all the pages that read it."""
        reference = self.references.get(id(content))
        if reference is None:
            reference = self.references[id(content)] = (type(content).__name__, content.source_path)
        return reference

    def kept(self, files, noted, looked_at, records, siteurl_after):
        """What to keep of a write that read `noted`'s texts and `looked_at`'s attributes;
        None when one of them cannot be found again or described."""
        looks = []
        for (_, name), content in looked_at.items():
            if name == "_content":  # the text itself, read directly
                noted[id(content)] = content
            if name in NOT_LOOKS or name.startswith("__"):
                continue
            source = getattr(content, "source_path", None)
            value = getattr(content, name, None)
            if callable(value) and not isinstance(value, (Content, URLWrapper)):
                continue  # a method: what it reads is noted on its own
            digest = self.attribute_digest(content, name) if source else None
            if digest is None:
                return None
            looks.append((self.reference_of(content), sys.intern(name), digest))
        texts = _digests(noted, text_digest)
        if texts is None:
            return None
        return Kept(files, texts, looks, records, siteurl_after, self.addresses)

    def keep(self, key, entry):
        if key is None or entry is None:
            return
        self.entries[key] = entry
        self.used.add(key)
        self.dirty = True


def _digests(contents, digest_of):
    """[((class, source path), digest_of(content))] of `contents`; None when one has no source
    file (it could not be found again) or no digest."""
    digests = []
    for content in contents.values():
        source = getattr(content, "source_path", None)
        digest = digest_of(content) if source is not None else None
        if digest is None:
            return None
        digests.append(((type(content).__name__, source), digest))
    return digests


def _rendered_and_kept(pages, key, render):
    """render()'s text, kept under `key` with what it read; its log written as it goes."""
    with noting_reads() as (noted, looked_at), recording() as records:
        text = render()
    pages.keep(key, pages.kept([("", text)], noted, looked_at, records, None))
    return text


# Forking costs a few milliseconds: a worker is worth it for this many texts at least.
TEXTS_PER_WORKER = 10


def texts_once(pages, context, jobs, workers=1):
    """For each (call, render) of `jobs`, render()'s text, or the one it gave in an earlier
    build when the generator's `context`, `call` (what the text is made from, besides the
    context) and the texts of the contents it read are all unchanged, its log replayed; with
    `pages` None, render() itself. The texts not kept are rendered on `workers` forked
    processes when there are enough: the same texts, and the same log, in the jobs' order."""
    if _noted is not None:
        return [render() for _, render in jobs]  # part of the page being rendered
    keys = [None] * len(jobs)
    if pages is not None:
        context_digest = pages.digest_of_context(context)
        # Before any of them renders: nothing changes the lists they are made from.
        with pages.fingerprints.remembering_lists():
            keys = [pages.key(context_digest, ("text", call)) for call, _ in jobs]
    done = {}
    for index, key in enumerate(keys):
        entry = pages.found(key) if pages is not None else None
        if entry is not None:
            done[index] = (entry.file_texts()[0][1], entry.records, None, None)
    missing = [index for index in range(len(jobs)) if index not in done]

    def in_this_process():
        # In order: each kept text's log replayed, each other text rendered and kept.
        texts = []
        for index, (_, render) in enumerate(jobs):
            if index in done:
                text, records, _, _ = done[index]
                replay(records)
            elif pages is None:
                text = render()
            else:
                text = _rendered_and_kept(pages, keys[index], render)
            texts.append(text)
        return texts

    count = min(workers, len(missing) // TEXTS_PER_WORKER)
    if count < 2 or not can_fork():
        return in_this_process()

    def render_share(share):
        rendered = []
        for index in share:
            with recording(silent=True) as records:
                try:
                    with noting_reads() as (noted, looked_at):
                        text = jobs[index][1]()
                except Exception as error:  # noqa: BLE001 - raised by the parent, in order
                    rendered.append((index, None, records, None, error))
                    break
            kept = None
            if pages is not None:
                kept = pages.kept([("", text)], noted, looked_at, records, None)
            rendered.append((index, text, records, kept, None))
        return rendered

    outcomes = in_workers([missing[number::count] for number in range(count)], render_share)
    if any(isinstance(outcome, WorkerFailed) for outcome in outcomes):
        # A worker died (out of memory, killed): this process renders them all itself.
        return in_this_process()
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
        for index, text, records, kept, error in outcome:
            done[index] = (text, records, kept, error)
    texts = []
    for index in range(len(jobs)):
        text, records, kept, error = done[index]
        replay(records)
        if error is not None:
            raise error
        if pages is not None:
            pages.keep(keys[index], kept)
        texts.append(text)
    return texts


class noting_reads:
    """Note the contents a rendering reads inside: ({id: content} whose text it asked for,
    {id: content} it read any attribute of). The attribute hook is on Content only inside, so
    the rest of the build pays nothing for it."""

    def __enter__(self):
        global _noted, _looked_at
        if _noted is not None:
            raise RuntimeError("noting_reads does not nest")
        _noted, _looked_at = {}, {}
        Content.__getattribute__ = _noting_getattribute
        return _noted, _looked_at

    def __exit__(self, *exc):
        global _noted, _looked_at
        del Content.__getattribute__
        _noted = _looked_at = None
        return False
