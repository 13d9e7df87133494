"""What the site makes of a raster image: its facts and its derivatives. Pure functions on Pillow.

Every derivative is drawn from the image as it is shown (its EXIF orientation applied) and
carries none of its metadata: a phone photo's EXIF holds where it was taken. The encoder options
are fixed, so the same source gives the same bytes on every build and every machine with the
same Pillow.
"""

import hashlib
import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

# The formats kept as they are for the fallback `src` (with their file extensions).
RASTER_FORMATS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",)}
RASTER_EXTENSIONS = tuple(ext for exts in RASTER_FORMATS.values() for ext in exts)
# Bump when encode() makes other bytes for the same derivative: every file is made again.
ENCODER_VERSION = 2
# EXIF orientations that turn the picture by 90 degrees: width and height swap.
TURNED = {5, 6, 7, 8}
ORIENTATION = 0x0112

# What a file that is not a readable image raises while Pillow opens it.
UNREADABLE = (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError)


@dataclass(frozen=True)
class ImageFacts:
    """A source image: its SHA-256, size in bytes, format, and width and height as shown."""

    digest: str
    size: int
    format: str
    width: int
    height: int


@dataclass(frozen=True)
class Derivative:
    """One file made from a source: `width` wide in `format`; with `height`, cropped to fill
    width x height (the share card's crop), else scaled keeping the proportions."""

    width: int
    format: str
    quality: int
    height: int | None = None

    @property
    def extension(self):
        return RASTER_FORMATS[self.format][0]

    def make(self, source_path):
        """The bytes of this derivative of the image at `source_path`."""
        with open(source_path, "rb") as source:
            return encode(source.read(), self)

    def key(self, digest, pillow_version):
        """The cache key: the source's digest, this derivative, how encode() makes it and the
        Pillow that makes it."""
        parts = f"{digest}|{self.width}|{self.height}|{self.format}|{self.quality}|{pillow_version}"
        parts += f"|{ENCODER_VERSION}"
        return hashlib.sha256(parts.encode()).hexdigest()


def is_raster(path):
    return path.lower().endswith(RASTER_EXTENSIONS)


def read_facts(path, data=None):
    """The ImageFacts of the image at `path`; raises one of UNREADABLE when it is not one."""
    if data is None:
        with open(path, "rb") as source:
            data = source.read()
    with Image.open(io.BytesIO(data)) as image:
        if image.format not in RASTER_FORMATS:
            raise ValueError(f"unsupported format {image.format}")
        width, height = image.size
        if image.getexif().get(ORIENTATION) in TURNED:
            width, height = height, width
        return ImageFacts(hashlib.sha256(data).hexdigest(), len(data), image.format, width, height)


def srcset_widths(source_width, widths):
    """The srcset's widths: each of `widths` not wider than the source, and the source's own
    width when it is narrower than the widest (a 1000 px photo: 480, 800, 1000)."""
    chosen = {width for width in widths if width <= source_width}
    if source_width < max(widths):
        chosen.add(source_width)
    return sorted(chosen)


def scaled_height(facts, width):
    """The height of the image scaled to `width`, proportions kept (at least 1 px)."""
    return max(1, round(facts.height * width / facts.width))


# The turn each EXIF orientation asks for (as ImageOps.exif_transpose applies it).
TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _plain(image):
    """The image in a mode every encoder takes, without its metadata."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGBA" if has_alpha else "RGB")
    image.info = {}
    return image


def _keeps_palette(opened, derivative, size, orientation):
    """A palette PNG copied at its own size (its EXIF-free fallback): kept a palette image, as
    its colours stay the same; in RGB it would weigh two or three times the source."""
    return (
        opened.mode == "P"
        and derivative.format == "PNG"
        and derivative.height is None
        and opened.size == size
        and orientation not in TRANSPOSE
    )


def _without_metadata(image):
    """A copy of the palette image with its transparency, nothing else of its metadata."""
    copy = image.copy()
    transparency = image.info.get("transparency")
    copy.info = {} if transparency is None else {"transparency": transparency}
    return copy


def _cover(width, height, box_width, box_height):
    """The size of (width, height) scaled to cover the box (the crop's), at least 1 px."""
    scale = max(box_width / width, box_height / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _flattened(image):
    """JPEG has no transparency: a transparent PNG goes onto white."""
    if image.mode == "RGBA":
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image


def encode(data, derivative):
    """The bytes of `derivative` made from the source image `data`.

    Scaled before it is turned (a turned 12-megapixel photo costs more than a small one), with
    JPEG's reduced decoding and Pillow's reducing gap: a 4000x3000 photo in a fraction of a
    second instead of half a second for each width."""
    with Image.open(io.BytesIO(data)) as opened:
        icc = opened.info.get("icc_profile")
        orientation = opened.getexif().get(ORIENTATION)
        turned = orientation in TURNED
        width, height = opened.size
        shown_width, shown_height = (height, width) if turned else (width, height)
        if derivative.height is None:
            target = (
                derivative.width,
                max(1, round(shown_height * derivative.width / shown_width)),
            )
        else:
            target = _cover(shown_width, shown_height, derivative.width, derivative.height)
        unturned = (target[1], target[0]) if turned else target
        if opened.format == "JPEG":
            opened.draft(opened.mode, unturned)
        opened.load()
        if _keeps_palette(opened, derivative, unturned, orientation):
            image = _without_metadata(opened)
        else:
            image = _plain(opened)
    if image.size != unturned:
        image = image.resize(unturned, Image.Resampling.LANCZOS, reducing_gap=3.0)
    if orientation in TRANSPOSE:
        image = image.transpose(TRANSPOSE[orientation])
    if derivative.height is not None:
        image = ImageOps.fit(image, (derivative.width, derivative.height), Image.Resampling.LANCZOS)
    options = {"icc_profile": icc} if icc else {}
    out = io.BytesIO()
    if derivative.format == "JPEG":
        image = _flattened(image)
        image.save(
            out, "JPEG", quality=derivative.quality, optimize=True, exif=b"", xmp=b"", **options
        )
    elif derivative.format == "WEBP":
        image.save(out, "WEBP", quality=derivative.quality, method=4, exif=b"", xmp=b"", **options)
    else:
        image.save(out, "PNG", optimize=False, compress_level=9, **options)
    return out.getvalue()
