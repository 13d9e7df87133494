"""The pictures store keeps an image's facts only while the file cannot have changed unseen."""

import os
import time

from blog_core import unchanged_files
from photos import photo
from pictures.images import read_facts
from pictures.store import PictureStore


def test_an_images_facts_are_kept_until_the_file_changes_even_at_the_same_size(
    tmp_path, monkeypatch
):
    reads = []

    def counted(path):
        reads.append(path)
        return read_facts(path)

    path = photo(tmp_path / "content" / "vetrina.jpg", (800, 600))
    monkeypatch.setattr(unchanged_files, "SETTLED_NS", 0)
    first = PictureStore(str(tmp_path / "pictures"))
    facts = first.facts_of(str(path), counted)
    first.finish()
    # Another build, another process: the facts come from the folder.
    again = PictureStore(str(tmp_path / "pictures"))
    assert again.facts_of(str(path), counted) == facts
    assert len(reads) == 1
    # Retouched in place, the same number of bytes, its modification time put back: its
    # change time tells.
    stat = os.stat(path)
    time.sleep(0.05)  # past the file system's clock tick
    data = bytearray(path.read_bytes())
    data[-100] ^= 0xFF
    path.write_bytes(bytes(data))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (os.stat(path).st_size, os.stat(path).st_ino) == (stat.st_size, stat.st_ino)
    assert again.facts_of(str(path), counted).digest != facts.digest
    assert len(reads) == 2


def test_the_facts_of_a_photo_saved_a_moment_ago_are_read_again(tmp_path):
    reads = []
    path = photo(tmp_path / "vetrina.jpg", (800, 600))
    store = PictureStore(str(tmp_path / "pictures"))
    for _ in range(2):
        store.facts_of(str(path), lambda p: reads.append(p) or read_facts(p))
    store.finish()
    again = PictureStore(str(tmp_path / "pictures"))
    again.facts_of(str(path), lambda p: reads.append(p) or read_facts(p))
    assert len(reads) == 3
