"""Newsletter settings checked at start-up, the provider presets, and the email helpers."""

import logging

import pytest

from blog_core import SettingError
from newsletter.emails import absolute_urls, email_image, inline_css
from newsletter.newsletter import NEWSLETTER_DEFAULTS, configure
from newsletter.providers import PRESETS, signup_form
from sitebuild import PelicanSettingsStub

LIST_UUID = "9f8e7d6c-1234-4abc-8def-0123456789ab"
MAILCHIMP = "https://bottega.us21.list-manage.com/subscribe/post?u=a1b2c3d4e5&id=f6a7b8c9d0"
BREVO = "https://4f3e2d1c.sibforms.com/serve/MUIFAbcdEFGHijkl"
MAILERLITE = "https://assets.mailerlite.com/jsonp/123456/forms/98765432101234567/subscribe"


def start(**settings):
    """Run the plugin's start-up check on these settings; return them as the build sees them."""
    stub = PelicanSettingsStub(TIMEZONE="Europe/Rome", SITEURL="", **settings)
    configure(stub)
    return stub.settings


def test_defaults_make_a_preview_form_with_friday_at_nine():
    settings = start()
    assert settings["NEWSLETTER_PROVIDER"] is None
    assert settings["NEWSLETTER_PRIVACY_URL"] == "privacy/"
    assert settings["NEWSLETTER_CLOSING_DAY"] == "friday"
    assert settings["NEWSLETTER_CLOSING_TIME"] == "09:00"
    assert set(NEWSLETTER_DEFAULTS) <= set(settings)


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"NEWSLETTER_PROVIDER": "mailchump"}, "NEWSLETTER_PROVIDER"),
        ({"NEWSLETTER_PROVIDER": "brevo"}, "NEWSLETTER_ACTION_URL"),
        (
            {"NEWSLETTER_PROVIDER": "brevo", "NEWSLETTER_ACTION_URL": "sibforms.com/serve/x"},
            "NEWSLETTER_ACTION_URL",
        ),
        (
            {"NEWSLETTER_PROVIDER": "brevo", "NEWSLETTER_ACTION_URL": MAILCHIMP},
            "NEWSLETTER_ACTION_URL",
        ),
        (
            {"NEWSLETTER_PROVIDER": "mailchimp", "NEWSLETTER_ACTION_URL": MAILCHIMP},
            "NEWSLETTER_IDS",
        ),
        (
            {
                "NEWSLETTER_PROVIDER": "mailchimp",
                "NEWSLETTER_ACTION_URL": MAILCHIMP.replace("&id=f6a7b8c9d0", ""),
                "NEWSLETTER_IDS": {"gdpr": "12345"},
            },
            "NEWSLETTER_ACTION_URL",
        ),
        (
            {
                "NEWSLETTER_PROVIDER": "mailchimp",
                "NEWSLETTER_ACTION_URL": MAILCHIMP,
                "NEWSLETTER_IDS": {"gdpr": "email"},
            },
            "NEWSLETTER_IDS",
        ),
        ({"NEWSLETTER_PROVIDER": "buttondown"}, "NEWSLETTER_IDS"),
        (
            {"NEWSLETTER_PROVIDER": "buttondown", "NEWSLETTER_IDS": {"user": "bottega"}},
            "NEWSLETTER_IDS",
        ),
        (
            {
                "NEWSLETTER_PROVIDER": "listmonk",
                "NEWSLETTER_ACTION_URL": "https://liste.example.it/subscription/form",
                "NEWSLETTER_IDS": {"list": "settimanale"},
            },
            "NEWSLETTER_IDS",
        ),
        (
            {
                "NEWSLETTER_PROVIDER": "mailerlite",
                "NEWSLETTER_ACTION_URL": MAILERLITE,
                "NEWSLETTER_FIELDS": {"email": "email"},
            },
            "NEWSLETTER_FIELDS",
        ),
        (
            {
                "NEWSLETTER_PROVIDER": "generic",
                "NEWSLETTER_ACTION_URL": "https://servizio.example/iscrizione",
                "NEWSLETTER_FIELDS": {"email": "email"},
                "NEWSLETTER_UNSUBSCRIBE_TAG": "{{ unsub }}",
            },
            "NEWSLETTER_FIELDS",
        ),
        (
            {
                "NEWSLETTER_PROVIDER": "generic",
                "NEWSLETTER_ACTION_URL": "https://servizio.example/iscrizione",
                "NEWSLETTER_FIELDS": {"email": "email", "consent": "privacy"},
            },
            "NEWSLETTER_UNSUBSCRIBE_TAG",
        ),
        ({"NEWSLETTER_PRIVACY_URL": ""}, "NEWSLETTER_PRIVACY_URL"),
        # Gone: the words are the theme's label, and strictness is BUILD_PROBLEMS_STRICT.
        ({"NEWSLETTER_FREQUENCY_TEXT": "Ogni lunedì"}, "NEWSLETTER_FREQUENCY_TEXT"),
        ({"NEWSLETTER_STRICT": True}, "NEWSLETTER_STRICT"),
        ({"NEWSLETTER_CLOSING_DAY": "venerdì"}, "NEWSLETTER_CLOSING_DAY"),
        ({"NEWSLETTER_CLOSING_TIME": "9"}, "NEWSLETTER_CLOSING_TIME"),
        ({"NEWSLETTER_DEV_SITEURL": "localhost:8000"}, "NEWSLETTER_DEV_SITEURL"),
        ({"NEWSLETTER_PROVIDOR": "brevo"}, "NEWSLETTER_PROVIDOR"),
    ],
)
def test_a_bad_setting_stops_the_build_with_a_message_naming_it(settings, named):
    with pytest.raises(ValueError) as stopped:
        start(**settings)
    assert str(stopped.value).startswith(named + " ")


