from .newsletter import register

__all__ = ["register"]
