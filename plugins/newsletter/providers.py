"""Signup form presets: the action address and field names each provider's own form uses.

Pure functions: each preset takes the settings NEWSLETTER_ACTION_URL, NEWSLETTER_IDS and
NEWSLETTER_FIELDS and returns a SignupForm, or raises SettingError naming the setting to fix.

Where each detail comes from (checked against the providers' published embed code, their
documentation or their source; what could not be checked is said next to it):
- Mailchimp: embedded form posting to https://<account>.<dc>.list-manage.com/subscribe/post
  ?u=<user>&id=<audience>, email in EMAIL, bot trap `b_<user>_<audience>`, marketing
  permission ("GDPR field") checkbox `gdpr[<number>]` with value Y; merge tag *|UNSUB|*.
- Brevo: form posting to https://<id>.sibforms.com/serve/<token>, EMAIL, OPT_IN=1, bot trap
  `email_address_check`, hidden `locale`; unsubscribe {{ unsubscribe }} (new template
  language; the old one used [UNSUBSCRIBE]).
- MailerLite: embedded form posting to https://assets.mailerlite.com/jsonp/<account>/forms/
  <form>/subscribe, `fields[email]`, hidden ml-submit=1 and anticsrf=true, marketing
  permission `gdpr[]` whose value is the permission's title; unsubscribe {$unsubscribe}.
  Not checked: what a reader sees without JavaScript (the address answers the provider's
  own script, so it may show a bare confirmation); MailerLite has no bot-trap field.
- Buttondown: https://buttondown.com/api/emails/embed-subscribe/<username>, `email`, hidden
  embed=1, extra `metadata__<key>` fields stored on the subscriber; {{ unsubscribe_url }}.
  Not checked: a bot-trap field of Buttondown's own (none is documented).
- listmonk (self-hosted): POST <root>/subscription/form with `email`, `l` (list UUID, may
  repeat) and the honeypot `nonce` (listmonk refuses the request when it is not empty);
  listmonk has no consent field, so the checkbox is checked by the browser only and the
  consent is recorded by listmonk's double opt-in; unsubscribe {{ UnsubscribeURL }}.
- generic: any action address; NEWSLETTER_FIELDS names the fields.
"""

import re
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlsplit

from blog_core import SettingError, is_web_address

# The honeypot's name where the provider has no field of its own: bots fill in "website".
DEFAULT_HONEYPOT = "sito_web"
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


@dataclass(frozen=True)
class SignupForm:
    """What the signup form posts, and where; `action` None means a preview posting nowhere."""

    provider: str | None
    action: str | None
    email_field: str
    consent_field: str | None
    consent_value: str
    honeypot_field: str
    hidden_fields: tuple[tuple[str, str], ...] = ()
    unsubscribe_tag: str | None = None

    @property
    def is_preview(self):
        return self.action is None


PREVIEW = SignupForm(None, None, "email", "consenso", "1", DEFAULT_HONEYPOT)


def require_action(action, example):
    if action is None:
        raise SettingError(
            "NEWSLETTER_ACTION_URL",
            f"manca: copia l'indirizzo dal modulo del servizio (sarà simile a {example}).",
        )
    if not is_web_address(action):
        raise SettingError(
            "NEWSLETTER_ACTION_URL",
            f"deve essere un indirizzo web completo come {example}, non {action!r}",
        )
    return urlsplit(action)


def check_ids(ids, provider, required=(), optional=()):
    """The provider's ids from NEWSLETTER_IDS: exactly the keys it knows, each a string."""
    allowed = (*required, *optional)
    unknown = sorted(set(ids) - set(allowed))
    if unknown:
        known = ", ".join(f"«{key}»" for key in allowed) or "nessuna chiave"
        raise SettingError(
            "NEWSLETTER_IDS",
            f"contiene {', '.join(repr(key) for key in unknown)}, che {provider} non usa "
            f"(chiavi ammesse: {known}).",
        )
    for key in required:
        if key not in ids:
            raise SettingError("NEWSLETTER_IDS", f"deve contenere «{key}» per {provider}.")
    for key, value in ids.items():
        if not isinstance(value, str) or not value.strip() or value != value.strip():
            raise SettingError(
                "NEWSLETTER_IDS", f"«{key}» deve essere un testo senza spazi, non {value!r}"
            )
    return ids


