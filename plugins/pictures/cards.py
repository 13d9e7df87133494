"""The share card: a 1200x630 PNG drawn for an article without a photo, so that every shared
link shows a picture. Pure functions on Pillow and the fonts shipped in fonts/ (Inter, SIL OFL).

The text comes from content: it is only drawn, so it cannot inject anything, but it must never
crash the drawing or leave the card. What the font cannot draw (emoji, scripts Inter lacks,
right-to-left text among them, control and bidi characters) is left out rather than drawn as
empty boxes; a title still too long after stepping the size down ends with an ellipsis.

Drawing in colour and saving an RGB PNG costs three or four times what the card's few colours
need: the card is drawn in palette indexes, each horizontal strip (the category, the title, the
byline, the footer) on a ramp of LEVELS entries from its background to its ink, and saved as a
palette PNG.
"""

import hashlib
import io
import json
import os
import struct
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont, features

WIDTH, HEIGHT = 1200, 630
FONTS = os.path.join(os.path.dirname(__file__), "fonts")
TITLE_FONT = os.path.join(FONTS, "Inter-Bold.otf")
TEXT_FONT = os.path.join(FONTS, "Inter-Medium.otf")
# Bump when the drawing changes: every card is drawn again.
LAYOUT_VERSION = 2
# The light palette of theme/static/css/style.css (`:root`); tests keep them equal.
COLOURS = {
    "bg": "#faf9f6",
    "text": "#1c211e",
    "muted": "#545c57",
    "accent": "#17613f",
    "soft": "#e5efe8",
}
ELLIPSIS = "…"

# The layout, in px.
MARGIN = 80
TEXT_WIDTH = WIDTH - 2 * MARGIN
ACCENT_BAR = 16  # the accent band along the top
SMALL_SIZE = 30  # the category and the byline
CATEGORY_TOP = 64
TITLE_TOP = 124
# The title's sizes, largest first, and its line height as a share of the size.
TITLE_SIZES = (76, 66, 58, 50, 44)
TITLE_LEADING = 1.14
TITLE_LINES = 4
BYLINE_GAP = 22  # between the title's last line and the byline
FOOTER_TOP = 546  # the soft band at the bottom, with the site's name
# Room for the title: what the byline (one line) and the space around it leave.
TITLE_HEIGHT = FOOTER_TOP - 40 - SMALL_SIZE - BYLINE_GAP - TITLE_TOP
SITE_SIZE = 34
MARK, MARK_GAP = 28, 20  # the accent square before the site's name
# zlib's level: 3 makes the card 13 % smaller than 1 for the same time (4 ms); 6 another
# 13 % smaller for 6 ms more, which is most of the drawing's cost.
COMPRESS_LEVEL = 3
# Antialiasing levels per ramp: four ramps of 64 fill the palette's 256 entries.
LEVELS = 64


@dataclass(frozen=True)
class CardText:
    """What a card shows, as plain text: the title, the category, the authors' names already
    joined ("Anna e Marco"), the site's name."""

    title: str
    category: str
    byline: str
    site_name: str


@dataclass(frozen=True)
class CardDrawing:
    """The card of `text` in `colours` ((name, #rrggbb) pairs) as the pictures store makes
    its files: named by `digest` (card_key), drawn rather than encoded from a source."""

    text: CardText
    colours: tuple
    digest: str
    width: int = WIDTH
    extension = ".png"

    def key(self, digest, pillow_version):
        return self.digest  # card_key: Pillow's version is in it

    def make(self, source_path=None):
        return draw_card(self.text, dict(self.colours))


def font_digests():
    """The SHA-256 of each font file, read again only when a file changes."""
    return [_digest(path, *_stamp(path)) for path in (TITLE_FONT, TEXT_FONT)]


def _stamp(path):
    stat = os.stat(path)
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


@lru_cache(maxsize=8)
def _digest(path, *stamp):
    with open(path, "rb") as font:
        return hashlib.sha256(font.read()).hexdigest()


