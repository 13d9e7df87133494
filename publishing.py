"""Publishing that cannot break the live site: build aside, check the result, swap it in.

`invoke publish` builds into a staging folder next to output/, checks what it built with the
core's checker (blog_core.site_check: links, feeds, sitemap, the Nu Html Checker), and only
then exchanges staging and output/ in one filesystem operation. A build or a check
that fails leaves output/ exactly as it was. `invoke publish --upload` then mirrors output/ to
another host with rsync.
"""

import ctypes
import os
import shutil
from pathlib import Path


def exchange(first, second):
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False when unsupported."""
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
    return result == 0


def swap_into_place(staging, output):
    """Make `staging` the new `output` in one step; the old site is then removed."""
    staging, output = Path(staging), Path(output)
    if output.exists() and exchange(staging, output):
        shutil.rmtree(staging)
        return
    # No atomic exchange here (another OS or filesystem): the gap is two renames long.
    previous = output.with_name(output.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    shutil.rmtree(previous, ignore_errors=True)


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
