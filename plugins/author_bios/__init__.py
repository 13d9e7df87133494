from .author_bios import bio_path_for, register
from .bio_fields import HEADER_FIELDS

__all__ = ["HEADER_FIELDS", "bio_path_for", "register"]
