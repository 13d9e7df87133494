"""`invoke publish`: build aside, check, swap in one step; a failure leaves output/ as it was."""

import pytest
from sitebuild import copy_project, file_hashes, run_module, write_article

from publishing import broken_links, exchange, swap_into_place


@pytest.fixture
def project(tmp_path):
    """A copy of the project, so publishing writes its own output/."""
    return copy_project(tmp_path / "project")


def publish(project):
    result = run_module("invoke", "publish", cwd=project)
    return result.returncode, result.stdout + result.stderr


def leftovers(project):
    return sorted(p.name for p in project.iterdir() if "output" in p.name and p.name != "output")


@pytest.fixture
def published(project):
    code, messages = publish(project)
    assert code == 0, messages
    assert "Pubblicato in output/" in messages
    return project


def test_publish_builds_checks_and_replaces_output(published):
    home = (published / "output" / "index.html").read_text(encoding="utf-8")
    assert "https://www.bottegadigitale.example/static/css/style.css" in home
    write_article(published / "content", "novita.md", title="Una novità per la bottega")
    code, messages = publish(published)
    assert code == 0, messages
    assert (published / "output" / "una-novita-per-la-bottega" / "index.html").is_file()
    assert leftovers(published) == []


def test_a_failed_build_leaves_the_published_site_exactly_as_it_was(published):
    before = file_hashes(published / "output")
    write_article(published / "content", "anonimo.md", title="Senza scheda", author="Anna Neri")
    code, messages = publish(published)
    assert code != 0
    assert "Anna Neri non ha una scheda autore" in messages
    assert "output/ non è stato toccato" in messages
    assert file_hashes(published / "output") == before
    assert leftovers(published) == []


def test_a_broken_link_in_an_article_stops_publishing_naming_its_line(published):
    before = file_hashes(published / "output")
    write_article(
        published / "content",
        "link-rotto.md",
        title="Un link rotto",
        body="Leggi [la guida](/guida-che-non-esiste/) prima di iniziare.",
    )
    code, messages = publish(published)
    assert code != 0
    assert "content/articles/link-rotto.md:8: il link «/guida-che-non-esiste/» non porta" in (
        messages
    )
    assert file_hashes(published / "output") == before


def test_a_broken_link_in_the_theme_is_caught_in_the_built_site(published):
    # The articles are fine; the link comes from a template, which only the built site shows.
    before = file_hashes(published / "output")
    hook = published / "theme" / "templates" / "partials" / "extend_footer.html"
    hook.write_text('<a href="/pagina-sparita/">Pagina sparita</a>\n', encoding="utf-8")
    code, messages = publish(published)
    assert code != 0
    assert "/: il link /pagina-sparita/ non porta a nessuna pagina" in messages
    assert file_hashes(published / "output") == before


def test_invalid_html_stops_publishing(published):
    before = file_hashes(published / "output")
    write_article(
        published / "content",
        "html-sbagliato.md",
        title="HTML sbagliato",
        body='<div class="riquadro">\n<p>Un riquadro chiuso male</span>\n</div>\n',
    )
    code, messages = publish(published)
    assert code != 0
    assert "html-sbagliato/index.html" in messages
    assert "span" in messages
    assert file_hashes(published / "output") == before


def test_links_are_checked_under_a_site_that_lives_in_a_subfolder(tmp_path):
    (tmp_path / "guida").mkdir()
    (tmp_path / "guida" / "index.html").write_text("<p>Guida</p>", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="https://utente.github.io/blog/guida/">ok</a>'
        '<a href="https://utente.github.io/blog/manca/">rotto</a>'
        '<a href="guida/">relativo</a>'
        '<a href="https://altro.example/">altro sito</a>'
        '<a href="mailto:info@bottega.example">email</a>',
        encoding="utf-8",
    )
    assert broken_links(tmp_path, "https://utente.github.io/blog") == [
        "/: il link https://utente.github.io/blog/manca/ non porta a nessuna pagina o file del sito"
    ]


def test_the_swap_exchanges_the_two_folders_in_one_step(tmp_path):
    old, new = tmp_path / "output", tmp_path / "staging"
    old.mkdir()
    new.mkdir()
    (old / "vecchio.txt").write_text("vecchio")
    (new / "nuovo.txt").write_text("nuovo")
    assert exchange(new, old)
    assert (old / "nuovo.txt").is_file() and (new / "vecchio.txt").is_file()
    swap_into_place(new, old)
    assert [p.name for p in old.iterdir()] == ["vecchio.txt"]
    assert not new.exists()


def test_the_first_publish_has_no_previous_site_to_swap_with(tmp_path):
    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "index.html").write_text("nuovo")
    swap_into_place(staging, tmp_path / "output")
    assert (tmp_path / "output" / "index.html").read_text() == "nuovo"
    assert not staging.exists()
