from .old_addresses import register

__all__ = ["register"]
