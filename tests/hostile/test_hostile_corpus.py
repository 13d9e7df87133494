"""The hostile corpus (tests/hostile/corpus.py): each case alone in a strict build is refused
with exactly its messages (or accepted), and all of them together build in development, with
every output file inert, and stop the real `pelican` command with publishconf.py, exit 1."""

import os
from collections import Counter

import pytest
from corpus import CASES
from inert import inert_problems
from publishable import write_publishable_site

from blog_core.problems import PROBLEM
from sitebuild import ROOT, STRICT, build_site, epoch, run_module

# After the week of the corpus's articles (2026-11-16 … 22), so its digest is written.
BUILT_ON = epoch("2026-11-25 12:00")
SECRET = "-----BEGIN OPENSSH PRIVATE KEY----- una chiave finta, ma privata"
UNSUBSCRIBE_TAG = STRICT["NEWSLETTER_UNSUBSCRIBE_TAG"]


def outside_folder(base):
    """What symbolic links in the corpus point at: a private key and someone else's articles."""
    outside = base / "fuori"
    (outside / "articoli").mkdir(parents=True)
    (outside / "id_rsa").write_text(SECRET + "\n", encoding="utf-8")
    (outside / "articoli" / "rubato.md").write_text(
        f"Title: Rubato\nDate: 2026-11-18 09:00\nCategory: Sicurezza\nTags: pmi\n"
        f"Author: Luca Bianchi\nSummary: Non è di content/.\n\n{SECRET}\n",
        encoding="utf-8",
    )
    return outside


def write_cases(base, cases):
    """A publishable site with the cases' files added (a later case's file wins)."""
    content = write_publishable_site(base / "content")
    outside = outside_folder(base)
    for case in cases:
        for relative, text in case.files.items():
            path = content / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        for relative, target in case.symlinks.items():
            (content / relative).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(outside / target, content / relative)
    return content


def problems_of(records, content):
    """(file under content/, line or None, message) of every problem a build reported."""
    found = []
    for record in records:
        if not getattr(record, PROBLEM, False):
            continue
        text = record.getMessage().removeprefix(f"{content}/")
        place, message = text.split(": ", 1)
        file, _, line = place.partition(":")
        found.append((file, int(line) if line else None, message))
    return found


def assert_problems(found, expected):
    assert Counter((file, line) for file, line, _ in found) == Counter(
        (file, line) for file, line, _ in expected
    ), found
    for file, line, words in expected:
        assert any((f, n) == (file, line) and words in message for f, n, message in found), (
            f"{file}:{line}: nessun messaggio con «{words}» in {found}"
        )


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_case_alone_in_a_strict_build(case, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILT_ON)
    content = write_cases(tmp_path, [case])
    if not case.problems:
        site = build_site(tmp_path / "output", content, **STRICT)
        assert problems_of(site.log_records, content) == []
        return
    with pytest.raises(SystemExit) as stopped:
        build_site(tmp_path / "output", content, **STRICT)
    assert stopped.value.code != 0 and "Pubblicazione fermata" in str(stopped.value.code)
    assert_problems(problems_of(stopped.value.log_records, content), case.problems)


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    content = write_cases(base, CASES)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", BUILT_ON)
        # Development, with the publish settings' provider so the digests are written in full.
        overrides = {**STRICT, "BUILD_PROBLEMS_STRICT": False}
        site = build_site(base / "output", content, **overrides)
    return site, content


def test_the_whole_corpus_builds_in_development_with_every_message(corpus_site):
    site, content = corpus_site
    expected = [problem for case in CASES for problem in case.problems]
    assert_problems(problems_of(site.log_records, content), expected)
    assert site.exists("/") and site.exists("/le-foto-del-banco/")


def test_every_output_file_is_inert(corpus_site):
    site, _ = corpus_site
    assert list(site.output.glob("newsletter/*/email.html")), "no digest to scan"
    assert inert_problems(site.output, UNSUBSCRIBE_TAG) == []


def test_nothing_from_outside_content_or_over_the_sites_own_files(corpus_site):
    site, _ = corpus_site
    for path in site.output.rglob("*"):
        assert path.is_dir() or SECRET.encode() not in path.read_bytes(), path
    assert not list(site.output.rglob("pelicanconf*")) and not list(site.output.rglob("*rsa*"))
    assert site.html("/_headers").startswith("/*"), "an article replaced _headers"
    home = site.soup("/")
    assert home.title.string.startswith("Bottega Digitale"), "an article replaced the home page"
    for link in site.soup("/archivio/").select("main a[href]"):
        assert not link["href"].startswith(("//", "http")) or "evil" not in link["href"]


def test_the_real_publish_command_stops_with_one_list_and_no_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILT_ON)
    content = write_cases(tmp_path, CASES)
    result = run_module(
        "pelican",
        str(content),
        "--settings",
        "publishconf.py",
        "--output",
        str(tmp_path / "o"),
        cwd=ROOT,
    )
    said = result.stdout + result.stderr
    assert result.returncode == 1, said[-2000:]
    assert "Traceback" not in said
    count = sum(len(case.problems) for case in CASES)
    assert f"Pubblicazione fermata: ci sono {count} problemi da correggere" in said, said[-3000:]


def test_the_scan_finds_each_thing_it_looks_for(tmp_path):
    """The inertness scan on a site where each of its targets was let through, once each."""
    pages = {
        "a.html": "<script>alert(1)</script>",
        "b.html": '<img src="x.jpg" onerror="alert(1)">',
        "c.html": '<a href=" JavaScript:alert(1)">x</a>',
        "d.html": '<img src="x.jpg" srcset="a.jpg 1x, data:image/svg+xml,x 2x">',
        "e.html": '<iframe src="https://altrove.example/"></iframe>',
        "f.html": '<meta http-equiv="Refresh" content="0;url=https://altrove.example/">',
        "g.html": '<script type="application/ld+json">{"name": </script>',
        "newsletter/1/email.html": "<p>Ciao *|FNAME|*</p>",
        "newsletter/1/email.txt": "Ciao {{ contact.FIRSTNAME }}",
        "sitemap.xml": "<urlset><url><loc>/a&b/</loc></url></urlset>",
        "feed/atom.xml": "<feed><entry>",
        "images/x.svg": "<svg onload=alert(1)>",
    }
    for name, text in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = inert_problems(tmp_path, UNSUBSCRIBE_TAG)
    assert sorted({line.split(":")[0].split(" ")[0] for line in found}) == sorted(pages), found
