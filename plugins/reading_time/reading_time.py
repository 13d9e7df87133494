"""Reading time in whole minutes, for "5 min di lettura"."""

import math

from pelican import signals
from pelican.contents import Article

from blog_core import apply_defaults, positive_integer
from blog_core.parsed import HtmlFacts, html_facts

READING_TIME_DEFAULTS = {"READING_TIME_WORDS_PER_MINUTE": 200}


def count_words(html):
    return HtmlFacts(html).word_count


def minutes_for(words, words_per_minute):
    """Minutes to read `words` words at `words_per_minute`, never less than one."""
    return max(1, math.ceil(words / words_per_minute))


def reading_minutes(html, words_per_minute):
    """Minutes to read `html` at `words_per_minute`, never less than one."""
    return minutes_for(count_words(html), words_per_minute)


def configure(pelican):
    apply_defaults(pelican.settings, READING_TIME_DEFAULTS, "READING_TIME_")
    positive_integer(pelican.settings, "READING_TIME_WORDS_PER_MINUTE")


def add_reading_time(content):
    if isinstance(content, Article):
        words_per_minute = content.settings.get(
            "READING_TIME_WORDS_PER_MINUTE", READING_TIME_DEFAULTS["READING_TIME_WORDS_PER_MINUTE"]
        )
        # The words of the text as other plugins read it too (related_articles): counted once.
        words = html_facts(content._content, content.settings).word_count
        content.reading_time = minutes_for(words, words_per_minute)


def register():
    signals.initialized.connect(configure)
    signals.content_object_init.connect(add_reading_time)
