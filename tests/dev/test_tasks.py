"""The invoke tasks an author or CI types."""

import os
import shutil
import subprocess
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from content_headers import read_header
from pelican.settings import read_settings
from publishable import write_publishable_site

from newsletter.weeks import parse_schedule, week_of
from sitebuild import ROOT, build_site, copy_project, file_hashes, write_bio


def invoke(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args], cwd=cwd, capture_output=True, text=True
    )


def test_invoke_lists_every_task_with_a_docstring():
    listing = invoke("-l").stdout
    for name in (
        "build",
        "serve",
        "livereload",
        "publish",
        "clean",
        "new-post",
        "newsletter",
        "test",
        "lint",
    ):
        line = next(line for line in listing.splitlines() if line.strip().startswith(name + " "))
        assert len(line.split(None, 1)[1]) > 10, line


def an_author_with_a_bio():
    """The name in one of the project's bio files, whatever the owner's authors are."""
    bio = sorted((ROOT / "content" / "authors").glob("*.md"))[0]
    return read_header(bio)["name"]


def test_new_post_writes_a_complete_article_that_builds(tmp_path, small_content):
    author = an_author_with_a_bio()
    result = invoke(
        "new-post",
        "--title",
        "Perché il forno è su WhatsApp",
        "--author",
        author,
        "--category",
        "Social media",
        "--tags",
        "whatsapp, commercio locale",
        "--summary",
        "Una prova.",
        "--folder",
        str(small_content / "articles"),
    )
    assert result.returncode == 0, result.stderr
    assert "scheda autore" not in result.stdout
    path = small_content / "articles" / "perche-il-forno-e-su-whatsapp.md"
    header = path.read_text(encoding="utf-8").split("\n\n")[0].splitlines()
    today = datetime.now(ZoneInfo("Europe/Rome")).strftime("%Y-%m-%d")
    assert header[0] == "Title: Perché il forno è su WhatsApp"
    assert header[1].startswith(f"Date: {today} ")
    assert header[2:] == [
        "Category: Social media",
        "Tags: whatsapp, commercio locale",
        f"Author: {author}",
        "Summary: Una prova.",
    ]

    site = build_site(tmp_path / "out", content=small_content)
    soup = site.soup("/perche-il-forno-e-su-whatsapp/")
    assert soup.select_one(".article__category a").get_text() == "Social media"


def test_new_post_says_when_the_author_has_no_bio_yet(tmp_path):
    result = invoke(
        "new-post", "--title", "Nuovo", "--author", "Anna Neri", "--folder", str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert "Anna Neri non ha ancora una scheda autore" in result.stdout
    assert "content/authors/anna-neri.md" in result.stdout


def test_new_post_never_overwrites(tmp_path):
    args = ("new-post", "--title", "Doppione", "--folder", str(tmp_path))
    assert invoke(*args).returncode == 0
    (tmp_path / "doppione.md").write_text("Title: Doppione\n\nTesto mio.", encoding="utf-8")
    second = invoke(*args)
    assert second.returncode != 0
    assert "esiste già" in second.stdout + second.stderr
    assert (tmp_path / "doppione.md").read_text(encoding="utf-8").endswith("Testo mio.")


@pytest.fixture(scope="module")
def authors_project(tmp_path_factory):
    """A project copy with two authors' bios, neither of them for AUTHOR (pelicanconf.py's site
    author), and a bio whose file does not match its name (so it is nobody's bio)."""
    root = tmp_path_factory.mktemp("new-post")
    content = root / "content"
    (content / "articles").mkdir(parents=True)
    write_bio(content, "zeno-bassi", {"Name": "Zeno Bassi", "Role": "Fotografo"})
    write_bio(content, "anna-rossi", {"Name": "Anna Rossi", "Role": "Social media manager"})
    write_bio(content, "00-bozza", {"Name": "Aldo Bruni", "Role": "Ospite"})
    return copy_project(root / "project", content=content)


HELP_FORMS = (
    ["new-post", "--help"],
    ["new-post", "-h"],
    ["new-post", "--", "--help"],
    ["--help", "new-post"],
    # The README's form, with the title still to write.
    ["new-post", "--title", "--help"],
    ["new-post", "--title", "-h"],
)


@pytest.mark.parametrize("args", HELP_FORMS, ids=" ".join)
def test_new_post_help_is_italian_and_writes_nothing(authors_project, args):
    before = file_hashes(authors_project)
    result = invoke(*args, cwd=authors_project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Uso:  .venv/bin/invoke new-post --title ")
    assert "non scrive nulla" in result.stdout
    # Invoke's own English help is not what an author gets.
    assert "Usage" not in result.stdout and "Options" not in result.stdout
    assert "(se manca: Anna Rossi)" in result.stdout  # the default author it would use
    assert file_hashes(authors_project) == before


@pytest.mark.parametrize(
    "args", (["--title", "-titolo"], ["-t", "--bozza"], ["--", "-titolo"]), ids=" ".join
)
def test_new_post_refuses_a_title_that_starts_with_a_dash(authors_project, args):
    before = file_hashes(authors_project)
    result = invoke("new-post", *args, cwd=authors_project)
    assert result.returncode == 1
    assert "inizia con «-», come un'opzione scritta male: non ho creato nulla" in result.stderr
    assert "Traceback" not in result.stderr
    assert file_hashes(authors_project) == before


def test_new_post_without_a_title_says_so_in_italian(authors_project):
    before = file_hashes(authors_project)
    result = invoke("new-post", cwd=authors_project)
    assert result.returncode == 1
    assert result.stdout.startswith("Uso:")
    assert result.stderr.strip() == "Manca il titolo: scrivilo dopo --title, tra virgolette."
    assert file_hashes(authors_project) == before


def new_post_author(project, title):
    result = invoke("new-post", "--title", title, cwd=project)
    assert result.returncode == 0, result.stderr
    path = project / "content" / "articles" / f"{slugify(title)}.md"
    author = read_header(path)["author"]
    return author, result.stdout


def slugify(words):
    return words.lower().replace(" ", "-")


def test_new_post_signs_with_the_first_author_who_has_a_bio(authors_project):
    author, said = new_post_author(authors_project, "Primo post")
    # anna-rossi.md is the first bio by file name that is someone's (00-bozza.md is not).
    assert author == "Anna Rossi"
    assert "scheda autore" not in said
    # Written whole, in one step: no temporary file is left beside it.
    articles = authors_project / "content" / "articles"
    assert (articles / "primo-post.md").is_file()
    assert [path.name for path in articles.iterdir() if path.name.startswith(".")] == []


def test_new_post_signs_with_the_site_author_once_it_has_a_bio(authors_project):
    site_author = read_settings(str(authors_project / "pelicanconf.py"))["AUTHOR"]
    bio = write_bio(authors_project / "content", slugify(site_author), {"Name": site_author})
    try:
        author, said = new_post_author(authors_project, "Secondo post")
    finally:
        bio.unlink()
    assert author == site_author
    assert "scheda autore" not in said


def test_test_task_explains_how_to_install_a_missing_chromium():
    env = dict(os.environ, CHROMIUM_PATH="/nessun/chromium/qui")
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "test"], cwd=ROOT, capture_output=True, text=True, env=env
    )
    assert result.returncode != 0
    message = result.stdout + result.stderr
    assert "apt-get install -y chromium" in message and "CHROMIUM_PATH" in message


