"""The page cache (blog_core.page_cache): a page whose inputs have not changed is written from
the last build's text, byte for byte what rendering it would write; any change to the site, a
text, a template or the call renders again exactly the pages it can change."""

import pickle
import shutil
from pathlib import Path

import pytest
from pelican.settings import read_settings

import blog_core.content_cache as content_cache
import blog_core.page_cache as page_cache
import blog_core.writing as writing
from blog_core import BlogPelican
from sitebuild import (
    BLOG_SITE,
    FIXTURE_BUILD_MOMENT,
    ROOT,
    build_site,
    epoch,
    file_hashes,
    write_article,
)

# Enough articles for the writes to be shared out over two workers.
EXTRA_ARTICLES = 30


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(FIXTURE_BUILD_MOMENT))
    content = tmp_path / "content"
    shutil.copytree(BLOG_SITE, content)
    for number in range(EXTRA_ARTICLES):
        write_article(
            content,
            f"prova-{number}.md",
            title=f"Prova numero {number}: il bancone del negozio",
            author="Elisa Marchetti",
            date=f"2026-02-{number % 27 + 1:02d} 09:00",
            tags="vetrine, clienti" if number % 2 else "vetrine",
            summary=f"Il bancone numero {number} in breve.",
            body=f"Il bancone numero {number} mette in vista il *listino* e le novità.\n"
            # A link by file: its address comes from the other article's title.
            + (
                "Come nella [quinta prova]({filename}/articles/prova-5.md).\n"
                if number == 1
                else ""
            ),
        )
        if number % 3:  # without a Summary field the lists show the start of the text
            path = content / "articles" / f"prova-{number}.md"
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            path.write_text("".join(x for x in lines if not x.startswith("Summary:")))
    return content


class Renders:
    """Counts the writes rendered rather than written from the cache, in the build's process
    (whichever process then renders them): `calls`, those with a key and no kept text;
    `unkeyed`, those the build found no key for."""

    def __init__(self, monkeypatch):
        self.calls = self.unkeyed = 0
        real_keys, real_found = writing.page_keys, page_cache.PageCache.found

        def keys(pages, tasks):
            found = real_keys(pages, tasks)
            # A page that overrides another's file (a content page named 404.html) is always
            # rendered: which write wins is Pelican's decision, at the time of writing.
            self.unkeyed += sum(
                key is None and not task.overrides for task, key in zip(tasks, found, strict=True)
            )
            return found

        def found(pages, key):
            entry = real_found(pages, key)
            self.calls += key is not None and entry is None
            return entry

        monkeypatch.setattr(writing, "page_keys", keys)
        monkeypatch.setattr(page_cache.PageCache, "found", found)


def as_new_process():
    """What a new build process starts from: the caches' files in .cache/, nothing in memory."""
    content_cache._memory.clear()
    page_cache._memory.clear()


def plain_build(tmp_path, site, name):
    """The site built with no cache at all, in one process: what every cached build must be."""
    return file_hashes(build_site(tmp_path / name, site, BUILD_CACHE=None, BUILD_WORKERS=1).output)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("workers", [1, 2])
def test_a_warm_build_renders_nothing_and_writes_the_same_bytes(
    site, tmp_path, monkeypatch, workers
):
    cache = str(tmp_path / "cache")
    expected = plain_build(tmp_path, site, "plain")
    cold = build_site(tmp_path / "cold", site, BUILD_CACHE=cache, BUILD_WORKERS=workers)
    assert file_hashes(cold.output) == expected
    renders = Renders(monkeypatch)
    as_new_process()
    warm = build_site(tmp_path / "warm", site, BUILD_CACHE=cache, BUILD_WORKERS=workers)
    assert renders.calls == renders.unkeyed == 0
    assert file_hashes(warm.output) == expected
    # The pages' text is kept outside the output, in the cache folder.
    (kept,) = (tmp_path / "cache" / "pages").glob("*.pickle")
    assert len(pickle.loads(kept.read_bytes())) > EXTRA_ARTICLES


