"""Loaded by every Python process of a test's `invoke publish` (PYTHONPATH): faults a machine
where mount(8) is not allowed cannot make for real.

PUBLISH_TEST_FAULT="28:/path/folder:2": opening a file under /path/folder for writing raises
OSError errno 28 (ENOSPC) from the 3rd such file on (what a full disk or a read-only one does
to the first write there). PUBLISH_TEST_MOUNT_POINT=/path/output: os.path.ismount says True
for that folder, as for a container volume.
"""

import builtins
import os

_fault = os.environ.get("PUBLISH_TEST_FAULT")
_mount_point = os.environ.get("PUBLISH_TEST_MOUNT_POINT")

if _fault:
    _code, _folder, _spared = _fault.split(":")
    _folder, _left = os.path.realpath(_folder) + os.sep, [int(_spared)]
    _open = builtins.open

    def _failing_open(file, mode="r", *args, **kwargs):
        writing = any(flag in mode for flag in "wax+")
        inside = isinstance(file, (str, os.PathLike)) and (
            os.path.realpath(file).startswith(_folder)
        )
        if writing and inside:
            if _left[0] == 0:
                raise OSError(int(_code), os.strerror(int(_code)), os.fspath(file))
            _left[0] -= 1
        return _open(file, mode, *args, **kwargs)

    builtins.open = _failing_open

if _mount_point:
    _ismount = os.path.ismount

    def _ismount_too(path):
        same = os.path.realpath(path) == os.path.realpath(_mount_point)
        return same or _ismount(path)

    os.path.ismount = _ismount_too
