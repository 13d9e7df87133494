"""A file's value is worked out again whenever the file may have changed, kept otherwise."""

import os
import time

import pytest

from blog_core import unchanged_files
from blog_core.unchanged_files import KeptWhileUnchanged


@pytest.fixture
def reads():
    done = []

    def work(path):
        done.append(path)
        with open(path, encoding="utf-8") as source:
            return source.read()

    return KeptWhileUnchanged(work), done


def test_a_settled_file_is_read_once_and_a_changed_one_again(tmp_path, reads, monkeypatch):
    kept, done = reads
    monkeypatch.setattr(unchanged_files, "SETTLED_NS", 0)
    path = tmp_path / "a.md"
    path.write_text("Title: Uno\n", encoding="utf-8")
    assert kept(path) == kept(str(path)) == "Title: Uno\n"
    assert len(done) == 1
    # The same size, the same modification time put back: the change time still tells.
    stat = os.stat(path)
    time.sleep(0.05)  # past the file system's clock tick (SETTLED_NS is off here)
    path.write_text("Title: Due\n", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert kept(path) == "Title: Due\n"
    replaced = tmp_path / "b.md"
    replaced.write_text("Title: Tre\n", encoding="utf-8")
    os.replace(replaced, path)
    assert kept(path) == "Title: Tre\n"
    assert len(done) == 3


def test_a_file_changed_a_moment_ago_is_read_at_every_call(tmp_path, reads):
    kept, done = reads
    path = tmp_path / "a.md"
    path.write_text("Title: Uno\n", encoding="utf-8")
    # Within the file system's clock tick a second change could keep every time stamp.
    assert kept(path) == kept(path) == "Title: Uno\n"
    assert len(done) == 2


def test_a_file_that_is_gone_raises_as_open_does(tmp_path, reads, monkeypatch):
    kept, _ = reads
    monkeypatch.setattr(unchanged_files, "SETTLED_NS", 0)
    path = tmp_path / "a.md"
    path.write_text("x", encoding="utf-8")
    kept(path)
    path.unlink()
    with pytest.raises(FileNotFoundError):
        kept(path)
