"""Initials avatars for authors without a photo: a small SVG made here, no outside service."""

import html
import re
import zlib

# Backgrounds for white initials; each has at least 4.5:1 contrast with white (WCAG AA).
AVATAR_COLOURS = (
    "#17613f",
    "#1d5a8c",
    "#7a3e9d",
    "#9c3d2a",
    "#2f5d62",
    "#8a2f5b",
    "#3d4f8f",
    "#6b5210",
)
WORD = re.compile(r"[^\W\d_]+")


def initials(name):
    """ "Giulia Ferri" -> "GF"; one word gives one letter; no letters give "?"."""
    words = WORD.findall(name)
    if not words:
        return "?"
    letters = words[0][0] if len(words) == 1 else words[0][0] + words[-1][0]
    return letters.upper()


def avatar_colour(slug):
    """The same author always gets the same colour, on every machine (no hash seed)."""
    return AVATAR_COLOURS[zlib.crc32(slug.encode("utf-8")) % len(AVATAR_COLOURS)]


def avatar_svg(name, slug):
    """A square SVG with the author's initials on a colour of their own."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" width="96" height="96" '
        f'role="img" aria-label="{html.escape(name)}">'
        f'<rect width="96" height="96" fill="{avatar_colour(slug)}"/>'
        '<text x="48" y="48" dy="0.35em" text-anchor="middle" fill="#ffffff" '
        'font-family="system-ui, Segoe UI, Roboto, Arial, sans-serif" font-size="38" '
        f'font-weight="600">{html.escape(initials(name))}</text></svg>\n'
    )


def relative_luminance(colour):
    channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(colour):
    return 1.05 / (relative_luminance(colour) + 0.05)
