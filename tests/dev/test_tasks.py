"""The invoke tasks an author or CI types."""

import os
import subprocess
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

from sitebuild import ROOT, build_site


def invoke(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args], cwd=cwd, capture_output=True, text=True
    )


def test_invoke_lists_every_task_with_a_docstring():
    listing = invoke("-l").stdout
    for name in ("build", "serve", "livereload", "publish", "clean", "new-post", "test", "lint"):
        line = next(line for line in listing.splitlines() if line.strip().startswith(name + " "))
        assert len(line.split(None, 1)[1]) > 10, line


def test_new_post_writes_a_complete_article_that_builds(tmp_path, small_content):
    result = invoke(
        "new-post",
        "--title",
        "Perché il forno è su WhatsApp",
        "--author",
        "Giulia Ferri",
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
        "Author: Giulia Ferri",
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


def test_test_task_explains_how_to_install_a_missing_chromium():
    env = dict(os.environ, CHROMIUM_PATH="/nessun/chromium/qui")
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "test"], cwd=ROOT, capture_output=True, text=True, env=env
    )
    assert result.returncode != 0
    message = result.stdout + result.stderr
    assert "apt-get install -y chromium" in message and "CHROMIUM_PATH" in message
