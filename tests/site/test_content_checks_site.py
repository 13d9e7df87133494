"""Mistakes in article headers, in a real build: named with file and line; strict stops."""

import logging

import pytest

from blog_core.problems import BuildStopped
from sitebuild import (
    BLOG_SITE,
    STRICT,
    build_site,
    copy_project,
    run_module,
    write_article,
    write_default_bio,
)

FIELDS = (
    "Title, Slug, Status, Summary, Lang, Translation, Template, Save_as, Url, Date, Modified, "
    "Category, Tags, Author, Authors, Source, Image, ImageAlt, Related, Toc, Comments."
)
# One article per mistake: file -> (line, message).
EXPECTED = {
    "campo-sbagliato.md": (
        7,
        "«tag» non è un campo che il sito conosce, quindi viene ignorato. Forse intendevi "
        f"«Tags:»? I campi possibili sono: {FIELDS}",
    ),
    "data-a-meta.md": (
        1,
        "la data «2026-11» non è completa o non esiste: scrivila come AAAA-MM-GG HH:MM, "
        "per esempio «2026-11-27 09:00».",
    ),
    "senza-titolo.md": (1, "manca il titolo: aggiungi in cima una riga «Title: …»."),
}


@pytest.fixture
def small_content(small_content):
    """The small site, with the bio its author needs: only header mistakes are reported."""
    write_default_bio(small_content)
    return small_content


def write_broken(content):
    write_article(content, "senza-titolo.md")  # the defaults have no Title line
    write_article(content, "data-a-meta.md", date="2026-11", title="Data a metà")
    write_article(content, "campo-sbagliato.md", title="Campo sbagliato", tag="pmi")


def expected_lines(content, prefix=""):
    return sorted(
        f"{prefix or content / 'articles'}/{name}:{line}: {message}"
        for name, (line, message) in EXPECTED.items()
    )


def checks(records, level):
    return sorted(
        r.getMessage()
        for r in records
        if r.levelno == level and r.name.startswith(("blog_core", "content_checks"))
    )


def test_the_development_build_warns_with_file_and_line_and_goes_on(tmp_path, small_content):
    write_broken(small_content)
    site = build_site(tmp_path / "output", content=small_content)
    assert checks(site.log_records, logging.WARNING) == expected_lines(small_content)
    assert site.exists("/campo-sbagliato/")


def test_the_strict_build_lists_every_mistake_then_stops(tmp_path, small_content, caplog):
    write_broken(small_content)
    with pytest.raises(BuildStopped) as stopped:
        build_site(tmp_path / "output", content=small_content, **STRICT)
    # Pelican's own vaguer lines about the same files are hidden: three errors, three lines.
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert sorted(errors) == expected_lines(small_content)
    # Then the list again, each problem whole on its own line.
    assert stopped.value.code == "\n".join(
        ["Pubblicazione fermata: ci sono 3 problemi da correggere:", *(f"  {e}" for e in errors)]
    )


def test_the_newer_of_two_articles_at_one_address_is_named_and_both_still_shown(
    tmp_path, small_content
):
    write_article(small_content, "uno.md", title="Lo stesso titolo")
    write_article(small_content, "due.md", title="Lo stesso titolo", date="2026-11-03 09:00")
    site = build_site(tmp_path / "output", content=small_content)
    articles = small_content / "articles"
    assert checks(site.log_records, logging.WARNING) == [
        f"{articles}/due.md:6: ha lo stesso indirizzo /lo-stesso-titolo/ di {articles}/uno.md: "
        "cambia il titolo o aggiungi «Slug: un-indirizzo-diverso».",
    ]
    assert site.exists("/lo-stesso-titolo/") and site.exists("/lo-stesso-titolo-2/")


def invoke_check(project):
    return run_module("invoke", "check", cwd=project)


def test_invoke_check_passes_on_a_clean_site_and_fails_on_mistakes(tmp_path):
    project = copy_project(tmp_path / "project", content=BLOG_SITE)
    clean = invoke_check(project)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Nessun problema: il sito si può pubblicare." in clean.stdout
    # The broken articles' author has a bio: only their header mistakes are named.
    write_default_bio(project / "content")
    write_broken(project / "content")
    broken = invoke_check(project)
    output = broken.stdout + broken.stderr
    assert broken.returncode == 1
    for line in expected_lines(project / "content", prefix="content/articles"):
        assert line in output, line
    assert "Traceback" not in output
    assert not (project / "output").exists()


def test_a_future_article_waits_for_its_date_and_says_when(tmp_path, small_content):
    write_article(
        small_content, "domani.md", title="Un articolo di domani", date="2099-01-02 09:00"
    )
    site = build_site(tmp_path / "output", content=small_content)
    assert not site.exists("/un-articolo-di-domani/")
    assert "Un articolo di domani" not in site.html("/")
    (notice,) = [m for m in checks(site.log_records, logging.WARNING) if "domani.md" in m]
    assert ":1: è datato 2 gennaio 2099 alle 09:00: comparirà sul sito" in notice


def test_a_file_saved_with_a_byte_order_mark_is_read_as_pelican_reads_it(tmp_path, small_content):
    # Windows editors may start a UTF-8 file with a BOM; Pelican drops it, and so do the checks.
    article = write_article(small_content, "bom.md", title="Salvato su Windows")
    article.write_bytes(b"\xef\xbb\xbf" + article.read_bytes())
    site = build_site(tmp_path / "output", content=small_content)
    assert checks(site.log_records, logging.WARNING) == []
    assert site.exists("/salvato-su-windows/")
