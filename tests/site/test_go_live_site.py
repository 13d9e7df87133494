"""The go-live checks in a publish build of the tests' own site: each thing that is still the
sample's, or missing, is a `file:line` problem; DEMO_SITE lets the demo publish, and says so on
every page; the footer carries the business details."""

import hashlib

import pytest
from publishable import write_publishable_site

from blog_core.problems import PROBLEM
from go_live_checks import sample
from sitebuild import ROOT, build_site

# A real provider, so only the go-live checks can stop these builds.
PROVIDER = {
    "NEWSLETTER_PROVIDER": "buttondown",
    "NEWSLETTER_IDS": {"username": "ferramenta-rossi"},
    "NEWSLETTER_ACTION_URL": None,
    "NEWSLETTER_FIELDS": {},
    "NEWSLETTER_UNSUBSCRIBE_TAG": None,
    "SITEURL": "https://www.ferramentarossi.it",
}
OWNER = {
    "BUSINESS_NAME": "Ferramenta Rossi S.n.c.",
    "BUSINESS_VAT_NUMBER": "01234567897",
    "BUSINESS_ADDRESS": "Via Roma 12, 10121 Torino",
    "BUSINESS_EMAIL": "info@ferramentarossi.it",
    "BUSINESS_PEC": "ferramentarossi@pec.it",
    "DEMO_SITE": False,
}


SAMPLE_ARTICLE = "articles/vetrina-di-prova.md"


@pytest.fixture(autouse=True)
def sample_of_our_own(monkeypatch):
    """The tests' own "shipped sample": one article, known by its SHA-256 as the real one is."""
    text = (
        "Title: Vetrina di prova\nDate: 2026-11-10 09:00\nCategory: Formazione\nTags: pmi\n"
        "Author: Luca Bianchi\nSummary: Un articolo dell’esempio.\n\nTesto dell’esempio.\n"
    )
    digest = hashlib.sha256(text.encode()).hexdigest()
    monkeypatch.setattr(sample, "SAMPLE_FILES", {SAMPLE_ARTICLE: digest})
    return text


def half_done_content(base, sample_text):
    content = write_publishable_site(base / "content")
    (content / "pages" / "privacy.md").write_text(
        "Title: Privacy\n\n"
        "> **Modello da adattare.** Completa le parti tra parentesi quadre.\n\n"
        "Il titolare è [RAGIONE SOCIALE DEL TITOLARE].\n\n"
        "Scrivi a [info@ferramenta.example](mailto:info@ferramenta.example).\n",
        encoding="utf-8",
    )
    # The sample's article, as shipped: the owner forgot to remove it.
    (content / SAMPLE_ARTICLE).write_text(sample_text, encoding="utf-8")
    return content


def problems(records):
    return [r.getMessage() for r in records if getattr(r, PROBLEM, False)]


def test_a_half_done_site_is_refused_naming_each_thing(tmp_path, sample_of_our_own):
    content = half_done_content(tmp_path, sample_of_our_own)
    settings = {
        **PROVIDER,
        "DEMO_SITE": False,
        "BUSINESS_NAME": "",
        "BUSINESS_VAT_NUMBER": "01234567890",
        "NEWSLETTER_PROVIDER": "generic",
        "NEWSLETTER_IDS": {},
        "NEWSLETTER_ACTION_URL": "https://newsletter.ferramenta.example/iscrizione",
        "NEWSLETTER_FIELDS": {"email": "email", "consent": "consenso"},
        "NEWSLETTER_UNSUBSCRIBE_TAG": "{{ unsubscribe_url }}",
    }
    with pytest.raises(SystemExit) as stopped:
        build_site(tmp_path / "output", content, settings_file="publishconf.py", **settings)
    found = problems(stopped.value.log_records)
    privacy = f"{content}/pages/privacy.md"
    expected = [
        f"{privacy}:3: c’è ancora l’avviso «Modello da adattare»",
        f"{privacy}:5: «[RAGIONE SOCIALE DEL TITOLARE]» è uno spazio del modello da riempire",
        f"{privacy}:7: «ferramenta.example» è un indirizzo di esempio",
        f"{content}/{SAMPLE_ARTICLE}: è un file dell’esempio",
        "pelicanconf.py:",  # the settings' lines, below
    ]
    for start in expected:
        assert any(message.startswith(start) for message in found), (start, found)
    settings_messages = [m for m in found if m.startswith(("pelicanconf.py:", "publishconf.py:"))]
    assert any("manca la ragione sociale (BUSINESS_NAME)" in m for m in settings_messages)
    assert any("la partita IVA «01234567890» non esiste" in m for m in settings_messages)
    assert any(
        m.startswith("publishconf.py:") and "newsletter.ferramenta.example" in m
        for m in settings_messages
    )
    # Each settings message points at the line that sets it.
    lines = (ROOT / "pelicanconf.py").read_text(encoding="utf-8").splitlines()
    for message in settings_messages:
        if message.startswith("pelicanconf.py:"):
            number = int(message.split(":")[1])
            assert lines[number - 1].startswith("BUSINESS_"), message


def test_the_owners_finished_site_publishes_with_its_business_details(tmp_path):
    content = write_publishable_site(tmp_path / "content")
    # The owner rewrote the sample's article: it is theirs now.
    (content / SAMPLE_ARTICLE).write_text(
        "Title: La vetrina di Natale\nDate: 2026-11-12 09:00\nCategory: Formazione\n"
        "Tags: pmi\nAuthor: Luca Bianchi\nSummary: Come la allestiamo.\n\nIl nostro testo.\n",
        encoding="utf-8",
    )
    site = build_site(
        tmp_path / "output", content, settings_file="publishconf.py", **PROVIDER, **OWNER
    )
    assert problems(site.log_records) == []
    for file in site.html_files():
        soup = site.soup(site.url_of(file))
        assert soup.select_one(".demo-notice") is None
        footer = soup.select_one(".site-footer__business").get_text(" ", strip=True)
        assert "Ferramenta Rossi S.n.c." in footer and "P. IVA 01234567897" in footer, file
        assert "Via Roma 12, 10121 Torino" in footer and "ferramentarossi@pec.it" in footer


def test_the_demo_publishes_half_done_and_says_so_on_every_page(tmp_path, sample_of_our_own):
    content = half_done_content(tmp_path, sample_of_our_own)
    site = build_site(
        tmp_path / "output",
        content,
        settings_file="publishconf.py",
        **{**PROVIDER, "DEMO_SITE": True, "BUSINESS_NAME": ""},
    )
    assert problems(site.log_records) == []
    pages = site.html_files()
    assert pages
    for file in pages:
        notice = site.soup(site.url_of(file)).select_one(".demo-notice")
        assert notice is not None and "Sito dimostrativo" in notice.get_text(), file
