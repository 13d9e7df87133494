"""The fields of an author's bio file and the checks each one gets.

Pure functions: they take the metadata Pelican's Markdown reader found (keys already
lower-cased, so `Linkedin:` and `LinkedIn:` are the same field) and return clean values
plus the problems an author must fix, each naming the field as the README spells it.
"""

import difflib
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

# Every field as the README spells it, keyed by the lower-case name the reader gives.
FIELD_NAMES = {
    "name": "Name",
    "role": "Role",
    "photo": "Photo",
    "website": "Website",
    "linkedin": "LinkedIn",
    "instagram": "Instagram",
    "twitter": "Twitter",
    "facebook": "Facebook",
    "mastodon": "Mastodon",
}
# Profile links, in the order readers see them.
PROFILE_FIELDS = ("website", "linkedin", "instagram", "twitter", "facebook", "mastodon")
PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".svg")


@dataclass(frozen=True)
class Profile:
    """A link to the author elsewhere: `network` is a key of PROFILE_FIELDS."""

    network: str
    url: str


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str


@dataclass(frozen=True)
class BioFields:
    """The checked values of a bio file's header."""

    name: str | None
    role: str | None
    photo: str | None
    profiles: tuple[Profile, ...]


def is_web_address(value):
    parts = urlsplit(value)
    return (
        parts.scheme in ("http", "https")
        and bool(parts.netloc)
        and not any(character.isspace() for character in value)
    )


def photo_path(value):
    """The photo's path inside the content folder (`{static}/` and a leading `/` dropped)."""
    value = value.strip()
    for prefix in ("{static}", "{attach}"):
        if value.startswith(prefix):
            value = value[len(prefix) :]
    return value.lstrip("/")


def unknown_field_message(key):
    known = ", ".join(FIELD_NAMES.values())
    guess = difflib.get_close_matches(key, FIELD_NAMES, n=1, cutoff=0.75)
    hint = f" Forse intendevi «{FIELD_NAMES[guess[0]]}»?" if guess else ""
    return f"non è un campo delle schede autore.{hint} I campi ammessi sono: {known}."


def check_bio_fields(metadata, photo_exists):
    """Check a bio header; `photo_exists(path)` says whether a content file exists."""
    problems = []
    values = {}
    for key, value in metadata.items():
        if key not in FIELD_NAMES:
            problems.append(FieldProblem(key, unknown_field_message(key)))
            continue
        field = FIELD_NAMES[key]
        if isinstance(value, list):
            problems.append(FieldProblem(field, f"«{field}» è scritto più volte: tienine uno."))
            continue
        value = str(value).strip()
        if not value:
            message = f"«{field}» è vuoto: scrivi un valore o togli la riga."
            problems.append(FieldProblem(field, message))
            continue
        values[key] = value

    if "name" not in values and "name" not in metadata:
        problems.append(
            FieldProblem("Name", "manca «Name:», il nome come appare in «Author:» negli articoli.")
        )

    profiles = []
    for key in PROFILE_FIELDS:
        if key not in values:
            continue
        if is_web_address(values[key]):
            profiles.append(Profile(key, values[key]))
        else:
            field = FIELD_NAMES[key]
            problems.append(
                FieldProblem(
                    field,
                    f"«{values[key]}» non è un indirizzo web: scrivilo intero, "
                    "con https:// davanti (per esempio https://www.sito.it/pagina).",
                )
            )

    photo = None
    if "photo" in values:
        photo = photo_path(values["photo"])
        if ".." in PurePosixPath(photo).parts:
            problems.append(FieldProblem("Photo", f"«{photo}» esce dalla cartella content/."))
            photo = None
        elif not photo.lower().endswith(PHOTO_EXTENSIONS):
            allowed = ", ".join(PHOTO_EXTENSIONS)
            problems.append(FieldProblem("Photo", f"«{photo}» non è un'immagine ({allowed})."))
            photo = None
        elif not photo_exists(photo):
            problems.append(
                FieldProblem(
                    "Photo",
                    f"il file «{photo}» non esiste in content/: controlla il nome e la cartella.",
                )
            )
            photo = None

    return (
        BioFields(values.get("name"), values.get("role"), photo, tuple(profiles)),
        problems,
    )
