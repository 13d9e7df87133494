from .author_bios import register

__all__ = ["register"]
