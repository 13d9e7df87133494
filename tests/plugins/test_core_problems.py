"""blog_core's problems: one way to report an author's mistake, and one stop for a strict build."""

import logging

import pytest

from blog_core import header_line, notice, report_problem
from blog_core.problems import BuildProblems, BuildStopped, build_summary, stop_message
from sitebuild import BLOG_SITE, build_site

HEADER = (
    "Title: Vetrine online\nDate: 2026-11-20 09:00\nAuthors: Giulia Ferri\n\nTesto.\nAuthor: no\n"
)


@pytest.fixture
def article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "content" / "vetrine.md"
    path.parent.mkdir()
    path.write_text(HEADER, encoding="utf-8")
    return path


@pytest.fixture
def listening(request):
    """A build's collector, listening as BlogPelican's does from start to finish."""
    problems = BuildProblems(strict=request.param)
    problems.listen()
    yield problems
    problems.stop_listening()


def reported(caplog):
    return [(record.levelname, record.getMessage()) for record in caplog.records]


def test_the_line_is_the_header_field_named_and_never_one_in_the_text(article):
    assert header_line(article, "author", "authors") == 3
    assert header_line(article, "date") == 2
    # A field the header lacks: the top of the file, where it should be added.
    assert header_line(article, "related") == 1


def test_a_problem_is_a_warning_in_development_and_an_error_when_strict(article, caplog):
    caplog.set_level(logging.WARNING)
    message = "Anna Neri non ha una scheda autore."
    report_problem({}, str(article), message, fields=("author", "authors"))
    report_problem({"BUILD_PROBLEMS_STRICT": True}, str(article), message, line=7)
    report_problem({"BUILD_PROBLEMS_STRICT": True}, None, "NEWSLETTER_PRIVACY_URL non va.")
    notice(str(article), "comparirà venerdì.", line=2)
    assert reported(caplog) == [
        ("WARNING", "content/vetrine.md:3: Anna Neri non ha una scheda autore."),
        ("ERROR", "content/vetrine.md:7: Anna Neri non ha una scheda autore."),
        ("ERROR", "NEWSLETTER_PRIVACY_URL non va."),
        ("WARNING", "content/vetrine.md:2: comparirà venerdì."),
    ]


def test_a_path_outside_the_project_is_shown_whole(tmp_path, caplog, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report_problem({}, "/elsewhere/x.md", "manca il titolo.", line=1)
    assert reported(caplog) == [("WARNING", "/elsewhere/x.md:1: manca il titolo.")]


@pytest.mark.parametrize("listening", [True], indirect=True)
def test_a_strict_build_stops_after_listing_every_error(listening):
    logging.getLogger("anything").error("uno")
    logging.getLogger("pelican.contents").error("due")
    with pytest.raises(BuildStopped) as stopped:
        listening.finish(1.0)
    assert stopped.value.code == (
        "Pubblicazione fermata: ci sono 2 problemi da correggere:\n  uno\n  due"
    )
    # Once finished, the build hears nothing more.
    logging.getLogger("anything").error("tre")
    assert listening.errors == ["uno", "due"]


@pytest.mark.parametrize("listening", [True], indirect=True)
def test_a_strict_build_without_errors_goes_on(listening):
    logging.getLogger("anything").warning("solo un avviso")
    assert listening.finish(1.25) == "Sito costruito in 1,2 s"


@pytest.mark.parametrize("listening", [False], indirect=True)
def test_a_development_build_ends_with_one_line_counting_its_problems(listening, caplog):
    report_problem({}, None, "uno")
    report_problem({}, None, "due")
    notice("x.md", "un avviso, non un problema", line=1)
    # The line is the build's, printed in place of Pelican's "Done: Processed …"; not a warning.
    line = listening.finish(0.84)
    assert line == "Sito aggiornato in 0,8 s: 2 problemi da correggere, vedi sopra"
    assert [message for _, message in reported(caplog)] == [
        "uno",
        "due",
        "x.md:1: un avviso, non un problema",
    ]
    assert build_summary(0.8, 1) == "Sito aggiornato in 0,8 s: 1 problema da correggere, vedi sopra"
    assert build_summary(12.06, 0) == "Sito aggiornato in 12,1 s: nessun problema"


@pytest.mark.parametrize("listening", [False], indirect=True)
def test_pelicans_vaguer_line_about_an_explained_file_is_hidden(listening, caplog):
    report_problem({}, "content/x.md", "manca il titolo.", line=1, hides=("content/x.md",))
    logging.getLogger("pelican.generators").warning("Could not process %s", "content/x.md")
    logging.getLogger("pelican.generators").warning("Could not process %s", "content/y.md")
    assert [message for _, message in reported(caplog)] == [
        "content/x.md:1: manca il titolo.",
        "Could not process content/y.md",
    ]


def test_a_single_problem_is_announced_as_one():
    assert stop_message(["x.md:1: manca il titolo."]) == (
        "Pubblicazione fermata: c'è un problema da correggere:\n  x.md:1: manca il titolo."
    )


def test_a_strictness_that_is_not_true_or_false_stops_before_building(tmp_path):
    with pytest.raises(BuildStopped) as stopped:
        build_site(tmp_path / "output", content=BLOG_SITE, BUILD_PROBLEMS_STRICT="sì")
    assert stopped.value.code == (
        "Impostazione da correggere: BUILD_PROBLEMS_STRICT deve essere True o False, non 'sì'"
    )
    assert not (tmp_path / "output").exists()
