"""The content cache (blog_core.content_cache) and reading on every core: the same site, byte
for byte, with the cache or without, in one process or several, and the same problems named."""

import logging
import pickle
import shutil

import pytest

import blog_core.content_cache as content_cache
import blog_core.parsed as parsed
from blog_core import BuildStopped
from blog_core.reader import SafeMarkdownReader
from sitebuild import (
    BLOG_SITE,
    FIXTURE_BUILD_MOMENT,
    build_site,
    epoch,
    file_hashes,
    write_article,
)

# Enough files for the read-ahead to fork two workers (content_cache.FILES_PER_WORKER each).
EXTRA_ARTICLES = 30
# A file with problems the reader names: they must be named on a cached build too.
GUEST_POST = """\
Un paragrafo con un\x07 carattere invisibile, e "virgolette" -- da sistemare.

<script>alert(1)</script>
"""


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(FIXTURE_BUILD_MOMENT))
    content = tmp_path / "content"
    shutil.copytree(BLOG_SITE, content)
    for number in range(EXTRA_ARTICLES):
        write_article(
            content,
            f"prova-{number}.md",
            title=f"Prova numero {number}: la vetrina del negozio",
            author="Elisa Marchetti",
            date=f"2026-02-{number % 27 + 1:02d} 09:00",
            body=f"Il negozio numero {number} prova la vetrina, il *listino* e le [[note]].\n"
            # More broken links than Pelican's limit on repeated messages: the workers' log
            # must be filtered as one process's is.
            + (f"[Vedi]({{filename}}/articles/manca-{number}.md).\n" if number % 3 == 0 else ""),
        )
    write_article(
        content,
        "ospite.md",
        title="Un ospite",
        body=GUEST_POST,
        date="2026-03-02",
        author="Elisa Marchetti",
    )
    return content


class Spy:
    """Counts calls of a function while forwarding them."""

    def __init__(self, monkeypatch, owner, name):
        self.calls = 0
        real = getattr(owner, name)

        def counted(*args, **kwargs):
            self.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)


def problems(built):
    return sorted(record.getMessage() for record in built.warnings())


def test_same_bytes_and_problems_with_or_without_cache_serial_or_parallel(
    site, tmp_path, monkeypatch
):
    cache = str(tmp_path / "cache")
    plain = build_site(tmp_path / "plain", site, BUILD_CACHE=None, BUILD_WORKERS=1)
    expected = file_hashes(plain.output)
    named = problems(plain)
    assert any("ospite.md:10: «<script>» è stato tolto" in message for message in named)
    assert any("ospite.md:8: c'è un carattere di controllo" in message for message in named)
    assert sum("manca-" in message for message in named) == EXTRA_ARTICLES // 3

    workers = Spy(monkeypatch, content_cache, "in_workers")
    parsed._last_build.clear()  # as a new process: no facts of the texts known
    parses = Spy(monkeypatch, parsed, "links_in")
    cold = build_site(tmp_path / "cold", site, BUILD_CACHE=cache, BUILD_WORKERS=2)
    assert workers.calls == 1  # read on two cores
    parsed_here = parses.calls
    assert file_hashes(cold.output) == expected
    assert problems(cold) == named

    reads = Spy(monkeypatch, SafeMarkdownReader, "read_unsafe")
    content_cache._memory.clear()  # as a new process: from the file in .cache/
    warm = build_site(tmp_path / "warm", site, BUILD_CACHE=cache, BUILD_WORKERS=2)
    assert reads.calls == 0  # nothing read again
    assert file_hashes(warm.output) == expected
    assert problems(warm) == named

    parsed._last_build.clear()
    parses.calls = 0
    serial = build_site(tmp_path / "serial", site, BUILD_CACHE=None, BUILD_WORKERS=1)
    assert reads.calls > EXTRA_ARTICLES
    # The texts' links and words were worked out by the workers that read them, not here (but
    # for the few texts read here: pages a plugin reads on its own, such as the bios).
    assert parses.calls > 2 * EXTRA_ARTICLES > 20 * parsed_here
    assert file_hashes(serial.output) == expected


def test_an_edited_file_is_read_again_and_only_it(site, tmp_path, monkeypatch):
    cache = str(tmp_path / "cache")
    build_site(tmp_path / "first", site, BUILD_CACHE=cache)
    edited = site / "articles" / "prova-3.md"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("prova la vetrina", "rinnova la vetrina"),
        encoding="utf-8",
    )
    reads = Spy(monkeypatch, SafeMarkdownReader, "read_unsafe")
    built = build_site(tmp_path / "second", site, BUILD_CACHE=cache)
    assert reads.calls == 1
    assert "rinnova la vetrina" in built.html("/prova-numero-3-la-vetrina-del-negozio/")


def test_a_deleted_file_leaves_the_cache_with_its_build(site, tmp_path):
    cache = str(tmp_path / "cache")
    build_site(tmp_path / "first", site, BUILD_CACHE=cache)
    (site / "articles" / "prova-7.md").unlink()
    build_site(tmp_path / "second", site, BUILD_CACHE=cache)
    content_cache._memory.clear()
    (stored,) = (tmp_path / "cache").glob("*.pickle")
    kept = pickle.loads(stored.read_bytes())
    assert "articles/prova-8.md" in kept and "articles/prova-7.md" not in kept


def test_a_damaged_cache_costs_only_time(site, tmp_path):
    cache = tmp_path / "cache"
    first = build_site(tmp_path / "first", site, BUILD_CACHE=str(cache))
    for stored in cache.glob("*.pickle"):
        stored.write_bytes(b"not a pickle")
    content_cache._memory.clear()
    second = build_site(tmp_path / "second", site, BUILD_CACHE=str(cache))
    assert file_hashes(second.output) == file_hashes(first.output)


def test_what_a_read_depends_on_makes_a_new_namespace(tmp_path):
    settings = {"PATH": str(tmp_path), "THEME": "theme", "MARKDOWN": {"output_format": "html5"}}
    key = content_cache.namespace(settings)
    assert content_cache.namespace({**settings, "OUTPUT_PATH": "/elsewhere"}) == key
    assert content_cache.namespace({**settings, "TYPOGRIFY": True}) != key
    assert content_cache.namespace({**settings, "MARKDOWN": {"output_format": "xhtml"}}) != key
    logging.getLogger().setLevel(logging.ERROR)
    try:
        assert content_cache.namespace(settings) != key  # fewer records kept to replay
    finally:
        logging.getLogger().setLevel(logging.WARNING)


def test_build_workers_must_be_a_positive_number(site, tmp_path):
    with pytest.raises(BuildStopped, match="BUILD_WORKERS deve essere un numero intero positivo"):
        build_site(tmp_path / "out", site, BUILD_WORKERS=0)
