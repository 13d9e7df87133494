"""Italian dates through Babel, in the Europe/Rome time zone, whatever the machine's locale."""

import locale
from datetime import UTC, date, datetime

import pytest

from italian_dates.italian_dates import configure, italian_date
from sitebuild import PelicanSettingsStub


def test_long_date_in_italian():
    assert italian_date(date(2026, 11, 22)) == "22 novembre 2026"
    assert italian_date(date(2026, 3, 1)) == "1 marzo 2026"


def test_month_pattern():
    assert italian_date(date(2026, 8, 14), "LLLL y") == "agosto 2026"


def test_late_evening_utc_is_already_the_next_day_in_rome():
    assert italian_date(datetime(2026, 11, 21, 23, 30, tzinfo=UTC)) == "22 novembre 2026"
    # Summer time: UTC+2.
    assert italian_date(datetime(2026, 7, 31, 22, 15, tzinfo=UTC)) == "1 agosto 2026"


def test_independent_of_the_process_locale():
    previous = locale.setlocale(locale.LC_TIME)
    try:
        locale.setlocale(locale.LC_TIME, "C")
        assert italian_date(date(2026, 12, 25)) == "25 dicembre 2026"
    finally:
        locale.setlocale(locale.LC_TIME, previous)


def test_settings_get_defaults_and_bad_values_name_the_setting():
    pelican = PelicanSettingsStub()
    configure(pelican)
    assert pelican.settings["ITALIAN_DATES_FORMAT"] == "d MMMM y"
    with pytest.raises(ValueError, match="ITALIAN_DATES_FORMAT"):
        configure(PelicanSettingsStub(ITALIAN_DATES_FORMAT=""))
