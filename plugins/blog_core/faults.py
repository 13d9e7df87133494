"""Faults of the machine, not of the content: a full disk, a read-only one, no permission.

One Italian line that names the fault and what to do, for the build (BlogPelican) and for
`invoke publish`; never a traceback. `invoke publish` runs the build with PUBLISH_FAULT_NOTE in
the environment, the sentence saying what happened to output/, so the author reads one line.
"""

import errno
import os
import sys

from .problems import display_path

FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
READ_ONLY = {errno.EROFS}
NOT_ALLOWED = {errno.EACCES, errno.EPERM}
# What a disk or a volume can do to a write; any other OSError is a bug to see in full.
MACHINE_FAULTS = FULL | READ_ONLY | NOT_ALLOWED | {errno.EIO}
# The exit code of a build stopped by one: `invoke publish` then adds no line of its own.
FAULT_EXIT = 74  # EX_IOERR in sysexits.h
NOTE = "PUBLISH_FAULT_NOTE"


def is_machine_fault(error):
    return isinstance(error, OSError) and error.errno in MACHINE_FAULTS


def fault_message(error, where=None):
    """One Italian sentence for a machine fault on `where` (else the file the error names)."""
    if where is None:
        where = display_path(error.filename) if error.filename else "il sito"
    if error.errno in FULL:
        return f"Spazio su disco esaurito mentre scrivevo {where}: libera spazio e rilancia."
    if error.errno in READ_ONLY:
        return (
            f"{where} è su un disco in sola lettura: rendilo scrivibile (un volume di un "
            "container va montato senza :ro) e rilancia."
        )
    if error.errno in NOT_ALLOWED:
        return (
            f"Non ho il permesso di scrivere {where}: dai il permesso di scrittura a chi "
            "pubblica e rilancia."
        )
    return (
        f"Errore del disco mentre scrivevo {where} ({os.strerror(error.errno)}): controlla il "
        "disco e rilancia."
    )


def stop_for_fault(error, output_path):
    """End the build process with the one line and FAULT_EXIT."""
    # A write that fails when the buffer is flushed names no file: then the site folder.
    where = None if error.filename else f"il sito in {display_path(output_path)}/"
    line = " ".join(filter(None, [fault_message(error, where), os.environ.get(NOTE)]))
    print(line, file=sys.stderr, flush=True)
    raise SystemExit(FAULT_EXIT)
