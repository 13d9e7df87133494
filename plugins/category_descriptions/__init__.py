from .category_descriptions import HEADER_FIELDS, register

__all__ = ["HEADER_FIELDS", "register"]
