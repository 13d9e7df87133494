"""Which weekly digest an article goes into: weeks close on Friday at 09:00 in Rome."""

from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from newsletter.weeks import group_by_week, italian_period, parse_schedule, week_by_id, week_of

ROME = ZoneInfo("Europe/Rome")
UTC = ZoneInfo("UTC")
FRIDAY_9 = parse_schedule("friday", "09:00", "Europe/Rome")


def rome(*parts):
    return datetime(*parts, tzinfo=ROME)


def hours(week):
    """How long a week really lasts (Python subtracts times in one zone by the wall clock)."""
    return (week.closes.astimezone(UTC) - week.opens.astimezone(UTC)) / timedelta(hours=1)


def test_an_article_at_0859_on_friday_is_in_the_week_closing_that_morning():
    week = week_of(rome(2026, 11, 20, 8, 59), FRIDAY_9)
    assert week.closes == rome(2026, 11, 20, 9, 0)
    assert week.id == "2026-47"


def test_an_article_at_0900_on_friday_is_in_the_next_week():
    week = week_of(rome(2026, 11, 20, 9, 0), FRIDAY_9)
    assert week.opens == rome(2026, 11, 20, 9, 0)
    assert week.closes == rome(2026, 11, 27, 9, 0)
    assert week.id == "2026-48"


def test_every_moment_of_a_week_belongs_to_it():
    for moment in (
        rome(2026, 11, 13, 9, 0),  # the opening moment itself
        rome(2026, 11, 14, 23, 30),  # Saturday night
        rome(2026, 11, 16, 0, 0),  # Monday at midnight
        rome(2026, 11, 19, 23, 59),  # Thursday night
        rome(2026, 11, 20, 8, 59, 59),  # one second before it closes
    ):
        assert week_of(moment, FRIDAY_9).id == "2026-47", moment


def test_march_daylight_saving_week_is_an_hour_short_and_closes_at_nine():
    # Clocks go forward on Sunday 29 March 2026: 02:00 becomes 03:00.
    week = week_of(rome(2026, 3, 30, 12, 0), FRIDAY_9)
    assert (week.opens, week.closes) == (rome(2026, 3, 27, 9, 0), rome(2026, 4, 3, 9, 0))
    assert hours(week) == 167
    assert week.closes.utcoffset() == timedelta(hours=2)
    # 06:59 UTC is 08:59 in Rome once summer time has started, 07:00 UTC is 09:00.
    assert week_of(datetime(2026, 4, 3, 6, 59, tzinfo=UTC), FRIDAY_9).id == week.id
    assert week_of(datetime(2026, 4, 3, 7, 0, tzinfo=UTC), FRIDAY_9).id == "2026-15"
    # The Friday it opens is still winter time: 08:00 UTC is 09:00 in Rome.
    assert week_of(datetime(2026, 3, 27, 7, 59, tzinfo=UTC), FRIDAY_9).id == "2026-13"
    assert week_of(datetime(2026, 3, 27, 8, 0, tzinfo=UTC), FRIDAY_9).id == week.id


def test_october_daylight_saving_week_is_an_hour_long_and_closes_at_nine():
    # Clocks go back on Sunday 25 October 2026: 03:00 becomes 02:00 again.
    week = week_of(rome(2026, 10, 25, 2, 30), FRIDAY_9)
    assert (week.opens, week.closes) == (rome(2026, 10, 23, 9, 0), rome(2026, 10, 30, 9, 0))
    assert hours(week) == 169
    assert week.closes.utcoffset() == timedelta(hours=1)
    assert week_of(datetime(2026, 10, 30, 7, 59, tzinfo=UTC), FRIDAY_9).id == week.id
    assert week_of(datetime(2026, 10, 30, 8, 0, tzinfo=UTC), FRIDAY_9).id == "2026-45"
    # Both 02:30s of the repeated hour are in this week.
    for fold in (0, 1):
        ambiguous = datetime(2026, 10, 25, 2, 30, tzinfo=ROME, fold=fold)
        assert week_of(ambiguous, FRIDAY_9) == week