def no_fields(fields, provider):
    if fields:
        raise SettingError(
            "NEWSLETTER_FIELDS",
            f'vale solo con NEWSLETTER_PROVIDER = "generic": {provider} ha i suoi campi.',
        )


def mailchimp(action, ids, fields):
    example = "https://nome.us21.list-manage.com/subscribe/post?u=…&id=…"
    parts = require_action(action, example)
    query = parse_qs(parts.query)
    user, audience = query.get("u", [""])[0], query.get("id", [""])[0]
    if not parts.hostname.endswith(".list-manage.com") or parts.path != "/subscribe/post":
        raise SettingError(
            "NEWSLETTER_ACTION_URL", f"per Mailchimp deve essere simile a {example}, non {action!r}"
        )
    if not (re.fullmatch(r"\w+", user) and re.fullmatch(r"\w+", audience)):
        raise SettingError(
            "NEWSLETTER_ACTION_URL",
            f"deve contenere u=… e id=… come nel codice del modulo di Mailchimp, non {action!r}",
        )
    gdpr = check_ids(ids, "Mailchimp", required=("gdpr",))["gdpr"]
    if not gdpr.isdigit():
        raise SettingError(
            "NEWSLETTER_IDS",
            f'«gdpr» è il numero tra parentesi in name="gdpr[…]" nel modulo, non {gdpr!r}',
        )
    no_fields(fields, "Mailchimp")
    return SignupForm(
        "mailchimp", action, "EMAIL", f"gdpr[{gdpr}]", "Y", f"b_{user}_{audience}", (), "*|UNSUB|*"
    )


def brevo(action, ids, fields):
    example = "https://abcd1234.sibforms.com/serve/MUIFA…"
    parts = require_action(action, example)
    if not parts.hostname.endswith(".sibforms.com") or not parts.path.startswith("/serve/"):
        raise SettingError(
            "NEWSLETTER_ACTION_URL", f"per Brevo deve essere simile a {example}, non {action!r}"
        )
    check_ids(ids, "Brevo")
    no_fields(fields, "Brevo")
    return SignupForm(
        "brevo",
        action,
        "EMAIL",
        "OPT_IN",
        "1",
        "email_address_check",
        (("locale", "it"),),
        "{{ unsubscribe }}",
    )


def mailerlite(action, ids, fields):
    example = "https://assets.mailerlite.com/jsonp/123456/forms/98765432101234567/subscribe"
    parts = require_action(action, example)
    if parts.hostname != "assets.mailerlite.com" or not re.fullmatch(
        r"/jsonp/\d+/forms/\d+/subscribe", parts.path
    ):
        raise SettingError(
            "NEWSLETTER_ACTION_URL",
            f"per MailerLite deve essere simile a {example}, non {action!r}",
        )
    permission = check_ids(ids, "MailerLite", optional=("permission",)).get("permission", "Email")
    no_fields(fields, "MailerLite")
    return SignupForm(
        "mailerlite",
        action,
        "fields[email]",
        "gdpr[]",
        permission,
        DEFAULT_HONEYPOT,
        (("ml-submit", "1"), ("anticsrf", "true")),
        "{$unsubscribe}",
    )


def buttondown(action, ids, fields):
    example = "https://buttondown.com/api/emails/embed-subscribe/nome-utente"
    username = check_ids(ids, "Buttondown", optional=("username",)).get("username")
    if username is not None and not re.fullmatch(r"[\w-]+", username):
        raise SettingError(
            "NEWSLETTER_IDS", f"«username» è il nome dell'account Buttondown, non {username!r}"
        )
    if action is None and username is None:
        raise SettingError(
            "NEWSLETTER_IDS",
            "deve contenere «username» (il nome dell'account Buttondown), "
            "oppure imposta NEWSLETTER_ACTION_URL.",
        )
    if action is None:
        action = f"https://buttondown.com/api/emails/embed-subscribe/{username}"
    parts = require_action(action, example)
    if parts.hostname not in ("buttondown.com", "buttondown.email") or not re.fullmatch(
        r"/api/emails/embed-subscribe/[\w-]+", parts.path
    ):
        raise SettingError(
            "NEWSLETTER_ACTION_URL",
            f"per Buttondown deve essere simile a {example}, non {action!r}",
        )
    no_fields(fields, "Buttondown")
    return SignupForm(
        "buttondown",
        action,
        "email",
        "metadata__consenso_privacy",
        "si",
        DEFAULT_HONEYPOT,
        (("embed", "1"),),
        "{{ unsubscribe_url }}",
    )


