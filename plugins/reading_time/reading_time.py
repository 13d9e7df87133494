"""Reading time in whole minutes, for "5 min di lettura"."""

import math
import re

from pelican import signals
from pelican.contents import Article

from blog_core import apply_defaults, plain_text, positive_integer

READING_TIME_DEFAULTS = {"READING_TIME_WORDS_PER_MINUTE": 200}
WORD = re.compile(r"\w+")


def count_words(html):
    return len(WORD.findall(plain_text(html)))


def reading_minutes(html, words_per_minute):
    """Minutes to read `html` at `words_per_minute`, never less than one."""
    return max(1, math.ceil(count_words(html) / words_per_minute))


def configure(pelican):
    apply_defaults(pelican.settings, READING_TIME_DEFAULTS, "READING_TIME_")
    positive_integer(pelican.settings, "READING_TIME_WORDS_PER_MINUTE")


def add_reading_time(content):
    if isinstance(content, Article):
        words_per_minute = content.settings.get(
            "READING_TIME_WORDS_PER_MINUTE", READING_TIME_DEFAULTS["READING_TIME_WORDS_PER_MINUTE"]
        )
        content.reading_time = reading_minutes(content._content or "", words_per_minute)


def register():
    signals.initialized.connect(configure)
    signals.content_object_init.connect(add_reading_time)
