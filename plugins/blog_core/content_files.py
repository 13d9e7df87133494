"""Only files really inside content/ are read or copied: no symbolic links, no `../` way out.

Pelican walks content/ following symbolic links, and copies whatever a `{static}` link names,
even `{static}../../pelicanconf.py`: a link to a private key or a folder elsewhere on the
machine would be published with no message. BlogPelican gives every generator (Pelican's and
the plugins') this mixin, so the files it lists and the static files it copies are only those
whose every part, from content/ down, is a real file or folder of content/.
"""

import functools
import os
import re

from blinker import signal

from .problems import report_problem

# Sent with the settings before the files are read on every core: a receiver returns (work,
# learn) to have work(content, metadata) done in the process that reads each file, and
# learn(what work returned) here, for what it would otherwise work out from every text here
# once the files are read.
work_on_read = signal("blog_core.work_on_read")

SYMLINK = (
    "è un collegamento simbolico (a {target}): il sito non legge né pubblica collegamenti, che "
    "possono portare a file fuori da content/. Al suo posto copia qui il file vero."
)
UNREAD = (
    "non viene letto: il sito legge solo i file che finiscono in {extensions}, in minuscolo. "
    "Rinominalo in «{better}»."
)
# What an author saves an article as by mistake: a different case, a second extension.
DOCUMENT = re.compile(r"\.(md|markdown|mkd|mdown|txt|html?|rst|docx?|odt|rtf)$", re.IGNORECASE)
ACTIVE_SVG = (
    "è un'immagine SVG che contiene codice ({found}): aperta da sola nel browser lo "
    "eseguirebbe, quindi non viene pubblicata. Esportala di nuovo senza script, o usa un PNG."
)
# What makes an SVG file a program when opened on its own: scripts, handlers, embedded HTML.
SVG_CODE = re.compile(r"<script|<foreignobject|\son\w+\s*=|javascript:", re.IGNORECASE)
OUTSIDE = (
    "«{link}» porta fuori da content/: il sito pubblica solo i file di content/. Copia il file "
    "in content/images/ e collegalo da lì."
)


def symlink_in(base, relative):
    """The first symbolic link on the way from `base` to `base/relative`, or None."""
    path = base
    for part in relative.replace(os.sep, "/").split("/"):
        if part in ("", "."):
            continue
        path = os.path.join(path, part)
        if os.path.islink(path):
            return path
    return None


def outside(root, relative):
    """Whether `relative` (from the resolved content/ folder `root`) names a place outside it."""
    target = os.path.normpath(os.path.join(root, relative))
    return os.path.commonpath([root, target]) != root