def test_a_provider_error_says_what_the_address_should_look_like():
    with pytest.raises(SettingError) as stopped:
        start(NEWSLETTER_PROVIDER="mailerlite", NEWSLETTER_ACTION_URL=BREVO)
    assert stopped.value.setting == "NEWSLETTER_ACTION_URL"
    assert "assets.mailerlite.com/jsonp/" in str(stopped.value)
    assert BREVO in str(stopped.value)


def errors(caplog):
    return [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]


def test_a_strict_build_without_a_provider_has_a_problem_naming_the_setting(caplog):
    start(BUILD_PROBLEMS_STRICT=True)
    (problem,) = errors(caplog)
    assert problem.startswith("NEWSLETTER_PROVIDER non è impostato")


def test_a_development_build_without_a_provider_is_a_quiet_preview(caplog):
    with caplog.at_level(logging.WARNING):
        start()
    assert caplog.records == []


def test_a_strict_build_with_a_plain_http_action_has_a_problem_naming_the_setting(caplog):
    start(
        BUILD_PROBLEMS_STRICT=True,
        NEWSLETTER_PROVIDER="listmonk",
        NEWSLETTER_ACTION_URL="http://liste.example.it/subscription/form",
        NEWSLETTER_IDS={"list": LIST_UUID},
    )
    (problem,) = errors(caplog)
    assert problem.startswith("NEWSLETTER_ACTION_URL deve iniziare con https://")


def test_a_plain_http_action_is_only_a_warning_in_development(caplog):
    with caplog.at_level(logging.WARNING):
        start(
            NEWSLETTER_PROVIDER="listmonk",
            NEWSLETTER_ACTION_URL="http://localhost:9000/subscription/form",
            NEWSLETTER_IDS={"list": LIST_UUID},
        )
    (warning,) = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "NEWSLETTER_ACTION_URL" in warning and "https" in warning