def test_test_task_explains_how_to_install_a_missing_rsync(tmp_path):
    # A machine with Chromium and Java but no rsync: the upload tests could not run.
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "java").symlink_to(shutil.which("java"))
    env = dict(os.environ, CHROMIUM_PATH=sys.executable, PATH=str(tmp_path / "bin"))
    # Should the check ever go, pytest only lists a few tests instead of running the suite.
    args = ["--args", "--collect-only -q tests/dev/test_tasks.py"]
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "test", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode != 0
    assert "sudo apt-get install -y rsync" in result.stdout + result.stderr


@pytest.fixture
def project(tmp_path):
    """A copy of the project with a content/ of its own: two articles in the week that closes
    on Friday 20 November 2026, one in the next, and what they need to publish."""
    articles = (
        ("a.md", {"title": "Le foto del banco", "date": "2026-11-16 10:00"}),
        ("b.md", {"title": "Rispondere su WhatsApp", "date": "2026-11-20 08:59"}),
        ("c.md", {"title": "Dopo le nove", "date": "2026-11-20 09:00"}),
    )
    content = write_publishable_site(tmp_path / "content", articles)
    return copy_project(tmp_path / "project", content=content)


def newsletter(project, *args):
    env = {key: value for key, value in os.environ.items() if key != "SITEURL"}
    return subprocess.run(
        [sys.executable, "-m", "invoke", "newsletter", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )


def test_newsletter_prints_a_weeks_digest_without_building_anything(project, tmp_path):
    result = newsletter(project, "--week", "2026-47")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()[-7:]
    siteurl = read_settings(str(project / "publishconf.py"))["SITEURL"]
    assert lines == [
        "Newsletter della settimana 2026-47 (13–20 novembre 2026): 2 articoli",
        "Oggetto:     Le foto del banco, e un altro articolo",
        "  · Le foto del banco",
        "  · Rispondere su WhatsApp",
        "Email HTML:  output/newsletter/2026-47/email.html  "
        "(dopo make publish: da incollare nell'editor HTML del servizio)",
        "Solo testo:  output/newsletter/2026-47/email.txt",
        f"Sul sito:    {siteurl}/newsletter/2026-47/",
    ]
    # Nothing was written, and the subject is the one the publish build puts in the email.
    assert not (project / "output").exists()
    site = build_site(
        tmp_path / "output", content=project / "content", settings_file="publishconf.py"
    )
    assert "Dopo le nove" in site.html("/newsletter/2026-48/email.html")
    email = site.soup("/newsletter/2026-47/email.html")
    assert email.title.get_text() == lines[1].removeprefix("Oggetto:     ")


def test_newsletter_says_plainly_when_a_week_has_no_articles(project):
    result = newsletter(project, "--week", "2026-30")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        "La settimana 2026-30 (17–24 luglio 2026) non ha articoli: "
        "non c'è nessuna newsletter da inviare."
    )


def test_newsletter_without_a_week_shows_the_week_under_way(project):
    friday_9 = parse_schedule("friday", "09:00", "Europe/Rome")
    under_way = week_of(datetime.now(ZoneInfo("Europe/Rome")), friday_9)
    result = newsletter(project)
    assert result.returncode == 0, result.stderr
    last = result.stdout.splitlines()[-1]
    if "non ha articoli" in last:
        assert last.startswith(f"La settimana {under_way.id} (")
    else:
        assert f"Newsletter della settimana {under_way.id} (" in result.stdout


def test_newsletter_refuses_a_week_that_does_not_exist(project):
    result = newsletter(project, "--week", "2026-60")
    assert result.returncode == 1
    assert "per esempio 2026-47" in result.stderr
    assert not (project / "output").exists()