def test_each_change_renders_what_it_can_change_and_the_bytes_of_a_fresh_build(
    site, tmp_path, monkeypatch
):
    cache = str(tmp_path / "cache")
    first = build_site(tmp_path / "first", site, BUILD_CACHE=cache)
    # The pages and feeds a write makes (not the images, nor the search index's files).
    pages = len([path for path in first.output.rglob("*") if path.suffix in (".html", ".xml")])
    renders = Renders(monkeypatch)
    articles = site / "articles"
    changes = [
        # A body with a Summary field: its page, its feeds; not the lists, not the others.
        ("body", lambda: edit(articles / "prova-3.md", "mette in vista", "rinnova")),
        # A body the lists show the start of: those lists too.
        (
            "summary from the text",
            lambda: edit(articles / "prova-4.md", "mette in vista", "cambia"),
        ),
        # Its address too: the page of prova-1, which links to it, shows the new one.
        ("title", lambda: edit(articles / "prova-5.md", "Title: Prova numero 5", "Title: Quinta")),
        ("tag", lambda: edit(articles / "prova-6.md", "Tags: vetrine", "Tags: vetrine, prezzi")),
        ("deleted", lambda: (articles / "prova-7.md").unlink()),
        ("bio", lambda: edit(site / "authors" / "elisa-marchetti.md", "Torino", "Moncalieri")),
    ]
    rendered = {}
    for number, (name, change) in enumerate(changes):
        change()
        renders.calls = 0
        built = build_site(tmp_path / f"cached-{number}", site, BUILD_CACHE=cache)
        rendered[name] = renders.calls
        assert file_hashes(built.output) == plain_build(tmp_path, site, f"plain-{number}"), name
    assert 0 < rendered["body"] < 10
    assert rendered["body"] < rendered["summary from the text"]
    # The context changed: every page may show the title, the tags, the author's name.
    assert rendered["title"] > pages / 2


def test_a_changed_template_renders_every_page_again(site, tmp_path, monkeypatch):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    cache = str(tmp_path / "cache")
    build_site(tmp_path / "first", site, BUILD_CACHE=cache, THEME=str(theme))
    footer = theme / "templates" / "partials" / "site_footer.html"
    footer.write_text(footer.read_text(encoding="utf-8") + "<!-- nuovo piè di pagina -->\n")
    renders = Renders(monkeypatch)
    built = build_site(tmp_path / "second", site, BUILD_CACHE=cache, THEME=str(theme))
    assert renders.calls > EXTRA_ARTICLES
    assert "nuovo piè di pagina" in built.html("/prova-numero-1-il-bancone-del-negozio/")


def test_what_the_key_cannot_describe_is_rendered(site, tmp_path, monkeypatch):
    """A value in the context that is not plain data (an object without attributes whose text
    is only its place in memory): every page rendered, none kept, none wrong."""

    class Opaque:
        __slots__ = ()

    cache = str(tmp_path / "cache")
    build_site(tmp_path / "first", site, BUILD_CACHE=cache, EXTRA_VALUE=Opaque())
    renders = Renders(monkeypatch)
    second = build_site(tmp_path / "second", site, BUILD_CACHE=cache, EXTRA_VALUE=Opaque())
    assert renders.unkeyed > EXTRA_ARTICLES
    assert file_hashes(second.output) == plain_build(tmp_path, site, "plain")