def test_a_privacy_address_written_with_a_leading_slash_still_works():
    assert start(NEWSLETTER_PRIVACY_URL="/privacy/")["NEWSLETTER_PRIVACY_URL"] == "privacy/"
    absolute = "https://www.esempio.it/privacy"
    assert start(NEWSLETTER_PRIVACY_URL=absolute)["NEWSLETTER_PRIVACY_URL"] == absolute


def test_every_preset_names_its_unsubscribe_merge_tag():
    forms = {
        "mailchimp": signup_form("mailchimp", MAILCHIMP, {"gdpr": "12345"}, {}),
        "brevo": signup_form("brevo", BREVO, {}, {}),
        "mailerlite": signup_form("mailerlite", MAILERLITE, {}, {}),
        "buttondown": signup_form("buttondown", None, {"username": "bottega"}, {}),
        "listmonk": signup_form(
            "listmonk", "https://liste.example.it/subscription/form", {"list": LIST_UUID}, {}
        ),
        "generic": signup_form(
            "generic",
            "https://servizio.example/iscrizione",
            {},
            {"email": "email", "consent": "privacy"},
            "[unsubscribe]",
        ),
    }
    assert set(forms) == set(PRESETS)
    assert {name: form.unsubscribe_tag for name, form in forms.items()} == {
        "mailchimp": "*|UNSUB|*",
        "brevo": "{{ unsubscribe }}",
        "mailerlite": "{$unsubscribe}",
        "buttondown": "{{ unsubscribe_url }}",
        "listmonk": "{{ UnsubscribeURL }}",
        "generic": "[unsubscribe]",
    }


def test_the_unsubscribe_tag_of_a_preset_can_be_replaced():
    form = signup_form("brevo", BREVO, {}, {}, "[UNSUBSCRIBE]")
    assert form.unsubscribe_tag == "[UNSUBSCRIBE]"


def test_links_and_images_in_a_summary_become_absolute():
    html = (
        '<p><a href="/altro-articolo/">altro</a>, <a href="https://esempio.it/x">fuori</a>, '
        '<a href="mailto:a@b.it">posta</a>, <a href="#nota">nota</a> '
        '<img src="/images/foto.png" alt="Una foto"></p>'
    )
    assert absolute_urls(html, "https://blog.esempio.it") == (
        '<p><a href="https://blog.esempio.it/altro-articolo/">altro</a>, '
        '<a href="https://esempio.it/x">fuori</a>, <a href="mailto:a@b.it">posta</a>, '
        '<a href="#nota">nota</a> <img src="https://blog.esempio.it/images/foto.png" '
        'alt="Una foto"></p>'
    )


def test_the_email_image_is_the_first_one_mail_clients_can_show():
    html = (
        '<p><img src="/images/schema.svg" alt="Schema"></p>'
        '<p><img src="/images/vetrina.JPG" alt="La vetrina &amp; il bancone"></p>'
        '<p><img src="/images/dopo.png" alt="Dopo"></p>'
    )
    assert email_image(html) == ("/images/vetrina.JPG", "La vetrina & il bancone")
    assert email_image('<img src="/a.svg" alt="">') is None
    assert email_image("") is None


def test_css_goes_into_style_attributes_and_media_queries_stay():
    html = (
        "<!DOCTYPE html><html><head><style>p { color: #123456; } "
        "@media (max-width: 480px) { p { color: #654321; } }</style></head>"
        "<body><p>Testo</p></body></html>"
    )
    inlined = inline_css(html)
    assert '<p style="color: #123456;">Testo</p>' in inlined
    assert "@media (max-width: 480px)" in inlined


def test_a_misspelt_setting_is_named_with_a_suggestion():
    with pytest.raises(ValueError) as stopped:
        start(NEWSLETTER_ACTION_ULR="https://servizio.example/iscrizione")
    assert str(stopped.value) == (
        "NEWSLETTER_ACTION_ULR non è un'impostazione che il sito conosce. "
        "Forse intendevi NEWSLETTER_ACTION_URL?"
    )
