"""What the project ships as its demo (Bottega Digitale): to be removed before going live.

The sample's articles, bios and images by their place in content/, and the values of its
settings that are examples. `invoke setup --rimuovi-esempi` removes these files; the pages stay,
as templates to adapt, and the go-live checks look at what is left in them.
"""

import hashlib
from pathlib import Path

# {place under content/: SHA-256 of the file as shipped}, from sample_files.sha256 (the output of
# `sha256sum` in content/): an owner's file that happens to have the same name (an author
# called Luca Bianchi) is not the sample's.
SAMPLE_FILES = {
    path: digest
    for digest, path in (
        line.split(maxsplit=1)
        for line in (Path(__file__).parent / "sample_files.sha256")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.strip()
    )
}
# The sample's business details: made-up, so a site still carrying them is not ready.
SAMPLE_VALUES = {
    "BUSINESS_NAME": "Bottega Digitale (sito dimostrativo)",
    "BUSINESS_VAT_NUMBER": "00000000000",
    "BUSINESS_ADDRESS": "Via dell’Esempio 1, 20100 Milano",
}


def file_digest(path):
    """The SHA-256 of the file at `path`, or None when it cannot be read."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def shipped_files_in(content):
    """The sample's files still in the folder `content` exactly as shipped, by their place."""
    return [
        path for path, value in SAMPLE_FILES.items() if file_digest(Path(content) / path) == value
    ]


def is_shipped_sample(content):
    """Whether the folder `content` still holds every one of the sample's files as shipped."""
    return len(shipped_files_in(content)) == len(SAMPLE_FILES)
