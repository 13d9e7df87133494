"""Test photos made here with Pillow, as a phone saves them: EXIF with the camera, a rotation
tag, GPS coordinates."""

from PIL import Image

GPS = 0x8825
ORIENTATION = 0x0112
MAKE = 0x010F


def photo(path, size, orientation=None, gps=False, mode="RGB", colour=(200, 80, 40)):
    """A test photo: one colour with a dark top-left corner, to see where the top ends up once
    the orientation is applied."""
    image = Image.new(mode, size, colour)
    corner = (10, 10, 10, 255)[: len(mode)] if mode != "L" else 10
    image.paste(corner, (0, 0, size[0] // 4, size[1] // 4))
    exif = Image.Exif()
    exif[MAKE] = "Telefono di prova"
    if orientation:
        exif[ORIENTATION] = orientation
    if gps:
        exif[GPS] = {1: "N", 2: (45.0, 28.0, 0.0), 3: "E", 4: (9.0, 11.0, 0.0)}
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".png":
        image.save(path, "PNG")
    else:
        image.save(path, "JPEG", quality=90, exif=exif.tobytes())
    return path
