"""The theme's labels (templates/partials/labels.html): every word a reader sees, in one place.

Plugins and settings that put words on a page (a table's name for screen readers, a footnote's
back link) read them from here, so a translator changes one file.
"""

import hashlib
import os
from functools import lru_cache

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader

from .problems import SettingError

LABELS_TEMPLATE = "partials/labels.html"


@lru_cache(maxsize=8)
def _labels(templates, modified):
    environment = Environment(loader=FileSystemLoader(templates), autoescape=True)
    return environment.get_template(LABELS_TEMPLATE).make_module()


def theme_labels(theme):
    """The labels of the theme in folder `theme`: `labels.read_more`, `labels.page_of(1, 3)`."""
    templates = os.path.join(theme, "templates")
    return _labels(templates, os.path.getmtime(os.path.join(templates, LABELS_TEMPLATE)))


def theme_label(theme, name):
    """One label as plain text, for a setting: theme_label("theme", "footnote_backlink")."""
    labels = theme_labels(theme)
    if not hasattr(labels, name):
        raise SettingError("THEME", f"non ha l'etichetta «{name}» in templates/{LABELS_TEMPLATE}.")
    return str(getattr(labels, name))


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's bytecode cache, one set of compiled templates per set of plugins.

    Jinja computes `'x' is plugin_enabled` once, when it compiles a template: a template
    compiled for a build with a plugin must never serve a build without it. BlogPelican sets
    `plugins` once the plugins have loaded.
    """

    plugins = ()

    def get_cache_key(self, name, filename=None):
        key = super().get_cache_key(name, filename)
        return hashlib.sha1(f"{key}|{','.join(sorted(self.plugins))}".encode()).hexdigest()


def template_cache(folder):
    """A TemplateCache in `folder`, for JINJA_ENVIRONMENT; None where it cannot be made (a
    read-only checkout builds as before, only slower)."""
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return TemplateCache(str(folder))
