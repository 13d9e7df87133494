"""The readers' work done once: kept in `.cache/content/`, and shared out over the cores.

What a reader makes of a file (Markdown, the content policy, typogrify: most of a cold build)
depends only on the file's bytes, its path, the settings, the code and the libraries. So it is
kept, keyed by the file's SHA-256, in one pickle per *namespace* (a digest of everything else),
and in memory for the rest of the process (the dev server's builds). A hit gives back exactly
what the read returned, and replays the log records it wrote (the problems a file has are
named on every build, cached or not). Deleting `.cache/` at any time only costs time.

Files not in the cache are read first by forked workers (BUILD_WORKERS), in parallel; their
results fill the cache and Pelican's generators then read in their usual order, so the log and
the output are the same bytes as a serial build.
"""

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from importlib import metadata as package_metadata

from pelican.readers import _DISCARD
from pelican.urlwrappers import URLWrapper

from .unchanged_files import KeptWhileUnchanged
from .workers import can_fork, in_workers, recording, replay

CACHE = "BUILD_CACHE"
WORKERS = "BUILD_WORKERS"
# TYPOGRIFY as the owner set it: BlogPelican hands typogrify to the blog's reader, inside the
# cache, and turns off Pelican's own pass (after its cache, on every file of every build).
TYPOGRIFY = "BUILD_TYPOGRIFY"
# Bump when what an entry holds changes shape.
FORMAT = 1
# The libraries whose output a read carries.
LIBRARIES = ("pelican", "markdown", "typogrify", "smartypants", "nh3", "pygments", "docutils")
# Settings that cannot change what a reader returns: where the output goes, how many processes
# share the work (the bytes are the same, serial or parallel).
NOT_READ = {"OUTPUT_PATH", WORKERS}
# Namespaces kept in the folder: the development build's, the publish build's, a few more.
KEPT = 6
# Forking costs a few milliseconds: a worker is worth it for this many files at least.
FILES_PER_WORKER = 12

logger = logging.getLogger(__name__)

# {cache file: {relative path: (sha256, pickled entry)}}: what this process has loaded or read.
_memory = {}


def _stable(value):
    """A text that is the same for equal settings in any process (no ids, no dict order)."""
    if isinstance(value, dict):
        items = sorted((str(key), _stable(item)) for key, item in value.items())
        return "{" + ",".join(f"{key}:{item}" for key, item in items) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_stable(item) for item in value]
        return "[" + ",".join(sorted(items) if isinstance(value, (set, frozenset)) else items) + "]"
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    kind = type(value)
    name = getattr(value, "__qualname__", "")
    return f"<{kind.__module__}.{kind.__qualname__} {getattr(value, '__module__', '')}.{name}>"


def _version(package):
    try:
        return package_metadata.version(package)
    except package_metadata.PackageNotFoundError:
        return "-"


def _code_digest(settings):
    """The plugins' code: the readers are blog_core's, but a plugin may change what they see."""
    digest = hashlib.sha256()
    for folder in settings.get("PLUGIN_PATHS", ()):
        for root, folders, files in os.walk(folder):
            folders[:] = sorted(name for name in folders if name != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".html")):
                    path = os.path.join(root, name)
                    digest.update(path.encode())
                    with open(path, "rb") as source:
                        digest.update(source.read())
    return digest.hexdigest()


