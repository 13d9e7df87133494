from .link_checks import register

__all__ = ["register"]
