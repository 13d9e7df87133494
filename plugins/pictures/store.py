"""Derivatives kept in `.cache/pictures/`, outside the output, and linked into the output.

A derivative's file is named by its key (the source's SHA-256, its width, format and quality,
Pillow's version: images.Derivative.key), so a changed photo or setting simply makes new files
and an unchanged one is never encoded again, whichever output folder a build writes (the
preview's, the publish build's staging folder, emptied by DELETE_OUTPUT_DIRECTORY). The facts of
each source (digest, format, size as shown) are kept too, by the file's path, times, size and
inode, so a build with nothing new neither reads nor hashes its images. What a build did not
use is removed when it ends. Deleting the folder at any time only costs time.
"""

import contextlib
import json
import logging
import os
import shutil
import tempfile
import time

import PIL

from blog_core import unchanged_files
from blog_core.unchanged_files import signature
from blog_core.workers import can_fork, in_workers

from .images import UNREADABLE, ImageFacts

logger = logging.getLogger(__name__)

FACTS_FILE = "facts.json"
# Bump when what the folder holds changes shape.
FORMAT = 2

# How many derivatives this process (and the workers it forked) encoded: what the tests count.
encoded = 0
# Forking costs a few milliseconds, a derivative tens to hundreds: a worker is worth it for a
# few derivatives already.
DERIVATIVES_PER_WORKER = 4


class NotEncoded(Exception):
    """A source Pillow could read the size of but not decode (a truncated file)."""

    def __init__(self, source_path):
        super().__init__(source_path)
        self.source_path = source_path


