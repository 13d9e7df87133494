"""Read the metadata headers of the fixture sites' Markdown files, independently of Pelican."""

from pathlib import Path

ITALIAN_MONTHS = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
]


def read_header(path):
    """The `Key: value` lines before the first blank line, keys lowercased."""
    header = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        header[key.strip().lower()] = value.strip()
    return header


def split_list(value):
    return [item.strip() for item in value.split(",") if item.strip()]


def italian_day(date_text):
    """'2026-10-01 10:00' written as an Italian reader expects: '1 ottobre 2026'."""
    year, month, day = (int(part) for part in date_text.split()[0].split("-"))
    return f"{day} {ITALIAN_MONTHS[month - 1]} {year}"


def normalise(text):
    """Undo typographic substitutions so a rendered title compares with its source."""
    replacements = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\xa0": " "}
    for typographic, plain in replacements.items():
        text = text.replace(typographic, plain)
    return " ".join(text.split())
