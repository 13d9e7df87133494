"""Newsletter weeks: which digest an article belongs to. Pure functions, no Pelican.

A week closes at a fixed local moment, by default Friday 09:00 Europe/Rome, when the digest
goes out. An article published before that moment (08:59) is in the closing week; one
published at the moment itself (09:00) or later is in the next one. A date is first turned
into Rome time, so one written in UTC or another zone lands in the right week; the weeks
around the daylight-saving changes are 167 and 169 hours long, and each still closes at
09:00 on the wall clock.

A week is named after its closing day, with that day's ISO year and week number: the week
that closes on Friday 20 November 2026 is "2026-47". ISO weeks run Monday to Sunday and
belong to the year of their Thursday, so a Friday's ISO year is its calendar year except
on 1 January after a year with 53 weeks: the week closing on Friday 1 January 2027 is
"2026-53", and the next one "2027-01".
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEK_ID = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True)
class Schedule:
    """When weeks close: `weekday` 0 (Monday) to 6 (Sunday), at local time `at`."""

    weekday: int
    at: time
    timezone: str

    @property
    def zone(self):
        return ZoneInfo(self.timezone)

    def closing_on(self, day):
        """The closing moment on calendar day `day` (which must be the closing weekday)."""
        return datetime.combine(day, self.at, tzinfo=self.zone)


@dataclass(frozen=True)
class Week:
    """From one closing moment (included) to the next (excluded)."""

    opens: datetime
    closes: datetime

    @property
    def year(self):
        return self.closes.date().isocalendar().year

    @property
    def number(self):
        return self.closes.date().isocalendar().week

    @property
    def id(self):
        return f"{self.year}-{self.number:02d}"


def parse_schedule(weekday, at, timezone):
    """A Schedule from setting values: "friday", "09:00", "Europe/Rome"; ValueError if bad."""
    if not isinstance(weekday, str) or weekday.lower() not in WEEKDAYS:
        raise ValueError(f"{weekday!r} is not a weekday name")
    if not isinstance(at, str) or not re.fullmatch(r"\d{2}:\d{2}", at):
        raise ValueError(f"{at!r} is not a time as HH:MM")
    return Schedule(WEEKDAYS.index(weekday.lower()), time.fromisoformat(at), timezone)


def week_of(moment, schedule):
    """The week `moment` belongs to; a naive `moment` is local time in the schedule's zone."""
    zone = schedule.zone
    local = moment.astimezone(zone) if moment.tzinfo else moment.replace(tzinfo=zone)
    day = local.date() + timedelta(days=(schedule.weekday - local.weekday()) % 7)
    closes = schedule.closing_on(day)
    if closes <= local:
        closes = schedule.closing_on(day + timedelta(days=7))
    return Week(schedule.closing_on(closes.date() - timedelta(days=7)), closes)


def week_by_id(week_id, schedule):
    """The week named "YYYY-WW"; ValueError when the text is not such a week."""
    match = WEEK_ID.fullmatch(week_id.strip()) if isinstance(week_id, str) else None
    if not match:
        raise ValueError(f"{week_id!r} is not a week as YYYY-WW")
    year, number = (int(part) for part in match.groups())
    try:
        day = date.fromisocalendar(year, number, schedule.weekday + 1)
    except ValueError:
        raise ValueError(f"{year} has no week {number}") from None
    return Week(schedule.closing_on(day - timedelta(days=7)), schedule.closing_on(day))


def group_by_week(items, schedule, date_of=lambda item: item.date):
    """[(week, items oldest first)] for every week with items, newest week first."""
    weeks = {}
    for item in items:
        weeks.setdefault(week_of(date_of(item), schedule), []).append(item)
    return [
        (week, sorted(weeks[week], key=date_of))
        for week in sorted(weeks, key=lambda week: week.closes, reverse=True)
    ]


def italian_period(week):
    """The calendar days a week spans, in Italian: "13–20 novembre 2026"."""
    first, last = week.opens.date(), week.closes.date()
    end = format_date(last, "d MMMM y", locale="it")
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{end}"
    if first.year == last.year:
        return f"{format_date(first, 'd MMMM', locale='it')} – {end}"
    return f"{format_date(first, 'd MMMM y', locale='it')} – {end}"
