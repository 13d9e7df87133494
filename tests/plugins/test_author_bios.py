"""Loading and checking bio files, and the initials avatars (author_bios plugin)."""

import xml.etree.ElementTree as ElementTree

import pytest

from author_bios.author_bios import AUTHOR_BIOS_DEFAULTS, configure
from author_bios.avatar import (
    AVATAR_COLOURS,
    avatar_colour,
    avatar_svg,
    contrast_with_white,
    initials,
)
from author_bios.bio_fields import Profile, check_bio_fields, photo_path
from blog_core import read_header
from sitebuild import PelicanSettingsStub

COMPLETE = {
    "Name": "Giulia Ferri",
    "Role": "Social media manager per PMI",
    "Photo": "images/autori/giulia-ferri.svg",
    "Website": "https://giuliaferri.example",
    "LinkedIn": "https://www.linkedin.com/in/esempio-giulia-ferri",
    "Instagram": "https://www.instagram.com/esempio.giuliaferri",
    "Twitter": "https://x.com/esempio_giulia",
    "Facebook": "https://www.facebook.com/esempio.giuliaferri",
    "Mastodon": "https://mastodon.uno/@esempio_giulia",
}


def check(fields, existing=("images/autori/giulia-ferri.svg",)):
    """The bio header `fields` (a dict, in order) checked as the build checks it."""
    text = "\n".join(f"{key}: {value}" for key, value in fields.items()) + "\n\nBio.\n"
    return check_bio_fields(read_header(text), lambda path: path in existing)


def problem_lines(problems):
    return [problem.line for problem in problems]


def test_a_complete_bio_has_every_field_and_no_problem():
    fields, problems = check(COMPLETE)
    assert problems == []
    assert fields.name == "Giulia Ferri"
    assert fields.role == "Social media manager per PMI"
    assert fields.photo == "images/autori/giulia-ferri.svg"
    assert [profile.network for profile in fields.profiles] == [
        "website",
        "linkedin",
        "instagram",
        "twitter",
        "facebook",
        "mastodon",
    ]
    assert fields.profiles[1] == Profile("linkedin", COMPLETE["LinkedIn"])


def test_only_the_name_is_required():
    fields, problems = check({"Name": "Luca Bianchi"})
    assert problems == []
    assert (fields.role, fields.photo, fields.profiles) == (None, None, ())


def test_field_names_are_case_insensitive():
    fields, problems = check(
        {"NAME": "Sara Conti", "linkedin": "https://www.linkedin.com/in/esempio-sara"}
    )
    assert problems == []
    assert fields.profiles == (Profile("linkedin", "https://www.linkedin.com/in/esempio-sara"),)


def test_a_misspelt_field_is_named_with_a_suggestion():
    _fields, problems = check(
        {"Name": "Sara Conti", "Linkdin": "https://www.linkedin.com/in/esempio-sara"}
    )
    assert problem_lines(problems) == [2]
    assert problems[0].message.startswith(
        "«linkdin» non è un campo delle schede autore, quindi viene ignorato. "
        "Forse intendevi «LinkedIn:»?"
    )


def test_an_unknown_field_lists_the_fields_that_exist():
    _fields, problems = check({"Name": "Sara Conti", "Telefono": "333 1234567"})
    assert problem_lines(problems) == [2]
    assert "Forse" not in problems[0].message
    assert "Name, Role, Photo, Website, LinkedIn" in problems[0].message


def test_a_missing_or_empty_name_is_reported_once():
    _fields, missing = check({"Role": "Formatore"})
    assert [p.message for p in missing] == [
        "manca «Name:», il nome come appare in «Author:» negli articoli."
    ]
    fields, empty = check({"Name": "  "})
    assert [(p.line, p.message) for p in empty] == [
        (1, "«Name» è vuoto: scrivi un valore o togli la riga.")
    ]
    assert fields.name is None


@pytest.mark.parametrize(
    "address",
    [
        "www.linkedin.com/in/esempio",
        "linkedin.com/in/esempio",
        "ftp://example.it/",
        "javascript:alert(1)",
        "https://",
        "https://www.linkedin.com/in/esempio giulia",
        "@esempio_giulia",
    ],
)
def test_a_profile_link_must_be_a_full_web_address(address):
    fields, problems = check({"Name": "Giulia Ferri", "LinkedIn": address})
    assert problem_lines(problems) == [2]
    assert problems[0].message.startswith("«LinkedIn»: ")
    assert "https://" in problems[0].message
    assert fields.profiles == ()


