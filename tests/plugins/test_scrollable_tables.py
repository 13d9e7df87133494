"""Tables scroll inside a keyboard-focusable, named region instead of widening the page."""

import pytest
from bs4 import BeautifulSoup

from blog_core import SettingError, theme_label
from scrollable_tables.scrollable_tables import wrap_tables
from sitebuild import ROOT

TABLE = "<table><tr><td>1</td></tr></table>"


def test_each_table_is_wrapped_once_in_a_focusable_region():
    html = wrap_tables(f"<p>Prima</p>{TABLE}<p>In mezzo</p>{TABLE}", "Tabella")
    soup = BeautifulSoup(html, "html.parser")
    regions = soup.select("div.table-scroll")
    assert len(regions) == 2
    for number, region in enumerate(regions, start=1):
        assert region["role"] == "region" and region["tabindex"] == "0"
        # Two regions of a page, two names (axe's landmark-unique).
        assert region["aria-label"] == f"Tabella {number}"
        assert [child.name for child in region.children] == ["table"]
    assert [p.get_text() for p in soup.find_all("p", recursive=False)] == ["Prima", "In mezzo"]


def test_content_without_tables_is_untouched():
    html = "<p>Niente tabelle, solo <em>testo</em>.</p>"
    assert wrap_tables(html, "Tabella") == html


def test_a_single_table_is_named_by_the_label_alone():
    region = BeautifulSoup(wrap_tables(TABLE, "Tabella"), "html.parser").div
    assert region["aria-label"] == "Tabella"


def test_label_is_escaped():
    html = wrap_tables(TABLE, 'Dati "grezzi" & <altro>')
    region = BeautifulSoup(html, "html.parser").div
    assert region["aria-label"] == 'Dati "grezzi" & <altro>'


def test_the_region_is_named_by_the_themes_label(tmp_path):
    labels = tmp_path / "templates" / "partials" / "labels.html"
    labels.parent.mkdir(parents=True)
    labels.write_text('{% set table_region = "Dati" %}', encoding="utf-8")
    assert theme_label(tmp_path, "table_region") == "Dati"
    labels.write_text('{% set altro = "x" %}', encoding="utf-8")
    with pytest.raises(SettingError, match="table_region"):
        theme_label(tmp_path, "table_region")


def test_a_table_in_a_built_article_uses_the_region(fixture_site):
    soup = fixture_site.soup("/spedire-dal-negozio-quanto-costa-davvero-un-pacco/")
    region = soup.select_one(".article__body .table-scroll")
    assert region.table is not None and region["tabindex"] == "0"


def test_the_box_carries_the_hint_and_says_whether_its_table_has_three_columns_or_more():
    two = "<table><thead><tr><th>A</th><th>B</th></tr></thead><tr><td>1</td><td>2</td></tr></table>"
    three = "<table><tr><td>1</td><td>2</td><td>3</td></tr></table>"
    html = wrap_tables(two + three, "Tabella", 'Scorri "di lato" →')
    narrow, wide = BeautifulSoup(html, "html.parser").select("div.table-scroll")
    assert narrow["class"] == ["table-scroll"] and wide["class"] == [
        "table-scroll",
        "table-scroll--wide",
    ]
    # An attribute, escaped: never words of the text for feeds, emails or the search index.
    assert narrow["data-hint"] == wide["data-hint"] == 'Scorri "di lato" →'
    assert "Scorri" not in BeautifulSoup(html, "html.parser").get_text()


def test_a_built_table_has_the_themes_hint(fixture_site):
    soup = fixture_site.soup("/spedire-dal-negozio-quanto-costa-davvero-un-pacco/")
    region = soup.select_one(".article__body .table-scroll")
    assert region["data-hint"] == theme_label(ROOT / "theme", "table_scroll_hint")
