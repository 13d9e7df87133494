"""draft_preview's settings and what a preview says about itself, without a build."""

from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from pelican.contents import Page

from draft_preview.draft_preview import (
    PREVIEW_ADDRESSES,
    Preview,
    configure,
    preview_of,
    previews_wanted,
)
from sitebuild import PelicanSettingsStub

ROME = ZoneInfo("Europe/Rome")
DRAFT_OUTPUTS = ("DRAFT_SAVE_AS", "DRAFT_LANG_SAVE_AS", "DRAFT_PAGE_SAVE_AS")


def settings(**values):
    return {"PLUGINS": ["draft_preview"], "SITEMAP": {"exclude": [r"^404\.html$"]}, **values}


def term(url):
    return SimpleNamespace(url=url)


def article(status=None, date=datetime(2026, 12, 5, 9, 0, tzinfo=ROME)):
    return SimpleNamespace(
        metadata={"status": status} if status else {},
        date=date,
        category=term("categoria/eventi/"),
        tags=[term("tag/pmi/"), term("tag/natale/")],
        authors=[term("autori/luca-bianchi/")],
    )


def test_development_gives_drafts_their_own_address_and_keeps_the_list_out_of_the_sitemap():
    pelican = PelicanSettingsStub(**settings(DRAFT_PREVIEW=True, BUILD_PROBLEMS_STRICT=False))
    shared_sitemap = pelican.settings["SITEMAP"]
    configure(pelican)
    assert previews_wanted(pelican.settings)
    assert pelican.settings["DRAFT_SAVE_AS"] == "anteprima/{slug}/index.html"
    assert pelican.settings["DRAFT_PAGE_URL"] == "anteprima/pagine/{slug}/"
    assert pelican.settings["SITEMAP"]["exclude"] == [r"^404\.html$", r"^anteprima/"]
    assert shared_sitemap["exclude"] == [r"^404\.html$"]  # pelicanconf's own is left alone


def test_a_strict_build_writes_no_draft_whatever_the_settings_say():
    pelican = PelicanSettingsStub(
        **settings(DRAFT_PREVIEW=True, BUILD_PROBLEMS_STRICT=True, **PREVIEW_ADDRESSES)
    )
    configure(pelican)
    assert not previews_wanted(pelican.settings)
    assert [pelican.settings[name] for name in DRAFT_OUTPUTS] == ["", "", ""]


def test_a_strict_build_writes_no_draft_even_without_the_plugin_listed():
    pelican = PelicanSettingsStub(BUILD_PROBLEMS_STRICT=True, PLUGINS=[], **PREVIEW_ADDRESSES)
    configure(pelican)
    assert [pelican.settings[name] for name in DRAFT_OUTPUTS] == ["", "", ""]


def test_previews_are_off_unless_asked_for_and_when_the_plugin_is_not_listed():
    off = PelicanSettingsStub(**settings(BUILD_PROBLEMS_STRICT=False, DRAFT_SAVE_AS=""))
    configure(off)
    assert off.settings["DRAFT_PREVIEW"] is False
    assert off.settings["DRAFT_SAVE_AS"] == ""
    assert not previews_wanted({"PLUGINS": [], "DRAFT_PREVIEW": True})


@pytest.mark.parametrize(
    ("name", "value"), [("DRAFT_PREVIEW", "sì"), ("DRAFT_PREVIEW", 1), ("DRAFT_PREVIEWS", True)]
)
def test_a_bad_setting_is_named(name, value):
    with pytest.raises(ValueError, match=name):
        configure(PelicanSettingsStub(**settings(**{name: value})))


def test_a_draft_says_so_and_a_future_article_says_when_it_appears():
    assert preview_of(article("draft"), ROME, set()).kind == "draft"
    assert preview_of(article("DRAFT"), ROME, set()).kind == "draft"
    scheduled = preview_of(article(), ROME, set())
    assert (scheduled.kind, scheduled.moment) == ("scheduled", "5 dicembre 2026 alle 9:00")
    # "Status: published" with a future date is scheduled too.
    assert preview_of(article("published"), ROME, set()).kind == "scheduled"


def test_the_moment_is_the_sites_time_whatever_zone_the_date_is_in():
    utc = datetime(2026, 12, 5, 8, 0, tzinfo=ZoneInfo("UTC"))
    assert preview_of(article(date=utc), ROME, set()).moment == "5 dicembre 2026 alle 9:00"


def test_terms_without_a_page_of_their_own_are_named_to_be_left_unlinked():
    preview = preview_of(article("draft"), ROME, {"tag/pmi/", "autori/luca-bianchi/"})
    assert preview.unlinked == {"categoria/eventi/", "tag/natale/"}


def test_a_draft_page_is_a_page():
    page = Page("<p>Listino</p>", metadata={"title": "Listino", "status": "draft"})
    assert preview_of(page, ROME, set()) == Preview("page")
