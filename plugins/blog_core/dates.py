"""Dates as Italian readers read them, in the site's time zone, and the build's own moment."""

import functools
import os
import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from pelican.utils import SafeDatetime

from .problems import SettingError

# The site's zone when TIMEZONE is not set: the blog is for Italian businesses.
DEFAULT_TIMEZONE = "Europe/Rome"
DAY_PATTERN = "d MMMM y"
MONTH_PATTERN = "LLLL y"


def site_timezone(settings):
    """The name of the site's time zone: TIMEZONE, else Europe/Rome."""
    return settings.get("TIMEZONE") or DEFAULT_TIMEZONE


def site_zone(settings):
    return ZoneInfo(site_timezone(settings))


def local_day(value, timezone=DEFAULT_TIMEZONE):
    """The calendar day of `value` as seen in `timezone`; a naive moment is already local."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(ZoneInfo(timezone))
        return value.date()
    return value


def italian_date(value, pattern=DAY_PATTERN, timezone=DEFAULT_TIMEZONE):
    """`value` in Italian with a Babel (CLDR) pattern: "22 novembre 2026"."""
    day = local_day(value, timezone)
    if isinstance(day, date):
        return _italian_day(day, pattern)
    return format_date(day, format=pattern, locale="it")


@functools.lru_cache(maxsize=8192)
def _italian_day(day, pattern):
    # Babel parses the pattern and walks the locale for each date: every article's two dates,
    # every build of the dev server.
    return format_date(day, format=pattern, locale="it")


def italian_moment(moment, pattern="d MMMM y 'alle' HH:mm"):
    """A moment with its time, in Italian: "4 dicembre 2026 alle 09:00"."""
    return format_datetime(moment, pattern, locale="it")


def build_moment():
    """When this build happens: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now(UTC)
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError):
        raise SettingError(
            "SOURCE_DATE_EPOCH", f"deve essere un numero di secondi dal 1970, non {epoch!r}"
        ) from None


def theme_filters(timezone=DEFAULT_TIMEZONE):
    """The date filters the theme uses, for JINJA_FILTERS: they work with any plugin off."""
    return {
        "italian_date": lambda value: italian_date(value, DAY_PATTERN, timezone),
        "italian_month": lambda value: italian_date(value, MONTH_PATTERN, timezone),
    }


# A format Pelican's strftime handles as Python's does: no "%-d" (its zero stripping), no
# directive outside C89 (which it leaves as written), no "%" at the end (which it refuses).
_NOT_PLAIN = re.compile(r"%-|%[^aAbBcdfGHIjmMpSUuVwWxXyYzZ%]|%$")


class ContentDatetime(SafeDatetime):
    """An article's or page's date: Pelican's strftime, in Python, only where it differs from
    the C one. The sitemap formats every entry's date with it twice, 0.1 s a build at 1,000
    articles."""

    def strftime(self, fmt, safe=True):
        if safe and _NOT_PLAIN.search(fmt) is None:
            return datetime.strftime(self, fmt)
        return super().strftime(fmt, safe)


def as_content_datetime(value):
    """`value` as a ContentDatetime when it is one of Pelican's dates, else itself."""
    if type(value) is not SafeDatetime:
        return value
    return ContentDatetime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        value.tzinfo,
        fold=value.fold,
    )
