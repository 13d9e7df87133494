"""Reading time in whole minutes from the rendered HTML."""

import pytest

from reading_time.reading_time import configure, count_words, reading_minutes
from sitebuild import PelicanSettingsStub, build_site, write_article


def words(n):
    return " ".join(["parola"] * n)


def test_markup_is_not_counted_as_words():
    assert count_words('<p class="lungo">Una <a href="/x/">due</a> tre</p>') == 3


@pytest.mark.parametrize(("count", "minutes"), [(0, 1), (1, 1), (200, 1), (201, 2), (1000, 5)])
def test_minutes_round_up_and_never_fall_below_one(count, minutes):
    assert reading_minutes(f"<p>{words(count)}</p>", 200) == minutes


@pytest.mark.parametrize("bad", [0, -3, "200", 2.5, True])
def test_bad_speed_setting_is_named_in_the_error(bad):
    with pytest.raises(ValueError, match="READING_TIME_WORDS_PER_MINUTE"):
        configure(PelicanSettingsStub(READING_TIME_WORDS_PER_MINUTE=bad))


def test_reading_speed_setting_changes_the_build(tmp_path, small_content):
    write_article(small_content, "lungo.md", body=f"{words(600)}\n", title="Lungo")
    slow = build_site(tmp_path / "slow", content=small_content, READING_TIME_WORDS_PER_MINUTE=100)
    assert (
        slow.soup("/lungo/").select_one(".article-meta__reading").get_text() == "6 min di lettura"
    )