def test_the_week_closing_on_new_years_day_is_the_last_week_of_the_old_year():
    # 2026 has 53 ISO weeks: Friday 1 January 2027 is in week 53 of 2026.
    new_years_eve = week_of(rome(2026, 12, 31, 23, 59), FRIDAY_9)
    assert new_years_eve.closes == rome(2027, 1, 1, 9, 0)
    assert new_years_eve.id == "2026-53"
    first = week_of(rome(2027, 1, 1, 9, 0), FRIDAY_9)
    assert first.closes == rome(2027, 1, 8, 9, 0)
    assert first.id == "2027-01"
    before = week_of(rome(2026, 12, 25, 8, 59), FRIDAY_9)
    assert before.id == "2026-52"


def test_a_year_with_52_weeks_goes_from_week_52_to_week_01():
    assert week_of(rome(2025, 12, 26, 8, 0), FRIDAY_9).id == "2025-52"
    assert week_of(rome(2025, 12, 31, 12, 0), FRIDAY_9).id == "2026-01"


def test_a_naive_time_is_read_as_time_in_rome():
    assert week_of(datetime(2026, 11, 20, 8, 59), FRIDAY_9).id == "2026-47"
    assert week_of(datetime(2026, 11, 20, 9, 0), FRIDAY_9).id == "2026-48"


@pytest.mark.parametrize("week_id", ["2026-47", "2026-53", "2027-01", "2026-14"])
def test_a_week_is_found_again_by_its_name(week_id):
    week = week_by_id(week_id, FRIDAY_9)
    assert week.id == week_id
    assert week_of(week.closes - timedelta(seconds=1), FRIDAY_9) == week
    assert week.closes.weekday() == 4 and week.closes.time().isoformat() == "09:00:00"


@pytest.mark.parametrize("text", ["2026-54", "2025-53", "2026-47-1", "26-47", "2026W47", ""])
def test_a_week_name_that_is_not_a_week_is_refused(text):
    with pytest.raises(ValueError):
        week_by_id(text, FRIDAY_9)


def test_another_closing_day_and_time():
    monday_7 = parse_schedule("Monday", "07:30", "Europe/Rome")
    week = week_of(rome(2026, 11, 23, 7, 29), monday_7)
    assert week.closes == rome(2026, 11, 23, 7, 30)
    assert week_of(rome(2026, 11, 23, 7, 30), monday_7).closes == rome(2026, 11, 30, 7, 30)


def test_grouping_gives_each_week_its_articles_oldest_first_newest_week_first():
    articles = [
        SimpleNamespace(title=title, date=date)
        for title, date in [
            ("Venerdì presto", rome(2026, 11, 20, 8, 30)),
            ("Lunedì", rome(2026, 11, 16, 10, 0)),
            ("Venerdì alle nove", rome(2026, 11, 20, 9, 0)),
            ("Settimana prima", rome(2026, 11, 12, 18, 0)),
        ]
    ]
    grouped = group_by_week(articles, FRIDAY_9)
    assert [(week.id, [a.title for a in items]) for week, items in grouped] == [
        ("2026-48", ["Venerdì alle nove"]),
        ("2026-47", ["Lunedì", "Venerdì presto"]),
        ("2026-46", ["Settimana prima"]),
    ]


def test_the_period_reads_as_italian_dates():
    assert italian_period(week_by_id("2026-47", FRIDAY_9)) == "13–20 novembre 2026"
    assert italian_period(week_by_id("2026-45", FRIDAY_9)) == "30 ottobre – 6 novembre 2026"
    assert italian_period(week_by_id("2026-53", FRIDAY_9)) == "25 dicembre 2026 – 1 gennaio 2027"


@pytest.mark.parametrize(("day", "at"), [("venerdì", "09:00"), ("friday", "9"), ("friday", "9am")])
def test_a_schedule_that_cannot_be_read_is_refused(day, at):
    with pytest.raises(ValueError):
        parse_schedule(day, at, "Europe/Rome")
