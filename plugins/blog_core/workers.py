"""Work shared out over the machine's cores: forked processes, results sent back pickled.

Forked, not spawned: a worker starts with everything the build has in memory (settings,
plugins, the site's context), so nothing but the results crosses between processes. A worker
never prints: the log records it writes come back with its results, for the build to log in
the order a serial build would.
"""

import logging
import os
import pickle
import sys

from pelican.log import FatalLogger, FilteredMessage


class WorkerFailed(RuntimeError):
    """A worker ended without results (killed, out of memory): the build does that share itself."""


def can_fork():
    return hasattr(os, "fork")


def in_workers(shares, work):
    """[work(share) for share in shares], each share in its own forked process.

    A share whose worker raised gives back the exception (re-raised by the caller where a
    serial build would have raised it); one whose worker died gives WorkerFailed.
    """
    # What the parent has buffered would be printed once more by each child.
    sys.stdout.flush()
    sys.stderr.flush()
    children = []
    for share in shares:
        reading, writing = os.pipe()
        pid = os.fork()
        if pid == 0:
            _child(reading, writing, work, share)
        os.close(writing)
        children.append((pid, reading))
    results = []
    for pid, reading in children:
        with os.fdopen(reading, "rb") as pipe:
            payload = pipe.read()
        os.waitpid(pid, 0)
        try:
            results.append(pickle.loads(payload))
        except Exception:  # noqa: BLE001 - an empty or cut payload: the worker died
            results.append(WorkerFailed(f"worker {pid} ended without results"))
    return results


def _child(reading, writing, work, share):
    """In the forked process: do the share, send the result (or the exception), leave at once,
    without the parent's exit handlers or buffered output."""
    status = 0
    try:
        os.close(reading)
        # Every record comes back unfiltered: the parent's filters (Pelican's limit on repeated
        # messages, LOG_FILTER, the core's hiding of Pelican's echoes) judge them all, in the
        # order of a build in one process, and some of them count what they drop.
        for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
            if isinstance(logger, logging.Logger):
                logger.filters = []
        try:
            result = work(share)
        except Exception as error:  # noqa: BLE001 - sent to the parent, which raises it
            result = error
        try:
            payload = pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # noqa: BLE001 - an exception that does not pickle
            payload = pickle.dumps(WorkerFailed(repr(error)), pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(payload)
    except BaseException:  # noqa: BLE001 - whatever happens, the child must not go on
        status = 1
    os._exit(status)


# -- a worker's log, brought back ---------------------------------------------------------------


def _portable(record):
    """A log record as plain data that pickles, for replaying."""
    data = dict(record.__dict__)
    data.pop("message", None)
    data.pop("asctime", None)
    if record.exc_info:
        data["exc_text"] = logging.Formatter().formatException(record.exc_info)
    data["exc_info"] = None
    try:
        pickle.dumps(data["args"])
    except Exception:  # noqa: BLE001 - whatever an argument is, its text is enough
        data["msg"], data["args"] = record.getMessage(), ()
    return data


def replay(records):
    """Log `records` again, through the same loggers, filters and handlers, as Pelican's
    logger would log them (its FatalLogger signals a filtered record with an exception)."""
    for data in records:
        record = logging.makeLogRecord(data)
        source = logging.getLogger(record.name)
        if not source.isEnabledFor(record.levelno):
            continue
        try:
            source.handle(record)
        except FilteredMessage:
            continue
        if (
            isinstance(source, FatalLogger)
            and record.levelno >= FatalLogger.fatal_lvl
            and record.levelno != logging.CRITICAL
        ):
            raise RuntimeError("Warning or error encountered")  # `pelican --fatal`, as Pelican


class _Recorder(logging.Handler):
    def __init__(self):
        super().__init__(logging.NOTSET)
        self.records = []

    def emit(self, record):
        self.records.append(_portable(record))


class recording:
    """Keep the records logged inside; `silent`: only keep them (a worker, or a read ahead)."""

    def __init__(self, silent=False):
        self.silent = silent
        self.recorder = _Recorder()

    def __enter__(self):
        root = logging.getLogger()
        self._handlers = list(root.handlers)
        if self.silent:
            root.handlers = []
        root.addHandler(self.recorder)
        return self.recorder.records

    def __exit__(self, *exc):
        logging.getLogger().handlers = self._handlers
        return False
