"""Dates as Italians write them, day first, in a real build; a date the site cannot read is
never shown as some other date: the preview says "data da correggere", publishing stops."""

import logging
import shutil

import pytest

from blog_core.problems import BuildStopped
from sitebuild import BLOG_SITE, STRICT, build_site, write_article, write_default_bio

UNREADABLE = "la data «{}» non è completa o non esiste: scrivila come AAAA-MM-GG HH:MM"
NOTICE = "Data da correggere: «{}». Il messaggio della costruzione dice come scriverla."


# The 2026 dates are shown whenever the tests run (Pelican compares them with the clock).
SHOWN = {"WITH_FUTURE_DATES": True}


def make_content(folder, articles):
    content = folder / "content"
    shutil.copytree(BLOG_SITE / "pages", content / "pages")
    write_default_bio(content)
    for name, title, date in articles:
        write_article(content, name, title=title, date=date)
    return content


READABLE = (
    ("giorno-prima.md", "Il giorno prima del mese", "1/12/2026 9:00"),
    ("febbraio.md", "Uno febbraio", "01/02/2026"),
    ("trattini.md", "Con i trattini", "1-12-2026 09:00"),
)
BAD = (
    ("trenta-febbraio.md", "Il trenta febbraio", "31/02/2026"),
    # Pelican's dateutil would read it month first, as 31 December.
    ("all-inglese.md", "Mese prima", "12/31/2026"),
    ("ieri.md", "Scritto ieri", "ieri <b>"),
)
URLS = {"Il trenta febbraio": "/il-trenta-febbraio/", "Mese prima": "/mese-prima/"}
URLS["Scritto ieri"] = "/scritto-ieri/"


@pytest.fixture(scope="module")
def dev_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("day-first")
    content = make_content(folder, READABLE + BAD)
    return build_site(folder / "output", content=content, **SHOWN)


def article_date(site, url):
    meta = site.soup(url).select_one(".article__header .article-meta")
    return meta.find("time"), meta.select_one(".article-meta__date-to-fix")


@pytest.mark.parametrize(
    ("url", "shown", "moment"),
    [
        ("/il-giorno-prima-del-mese/", "1 dicembre 2026", "2026-12-01T09:00:00+01:00"),
        ("/uno-febbraio/", "1 febbraio 2026", "2026-02-01T00:00:00+01:00"),
        ("/con-i-trattini/", "1 dicembre 2026", "2026-12-01T09:00:00+01:00"),
    ],
)
def test_a_day_first_date_is_the_day_the_author_meant(dev_site, url, shown, moment):
    time, to_fix = article_date(dev_site, url)
    assert (time.get_text(), time["datetime"]) == (shown, moment)
    assert to_fix is None


def test_a_day_first_date_is_no_problem(dev_site):
    messages = [record.getMessage() for record in dev_site.warnings()]
    for name, _, _ in READABLE:
        assert not [message for message in messages if f"/{name}:" in message]


@pytest.mark.parametrize(("name", "title", "written"), BAD)
def test_an_unreadable_date_is_shown_as_one_to_fix_with_its_warning(dev_site, name, title, written):
    time, to_fix = article_date(dev_site, URLS[title])
    # No date at all rather than one the author never wrote.
    assert time is None
    assert to_fix.get_text() == NOTICE.format(written)
    # The list cards say it too.
    cards = dev_site.soup("/").select(".card")
    card = next(card for card in cards if card.select_one(".card__title a")["href"] == URLS[title])
    assert card.find("time") is None
    assert card.select_one(".article-meta__date-to-fix").get_text() == NOTICE.format(written)
    warnings = [record.getMessage() for record in dev_site.warnings()]
    assert [message for message in warnings if f"/{name}:1: " in message] == [
        f"{dev_site.settings['PATH']}/articles/{name}:1: "
        + UNREADABLE.format(written)
        + ", per esempio «2026-11-27 09:00»."
    ]


def test_no_page_reads_the_english_month_first_date(dev_site):
    # 12/31/2026 would be 31 December in English: it must not appear anywhere.
    for page in dev_site.html_files():
        assert "31 dicembre 2026" not in page.read_text(encoding="utf-8"), page


def test_the_strict_build_accepts_day_first_dates(tmp_path):
    content = make_content(tmp_path, READABLE)
    site = build_site(tmp_path / "output", content=content, **STRICT, **SHOWN)
    assert [r for r in site.log_records if r.levelno >= logging.ERROR] == []
    assert site.soup("/il-giorno-prima-del-mese/").find("time").get_text() == "1 dicembre 2026"


def test_the_strict_build_stops_on_an_unreadable_date_and_never_shows_it(tmp_path):
    content = make_content(tmp_path, READABLE[:1] + BAD[:1])
    with pytest.raises(BuildStopped) as stopped:
        build_site(tmp_path / "output", content=content, **STRICT, **SHOWN)
    assert f"trenta-febbraio.md:1: {UNREADABLE.format('31/02/2026')}" in str(stopped.value.code)
    assert not (tmp_path / "output" / "il-trenta-febbraio").exists()
    for page in (tmp_path / "output").rglob("*.html"):
        assert "Data da correggere" not in page.read_text(encoding="utf-8"), page
