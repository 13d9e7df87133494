"""The core's dates: Pelican's strftime where it matters, Python's where it gives the same."""

import random
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from pelican.utils import SafeDatetime

from blog_core.dates import ContentDatetime, as_content_datetime

FORMATS = [
    "%Y-%m-%dT%H:%M:%S",
    "%z",
    "%-d %B %Y",
    "%-H:%M",
    "%e %d",
    "%%d and %%-d",
    "%a %A %b %B %c %d %f %G %H %I %j %m %M %p %S %u %U %V %w %W %x %X %y %Y %Z",
    "il %d/%m/%Y alle %H",
    "%Q %k",
    "",
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_content_date_formats_as_pelicans_does(fmt):
    picked = random.Random(14)
    for _ in range(200):
        moment = SafeDatetime(2016, 1, 1, tzinfo=ZoneInfo("Europe/Rome")) + timedelta(
            seconds=picked.randrange(10 * 365 * 86400), microseconds=picked.randrange(10**6)
        )
        moment = SafeDatetime.fromtimestamp(moment.timestamp(), moment.tzinfo)
        fast = as_content_datetime(moment)
        assert type(fast) is ContentDatetime
        assert fast == moment and hash(fast) == hash(moment)
        assert fast.strftime(fmt) == moment.strftime(fmt)


def test_a_format_pelican_refuses_is_refused():
    moment = as_content_datetime(SafeDatetime(2026, 12, 2, 9, 30))
    with pytest.raises(ValueError):
        moment.strftime("al 100%")


def test_only_pelicans_dates_are_changed():
    assert as_content_datetime("2026-12-02") == "2026-12-02"
    plain = ContentDatetime(2026, 12, 2)
    assert as_content_datetime(plain) is plain
