from .compact_css import register

__all__ = ["register"]
