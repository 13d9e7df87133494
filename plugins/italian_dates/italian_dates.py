"""Italian dates through Babel ("22 novembre 2026"), independent of the system locale."""

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date
from pelican import signals

ITALIAN_DATES_DEFAULTS = {
    "ITALIAN_DATES_FORMAT": "d MMMM y",
    "ITALIAN_DATES_MONTH_FORMAT": "LLLL y",
}


def to_local_date(value, timezone):
    """The calendar day of `value` as seen in `timezone` (Europe/Rome for the site)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone(ZoneInfo(timezone))
    return value.date() if isinstance(value, datetime) else value


def italian_date(value, pattern="d MMMM y", timezone="Europe/Rome"):
    """`value` formatted in Italian with a Babel (CLDR) pattern."""
    return format_date(to_local_date(value, timezone), format=pattern, locale="it")


def configure(pelican):
    for name, default in ITALIAN_DATES_DEFAULTS.items():
        pelican.settings.setdefault(name, default)
        if not isinstance(pelican.settings[name], str) or not pelican.settings[name]:
            raise ValueError(
                f"{name} deve essere un formato di data Babel, per esempio {default!r}"
            )


def add_filters(generator):
    settings = generator.settings
    timezone = settings.get("TIMEZONE", "Europe/Rome")
    day_pattern = settings["ITALIAN_DATES_FORMAT"]
    month_pattern = settings["ITALIAN_DATES_MONTH_FORMAT"]
    generator.env.filters["italian_date"] = lambda value: italian_date(value, day_pattern, timezone)
    generator.env.filters["italian_month"] = lambda value: italian_date(
        value, month_pattern, timezone
    )


def set_locale_dates(content):
    """Replace Pelican's strftime dates, which depend on the machine's locale."""
    settings = content.settings
    timezone = settings.get("TIMEZONE", "Europe/Rome")
    pattern = settings.get("ITALIAN_DATES_FORMAT", ITALIAN_DATES_DEFAULTS["ITALIAN_DATES_FORMAT"])
    if hasattr(content, "date"):
        content.locale_date = italian_date(content.date, pattern, timezone)
    if hasattr(content, "modified"):
        content.locale_modified = italian_date(content.modified, pattern, timezone)


def register():
    signals.initialized.connect(configure)
    signals.generator_init.connect(add_filters)
    signals.content_object_init.connect(set_locale_dates)
