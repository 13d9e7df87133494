from .scrollable_tables import register

__all__ = ["register"]
