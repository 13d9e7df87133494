"""Plugin settings: each one's default in one table, a misspelt name caught at start-up."""

from .problems import SettingError
from .text import did_you_mean


def apply_defaults(settings, defaults, prefix):
    """Give every setting in `defaults` its default, and refuse unknown ones with `prefix`.

    A misspelt setting (NEWSLETTER_PROVIDOR) would otherwise be silently ignored.
    """
    for name in sorted(settings):
        if name.startswith(prefix) and name not in defaults:
            guess = did_you_mean(name, defaults)
            hint = f" Forse intendevi {guess}?" if guess else ""
            raise SettingError(name, f"non è un'impostazione che il sito conosce.{hint}")
    for name, default in defaults.items():
        settings.setdefault(name, dict(default) if isinstance(default, dict) else default)
    return settings


def positive_integer(settings, name):
    """The setting's value, a whole number above zero, or a SettingError naming it."""
    value = settings[name]
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise SettingError(name, f"deve essere un numero intero positivo, non {value!r}")
    return value


def content_folder(settings, name):
    """The folder of content/ the setting `name` names, checked, and kept out of the articles
    and pages whatever ARTICLE_PATHS and PAGE_PATHS say (bios, descriptions, comments)."""
    folder = settings[name]
    if not isinstance(folder, str) or not folder.strip("/"):
        raise SettingError(name, f"deve essere una cartella dentro content/, non {folder!r}")
    folder = folder.strip("/")
    for excludes in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        current = list(settings.get(excludes, []))
        if folder not in current:
            settings[excludes] = [*current, folder]
    return folder
