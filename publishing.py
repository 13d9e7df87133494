"""Publishing that cannot break the live site: build aside, check the result, swap it in.

`invoke publish` builds into a staging folder next to output/, checks what it built with the
core's checker (blog_core.site_check: links, feeds, sitemap, the Nu Html Checker), and only
then exchanges staging and output/ in one filesystem operation (for a mount point, which cannot
be renamed, entry by entry). A build, a check or a swap that fails, a full or read-only disk,
Ctrl+C: each leaves output/ exactly as it was. `invoke publish --upload` then mirrors output/ to
another host with rsync.
"""

import ctypes
import errno
import os
import shutil
import signal
from contextlib import contextmanager, suppress
from pathlib import Path

# Where a mount point's new contents wait, inside the mount (the same filesystem) until the
# exchange; hidden, and removed by the next publish if a crash left it.
INCOMING = ".publish-incoming"
PROBE = ".publish-probe"
# renameat2 cannot exchange here (another OS, a filesystem without RENAME_EXCHANGE).
UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP}


def exchange(first, second):
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False when unsupported.

    Any other failure (EBUSY for a mount point, EXDEV across filesystems, EROFS) is an OSError,
    and then nothing has moved.
    """
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except AttributeError:
        return False
    at_current_directory, rename_exchange = -100, 2
    result = renameat2(
        at_current_directory,
        os.fsencode(first),
        at_current_directory,
        os.fsencode(second),
        rename_exchange,
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(second))


def swap_into_place(staging, output):
    """Make `staging` the new `output`; on any failure, Ctrl+C included, `output` is as before.

    A mount point (a container volume) cannot be renamed: its contents are exchanged instead.
    """
    staging, output = Path(staging), Path(output)
    if output.is_dir() and os.path.ismount(output):
        exchange_contents(staging, output)
        return
    try:
        if output.exists() and exchange(staging, output):
            shutil.rmtree(staging, ignore_errors=True)
            return
    except OSError as error:
        if error.errno not in (errno.EBUSY, errno.EXDEV):
            raise
        # A mount point os.path.ismount missed (a bind mount of a folder of the same disk).
        exchange_contents(staging, output)
        return
    # No atomic exchange here (another OS or filesystem): the gap is two renames long.
    previous = output.with_name(output.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if output.exists():
        output.rename(previous)
    try:
        staging.rename(output)
    except BaseException:
        if previous.exists():
            previous.rename(output)
        raise
    shutil.rmtree(previous, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)


def exchange_contents(staging, output):
    """Put the contents of `staging` into the folder `output` without renaming `output`.

    The new site is first copied into output/.publish-incoming (on the mount's own disk, so a
    full volume fails there, before any file of the site changes); then each top-level entry
    is exchanged with the old one in one step, and the old entries are moved aside. A failure
    or Ctrl+C at any point puts every entry back: output/ ends with the old site or the new,
    whole. Readers may see old and new entries side by side for those few renames.
    """
    incoming = output / INCOMING
    shutil.rmtree(incoming, ignore_errors=True)
    try:
        copy_tree(staging, incoming)
    except BaseException:
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    new_names = sorted(entry.name for entry in incoming.iterdir())
    old_names = {entry.name for entry in output.iterdir()} - {INCOMING}
    retired = incoming / ".publish-old"
    done = []  # (how, name), undone in reverse order on failure
    try:
        for name in new_names:
            if name in old_names:
                if not exchange(incoming / name, output / name):
                    # No RENAME_EXCHANGE: the old entry aside first, then the new one in.
                    retired.mkdir(exist_ok=True)
                    (output / name).rename(retired / name)
                    done.append(("retired", name))
                    (incoming / name).rename(output / name)
                    done.append(("added", name))
                    continue
                done.append(("exchanged", name))
            else:
                (incoming / name).rename(output / name)
                done.append(("added", name))
        retired.mkdir(exist_ok=True)
        for name in sorted(old_names - set(new_names)):
            (output / name).rename(retired / name)
            done.append(("retired", name))
    except BaseException:
        for how, name in reversed(done):
            # Each undo on its own: one that fails must not keep the others from running.
            with suppress(OSError):
                if how == "exchanged":
                    exchange(incoming / name, output / name)
                elif how == "added":
                    (output / name).rename(incoming / name)
                else:
                    (retired / name).rename(output / name)
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    shutil.rmtree(incoming, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)


def copy_tree(source, destination):
    """Copy a folder, stopping at the first error with its errno (shutil.copytree would go on
    and report every failed file as text)."""
    destination.mkdir()
    for entry in os.scandir(source):
        target = destination / entry.name
        if entry.is_dir(follow_symlinks=False):
            copy_tree(Path(entry.path), target)
        else:
            shutil.copy2(entry.path, target, follow_symlinks=False)


def probe_writable(folder):
    """Raise the OSError a write into `folder` gets (EROFS, EACCES), if any; root included,
    for whom os.access says yes to every folder on a read-only disk."""
    probe = Path(folder) / PROBE
    with open(probe, "x"):
        pass
    probe.unlink()


@contextmanager
def ctrl_c_held():
    """Hold Ctrl+C until the block ends, then say whether it came: a swap stopped half-way
    would be worse than a stop a moment later."""
    received = []
    previous = signal.signal(signal.SIGINT, lambda *_: received.append(True))
    try:
        yield received
    finally:
        signal.signal(signal.SIGINT, previous)


def staging_folder(output):
    """Beside output/, so the final swap stays on one filesystem."""
    return Path(output).with_name("." + Path(output).name + "-staging")


# --delay-updates puts the new files in place together at the end, and --delete-after removes
# stale ones only then, so readers never get half a site. A fresh build gives every file a new
# time: --checksum --no-times compares content instead, so only what changed is sent and listed,
# and the host keeps the dates (Last-Modified) of the rest. _headers is for Netlify/Cloudflare
# Pages: a plain web server would serve it as a page.
RSYNC_OPTIONS = [
    "--archive",
    "--compress",
    "--delete-after",
    "--delay-updates",
    "--checksum",
    "--no-times",
    "--exclude=/_headers",
]


def rsync_command(rsync, folder, target, dry_run=False):
    """The rsync call that makes `target` a copy of what is inside `folder`, and nothing more."""
    preview = ["--dry-run", "--itemize-changes"] if dry_run else []
    return [rsync, *RSYNC_OPTIONS, *preview, "--", f"{Path(folder)}/", target]


def count_changes(itemized):
    """(files to send, entries to delete) in rsync's --itemize-changes output."""
    lines = itemized.splitlines()
    sent = sum(1 for line in lines if line[:2] in (">f", "<f"))
    deleted = sum(1 for line in lines if line.startswith("*deleting"))
    return sent, deleted
