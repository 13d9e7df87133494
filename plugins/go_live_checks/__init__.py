from .go_live_checks import register

__all__ = ["register"]