@lru_cache(maxsize=1)
def layout_engine():
    """Raqm (HarfBuzz: kerning, ligatures) where Pillow has it, else Pillow's own layout.
    Part of the cache key: the two draw slightly different pixels."""
    return ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC


def card_key(text, colours, font_digests, pillow_version):
    """The SHA-256 of everything a card's bytes are made from."""
    key = _drawing_key(tuple(sorted(colours.items())), tuple(font_digests), pillow_version).copy()
    key.update(json.dumps([text.title, text.category, text.byline, text.site_name]).encode())
    return key.hexdigest()


@lru_cache(maxsize=4)
def _drawing_key(colours, font_digests, pillow_version):
    """What every card of a build shares, hashed once: the layout, colours, fonts, Pillow."""
    parts = [LAYOUT_VERSION, colours, font_digests, pillow_version, int(layout_engine())]
    return hashlib.sha256(json.dumps(parts).encode() + b"\n")


# -- what the font can draw ------------------------------------------------------------------------


@lru_cache(maxsize=4)
def font_characters(path):
    """The code points the font at `path` maps to a glyph (its `cmap` table: format 12, the
    whole of Unicode, or format 4, the basic plane)."""
    with open(path, "rb") as font:
        data = font.read()
    (tables,) = struct.unpack_from(">H", data, 4)
    offset = next(
        struct.unpack_from(">I", data, 12 + 16 * number + 8)[0]
        for number in range(tables)
        if data[12 + 16 * number : 16 + 16 * number] == b"cmap"
    )
    (count,) = struct.unpack_from(">H", data, offset + 2)
    subtables = {}
    for number in range(count):
        platform, encoding, start = struct.unpack_from(">HHI", data, offset + 4 + 8 * number)
        subtables[(platform, encoding)] = offset + start
    for wanted in ((3, 10), (0, 4), (0, 6)):
        if wanted in subtables:
            return frozenset(_format_12(data, subtables[wanted]))
    for wanted in ((3, 1), (0, 3)):
        if wanted in subtables:
            return frozenset(_format_4(data, subtables[wanted]))
    return frozenset(range(0x20, 0x7F))


def _format_12(data, at):
    (groups,) = struct.unpack_from(">I", data, at + 12)
    for number in range(groups):
        first, last, glyph = struct.unpack_from(">III", data, at + 16 + 12 * number)
        yield from range(first + (glyph == 0), last + 1)


def _format_4(data, at):
    (segments,) = struct.unpack_from(">H", data, at + 6)
    segments //= 2
    ends = struct.unpack_from(f">{segments}H", data, at + 14)
    starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 4 * segments)
    ranges_at = at + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", data, ranges_at)
    for number, (first, last) in enumerate(zip(starts, ends, strict=True)):
        for code in range(first, min(last, 0xFFFE) + 1):
            if ranges[number] == 0:
                glyph = (code + deltas[number]) & 0xFFFF
            else:
                where = ranges_at + 2 * number + ranges[number] + 2 * (code - first)
                (glyph,) = struct.unpack_from(">H", data, where)
                glyph = (glyph + deltas[number]) & 0xFFFF if glyph else 0
            if glyph:
                yield code


# Left out before anything else: controls, format characters (the bidi overrides and
# isolates, zero-width joiners), surrogates, private use, unassigned.
NOT_DRAWN = {"Cc", "Cf", "Cs", "Co", "Cn"}


def drawable(text, characters):
    """`text` with only what the font draws: composed (NFC), every kind of space an ordinary
    one, the rest of what it lacks left out, single spaces."""
    kept = []
    for character in unicodedata.normalize("NFC", text or ""):
        if character.isspace():
            kept.append(" ")
        elif unicodedata.category(character) not in NOT_DRAWN and ord(character) in characters:
            kept.append(character)
    return " ".join("".join(kept).split())


# -- fitting the text ------------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _font(path, size):
    return ImageFont.truetype(path, size, layout_engine=layout_engine())


