"""Go-live checks: the publish build refuses a site that is still the sample, or half yours.

In a strict build with GO_LIVE_CHECKS_ENABLED (publishconf.py) each of these is a problem,
`file:line` and what to do: a template's placeholders (`[RAGIONE SOCIALE DEL TITOLARE]`) and
its "Modello da adattare" notice left in content, addresses on hosts reserved for examples
(`example.com`, `.example`) in content or in the settings, the sample's articles, bios and
images, missing or made-up business details, a newsletter provider on a reserved address.
The sample is known by its files as shipped (their SHA-256). `DEMO_SITE = True` (the
shipped sample's publishconf.py) lets the demo publish instead, with a
notice on every page; `invoke setup` removes it.
"""

import os
import sys

from pelican import signals

from blog_core import apply_defaults, is_strict, read_source, report_problem

from .checks import (
    placeholder_hint,
    placeholders,
    provider_host,
    reserved_hosts,
    template_notices,
    vat_number_problem,
)
from .sample import SAMPLE_VALUES, shipped_files_in

DEFAULTS = {"GO_LIVE_CHECKS_ENABLED": False}
TEXT_FILES = (".md", ".markdown", ".html", ".rst")
BUSINESS = {
    "BUSINESS_NAME": ("la ragione sociale", "--ragione-sociale"),
    "BUSINESS_VAT_NUMBER": ("la partita IVA", "--partita-iva"),
    "BUSINESS_ADDRESS": ("la sede", "--sede"),
    "BUSINESS_EMAIL": ("l’email di contatto", "--email"),
}
SETUP = "invoke setup"


def settings_files():
    """The project's settings files, to point at the line of a setting to change."""
    module = sys.modules.get("pelicanconf")
    folder = os.path.dirname(getattr(module, "__file__", "") or "")
    return [os.path.join(folder, name) for name in ("publishconf.py", "pelicanconf.py")]


def setting_line(name):
    """(settings file, line) where `name` is set, publishconf.py first; else (None, None)."""
    for path in settings_files():
        try:
            with open(path, encoding="utf-8") as source:
                for number, line in enumerate(source, start=1):
                    if line.startswith(f"{name} ="):
                        return path, number
        except OSError:
            continue
    return None, None


def report_setting(settings, name, message):
    path, line = setting_line(name)
    report_problem(settings, path, message, line=line)


def check_content(settings):
    content = settings["PATH"]
    for relative in shipped_files_in(content):
        report_problem(
            settings,
            os.path.join(content, relative),
            "è un file dell’esempio (Bottega Digitale): toglilo prima di andare online "
            f"({SETUP} --rimuovi-esempi toglie tutti gli articoli, le schede e le immagini "
            "dell’esempio).",
        )
    for folder, _, names in os.walk(content):
        for name in sorted(names):
            if not name.endswith(TEXT_FILES):
                continue
            path = os.path.join(folder, name)
            text = read_source(path)[0] or ""
            for line, placeholder in placeholders(text):
                report_problem(
                    settings,
                    path,
                    f"«{placeholder}» è uno spazio del modello da riempire: "
                    f"{placeholder_hint(placeholder)}",
                    line=line,
                )
            for line in template_notices(text):
                report_problem(
                    settings,
                    path,
                    "c’è ancora l’avviso «Modello da adattare»: completa il testo, fallo "
                    "controllare, poi togli l’avviso.",
                    line=line,
                )
            for line, host in reserved_hosts(text):
                report_problem(
                    settings,
                    path,
                    f"«{host}» è un indirizzo di esempio, dove non arriva nulla: metti quello "
                    "vero.",
                    line=line,
                )


def check_settings(settings):
    for name, (what, flag) in BUSINESS.items():
        value = (settings.get(name) or "").strip()
        if not value:
            report_setting(
                settings,
                name,
                f"manca {what} ({name}): un’impresa italiana la deve mostrare sul suo sito "
                f"(art. 35 DPR 633/72). Scrivila qui o con {SETUP} {flag}.",
            )
        elif SAMPLE_VALUES.get(name) == value:
            report_setting(
                settings,
                name,
                f"{what} ({name}) è ancora quella dell’esempio: scrivi la tua, qui o con "
                f"{SETUP} {flag}.",
            )
        elif name == "BUSINESS_VAT_NUMBER" and (problem := vat_number_problem(value)):
            report_setting(settings, name, problem)
    for name in ("SITEURL", "BUSINESS_EMAIL", "BUSINESS_PEC"):
        value = settings.get(name) or ""
        for _, host in reserved_hosts(value):
            report_setting(
                settings,
                name,
                f"{name} usa «{host}», un indirizzo di esempio: metti quello vero ({SETUP}).",
            )
    host = provider_host(settings.get("NEWSLETTER_ACTION_URL"))
    if host:
        report_setting(
            settings,
            "NEWSLETTER_ACTION_URL",
            f"il modulo della newsletter invia a «{host}», un indirizzo di esempio: chi si "
            f"iscrive non arriverebbe a nessuno. Collega il tuo servizio ({SETUP} "
            "--newsletter-provider, README «Newsletter»).",
        )


def check_before_going_live(pelican):
    settings = apply_defaults(pelican.settings, DEFAULTS, "GO_LIVE_CHECKS_")
    if not (settings["GO_LIVE_CHECKS_ENABLED"] and is_strict(settings)):
        return
    if settings.get("DEMO_SITE") is True:
        return  # the project's own demo: it says so on every page
    check_settings(settings)
    check_content(settings)


def register():
    signals.initialized.connect(check_before_going_live)
