"""`invoke publish`: build aside, check, swap in one step; a failure leaves output/ as it was.

`invoke publish --upload` then mirrors output/ with rsync; here the "host" is a local folder
named in PUBLISH_RSYNC_TARGET, as a user would set it for one command.
"""

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from pelican.settings import read_settings
from publishable import write_publishable_site

from publishing import count_changes, exchange, swap_into_place
from sitebuild import copy_project, file_hashes, run_module, write_article


@pytest.fixture(scope="module")
def fresh_project(tmp_path_factory):
    """A copy of the project with a small content/ of its own that passes every check."""
    root = tmp_path_factory.mktemp("fresh")
    return copy_project(root / "project", content=write_publishable_site(root / "content"))


@pytest.fixture
def project(fresh_project, tmp_path):
    """The fresh project, never published, for one test to change."""
    return shutil.copytree(fresh_project, tmp_path / "project")


def publish(project, *options):
    result = run_module("invoke", "publish", *options, cwd=project)
    return result.returncode, result.stdout + result.stderr


def leftovers(project):
    return sorted(p.name for p in project.iterdir() if "output" in p.name and p.name != "output")


@pytest.fixture(scope="module")
def published_once(fresh_project, tmp_path_factory):
    """The fresh project published once for the whole module: each test gets a copy."""
    project = shutil.copytree(fresh_project, tmp_path_factory.mktemp("published") / "project")
    code, messages = publish(project)
    assert code == 0, messages
    assert "Pubblicato in output/" in messages
    return project


@pytest.fixture
def published(published_once, tmp_path):
    return shutil.copytree(published_once, tmp_path / "project")


def test_publishing_never_touches_the_preview_the_dev_server_shows(published):
    built = run_module("invoke", "build", cwd=published)
    assert built.returncode == 0, built.stdout + built.stderr
    preview = published / "anteprima"
    before = file_hashes(preview)
    code, messages = publish(published)
    assert code == 0, messages
    assert file_hashes(preview) == before
    # The preview links to itself, the published site to the public address.
    siteurl = read_settings(str(published / "publishconf.py"))["SITEURL"]
    assert siteurl not in (preview / "index.html").read_text(encoding="utf-8")
    assert f"{siteurl}/static/" in (published / "output" / "index.html").read_text(encoding="utf-8")


def test_publish_builds_checks_and_replaces_output(published):
    home = (published / "output" / "index.html").read_text(encoding="utf-8")
    siteurl = read_settings(str(published / "publishconf.py"))["SITEURL"]
    assert f"{siteurl}/static/css/style.css" in home
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
    # Content's HTML is rewritten well-formed by the content policy; a template's is not.
    before = file_hashes(published / "output")
    hook = published / "theme" / "templates" / "partials" / "extend_footer.html"
    hook.write_text("<p>Un riquadro chiuso male</span>\n", encoding="utf-8")
    code, messages = publish(published)
    assert code != 0
    assert "index.html:" in messages and "HTML non valido: Stray end tag “span”." in messages
    assert file_hashes(published / "output") == before


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


