"""The dev server's build process: one Python process that builds the preview on each save.

`invoke livereload` (tasks.py) starts it once and asks it for a build per save, so a build
skips starting Python and importing Pelican, the plugins and their libraries, and what the
content cache keeps in memory survives from one build to the next. Pelican's global state (its
signals, the plugins' modules) lives here, never in the server: when a plugin or the settings
change, the server starts a new process.

    python -m blog_core.dev_session EVENTS_FD [pelican's options: --settings, --output, ...]

Each line on stdin asks for one build, as JSON: {"changed": [source files], "pages": [output
names the browser shows]}. The process writes the changed files' pages and those shown first
(blog_core.writing), then the rest, and tells the server on EVENTS_FD, one JSON line each:
{"first": complete} once those pages are written (complete: all the pages shown were among
them), {"done": ok} at the end. The build's log and its one Italian line go to the terminal.

The preview is never emptied: every page is replaced whole, and after a build that read every
file the pages no build wrote any more (a renamed or deleted article) are removed. A build that
stops, or one with a file it could not read, leaves the last good pages in place.
"""

import json
import logging
import os
import sys
import traceback
from pathlib import Path

from pelican import LOG_HANDLERS, get_config, init_logging, parse_arguments, signals
from pelican.settings import read_settings

from .build import build_of
from .problems import display_path

SESSION = "dev_session"
# Touched when a build starts: what it did not write since is left from an earlier build.
STAMP = Path(".cache") / "dev-build.stamp"


def remember_context(generators):
    """Keep the build's context on it, for what the session does once the build is over."""
    build = build_of(generators[0].settings) if generators else None
    if build is not None and SESSION in build.plugin_state:
        build.plugin_state[SESSION] = generators[0].context


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
    for folder, _subfolders, files in os.walk(output, topdown=False):
        relative = os.path.relpath(folder, output)
        if any(relative == kept or relative.startswith(kept + os.sep) for kept in keep_folders):
            continue
        for name in files:
            path = os.path.join(folder, name)
            kept = os.path.normpath(os.path.join(relative, name)) in keep_files
            if not kept and os.lstat(path).st_mtime < since:
                os.unlink(path)
        if relative != "." and not os.listdir(folder):
            os.rmdir(folder)


def static_outputs(context):
    """What the build copied rather than wrote: static files keep their time when unchanged."""
    statics = [*(context.get("staticfiles") or []), *(context.get("static_content") or {}).values()]
    return {os.path.normpath(static.save_as) for static in statics if static is not None}


class Session:
    """Builds on request, each with fresh settings and a fresh Pelican, in this process."""

    def __init__(self, arguments, events):
        self.args = parse_arguments(arguments)
        self.events = events
        signals.all_generators_finalized.connect(remember_context)

    def send(self, **event):
        self.events.write(json.dumps(event) + "\n")
        self.events.flush()

    def build(self, changed=(), pages=()):
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
            site.writer_options = {
                # The server serves these files while they are replaced.
                "whole_files": True,
                "first_paths": pages,
                "first_sources": changed,
                "on_first_pages": lambda complete: self.send(first=complete),
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
        context = site.plugin_state.get(SESSION) or {}
        unread = [
            path
            for path, content in context.get("generated_content", {}).items()
            if content is None
        ]
        if not unread:
            # The theme's files are copied, keeping their time, by the static generator.
            theme = [os.path.normpath(settings["THEME_STATIC_DIR"])]
            remove_stale(site.output_path, since, theme, static_outputs(context))
        return True

    def serve(self, requests):
        for line in requests:
            request = json.loads(line)
            ok = self.build(request.get("changed", ()), request.get("pages", ()))
            self.send(done=ok)


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
