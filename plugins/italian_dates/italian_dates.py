"""Italian dates through Babel ("22 novembre 2026"), independent of the system locale.

Every article and page gets `locale_date` (and `locale_modified`) in Italian; the theme's
`italian_date` and `italian_month` filters follow this plugin's formats. Without the plugin
the theme still shows Italian month names (its own filters) and Pelican's numeric dates.
"""

from pelican import signals

from blog_core import SettingError, apply_defaults, italian_date, site_timezone

ITALIAN_DATES_DEFAULTS = {
    "ITALIAN_DATES_FORMAT": "d MMMM y",
    "ITALIAN_DATES_MONTH_FORMAT": "LLLL y",
}


def configure(pelican):
    settings = apply_defaults(pelican.settings, ITALIAN_DATES_DEFAULTS, "ITALIAN_DATES_")
    for name, default in ITALIAN_DATES_DEFAULTS.items():
        if not isinstance(settings[name], str) or not settings[name]:
            raise SettingError(
                name, f"deve essere un formato di data Babel, per esempio {default!r}"
            )


def add_filters(generator):
    settings = generator.settings
    timezone = site_timezone(settings)
    day_pattern = settings["ITALIAN_DATES_FORMAT"]
    month_pattern = settings["ITALIAN_DATES_MONTH_FORMAT"]
    generator.env.filters["italian_date"] = lambda value: italian_date(value, day_pattern, timezone)
    generator.env.filters["italian_month"] = lambda value: italian_date(
        value, month_pattern, timezone
    )


def set_locale_dates(content):
    """Replace Pelican's strftime dates, which depend on the machine's locale."""
    settings = content.settings
    timezone = site_timezone(settings)
    pattern = settings.get("ITALIAN_DATES_FORMAT", ITALIAN_DATES_DEFAULTS["ITALIAN_DATES_FORMAT"])
    if hasattr(content, "date"):
        content.locale_date = italian_date(content.date, pattern, timezone)
    if hasattr(content, "modified"):
        content.locale_modified = italian_date(content.modified, pattern, timezone)


def register():
    signals.initialized.connect(configure)
    signals.generator_init.connect(add_filters)
    signals.content_object_init.connect(set_locale_dates)
