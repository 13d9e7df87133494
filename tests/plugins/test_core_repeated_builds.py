"""Many builds in one process (the dev server's build process): none keeps the one before."""

import gc
import weakref

from pelican import signals

from sitebuild import build_site, write_article, write_default_bio


def test_a_build_keeps_nothing_of_the_articles_of_the_build_before(tmp_path, small_content):
    write_default_bio(small_content)
    write_article(
        small_content, "vetrine.md", title="Vetrine", body="Una vetrina curata vende di più."
    )
    first_articles = []

    def remember(generator):
        first_articles.extend(weakref.ref(article) for article in generator.articles)

    signals.article_generator_finalized.connect(remember)
    try:
        first = build_site(tmp_path / "first", content=small_content)
    finally:
        signals.article_generator_finalized.disconnect(remember)
    assert "Una vetrina curata" in first.html("/vetrine/") and first_articles
    del first
    build_site(tmp_path / "second", content=small_content)
    gc.collect()
    assert [ref for ref in first_articles if ref() is not None] == []
