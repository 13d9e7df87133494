from .draft_preview import register

__all__ = ["register"]
