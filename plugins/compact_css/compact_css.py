"""The theme's stylesheets as readers download them: without comments and spaces.

theme/static/css/ stays readable, one comment per section; what the build writes to the output
is the same rules minified by rcssmin (a fifth smaller: the CSS stays under its 20 KB budget as
the theme grows). Without this plugin the theme's files are served as written.
"""

import os
import re

import rcssmin
from pelican import signals

# A string of the stylesheet (`content: "…"`, a font's name): left as it is.
STRING = re.compile(r"""("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')""")
# `0.25rem` is `.25rem`: a zero before the point, not part of a name or a longer number.
LEADING_ZERO = re.compile(r"(?<![\w.#-])0\.(?=\d)")


def compact(css):
    """`css` without comments, the spaces no rule needs and the zeros before a decimal point."""
    pieces = STRING.split(rcssmin.cssmin(css))
    # split() keeps the strings at the odd places.
    return "".join(
        piece if number % 2 else LEADING_ZERO.sub(".", piece) for number, piece in enumerate(pieces)
    )


def theme_stylesheets(settings):
    """The paths of the .css files Pelican copied from the theme's static folders."""
    folder = os.path.join(settings["OUTPUT_PATH"], settings["THEME_STATIC_DIR"])
    for root, _folders, files in os.walk(folder):
        for name in sorted(files):
            if name.endswith(".css"):
                yield os.path.join(root, name)


def compact_theme_stylesheets(pelican):
    for path in theme_stylesheets(pelican.settings):
        with open(path, encoding="utf-8") as stylesheet:
            written = stylesheet.read()
        compacted = compact(written)
        if compacted != written:
            with open(path, "w", encoding="utf-8") as stylesheet:
                stylesheet.write(compacted)


def register():
    signals.finalized.connect(compact_theme_stylesheets)
