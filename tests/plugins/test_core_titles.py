"""The core reader's titles: plain text until typography; slugs come from the raw title."""

from pelican.settings import DEFAULT_CONFIG

from blog_core import plain_text, slug_for_title
from blog_core.reader import plain_title_metadata as escape_title_metadata

SETTINGS = dict(DEFAULT_CONFIG, SLUGIFY_SOURCE="title")


def test_slug_transliterates_italian_accents():
    assert (
        slug_for_title("Perché più qualità è già qui", SETTINGS) == "perche-piu-qualita-e-gia-qui"
    )


def test_slug_keeps_words_written_between_angle_brackets():
    assert slug_for_title("Le PMI <davvero> & i social", SETTINGS) == "le-pmi-davvero-i-social"


def test_title_is_escaped_and_slug_derived_before_escaping():
    metadata = escape_title_metadata({"title": "B&B <top>"}, SETTINGS)
    assert metadata == {"title": "B&amp;B &lt;top&gt;", "slug": "bb-top"}


def test_an_explicit_slug_wins():
    metadata = escape_title_metadata({"title": "Ciao", "slug": "scelto-da-me"}, SETTINGS)
    assert metadata["slug"] == "scelto-da-me"


def test_basename_slugs_are_left_to_pelican():
    metadata = escape_title_metadata({"title": "Ciao"}, dict(SETTINGS, SLUGIFY_SOURCE="basename"))
    assert "slug" not in metadata


def test_plain_text_strips_typogrify_markup_and_decodes_entities():
    html = (
        'Il &#8220;<span class="caps">SEO</span>&#8221; '
        '<span class="amp">&amp;</span> le&nbsp;&lt;PMI&gt;'
    )
    assert plain_text(html) == "Il \u201cSEO\u201d & le <PMI>"
    assert plain_text(None) == ""