def test_a_damaged_page_cache_costs_only_time(site, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = build_site(tmp_path / "first", site, BUILD_CACHE=str(cache))
    for stored in (cache / "pages").glob("*.pickle"):
        stored.write_bytes(b"not a pickle")
    as_new_process()
    renders = Renders(monkeypatch)
    second = build_site(tmp_path / "second", site, BUILD_CACHE=str(cache))
    assert renders.calls > EXTRA_ARTICLES
    assert file_hashes(second.output) == file_hashes(first.output)


def test_related_scores_and_html_facts_are_kept_for_the_next_process(site, tmp_path, monkeypatch):
    import blog_core.kept_results as kept_results
    import blog_core.parsed as parsed
    import related_articles.related_articles as related_articles

    cache = str(tmp_path / "cache")
    first = build_site(tmp_path / "first", site, BUILD_CACHE=cache)

    def new_process():
        as_new_process()
        kept_results._memory.clear()
        parsed._last_build.clear()
        related_articles._last_scored.clear()

    scorings, parses = [], []
    real_scored, real_links = related_articles.scored, parsed.links_in
    monkeypatch.setattr(
        related_articles, "scored", lambda *a, **k: scorings.append(1) or real_scored(*a, **k)
    )
    monkeypatch.setattr(parsed, "links_in", lambda html: parses.append(html) or real_links(html))
    new_process()
    second = build_site(tmp_path / "second", site, BUILD_CACHE=cache)
    assert scorings == [] and parses == []
    assert file_hashes(second.output) == file_hashes(first.output)

    edit(site / "articles" / "prova-9.md", "mette in vista", "mette in [vetrina](/negozio/)")
    new_process()
    third = build_site(tmp_path / "third", site, BUILD_CACHE=cache)
    assert len(scorings) == 1  # a text changed: every pair scored again
    assert parses and all("/negozio/" in html for html in parses)  # only the new text parsed
    assert file_hashes(third.output) == plain_build(tmp_path, site, "plain")


def test_the_dev_servers_builds_leave_unchanged_files_as_they_are(site, tmp_path, monkeypatch):
    """Whole-file builds into the folder the dev server serves: a page whose kept text is the
    one already there is only touched (its time is the build's, for the preview's clean-up),
    not written again."""
    output = tmp_path / "preview"

    def preview_build():
        settings = read_settings(
            str(ROOT / "pelicanconf.py"),
            override={
                "PATH": str(site),
                "OUTPUT_PATH": str(output),
                "BUILD_CACHE": str(tmp_path / "cache"),
                "DELETE_OUTPUT_DIRECTORY": False,
                "BUILD_WORKERS": 1,  # every write in this process, where it is counted
            },
        )
        build = BlogPelican(settings)
        build.writer_options = {"whole_files": True}
        build.run()

    writes = []
    real_file = writing.WholeFile.__init__
    monkeypatch.setattr(
        writing.WholeFile,
        "__init__",
        lambda self, path, encoding: writes.append(path) or real_file(self, path, encoding),
    )
    preview_build()
    assert len(writes) > EXTRA_ARTICLES
    page = output / "prova-numero-3-il-bancone-del-negozio" / "index.html"
    before = page.stat().st_mtime_ns
    writes.clear()
    preview_build()
    # Only the pages that override another's file, always rendered (blog_core.page_cache).
    written = sorted(Path(path).relative_to(output).as_posix() for path in writes)
    assert written == [
        "404.html",
        "newsletter/confermata/index.html",
        "newsletter/grazie/index.html",
    ]
    assert page.stat().st_mtime_ns > before
    writes.clear()
    # Its Summary field is what the lists and the related cards show: its page and its feeds.
    edit(site / "articles" / "prova-3.md", "mette in vista", "rinnova")
    preview_build()
    assert len(writes) < 15 and str(page) in writes
    assert file_hashes(output) == plain_build(tmp_path, site, "plain")


def test_a_text_made_while_a_page_renders_is_part_of_that_page(site, tmp_path):
    calls = []

    def render():
        calls.append(1)
        return "testo"

    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(site), "BUILD_CACHE": str(tmp_path / "cache")},
    )
    pages = page_cache.PageCache(settings)
    with page_cache.noting_reads():
        assert page_cache.texts_once(pages, {}, [(("prova",), render)]) == ["testo"]
    assert calls == [1] and pages.entries == {}


def test_texts_rendered_on_two_cores_are_those_of_one_and_are_kept(site, tmp_path, caplog):
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(site), "BUILD_CACHE": str(tmp_path / "cache")},
    )
    logger = page_cache.logging.getLogger("blog_core.test_texts")

    def rendering(number):
        def render():
            # An error: Pelican's filter lets each warning through once per process.
            logger.error("email %s", number)
            return f"testo {number} dal processo {page_cache.os.getpid()}"

        return render

    jobs = [(("email", number), rendering(number)) for number in range(25)]
    pages = page_cache.PageCache(settings)
    caplog.set_level("ERROR", logger="blog_core.test_texts")
    texts = page_cache.texts_once(pages, {"SITENAME": "Prova"}, jobs, workers=2)
    # Rendered in two other processes, logged here in the jobs' order.
    assert [text.rsplit(" dal", 1)[0] for text in texts] == [f"testo {n}" for n in range(25)]
    assert len({text.rsplit(" ", 1)[1] for text in texts}) == 2
    assert str(page_cache.os.getpid()) not in {text.rsplit(" ", 1)[1] for text in texts}
    assert [record.getMessage() for record in caplog.records] == [f"email {n}" for n in range(25)]
    assert len(pages.entries) == 25

    def not_again():
        raise AssertionError("rendered again")

    caplog.clear()
    again = [(call, not_again) for call, _ in jobs]
    assert page_cache.texts_once(pages, {"SITENAME": "Prova"}, again, workers=2) == texts
    assert [record.getMessage() for record in caplog.records] == [f"email {n}" for n in range(25)]
    # A changed context renders them again, and a failing render fails as in one process.
    pages.generator_starts()
    with pytest.raises(AssertionError, match="rendered again"):
        page_cache.texts_once(pages, {"SITENAME": "Altro"}, again, workers=2)


def test_texts_a_dying_worker_left_are_rendered_here_and_without_a_cache_too(tmp_path):
    here = page_cache.os.getpid()

    def rendering(number):
        def render():
            if number == 7 and page_cache.os.getpid() != here:
                page_cache.os._exit(1)  # a worker killed (out of memory) in the middle
            return f"testo {number}"

        return render

    jobs = [(("email", number), rendering(number)) for number in range(24)]
    expected = [f"testo {number}" for number in range(24)]
    # No page cache (BUILD_CACHE off): still on two cores, nothing kept.
    assert page_cache.texts_once(None, {}, jobs, workers=2) == expected