def listmonk(action, ids, fields):
    example = "https://liste.tuosito.it/subscription/form"
    parts = require_action(action, example)
    if not parts.path.endswith("/subscription/form"):
        raise SettingError(
            "NEWSLETTER_ACTION_URL",
            f"per listmonk è l'indirizzo dell'installazione seguito da /subscription/form "
            f"(per esempio {example}), non {action!r}",
        )
    list_uuid = check_ids(ids, "listmonk", required=("list",))["list"]
    if not UUID.fullmatch(list_uuid):
        raise SettingError(
            "NEWSLETTER_IDS",
            f"«list» è l'UUID della lista in listmonk (Liste → la lista → UUID), non {list_uuid!r}",
        )
    no_fields(fields, "listmonk")
    return SignupForm(
        "listmonk", action, "email", None, "", "nonce", (("l", list_uuid),), "{{ UnsubscribeURL }}"
    )


def generic(action, ids, fields):
    require_action(action, "https://servizio.example/iscrizione")
    check_ids(ids, "generic")
    if not isinstance(fields, dict):
        raise SettingError("NEWSLETTER_FIELDS", f"deve essere un dizionario, non {fields!r}")
    unknown = sorted(set(fields) - {"email", "consent", "honeypot"})
    if unknown:
        raise SettingError(
            "NEWSLETTER_FIELDS",
            f"contiene {', '.join(map(repr, unknown))}: le chiavi ammesse sono "
            "«email», «consent» e «honeypot».",
        )
    for key in ("email", "consent"):
        if key not in fields:
            raise SettingError(
                "NEWSLETTER_FIELDS",
                f"deve dire come si chiama il campo «{key}» nel servizio, "
                f'per esempio {{"email": "email", "consent": "privacy"}}.',
            )
    names = {key: fields.get(key, DEFAULT_HONEYPOT) for key in ("email", "consent", "honeypot")}
    for key, name in names.items():
        if not isinstance(name, str) or not re.fullmatch(r"[\w\[\]:.-]+", name):
            raise SettingError(
                "NEWSLETTER_FIELDS",
                f"«{key}» deve essere un nome di campo senza spazi, non {name!r}",
            )
    if len(set(names.values())) < 3:
        raise SettingError("NEWSLETTER_FIELDS", "usa tre nomi diversi per i tre campi.")
    return SignupForm("generic", action, names["email"], names["consent"], "1", names["honeypot"])


PRESETS = {
    "mailchimp": mailchimp,
    "brevo": brevo,
    "mailerlite": mailerlite,
    "buttondown": buttondown,
    "listmonk": listmonk,
    "generic": generic,
}


def signup_form(provider, action, ids, fields, unsubscribe_tag=None):
    """The form for `provider` (a PRESETS key, or None for the preview); SettingError if wrong."""
    if provider is None:
        return PREVIEW
    if provider not in PRESETS:
        known = ", ".join(f'"{name}"' for name in PRESETS)
        raise SettingError(
            "NEWSLETTER_PROVIDER", f"deve essere uno tra {known} (o None), non {provider!r}"
        )
    if not isinstance(ids, dict):
        raise SettingError("NEWSLETTER_IDS", f"deve essere un dizionario, non {ids!r}")
    form = PRESETS[provider](action, ids, fields)
    if unsubscribe_tag is not None:
        if not isinstance(unsubscribe_tag, str) or not unsubscribe_tag.strip():
            raise SettingError(
                "NEWSLETTER_UNSUBSCRIBE_TAG",
                f"deve essere il segnaposto del servizio per il link di disiscrizione, "
                f"non {unsubscribe_tag!r}",
            )
        form = replace(form, unsubscribe_tag=unsubscribe_tag)
    if form.unsubscribe_tag is None:
        raise SettingError(
            "NEWSLETTER_UNSUBSCRIBE_TAG",
            "manca: scrivi il segnaposto che il tuo servizio sostituisce con il link "
            "di disiscrizione (per esempio {{ unsubscribe_url }}).",
        )
    return form
