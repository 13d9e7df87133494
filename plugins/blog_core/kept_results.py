"""A plugin's whole-site result kept between builds, for as long as what it is made from is.

Some plugins work out one result from every article at once (related_articles: every pair of
articles scored) or one per article text (the facts of its HTML): the same inputs give the same
result, so `computed_once(settings, name, inputs, compute)` gives compute()'s result, or the one
an earlier build kept for the same `name` and `inputs` (plain data: texts, numbers, dates, lists,
dicts, contents by file). The results live in `results/` inside BUILD_CACHE, one pickle per
namespace (the settings, the plugins' code, the libraries: blog_core.content_cache.namespace),
and in memory for the rest of the process; those no build asked for are dropped when a build
saves (BlogPelican, once the site is written). Without BUILD_CACHE, compute() every time.
"""

import hashlib
import logging
import os
import pickle

from .build import build_of, once_per_build
from .content_cache import CACHE, KeptTable, namespace
from .page_cache import Fingerprints, Unkeyable

logger = logging.getLogger(__name__)

FOLDER = "results"
STATE = "blog_core.kept_results"

# {cache file: {key: result}}: what this process has loaded or computed.
_memory = {}


class KeptResults(KeptTable):
    """One build's view of the kept results."""

    # A plugin's result may be an object pickle cannot take.
    SAVE_ERRORS = (OSError, pickle.PicklingError, TypeError, AttributeError)

    def __init__(self, settings):
        folder = os.path.join(os.path.abspath(settings[CACHE]), FOLDER)
        super().__init__(
            os.path.join(folder, f"{namespace(settings)}.pickle"), _memory, "kept results"
        )

    def get(self, key, compute):
        self.used.add(key)
        if key in self.entries:
            return self.entries[key]
        result = self.entries[key] = compute()
        self.dirty = True
        return result

    def replace(self, key, result):
        """Keep `result` under `key` from now on (a table the build filled as it went)."""
        self.used.add(key)
        if self.entries.get(key) != result:
            self.entries[key] = result
            self.dirty = True


def kept_results(settings):
    """The build's KeptResults; None outside a build or without BUILD_CACHE."""
    if build_of(settings) is None or not settings.get(CACHE):
        return None
    return once_per_build(settings, STATE, KeptResults)


def computed_once(settings, name, inputs, compute):
    """compute()'s result, or the one kept by an earlier build for the same `name` and
    `inputs`; compute() itself outside a build, without BUILD_CACHE, or when `inputs` is not
    plain data."""
    kept = kept_results(settings)
    if kept is None:
        return compute()
    try:
        digest = Fingerprints().of((name, inputs))
    except Unkeyable:
        return compute()
    return kept.get(hashlib.sha256(f"{name}\n{digest}".encode()).hexdigest(), compute)
