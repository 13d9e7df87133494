"""Reading time in whole minutes, for "5 min di lettura"."""

import math
import re

from markupsafe import Markup
from pelican import signals
from pelican.contents import Article

READING_TIME_DEFAULTS = {"READING_TIME_WORDS_PER_MINUTE": 200}
WORD = re.compile(r"\w+")


def count_words(html):
    return len(WORD.findall(Markup(html).striptags()))


def reading_minutes(html, words_per_minute):
    """Minutes to read `html` at `words_per_minute`, never less than one."""
    return max(1, math.ceil(count_words(html) / words_per_minute))


def configure(pelican):
    name = "READING_TIME_WORDS_PER_MINUTE"
    value = pelican.settings.setdefault(name, READING_TIME_DEFAULTS[name])
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{name} deve essere un numero intero positivo, non {value!r}")


def add_reading_time(content):
    if isinstance(content, Article):
        words_per_minute = content.settings.get(
            "READING_TIME_WORDS_PER_MINUTE", READING_TIME_DEFAULTS["READING_TIME_WORDS_PER_MINUTE"]
        )
        content.reading_time = reading_minutes(content._content or "", words_per_minute)


def register():
    signals.initialized.connect(configure)
    signals.content_object_init.connect(add_reading_time)