class PictureStore:
    """One build's derivatives: made when missing, published by a link, the rest pruned."""

    def __init__(self, folder):
        # Without a cache folder (BUILD_CACHE = None) the derivatives live in a folder of the
        # build's own, removed when it ends.
        self.temporary = folder is None
        self._folder = folder
        # Another build may share the folder (two tests, a build beside the dev server): what
        # it wrote or published since this one began is not this build's to remove.
        self.started = time.time()
        self.used = {FACTS_FILE}
        self.facts = {}
        self.stored_facts = self._load_facts()

    @property
    def folder(self):
        if self._folder is None:
            self._folder = tempfile.mkdtemp(prefix="pictures-")
        return self._folder

    def _load_facts(self):
        if self.temporary:
            return {}
        try:
            with open(os.path.join(self.folder, FACTS_FILE), encoding="utf-8") as stored:
                kept = json.load(stored)
        except (OSError, ValueError):
            return {}
        if not isinstance(kept, dict) or kept.get("format") != [FORMAT, PIL.__version__]:
            return {}
        return kept.get("files", {})

    def facts_of(self, path, read):
        """The ImageFacts of `path`: kept ones while its times, size and inode are unchanged,
        else read(path) (which raises for a file that is not an image)."""
        stamp = list(signature(path))
        kept = self.stored_facts.get(path)
        facts = ImageFacts(*kept[1]) if kept and kept[0] == stamp else read(path)
        # A photo saved a moment ago may be saved again with the same times (blog_core's
        # unchanged_files): its facts are read again next time.
        if time.time_ns() - max(stamp[0], stamp[1]) > unchanged_files.SETTLED_NS:
            self.facts[path] = [
                stamp,
                [facts.digest, facts.size, facts.format, facts.width, facts.height],
            ]
        return facts

    def file_for(self, digest, derivative):
        return os.path.join(self.folder, self._relative(digest, derivative))

    def _relative(self, digest, derivative):
        name = derivative.key(digest, PIL.__version__) + derivative.extension
        return os.path.join(name[:2], name)

    def ensure(self, source_path, digest, derivative):
        """The cached file of `derivative` of `source_path` (None for a drawn share card),
        made now if missing."""
        global encoded
        relative = self._relative(digest, derivative)
        stored = os.path.join(self.folder, relative)
        self.used.add(relative)
        if os.path.isfile(stored):
            return stored
        try:
            data = derivative.make(source_path)
        except UNREADABLE as error:
            raise NotEncoded(source_path) from error
        encoded += 1
        os.makedirs(os.path.dirname(stored), exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(stored), suffix=".tmp")
        with os.fdopen(handle, "wb") as target:
            target.write(data)
        # Published as it is (a link): readable by the web server, as the pages are.
        os.chmod(temporary, 0o644)
        os.replace(temporary, stored)
        return stored

    def encode_missing(self, jobs, workers):
        """Encode the derivatives of `jobs` ([(source path, digest, Derivative)]) not in the
        folder yet on `workers` forked processes, when there are enough for them; each writes
        its files whole, as ensure() does. The rest (few, or one core) is left to ensure()."""
        global encoded
        missing = {}
        for source_path, digest, derivative in jobs:
            stored = self.file_for(digest, derivative)
            if stored not in missing and not os.path.isfile(stored):
                missing[stored] = (source_path, digest, derivative)
        # By source: a photo's sizes in one worker, its file read from the OS's cache after the
        # first; never more workers than photos. A share card (no source) is a source of its own.
        ordered = sorted(missing.values(), key=lambda job: (_source(job), job[2].width))
        sources = sorted({_source(job) for job in ordered})
        count = min(workers, len(ordered) // DERIVATIVES_PER_WORKER, len(sources))
        if count < 2 or not can_fork():
            return
        parts = [set(sources[number::count]) for number in range(count)]
        work = [[job for job in ordered if _source(job) in part] for part in parts]
        for done in in_workers(work, self._encode_share):
            if isinstance(done, int):  # else ensure() encodes that share here
                encoded += done

    def _encode_share(self, jobs):
        """In a worker: each job's derivative encoded into the folder; how many were."""
        before = encoded
        for job in jobs:
            with contextlib.suppress(NotEncoded):  # named by the build, when ensure() tries it
                self.ensure(*job)
        return encoded - before

    def finish(self):
        """The build is over: its facts kept, whatever it did not use removed."""
        if self.temporary:
            if self._folder is not None:
                shutil.rmtree(self._folder, ignore_errors=True)
                self._folder = None
            return
        try:
            os.makedirs(self.folder, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as target:
                json.dump({"format": [FORMAT, PIL.__version__], "files": self.facts}, target)
            os.replace(temporary, os.path.join(self.folder, FACTS_FILE))
        except OSError as error:
            logger.debug("pictures: facts not saved: %s", error)
        # The folder's two levels (file_for's), by name: a dev server's build after each save
        # walks thousands of files (a share card for each article).
        for entry in _entries(self.folder):
            if entry.is_dir(follow_symlinks=False):
                for inner in _entries(entry.path):
                    self._remove_unused(os.path.join(entry.name, inner.name), inner.path)
            else:
                self._remove_unused(entry.name, entry.path)

    def _remove_unused(self, relative, path):
        if relative in self.used:
            return
        with contextlib.suppress(OSError):  # another build is tidying too
            if os.stat(path).st_mtime < self.started:
                os.remove(path)


def _entries(folder):
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


def _source(job):
    """What a job is made from: its source file, or a drawn card's digest."""
    return job[0] or job[1]


def publish(stored, target):
    """Put the cached file `stored` at `target` in the output: a hard link when the disk
    allows, else a copy; never by writing into an existing file (it may be a link to the
    cache)."""
    with contextlib.suppress(FileNotFoundError):
        if os.path.samestat(os.stat(stored), os.stat(target)):
            # Published there by an earlier build (the dev server's): only its time, as below.
            os.utime(target)
            return
    os.makedirs(os.path.dirname(target), exist_ok=True)
    temporary = f"{target}.{os.getpid()}.tmp"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)  # left by a build that stopped half-way
    try:
        try:
            os.link(stored, temporary)
        except OSError:
            shutil.copyfile(stored, temporary)
        os.chmod(temporary, 0o644)  # readable by the web server, as the pages are
        # Written by this build, as far as its time says: the dev server removes from the
        # preview what a build did not write (a link keeps the time the file was encoded).
        os.utime(temporary)
        # Onto a link to the same file (the dev server's next build) rename does nothing and
        # leaves the temporary name: it goes below.
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