def namespace(settings):
    """The digest of everything but the file itself that a read depends on."""
    theme = os.path.join(settings.get("THEME", ""), "templates")
    templates = sorted(os.listdir(theme)) if os.path.isdir(theme) else []
    parts = [
        f"format {FORMAT}",
        sys.version,
        *(f"{package} {_version(package)}" for package in LIBRARIES),
        _code_digest(settings),
        _stable(templates),
        _stable({key: value for key, value in settings.items() if key not in NOT_READ}),
        # Problems name files relative to here, and only records the logging level lets through
        # are kept.
        os.getcwd(),
        str(logging.getLogger().getEffectiveLevel()),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _file_digest(path):
    with open(path, "rb") as source:
        return hashlib.sha256(source.read()).hexdigest()


# Each build looks up every file by its digest: the dev server's hash only the changed files.
file_digest = KeptWhileUnchanged(_file_digest)


# -- what an entry holds: the content, the metadata, the records --------------------------------


class _Wrapper:
    """A tag, category or author in a cached entry: made again with the build's own settings."""

    def __init__(self, wrapper):
        self.kind = type(wrapper)
        self.name = wrapper.name

    def thaw(self, settings, made):
        # One object for each name in a build, as Pelican's wrappers compute their slug once
        # each: 6,000 slugs for 60 names at 1,000 articles.
        key = (self.kind, self.name)
        if key not in made:
            made[key] = self.kind(self.name, settings)
        return made[key]


class _Discard:
    """Pelican's "drop this field" marker, which is compared by identity."""


def _freeze(value):
    if isinstance(value, URLWrapper):
        return _Wrapper(value)
    if value is _DISCARD:
        return _Discard()
    if isinstance(value, list):
        return [_freeze(item) for item in value]
    return value


def _thaw(value, settings, made):
    if isinstance(value, _Wrapper):
        return value.thaw(settings, made)
    if isinstance(value, _Discard):
        return _DISCARD
    if isinstance(value, list):
        return [_thaw(item, settings, made) for item in value]
    return value


# -- the cache ------------------------------------------------------------------------------------


class KeptTable:
    """A table of entries kept in one pickle file (written whole, the oldest namespaces' files
    beside it removed) and in `memory` for the rest of the process; the entries a build did not
    use are dropped when it saves. `file` None: this build's alone. `what` names it in the log."""

    # A table of pickled bytes or of plain objects: only the disk can fail to take it.
    SAVE_ERRORS = (OSError,)

    def __init__(self, file, memory, what):
        self.file, self.what = file, what
        if file:
            self.entries = memory.setdefault(file, {})
            if not self.entries:
                self.entries.update(self._load())
        else:
            self.entries = {}
        self.used = set()
        self.dirty = False

    def _load(self):
        try:
            with open(self.file, "rb") as stored:
                entries = pickle.load(stored)
        except FileNotFoundError:
            return {}
        except Exception:  # noqa: BLE001 - a damaged or foreign cache is only slower
            logger.debug("%s %s not readable: started afresh", self.what, self.file)
            return {}
        return entries if isinstance(entries, dict) else {}

    def save(self):
        """Write the entries out (atomically), and drop the oldest namespaces."""
        for gone in self.entries.keys() - self.used:
            del self.entries[gone]
            self.dirty = True
        if not (self.file and self.dirty):
            return
        folder = os.path.dirname(self.file)
        try:
            os.makedirs(folder, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as stored:
                pickle.dump(self.entries, stored, pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.file)
            self.dirty = False
            _forget_old(folder, self.file)
        except self.SAVE_ERRORS as error:
            logger.debug("%s not saved: %s", self.what, error)


class ContentCache(KeptTable):
    """One build's view of the cache: entries by path relative to content/, checked by digest."""

    def __init__(self, settings):
        self.settings = settings
        self.base = os.path.abspath(settings["PATH"])
        folder = settings.get(CACHE)
        key = namespace(settings)
        # Off: only what this build's workers read ahead, forgotten with the build.
        file = os.path.join(os.path.abspath(folder), f"{key}.pickle") if folder else None
        # The files this build read or read ahead (`used`): the others' entries (a deleted or
        # renamed file's) are dropped when it saves.
        super().__init__(file, _memory, "cache")
        self.digests = {}
        self.relatives = {}  # path -> relative to content/: asked three times a file
        self.wrappers = {}  # (class, name) -> the build's tag, category or author

    def _relative(self, path):
        if path not in self.relatives:
            self.relatives[path] = os.path.relpath(os.path.abspath(path), self.base)
        return self.relatives[path]

    def digest(self, path):
        if path not in self.digests:
            self.digests[path] = file_digest(path)
        return self.digests[path]

    def has(self, path):
        found = self.entries.get(self._relative(path))
        return found is not None and found[0] == self.digest(path)

    def get(self, path):
        """(content, metadata), its records replayed; None when not cached."""
        try:
            if not self.has(path):
                return None
        except OSError:
            return None  # the reader says what is wrong with the file
        content, metadata, records = pickle.loads(self.entries[self._relative(path)][1])
        replay(records)
        made = self.wrappers
        return content, {key: _thaw(value, self.settings, made) for key, value in metadata.items()}

    def put(self, path, digest, content, metadata, records):
        self._keep(path, digest, content, _frozen(metadata), records)

    def _keep(self, path, digest, content, frozen, records):
        if frozen.get("date_to_fix") is not None:
            return  # dated at the build: not the same tomorrow
        try:
            entry = pickle.dumps((content, frozen, records), pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - something a plugin added that cannot be kept
            return
        self.entries[self._relative(path)] = (digest, entry)
        self.used.add(self._relative(path))
        self.dirty = True

    def read(self, path, read):
        """What `read(path)` returns, from the cache when the file has not changed."""
        self.used.add(self._relative(path))
        cached = self.get(path)
        if cached is not None:
            return cached
        try:
            digest = self.digest(path)
        except OSError:
            return read(path)
        with recording() as records:
            content, metadata = read(path)
        self.put(path, digest, content, metadata, records)
        # Its tags, category and authors the build's own, as when it comes from the cache.
        return content, {
            key: _thaw(_freeze(value), self.settings, self.wrappers)
            for key, value in metadata.items()
        }

    # -- reading ahead, on every core --------------------------------------------------------------

    def read_ahead(self, paths, read, workers, derive=None):
        """Fill the cache for `paths` not in it, `workers` forked processes sharing them.
        `derive`: a pair of functions, the first called in the worker with each file's
        (content, metadata), the second here with what the first returned (work on the text
        that the build would do here, one file after the other)."""
        missing = []
        for path in paths:
            try:
                if not self.has(path):
                    missing.append((path, self.digest(path)))
            except OSError:
                continue
        workers = min(workers, len(missing) // FILES_PER_WORKER)
        if workers < 2 or not can_fork():
            return 0
        shares = [missing[number::workers] for number in range(workers)]
        work_out, take = derive or (None, None)
        for results in in_workers(shares, lambda share: _read_share(share, read, work_out)):
            if isinstance(results, list):  # else the build reads that share itself
                for path, digest, content, frozen, records, derived in results:
                    self._keep(path, digest, content, frozen, records)
                    if derived is not None:
                        take(derived)
        return len(missing)


def _frozen(metadata):
    return {key: _freeze(value) for key, value in metadata.items()}


def _read_share(files, read, work_out=None):
    """In a worker: each (path, digest) read silently, as (path, digest, content, frozen
    metadata, records, what work_out(content, metadata) gave); frozen, as the tags' settings
    would not cross between processes."""
    results = []
    for path, digest in files:
        try:
            with recording(silent=True) as records:
                content, metadata = read(path)
        except Exception:  # noqa: BLE001 - the build reads it again itself and says what is wrong
            continue
        derived = None
        if work_out is not None:
            try:
                derived = work_out(content, metadata)
            except Exception:  # noqa: BLE001 - the build does that work itself
                derived = None
        results.append((path, digest, content, _frozen(metadata), records, derived))
    return results


def _forget_old(folder, current):
    """Keep the KEPT most recently written namespaces; others' files are removed."""
    try:
        stored = [
            entry
            for entry in os.scandir(folder)
            if entry.name.endswith((".pickle", ".tmp")) and entry.path != current
        ]
        stored.sort(key=lambda entry: entry.stat().st_mtime, reverse=True)
        for entry in stored[KEPT - 1 :]:
            os.remove(entry.path)
    except OSError:
        pass  # another build is tidying too
