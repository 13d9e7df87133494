"""The pictures store keeps an image's facts only while the file cannot have changed unseen."""

import io
import os
import time
from pathlib import Path

from PIL import Image, ImageDraw

import pictures.store as pictures_store
from blog_core import unchanged_files
from photos import photo
from pictures.images import Derivative, encode, read_facts
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


def test_derivatives_encoded_on_two_cores_are_those_of_one(tmp_path):
    photos = [
        photo(tmp_path / "content" / f"foto-{number}.jpg", (1700 + number, 1000), orientation=6)
        for number in range(3)
    ]
    sizes = [Derivative(width, "WEBP", 80) for width in (480, 800, 1200, 1600)]
    sizes.append(Derivative(1200, "JPEG", 82, 630))
    jobs = [(str(path), read_facts(str(path)).digest, size) for path in photos for size in sizes]
    parallel, serial = PictureStore(str(tmp_path / "two")), PictureStore(str(tmp_path / "one"))
    before = pictures_store.encoded
    parallel.encode_missing(jobs, workers=2)
    assert pictures_store.encoded - before == len(jobs)  # counted, though encoded elsewhere
    for job in jobs:
        made = parallel.file_for(job[1], job[2])
        assert os.path.isfile(made)
        assert Path(made).read_bytes() == Path(serial.ensure(*job)).read_bytes()
    # Nothing left to encode: no worker is started, nothing counted.
    before = pictures_store.encoded
    parallel.encode_missing(jobs, workers=2)
    assert pictures_store.encoded == before


def test_publishing_again_onto_the_same_link_leaves_one_readable_file(tmp_path):
    source = photo(tmp_path / "content" / "vetrina.jpg", (900, 600))
    store = PictureStore(str(tmp_path / "pictures"))
    job = (str(source), read_facts(str(source)).digest, Derivative(480, "WEBP", 80))
    stored = store.ensure(*job)
    target = tmp_path / "anteprima" / "images" / "vetrina-480w.webp"
    for _ in range(3):  # the dev server's builds, one after the other, into the same preview
        pictures_store.publish(stored, str(target))
    assert sorted(path.name for path in target.parent.iterdir()) == ["vetrina-480w.webp"]
    assert target.read_bytes() == Path(stored).read_bytes()
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_palette_png_is_copied_as_a_palette_png_without_its_metadata(tmp_path):
    # A drawing saved with few colours: its EXIF-free copy at its own size stays a palette
    # image (as heavy as the source, not three times it), transparency kept, EXIF gone.
    drawing = Image.new("P", (1600, 1000), 0)
    drawing.putpalette([250, 249, 246, 23, 97, 63, 28, 33, 30] + [0] * 759)
    ImageDraw.Draw(drawing).ellipse((200, 100, 1400, 900), fill=1, outline=2, width=12)
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (45.0, 28.0, 0.0)}
    source = io.BytesIO()
    drawing.save(source, "PNG", transparency=0, exif=exif.tobytes())
    data = source.getvalue()
    copy = encode(data, Derivative(1600, "PNG", 0))
    with Image.open(io.BytesIO(copy)) as made:
        assert made.mode == "P" and made.size == (1600, 1000)
        assert not made.getexif() and made.info.get("transparency") == 0
        assert made.tobytes() == drawing.tobytes()
    assert len(copy) <= len(data) * 1.1
    # Scaled, it is drawn again in full colour (a palette cannot be resampled).
    with Image.open(io.BytesIO(encode(data, Derivative(800, "PNG", 0)))) as scaled:
        assert scaled.mode == "RGBA" and scaled.size == (800, 500)
