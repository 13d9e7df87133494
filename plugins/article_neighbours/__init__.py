from .article_neighbours import register

__all__ = ["register"]