def test_plain_http_addresses_are_accepted():
    fields, problems = check({"Name": "Giulia Ferri", "Website": "http://forno.example"})
    assert problems == []
    assert fields.profiles == (Profile("website", "http://forno.example"),)


def test_a_photo_that_does_not_exist_is_named():
    fields, problems = check({"Name": "Giulia Ferri", "Photo": "images/giulia.jpg"})
    assert problem_lines(problems) == [2]
    assert "images/giulia.jpg" in problems[0].message
    assert fields.photo is None


@pytest.mark.parametrize(
    ("written", "path"),
    [
        ("images/autori/giulia-ferri.svg", "images/autori/giulia-ferri.svg"),
        ("/images/autori/giulia-ferri.svg", "images/autori/giulia-ferri.svg"),
        ("{static}/images/autori/giulia-ferri.svg", "images/autori/giulia-ferri.svg"),
    ],
)
def test_photo_paths_are_read_from_the_content_folder(written, path):
    assert photo_path(written) == path


@pytest.mark.parametrize("photo", ["../segreti/foto.jpg", "images/autori/cv.pdf"])
def test_a_photo_outside_content_or_not_an_image_is_refused(photo):
    fields, problems = check({"Name": "Giulia Ferri", "Photo": photo}, existing=(photo,))
    assert problem_lines(problems) == [2]
    assert problems[0].message.startswith("«Photo»: ")
    assert fields.photo is None


def test_a_field_written_twice_is_reported():
    text = "Name: Giulia Ferri\nRole: Uno\nRole: Due\n\nBio.\n"
    fields, problems = check_bio_fields(read_header(text), lambda path: False)
    assert [(p.line, p.message) for p in problems] == [
        (3, "«Role» compare due volte (la prima alla riga 2): tienine una.")
    ]
    assert fields.role == "Uno"


def test_every_problem_in_a_file_is_reported_at_once():
    _fields, problems = check(
        {"Role": "x", "Linkdin": "https://x.example", "Website": "x.example", "Photo": "no.jpg"}
    )
    # The fields on their lines, the missing name at the top, then the photo's file.
    assert problem_lines(problems) == [2, 3, 1, 4]


@pytest.mark.parametrize(
    ("name", "letters"),
    [
        ("Giulia Ferri", "GF"),
        ("Anna Maria D'Amico", "AA"),
        ("élodie rossi", "ÉR"),
        ("Redazione", "R"),
        ("Marco De Luca", "ML"),
        ("42", "?"),
    ],
)
def test_initials(name, letters):
    assert initials(name) == letters


def test_avatar_colours_are_stable_and_readable():
    assert avatar_colour("giulia-ferri") == avatar_colour("giulia-ferri")
    assert len({avatar_colour(f"autore-{n}") for n in range(50)}) > 1
    for colour in AVATAR_COLOURS:
        assert contrast_with_white(colour) >= 4.5, colour


def test_the_avatar_is_valid_svg_with_escaped_text():
    svg = avatar_svg('<Anna> "Bianchi" & C.', "anna-bianchi-c")
    root = ElementTree.fromstring(svg)
    assert root.get("aria-label") == '<Anna> "Bianchi" & C.'
    text = root.find("{http://www.w3.org/2000/svg}text")
    assert text.text == "AC"


def test_defaults_are_filled_in_and_bio_files_are_never_articles_or_pages():
    pelican = PelicanSettingsStub(ARTICLE_EXCLUDES=["bozze"], PAGE_EXCLUDES=[])
    configure(pelican)
    for name, default in AUTHOR_BIOS_DEFAULTS.items():
        assert pelican.settings[name] == default
    assert pelican.settings["ARTICLE_EXCLUDES"] == ["bozze", "authors"]
    assert pelican.settings["PAGE_EXCLUDES"] == ["authors"]


@pytest.mark.parametrize(
    ("name", "bad"),
    [
        ("AUTHOR_BIOS_PATH", ""),
        ("AUTHOR_BIOS_PATH", 3),
        ("AUTHOR_BIOS_AVATAR_SAVE_AS", "autori/avatar.svg"),
        ("AUTHOR_BIOS_AVATAR_SAVE_AS", "autori/{slug}/avatar.png"),
        ("AUTHOR_BIOS_PHOTO_MAX_KB", 0),
        ("AUTHOR_BIOS_PHOTO_MAX_KB", "200"),
    ],
)
def test_bad_settings_are_named_in_the_error(name, bad):
    with pytest.raises(ValueError, match=name):
        configure(PelicanSettingsStub(**{name: bad}))