class ContentFilesOnly:
    """Mixed into a generator: its files and static links are only content/'s own."""

    @functools.cached_property
    def _root(self):
        return os.path.realpath(self.path)

    def _refused(self, relative, reported):
        link = symlink_in(self.path, relative)
        if link is None:
            return outside(self._root, relative) or self._active_svg(relative, reported)
        if link not in reported:
            reported.add(link)
            message = SYMLINK.format(target=os.readlink(link))
            # Pelican's "Unable to find" for a link to it says less.
            report_problem(self.settings, link, message, hides=(relative, "/" + relative))
        return True

    def _active_svg(self, relative, reported):
        if not relative.lower().endswith(".svg"):
            return False
        path = os.path.join(self.path, relative)
        try:
            with open(path, encoding="utf-8", errors="replace") as image:
                found = SVG_CODE.search(image.read())
        except OSError:
            return False
        if found and path not in reported:
            reported.add(path)
            message = ACTIVE_SVG.format(found=found[0].strip())
            report_problem(self.settings, path, message, hides=(relative, "/" + relative))
        return bool(found)

    def _reported(self):
        from .build import once_per_build  # build imports this module

        # What the build has named already: each symbolic link or file once, whichever
        # generator meets it first.
        return once_per_build(self.settings, "blog_core.symlinks", lambda settings: set())

    def get_files(self, paths, exclude=None, extensions=None):
        files = super().get_files(paths, exclude=exclude, extensions=extensions)
        reported = self._reported()
        if extensions is None:  # the generator's own content, read by Pelican's readers
            self._name_unread(super().get_files(paths, exclude=exclude, extensions=False), files)
        return {relative for relative in files if not self._refused(relative, reported)}

    def _name_unread(self, everything, read):
        """A document Pelican would skip in silence (`.MD`, `.md.txt`): named, with the fix."""
        reported = self._reported()
        readable = sorted(set(self.readers.extensions) - {"static"})
        static = [folder.rstrip("/") + "/" for folder in self.settings.get("STATIC_PATHS", ())]
        for relative in sorted(everything - read):
            name = os.path.basename(relative)
            if name.startswith(".") or not DOCUMENT.search(name) or relative in reported:
                continue
            if any(relative.startswith(folder) for folder in static):
                continue
            reported.add(relative)
            stem = DOCUMENT.sub("", name)
            stem = DOCUMENT.sub("", stem) if DOCUMENT.search(stem) else stem
            message = UNREAD.format(
                extensions=", ".join(f".{extension}" for extension in readable),
                better=f"{stem}.md",
            )
            report_problem(self.settings, os.path.join(self.path, relative), message)

    def add_static_links(self, content):
        # Pelican's search for {static} and {attach} links runs a regular expression over
        # every text (65 ms a build at 1,000 articles); a link names its kind in the text.
        text = getattr(content, "_content", None)
        if isinstance(text, str) and "static" not in text and "attach" not in text:
            return
        super().add_static_links(content)

    def generate_context(self):
        links = self.context.get("static_links")
        if isinstance(links, set):
            reported = self._reported()
            for link in [link for link in links if self._refused(link, reported)]:
                # link_checks names the article with its line; the file is never copied.
                links.discard(link)
        super().generate_context()

    def readable_files(self):
        """Every file under content/ a reader reads, but those this mixin refuses: found
        without a word (the generators name the refused ones when they meet them)."""
        extensions = tuple(extension for extension in self.readers.extensions)
        files = super().get_files([""], extensions=extensions)
        return sorted(
            relative
            for relative in files
            if symlink_in(self.path, relative) is None and not outside(self._root, relative)
        )


class ReadAhead:
    """Mixed into a generator: before the first generator reads, the files not in the content
    cache are read on every core."""

    def generate_context(self):
        from .build import once_per_build  # build imports this module

        once_per_build(self.settings, "blog_core.read_ahead", lambda settings: self.read_ahead())
        super().generate_context()

    def read_ahead(self):
        from .build import content_cache
        from .content_cache import WORKERS

        cache = content_cache(self.settings)
        if cache is None:
            return 0
        readers = self.readers.readers
        paths = {}
        for relative in self.readable_files():
            reader = readers.get(os.path.splitext(relative)[1].lstrip("."))
            if hasattr(reader, "read_fresh"):
                paths[os.path.join(self.path, relative)] = reader.read_fresh
        from .parsed import facts_read_ahead, learn_facts

        # What the plugins work out from each text (its links and words; related_articles' word
        # counts), done on every core too rather than here once the files are read.
        works = [(facts_read_ahead, learn_facts)]
        works += [work for _, work in work_on_read.send(self.settings) if work]

        def work_out(content, metadata):
            return [work(content, metadata) for work, _ in works]

        def take(results):
            for (_, learn), result in zip(works, results, strict=True):
                learn(result)

        return cache.read_ahead(
            list(paths),
            lambda path: paths[path](path),
            self.settings[WORKERS],
            derive=(work_out, take),
        )


_contained = {}


def contained(generator_class):
    """`generator_class` with ContentFilesOnly and ReadAhead mixed in (one subclass per class)."""
    if generator_class not in _contained:
        _contained[generator_class] = type(
            generator_class.__name__, (ContentFilesOnly, ReadAhead, generator_class), {}
        )
    return _contained[generator_class]
