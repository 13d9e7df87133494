"""Every mistake reported the same way, and one stop after the last check.

Plugins call `report_problem()` for an author's mistake: one line, `file:line: message`, a
WARNING in development (the site is still built and served) and an ERROR with
BUILD_PROBLEMS_STRICT (the publish build). While a build runs, its BuildProblems collects the
errors anything logs, Pelican's own included; in a strict build BlogPelican then stops once,
after the last check, with exit 1 and the list. So one plugin's problem never hides another's.
"""

import logging
import os

from .headers import NOT_UTF8, header_line, read_source

logger = logging.getLogger("blog_core")

STRICT = "BUILD_PROBLEMS_STRICT"
# Attributes a record of ours carries, for the build's collector.
PROBLEM = "blog_core_problem"
HIDES = "blog_core_hides"
# Where Pelican logs its own, vaguer line about a file a check has explained.
PELICAN_LOGGERS = ("pelican.contents", "pelican.generators", "pelican.readers")


class BuildStopped(SystemExit):
    """The one way a build stops: a SystemExit, so authors get the message, not a traceback."""


class SettingError(ValueError):
    """A setting with a value that cannot work; the message names the setting."""

    def __init__(self, setting, message):
        super().__init__(f"{setting} {message}")
        self.setting = setting


def is_strict(settings):
    return settings.get(STRICT, False) is True


def display_path(path):
    """A path as an author would look for it: relative to the project when inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def where(path, line=None):
    """`content/x.md:8`, or the path alone when no line is known."""
    return display_path(path) if line is None else f"{display_path(path)}:{line}"


def _log(level, path, message, line, fields, hides, problem):
    if path is not None and line is None and fields:
        line = header_line(path, *fields)
    extra = {PROBLEM: problem, HIDES: tuple(str(name) for name in hides)}
    if path is None:
        logger.log(level, "%s", message, extra=extra)
    else:
        logger.log(level, "%s: %s", where(path, line), message, extra=extra)


def report_problem(settings, path, message, *, line=None, fields=(), hides=()):
    """Log an author's mistake as `path:line: message`: an error when strict, else a warning.

    The line is found from the header `fields` when not given; without a path (a problem in
    the settings) the message stands alone. `hides` names paths or targets whose vaguer
    Pelican message this one replaces.
    """
    level = logging.ERROR if is_strict(settings) else logging.WARNING
    _log(level, path, message, line, fields, hides, problem=True)


def notice(path, message, *, line=None, fields=(), hides=()):
    """Tell the author something worth knowing that is not a mistake: never stops a build."""
    _log(logging.WARNING, path, message, line, fields, hides, problem=False)


def stop_message(messages):
    """The last thing a strict build prints: the count, then each problem on a line of its own.

    The log above wraps long lines to the terminal; this list keeps `file:line: message` whole,
    ready to copy or to open in an editor.
    """
    if len(messages) == 1:
        heading = "Pubblicazione fermata: c'è un problema da correggere:"
    else:
        heading = f"Pubblicazione fermata: ci sono {len(messages)} problemi da correggere:"
    return "\n".join([heading, *(f"  {message}" for message in messages)])


def build_summary(seconds, count, strict=False):
    """The one line a build ends with, in place of Pelican's English "Done: Processed …": how
    long it took (with a decimal comma) and, in development, how many problems the log above
    describes. A strict build with problems ends with stop_message instead."""
    took = f"{seconds:.1f}".replace(".", ",")
    if strict:
        return f"Sito costruito in {took} s"
    if count == 0:
        problems = "nessun problema"
    elif count == 1:
        problems = "1 problema da correggere, vedi sopra"
    else:
        problems = f"{count} problemi da correggere, vedi sopra"
    return f"Sito aggiornato in {took} s: {problems}"


class _HideEchoes(logging.Filter):
    """Hides Pelican's own line about something a check has explained already.

    Pelican's lines are vaguer ("Could not process articles/x.md", "Unable to find …"); the
    author needs only the one that says what to fix, and a strict build counts each mistake once.
    """

    def __init__(self, hidden):
        super().__init__()
        self.hidden = hidden

    def filter(self, record):
        if record.levelno < logging.WARNING or not isinstance(record.args, tuple):
            return True
        return {str(arg) for arg in record.args}.isdisjoint(self.hidden)


class BuildProblems(logging.Handler):
    """One build's problems: the errors logged while it runs and the problems reported."""

    def __init__(self, strict):
        super().__init__(level=logging.WARNING)
        self.strict = strict
        self.errors = []
        self.reported = 0
        self.hidden = set()
        self.echoes = _HideEchoes(self.hidden)
        self._printer = None

    def emit(self, record):
        self.hidden.update(getattr(record, HIDES, ()))
        if getattr(record, PROBLEM, False):
            self.reported += 1
        if record.levelno >= logging.ERROR:
            self.errors.append(record.getMessage())

    def listen(self):
        """Start collecting: before the plugins' `initialized`, until the build is over."""
        root = logging.getLogger()
        for handler in list(root.handlers):
            if isinstance(handler, BuildProblems):
                handler.stop_listening()  # an earlier build in this process that never ended
        if not root.handlers:
            # `pelican --log-handler plain` leaves the root without a handler, and Python's
            # last-resort printer steps aside once ours is attached: print one plain line each.
            self._printer = logging.StreamHandler()
            self._printer.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
            root.addHandler(self._printer)
        root.addHandler(self)
        if self.strict and root.level > logging.ERROR:
            # `pelican --quiet` would hide, and so never count, the errors that stop the build.
            root.setLevel(logging.ERROR)
        for name in PELICAN_LOGGERS:
            logging.getLogger(name).addFilter(self.echoes)

    def stop_listening(self):
        root = logging.getLogger()
        root.removeHandler(self)
        if self._printer is not None:
            root.removeHandler(self._printer)
            self._printer = None
        for name in PELICAN_LOGGERS:
            logging.getLogger(name).removeFilter(self.echoes)

    def finish(self, seconds):
        """The end of a build: stop a strict one with problems, else the build's one line."""
        self.stop_listening()
        if self.strict and self.errors:
            raise BuildStopped(stop_message(self.errors))
        return build_summary(seconds, self.reported, self.strict)


def read_content_file(settings, path):
    """A content file's text as Pelican reads it, or None once a file saved in another
    encoding has been named with its first line that is not UTF-8."""
    text, bad_line = read_source(path)
    if text is None:
        report_problem(settings, path, NOT_UTF8, line=bad_line)
    return text
