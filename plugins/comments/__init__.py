from .comments import HEADER_FIELDS, register

__all__ = ["HEADER_FIELDS", "register"]
