"""Previous (older) and next (newer) article links, computed once per build."""

from pelican import signals


def link_neighbours(generator):
    # generator.articles is newest first; the previous article is the older one.
    articles = generator.articles
    for index, article in enumerate(articles):
        article.newer_article = articles[index - 1] if index > 0 else None
        article.older_article = articles[index + 1] if index + 1 < len(articles) else None


def register():
    signals.article_generator_finalized.connect(link_neighbours)
