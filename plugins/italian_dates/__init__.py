from .italian_dates import register

__all__ = ["register"]
