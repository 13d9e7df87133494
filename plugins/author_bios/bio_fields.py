"""The fields of an author's bio file and the checks each one gets. Pure functions.

The fields join the build's table of header fields (blog_core) as the "bio" kind, so a bio's
header is read and checked like an article's: unknown, repeated and empty fields are named
with their line, and each value is checked by its field.
"""

from dataclasses import dataclass
from pathlib import PurePosixPath

from blog_core import BIO, HeaderField, Problem, check_fields, is_web_address

# Profile links, in the order readers see them, as the README spells them.
PROFILE_FIELDS = ("Website", "LinkedIn", "Instagram", "Twitter", "Facebook", "Mastodon")
PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".svg")


@dataclass(frozen=True)
class Profile:
    """A link to the author elsewhere: `network` is a lower-case PROFILE_FIELDS name."""

    network: str
    url: str


@dataclass(frozen=True)
class BioFields:
    """The checked values of a bio file's header."""

    name: str | None
    role: str | None
    photo: str | None
    profiles: tuple[Profile, ...]


def filled(name):
    def parse(value):
        if not value:
            raise ValueError(f"«{name}» è vuoto: scrivi un valore o togli la riga.")
        return value

    return parse


def profile_address(name):
    def parse(value):
        filled(name)(value)
        if not is_web_address(value):
            raise ValueError(
                f"«{name}»: «{value}» non è un indirizzo web: scrivilo intero, con https:// "
                "davanti (per esempio https://www.sito.it/pagina)."
            )
        return value

    return parse


def photo_path(value):
    """The photo's path inside the content folder (`{static}/` and a leading `/` dropped)."""
    value = value.strip()
    for prefix in ("{static}", "{attach}"):
        value = value.removeprefix(prefix)
    return value.lstrip("/")


def photo_file(value):
    filled("Photo")(value)
    photo = photo_path(value)
    if ".." in PurePosixPath(photo).parts:
        raise ValueError(f"«Photo»: «{photo}» esce dalla cartella content/.")
    if not photo.lower().endswith(PHOTO_EXTENSIONS):
        raise ValueError(f"«Photo»: «{photo}» non è un'immagine ({', '.join(PHOTO_EXTENSIONS)}).")
    return photo


HEADER_FIELDS = (
    HeaderField(
        "Name",
        (BIO,),
        filled("Name"),
        missing="manca «Name:», il nome come appare in «Author:» negli articoli.",
        aliases=("nome",),
    ),
    HeaderField("Role", (BIO,), filled("Role"), aliases=("ruolo",)),
    HeaderField("Photo", (BIO,), photo_file, aliases=("foto",)),
    *(HeaderField(name, (BIO,), profile_address(name)) for name in PROFILE_FIELDS),
)


def check_bio_fields(entries, photo_exists, table=HEADER_FIELDS):
    """(BioFields, problems) for a bio's header; `photo_exists(path)` looks in content/."""
    problems, values = check_fields(entries, table, BIO)

    def value(key):
        return values[key][1] if key in values else None

    photo = value("photo")
    if photo is not None and not photo_exists(photo):
        line = values["photo"][0].line
        message = f"«Photo»: il file «{photo}» non esiste in content/: controlla nome e cartella."
        problems.append(Problem(line, message))
        photo = None
    profiles = tuple(
        Profile(name.lower(), value(name.lower()))
        for name in PROFILE_FIELDS
        if value(name.lower()) is not None
    )
    return BioFields(value("name"), value("role"), photo, profiles), problems
