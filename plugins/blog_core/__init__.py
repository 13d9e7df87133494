"""The blog's shared core: what every plugin, tasks.py and the tests import by name.

- problems: report_problem(), notice() and the one stop (BuildStopped), BUILD_PROBLEMS_STRICT;
- build: BlogPelican (PELICAN_CLASS), the build's state, every plugin loaded or a stop;
- faults: a full or read-only disk as one Italian line (the build's and `invoke publish`'s);
- headers: one header parser and one line lookup; fields: the table of header fields;
- site_check: the one checker of a built site; validator: the Nu Html Checker;
- text, dates, labels, settings: the small helpers, once each.

Not a plugin: pelicanconf.py puts plugins/ on the import path, so this package and the
plugins import it by name whatever the order of PLUGINS.
"""

from .build import (
    BlogPelican,
    build_of,
    header_fields,
    rendered_all_once,
    site_written,
)
from .content_files import work_on_read
from .dates import build_moment, italian_date, italian_moment, site_timezone, site_zone
from .fields import ARTICLE, BIO, DESCRIPTION, PAGE, HeaderField, Problem, check_fields
from .headers import (
    NOT_UTF8,
    SourceLines,
    body_start,
    field_line,
    file_header,
    header_line,
    line_of,
    read_header,
    read_source,
)
from .kept_results import computed_once
from .labels import template_cache, theme_label, theme_labels
from .page_cache import digest_of_text, text_digest
from .problems import (
    BuildStopped,
    SettingError,
    display_path,
    is_strict,
    notice,
    read_content_file,
    report_problem,
)
from .settings import apply_defaults, content_folder, positive_integer
from .site_check import check_site, served_file, site_path
from .text import (
    did_you_mean,
    is_web_address,
    origin_of,
    plain_text,
    slug_for_title,
    without_pictures,
)
from .writing import with_feed_stylesheet

__all__ = [
    "computed_once",
    "work_on_read",
    "digest_of_text",
    "text_digest",
    "rendered_all_once",
    "ARTICLE",
    "BIO",
    "DESCRIPTION",
    "NOT_UTF8",
    "PAGE",
    "BlogPelican",
    "BuildStopped",
    "HeaderField",
    "Problem",
    "SettingError",
    "SourceLines",
    "apply_defaults",
    "content_folder",
    "body_start",
    "build_moment",
    "build_of",
    "check_fields",
    "check_site",
    "did_you_mean",
    "display_path",
    "field_line",
    "file_header",
    "header_fields",
    "header_line",
    "is_strict",
    "is_web_address",
    "origin_of",
    "italian_date",
    "italian_moment",
    "line_of",
    "notice",
    "plain_text",
    "without_pictures",
    "with_feed_stylesheet",
    "positive_integer",
    "read_header",
    "read_source",
    "read_content_file",
    "report_problem",
    "served_file",
    "site_path",
    "site_timezone",
    "site_written",
    "site_zone",
    "slug_for_title",
    "template_cache",
    "theme_label",
    "theme_labels",
]