def _fits(font, text, width):
    return font.getlength(text) <= width


@lru_cache(maxsize=65536)
def _word_length(font, word):
    # Measured with the font's layout (kerning inside the word), once per word and size in a
    # process: Raqm measures a word in 0.2 ms, and a title was measured line by line, each
    # longer line again, at each size (a third of a card's cost).
    return font.getlength(word)


def _line_length(font, words):
    """The width of `words` set on one line: each word's own, the spaces between."""
    return sum(_word_length(font, word) for word in words) + _word_length(font, " ") * max(
        0, len(words) - 1
    )


def _cut(font, text, width):
    """The longest start of `text` no wider than `width` (a word longer than the line)."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if _fits(font, text[:middle], width):
            low = middle
        else:
            high = middle - 1
    return text[:low]


def wrap(font, text, width, limit):
    """`text` in lines no wider than `width`, broken between words (inside a word only when
    it alone is wider than the line); past `limit` lines, one more with the rest of the text,
    unmeasured (the caller cuts it: a 300-character title is not measured word by word).

    A line is filled by its words' own widths (each measured once), then measured whole as
    the font sets it, which can be a few pixels wider: its last words then go to the next."""
    lines, line, used = [], [], 0.0
    words = text.split(" ")
    space = _word_length(font, " ")
    number = 0
    while number < len(words):
        word = words[number]
        wider = used + space + _word_length(font, word) if line else _word_length(font, word)
        if wider <= width:
            line.append(word)
            used = wider
            number += 1
            continue
        if line:
            while len(line) > 1 and not _fits(font, " ".join(line), width):
                line.pop()
                number -= 1
            if len(lines) == limit:
                return [*lines, " ".join([*line, *words[number:]]).strip()]
            lines.append(" ".join(line))
            line, used = [], 0.0
            continue
        # A word alone wider than the line: cut inside it.
        if len(lines) == limit:
            return [*lines, " ".join(words[number:]).strip()]
        piece = _cut(font, word, width)
        lines.append(piece)
        words[number] = word[len(piece) :]
    while line:
        rest = []
        while len(line) > 1 and not _fits(font, " ".join(line), width):
            rest.insert(0, line.pop())
        if rest and len(lines) == limit:
            return [*lines, " ".join([*line, *rest])]
        lines.append(" ".join(line))
        line = rest
    return lines


def shortened(font, text, width):
    """`text` if it fits in `width`, else its longest start that fits followed by "…"."""
    if _fits(font, text, width):
        return text
    text = _cut(font, text, width - font.getlength(ELLIPSIS)) if text else ""
    return text.rstrip(" ,;:.-–—") + ELLIPSIS


def title_lines(text, width=TEXT_WIDTH, height=TITLE_HEIGHT):
    """(font, line height, lines) of the title: the largest size at which it fits in at most
    TITLE_LINES lines and in `height`; at the smallest, the lines that fit, the last ending
    with "…"."""
    # The text's width in one line, at the largest size: a size at which it is wider than
    # all the lines together (kept a little short of them: hinting is not quite linear)
    # cannot fit, and is not wrapped.
    whole = _line_length(_font(TITLE_FONT, TITLE_SIZES[0]), text.split(" ")) / TITLE_SIZES[0]
    for size in TITLE_SIZES:
        font = _font(TITLE_FONT, size)
        leading = round(size * TITLE_LEADING)
        most = min(TITLE_LINES, height // leading)
        if size != TITLE_SIZES[-1] and whole * size > most * width * 1.02:
            continue
        lines = wrap(font, text, width, most)
        if len(lines) <= most:
            return font, leading, lines
    # Still too long at the smallest size: what fits, the rest cut.
    kept = lines[:most]
    kept[-1] = shortened(font, " ".join(lines[most - 1 :]), width)
    return font, leading, kept


# -- drawing ---------------------------------------------------------------------------------------


def _rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[index : index + 2], 16) for index in (0, 2, 4))


def _ramp(background, ink):
    """LEVELS palette entries from `background` to `ink`."""
    return [
        round(b + (i - b) * level / (LEVELS - 1))
        for level in range(LEVELS)
        for b, i in zip(_rgb(background), _rgb(ink), strict=True)
    ]


# Each strip of the card and its ramp of the palette: (background, ink).
RAMPS = {
    "category": ("bg", "accent"),
    "title": ("bg", "text"),
    "byline": ("bg", "muted"),
    "footer": ("soft", "accent"),
}
RAMP_NUMBER = {name: number for number, name in enumerate(RAMPS)}


@lru_cache(maxsize=4)
def _palette(colours):
    colours = dict(colours)
    return [entry for ink in RAMPS.values() for entry in _ramp(*(colours[name] for name in ink))]


def draw_card(text, colours, compress_level=COMPRESS_LEVEL):
    """The PNG bytes of the card of `text` (a CardText, its fields plain text) in `colours`
    (the keys of COLOURS, as #rrggbb): the accent band, the category, the title, the byline,
    the site's name on a soft band."""
    characters = font_characters(TITLE_FONT) & font_characters(TEXT_FONT)
    title = drawable(text.title, characters) or drawable(text.site_name, characters)
    category = drawable(text.category, characters)
    byline = drawable(text.byline, characters)
    site_name = drawable(text.site_name, characters)
    font, leading, lines = title_lines(title)
    # The byline right under the title, however many lines it took.
    byline_top = TITLE_TOP + len(lines) * leading + BYLINE_GAP
    # Each strip's top, bottom and ramp; they part between the lines of text, clear of
    # accents and descenders.
    title_strip = CATEGORY_TOP + SMALL_SIZE + 12
    strips = {
        "category": (0, title_strip),
        "title": (title_strip, byline_top - 4),
        "byline": (byline_top - 4, FOOTER_TOP),
        "footer": (FOOTER_TOP, HEIGHT),
    }

    # Drawn straight in palette indexes: each strip filled with its ramp's first entry (its
    # background), its text in the ramp's last (its ink), so that the antialiased edges,
    # blended between the two, fall on the ramp's entries in between.
    card = Image.new("L", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(card)
    for name, (top, bottom) in strips.items():
        draw.rectangle((0, top, WIDTH - 1, bottom - 1), fill=RAMP_NUMBER[name] * LEVELS)

    def write(strip, xy, line, font, anchor="la"):
        draw.text(xy, line, RAMP_NUMBER[strip] * LEVELS + LEVELS - 1, font, anchor=anchor)

    small = _font(TEXT_FONT, SMALL_SIZE)
    if category:
        write("category", (MARGIN, CATEGORY_TOP), shortened(small, category, TEXT_WIDTH), small)
    for number, line in enumerate(lines):
        write("title", (MARGIN, TITLE_TOP + number * leading), line, font)
    if byline:
        write("byline", (MARGIN, byline_top), shortened(small, byline, TEXT_WIDTH), small)
    site_font = _font(TITLE_FONT, SITE_SIZE)
    site_left = MARGIN + MARK + MARK_GAP
    footer_middle = (FOOTER_TOP + HEIGHT) // 2
    if site_name:
        site_name = shortened(site_font, site_name, WIDTH - MARGIN - site_left)
        write("footer", (site_left, footer_middle), site_name, site_font, anchor="lm")
    accent = RAMP_NUMBER["category"] * LEVELS + LEVELS - 1  # the accent: that ramp's ink
    draw.rectangle((0, 0, WIDTH - 1, ACCENT_BAR - 1), fill=accent)
    mark_top = footer_middle - MARK // 2
    draw.rectangle((MARGIN, mark_top, MARGIN + MARK - 1, mark_top + MARK - 1), fill=accent)
    card.putpalette(_palette(tuple(sorted(colours.items()))))  # now a palette image
    out = io.BytesIO()
    card.save(out, "PNG", optimize=False, compress_level=compress_level)
    return out.getvalue()
