"""Build problems: every mistake reported the same way, and one stop after the last check.

Plugins call `report_problem()` for an author's mistake: one line, `file:line: message`, a
WARNING in development (the site is still built and served) and an ERROR with
BUILD_PROBLEMS_STRICT (the publish build). This plugin collects the errors anything in the
build logs, Pelican's own included, and in a strict build stops after the last check with
exit 1 and the list of them. So the first plugin to find a mistake never hides the others'.
"""

import logging
import os

from pelican import signals

logger = logging.getLogger(__name__)

BUILD_PROBLEMS_DEFAULTS = {"BUILD_PROBLEMS_STRICT": False}


class BuildStopped(SystemExit):
    """A SystemExit, not an Exception: Pelican prints a traceback for a plugin's exceptions."""


class ErrorCollector(logging.Handler):
    """Keeps the ERROR lines of a build for the final list; the console still prints them."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


errors = ErrorCollector()


class HideEchoes(logging.Filter):
    """Hides Pelican's own line about something a plugin has explained already.

    Pelican's lines are vaguer ("Could not process articles/x.md", "Unable to find …"); the
    author needs only the one that says what to fix, and a strict build counts each mistake once.
    """

    def __init__(self):
        super().__init__()
        self.explained = set()

    def filter(self, record):
        args = record.args if isinstance(record.args, tuple) else ()
        # Pelican names a file by its path, relative or absolute, or by the content itself.
        named = {str(arg) for arg in args}
        echo = record.levelno >= logging.WARNING and not named.isdisjoint(self.explained)
        return not echo


echoes = HideEchoes()
PELICAN_LOGGERS = ("pelican.contents", "pelican.generators", "pelican.readers")


# What report_problem() said in this build, for the development build's closing line.
reported = []


def explain(*names):
    """Hide Pelican's own messages naming any of `names` (paths, link targets) in this build."""
    echoes.explained.update(str(name) for name in names)


def display_path(path):
    """A path as an author would look for it: relative to the project when inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


NOT_UTF8 = (
    "il file non è salvato in UTF-8, quindi le lettere accentate non si leggono (la prima è "
    "in questa riga): salvalo di nuovo scegliendo la codifica UTF-8 (in molti editor: "
    "Salva con nome → Codifica → UTF-8)."
)


def read_source(path):
    """(text, None) as Pelican reads a content file: UTF-8, a leading BOM dropped.

    For a file saved in another encoding (Windows' ANSI, Latin-1): (None, the line of the
    first character that is not UTF-8), to name it instead of stopping with a traceback.
    """
    with open(path, "rb") as source:
        data = source.read()
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        return None, data[: error.start].count(b"\n") + 1


def field_line(text, *fields):
    """The line of the first header field named one of `fields`, else 1 (the header's top)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            break
        if line.split(":", 1)[0].strip().lower() in fields:
            return number
    return 1


def header_line(path, *fields):
    """field_line() of a file, read as Pelican reads it."""
    return field_line(read_source(path)[0] or "", *fields)


def report_problem(settings, path, message, *, line=None, fields=()):
    """Log an author's mistake as `path:line: message`, the line found from `fields` if not given.

    Without a path (a problem in the settings) the message stands alone.
    """
    report = logger.error if settings.get("BUILD_PROBLEMS_STRICT", False) else logger.warning
    reported.append(message)
    if path is None:
        report("%s", message)
        return
    if line is None and fields:
        line = header_line(path, *fields)
    if line is None:
        report("%s: %s", display_path(path), message)
    else:
        report("%s:%d: %s", display_path(path), line, message)


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


def development_summary(count):
    """The last line of a development build with problems: the site is there, publishing is not."""
    if count == 1:
        what = "C'è un problema da correggere, descritto"
    else:
        what = f"Ci sono {count} problemi da correggere, descritti"
    return (
        f"{what} sopra: il sito si vede lo stesso, ma la pubblicazione si fermerebbe "
        "(.venv/bin/invoke check li elenca)."
    )


def start(pelican):
    settings = pelican.settings
    for name, default in BUILD_PROBLEMS_DEFAULTS.items():
        settings.setdefault(name, default)
    if not isinstance(settings["BUILD_PROBLEMS_STRICT"], bool):
        value = settings["BUILD_PROBLEMS_STRICT"]
        raise ValueError(f"BUILD_PROBLEMS_STRICT deve essere True o False, non {value!r}")
    errors.messages.clear()
    echoes.explained.clear()
    reported.clear()
    root = logging.getLogger()
    if not [handler for handler in root.handlers if handler is not errors]:
        # `pelican --log-handler plain` leaves the root without a handler, and Python's
        # last-resort printer steps aside once ours is attached: print one plain line each.
        plain = logging.StreamHandler()
        plain.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        root.addHandler(plain)
    if errors not in root.handlers:
        root.addHandler(errors)
    if settings["BUILD_PROBLEMS_STRICT"] and root.level > logging.ERROR:
        # `pelican --quiet` would hide, and so never count, the errors that stop the build.
        root.setLevel(logging.ERROR)
    # Connected now, after every plugin's register(), and moved to the end if an earlier build
    # in this process connected it: the stop must come after every other check.
    signals.finalized.disconnect(stop_if_errors)
    signals.finalized.connect(stop_if_errors)


def stop_if_errors(pelican):
    if pelican.settings["BUILD_PROBLEMS_STRICT"]:
        if errors.messages:
            raise BuildStopped(stop_message(errors.messages))
    elif reported:
        logger.warning("%s", development_summary(len(reported)))


def register():
    for name in PELICAN_LOGGERS:
        logging.getLogger(name).addFilter(echoes)
    signals.initialized.connect(start)
