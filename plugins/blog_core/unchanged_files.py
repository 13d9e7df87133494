"""What a build works out from a file's bytes, kept for the next builds of the process while
the file is unchanged (the dev server's builds read the same thousand files each time).

A file is taken as unchanged while its signature (modification and change times, size, inode)
is the same. Git's rule for racy entries: a value is kept only when the file had not changed for
a while before it was read, so a second change within the file system's clock tick, with the
same size, cannot go unseen.
"""

import os
import time

# A file changed this recently when it is read may change again with the same time stamps.
SETTLED_NS = 2_000_000_000


def signature(path):
    """The file's modification and change times, size and inode (os.stat's OSError as is)."""
    stat = os.stat(path)
    return stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino


class KeptWhileUnchanged:
    """work(path) for each file, kept for the process while the file keeps its signature."""

    def __init__(self, work):
        self.work = work
        self.known = {}  # absolute path -> (signature, value)

    def __call__(self, path):
        path = os.path.abspath(path)
        now = signature(path)
        known = self.known.get(path)
        if known is not None and known[0] == now:
            return known[1]
        value = self.work(path)
        if time.time_ns() - max(now[0], now[1]) > SETTLED_NS:
            self.known[path] = (now, value)
        else:
            self.known.pop(path, None)
        return value
