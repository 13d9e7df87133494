"""build_problems: one way to report an author's mistake, and one stop for a strict build."""

import logging

import pytest
from pelican import signals
from sitebuild import PelicanSettingsStub

from build_problems import header_line, report_problem
from build_problems.build_problems import (
    BuildStopped,
    development_summary,
    errors,
    start,
    stop_if_errors,
    stop_message,
)

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
    assert reported(caplog) == [
        ("WARNING", "content/vetrine.md:3: Anna Neri non ha una scheda autore."),
        ("ERROR", "content/vetrine.md:7: Anna Neri non ha una scheda autore."),
        ("ERROR", "NEWSLETTER_PRIVACY_URL non va."),
    ]


def test_a_path_outside_the_project_is_shown_whole(tmp_path, caplog, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report_problem({}, "/elsewhere/x.md", "manca il titolo.", line=1)
    assert reported(caplog) == [("WARNING", "/elsewhere/x.md:1: manca il titolo.")]


def test_a_strict_build_stops_after_listing_every_error():
    pelican = PelicanSettingsStub(BUILD_PROBLEMS_STRICT=True)
    start(pelican)
    stop_if_errors(pelican)  # nothing logged yet: the build goes on
    logging.getLogger("anything").error("uno")
    logging.getLogger("pelican.contents").error("due")
    with pytest.raises(BuildStopped) as stopped:
        stop_if_errors(pelican)
    assert stopped.value.code == (
        "Pubblicazione fermata: ci sono 2 problemi da correggere:\n  uno\n  due"
    )
    # The next build starts from an empty list.
    start(pelican)
    assert errors.messages == []


def test_a_development_build_goes_on_and_ends_by_saying_publishing_would_stop(caplog):
    pelican = PelicanSettingsStub(BUILD_PROBLEMS_STRICT=False)
    start(pelican)
    report_problem(pelican.settings, None, "uno")
    report_problem(pelican.settings, None, "due")
    stop_if_errors(pelican)
    assert reported(caplog)[-1] == (
        "WARNING",
        "Ci sono 2 problemi da correggere, descritti sopra: il sito si vede lo stesso, ma la "
        "pubblicazione si fermerebbe (.venv/bin/invoke check li elenca).",
    )
    assert development_summary(1).startswith("C'è un problema da correggere, descritto sopra")


def test_a_single_problem_is_announced_as_one():
    assert stop_message(["x.md:1: manca il titolo."]) == (
        "Pubblicazione fermata: c'è un problema da correggere:\n  x.md:1: manca il titolo."
    )


def test_a_bad_setting_is_named():
    with pytest.raises(ValueError, match="BUILD_PROBLEMS_STRICT deve essere True o False"):
        start(PelicanSettingsStub(BUILD_PROBLEMS_STRICT="sì"))


def late_check(pelican):
    """A check connected to `finalized` after the first build's stop."""


def test_the_stop_comes_after_checks_connected_after_an_earlier_build():
    # A process that builds twice (tests, live reload): a plugin loaded for the second build
    # connects its check after the stop the first build connected.
    pelican = PelicanSettingsStub(BUILD_PROBLEMS_STRICT=True)
    start(pelican)
    signals.finalized.connect(late_check)
    try:
        start(pelican)
        order = list(signals.finalized.receivers_for(pelican))
        assert order.index(stop_if_errors) == len(order) - 1
        assert late_check in order
    finally:
        signals.finalized.disconnect(late_check)