@pytest.fixture(scope="module")
def uploaded(tmp_path_factory):
    """The project published and uploaded once, to a host that still had a page since removed."""
    root = tmp_path_factory.mktemp("upload")
    project = copy_project(root / "project", content=write_publishable_site(root / "content"))
    host = root / "host"
    (host / "pagina-tolta").mkdir(parents=True)
    (host / "pagina-tolta" / "index.html").write_text("<p>Non c'è più</p>", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PUBLISH_RSYNC_TARGET", f"{host}/")
        code, messages = publish(project, "--upload")
    assert code == 0, messages
    return SimpleNamespace(project=project, output=project / "output", host=host, log=messages)


def test_upload_puts_on_the_host_exactly_the_published_site_but_headers(uploaded):
    assert "Pubblicato in output/" in uploaded.log
    assert f"Caricato su {uploaded.host}/" in uploaded.log
    site = file_hashes(uploaded.output)
    # _headers is for Netlify and Cloudflare Pages; a plain web server would serve it as a page.
    assert site.pop("_headers")
    assert file_hashes(uploaded.host) == site


def test_upload_removes_from_the_host_a_page_the_site_no_longer_has(uploaded):
    assert (uploaded.host / "index.html").is_file()
    assert not (uploaded.host / "pagina-tolta").exists()


def test_dry_run_lists_what_would_change_and_changes_nothing(uploaded, tmp_path, monkeypatch):
    host = shutil.copytree(uploaded.host, tmp_path / "host")
    (host / "robots.txt").unlink()
    (host / "index.html").write_text("<p>Vecchia home</p>", encoding="utf-8")
    (host / "vecchio.html").write_text("<p>Vecchio</p>", encoding="utf-8")
    before_host, before_output = file_hashes(host), file_hashes(uploaded.output)
    monkeypatch.setenv("PUBLISH_RSYNC_TARGET", str(host))
    code, messages = publish(uploaded.project, "--upload", "--dry-run")
    assert code == 0, messages
    lines = messages.splitlines()
    assert ">f+++++++++ robots.txt" in lines
    assert any(line.startswith(">fc") and line.endswith(" index.html") for line in lines), lines
    assert "*deleting   vecchio.html" in lines
    assert "2 file da caricare, 1 da cancellare" in messages
    assert "Nulla è stato cambiato" in messages
    assert file_hashes(host) == before_host
    assert file_hashes(uploaded.output) == before_output
    assert leftovers(uploaded.project) == []


def test_upload_without_a_target_says_how_to_set_it_and_builds_nothing(project, monkeypatch):
    monkeypatch.delenv("PUBLISH_RSYNC_TARGET", raising=False)
    code, messages = publish(project, "--upload")
    assert code == 1
    assert "PUBLISH_RSYNC_TARGET non è impostato" in messages
    # Both ways to set it, ready to copy: publishconf.py, or the environment for one command.
    lines = [line.strip() for line in messages.splitlines()]
    host = "blog@server.example:/var/www/blog/"
    assert f'PUBLISH_RSYNC_TARGET = os.environ.get("PUBLISH_RSYNC_TARGET", "{host}")' in lines
    assert f"PUBLISH_RSYNC_TARGET={host} invoke publish --upload" in lines
    assert "Traceback" not in messages
    assert not (project / "output").exists()
    assert leftovers(project) == []


def test_upload_without_rsync_says_how_to_install_it(project, tmp_path, monkeypatch):
    monkeypatch.setenv("PUBLISH_RSYNC_TARGET", str(tmp_path / "host"))
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    code, messages = publish(project, "--upload")
    assert code == 1
    assert "sudo apt-get install -y rsync" in messages
    assert not (project / "output").exists()
    assert not (tmp_path / "host").exists()


def test_dry_run_alone_points_to_the_upload_rehearsal(project):
    code, messages = publish(project, "--dry-run")
    assert code == 1
    assert "invoke publish --upload --dry-run" in messages
    assert not (project / "output").exists()


def test_a_publish_that_fails_its_checks_uploads_nothing(uploaded, tmp_path, monkeypatch):
    project = shutil.copytree(uploaded.project, tmp_path / "project")
    host = shutil.copytree(uploaded.host, tmp_path / "host")
    # An upload would delete this page, so a host left as it was proves nothing was sent.
    (host / "vecchio.html").write_text("<p>Vecchio</p>", encoding="utf-8")
    before = file_hashes(host)
    write_article(
        project / "content",
        "link-rotto.md",
        title="Un link rotto",
        body="Leggi [la guida](/guida-che-non-esiste/) prima di iniziare.",
    )
    monkeypatch.setenv("PUBLISH_RSYNC_TARGET", str(host))
    code, messages = publish(project, "--upload")
    assert code == 1
    assert "link-rotto.md:8: il link «/guida-che-non-esiste/» non porta" in messages
    assert f"Nulla è stato caricato su {host}." in messages
    assert file_hashes(host) == before


def test_an_unreachable_host_leaves_the_site_published_here_and_says_so(project, monkeypatch):
    monkeypatch.setenv("PUBLISH_RSYNC_TARGET", "/nonexistent-dir/sub/")
    code, messages = publish(project, "--upload")
    assert code == 1
    assert "Pubblicato in output/" in messages
    assert "output/ è pubblicato qui, ma l'host non è stato aggiornato" in messages
    assert "rsync verso /nonexistent-dir/sub/ si è fermato" in messages
    assert "Traceback" not in messages
    assert (project / "output" / "index.html").is_file()
    assert not Path("/nonexistent-dir").exists()


def test_the_rehearsal_counts_files_sent_to_a_remote_host_too():
    # rsync itemizes a file sent to another machine with "<", to a local folder with ">".
    itemized = (
        "cd+++++++++ nuovo-articolo/\n"
        "<f+++++++++ nuovo-articolo/index.html\n"
        "<fcs....... index.html\n"
        "*deleting   vecchio.html\n"
    )
    assert count_changes(itemized) == (2, 1)
