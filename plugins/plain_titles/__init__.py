from .plain_titles import register

__all__ = ["register"]
