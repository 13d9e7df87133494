"""`invoke setup` end to end in a copy of the project, as a new owner runs it: the site becomes
theirs, `invoke check` names only what is left to write, and once that is written
`invoke publish` publishes it with their business details in every footer."""

import pytest
from bs4 import BeautifulSoup

from sitebuild import copy_project, file_hashes, run_module

OWNER_FLAGS = [
    "--si",
    "--nome-sito", "Ferramenta Rossi",
    "--sottotitolo", "Consigli di bricolage dal negozio di via Roma",
    "--indirizzo", "https://www.ferramentarossi.it",
    "--ragione-sociale", "Ferramenta Rossi S.n.c. di Mario Rossi & C.",
    "--partita-iva", "01234567897",
    "--sede", "Via Roma 12, 10121 Torino",
    "--email", "info@ferramentarossi.it",
    "--autore", "Mario Rossi",
    "--ruolo", "Titolare",
    "--bio", "Mario gestisce la ferramenta di famiglia dal 1998 e risponde ai clienti.",
    "--newsletter-provider", "buttondown",
    "--newsletter-ids", "username=ferramenta-rossi",
    "--rimuovi-esempi",
]  # fmt: skip
# The privacy page as the owner finds it: a template with blanks, two of which setup fills.
PRIVACY_TEMPLATE = (
    "Title: Privacy\n\n"
    "Il titolare è [RAGIONE SOCIALE DEL TITOLARE], con sede in [INDIRIZZO].\n\n"
    "Il sito è ospitato da [NOME DEL FORNITORE DI HOSTING].\n"
)
ARTICLE = (
    "Title: Come scegliere il trapano giusto\nDate: 2026-11-20 09:00\nCategory: Consigli\n"
    "Tags: attrezzi, fai da te\nAuthor: Mario Rossi\n"
    "Summary: Tre domande da farsi prima di comprarne uno.\n\n"
    "Prima di tutto: che muri hai in casa? Poi: quante volte lo userai in un anno?\n"
)


def invoke(project, *args):
    result = run_module("invoke", *args, cwd=project)
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("nuovo-proprietario"))
    (project / "content" / "pages" / "privacy.md").write_text(PRIVACY_TEMPLATE, encoding="utf-8")
    code, said = invoke(project, "setup", *OWNER_FLAGS)
    assert code == 0, said
    return project


def test_setup_writes_the_owners_settings_bio_and_pages(project):
    development = (project / "pelicanconf.py").read_text(encoding="utf-8")
    assert 'SITENAME = "Ferramenta Rossi"' in development
    assert 'BUSINESS_VAT_NUMBER = "01234567897"' in development
    publish = (project / "publishconf.py").read_text(encoding="utf-8")
    assert '"https://www.ferramentarossi.it"' in publish and "DEMO_SITE" not in publish
    assert 'NEWSLETTER_PROVIDER = "buttondown"' in publish
    bio = (project / "content" / "authors" / "mario-rossi.md").read_text(encoding="utf-8")
    assert bio.startswith("Name: Mario Rossi\nRole: Titolare\n\nMario gestisce")
    privacy = (project / "content" / "pages" / "privacy.md").read_text(encoding="utf-8")
    assert "Il titolare è Ferramenta Rossi S.n.c. di Mario Rossi & C., con sede in Via Roma 12" in (
        privacy
    )
    # The sample's articles and bios are gone; the owner's bio and the pages stay.
    assert not list((project / "content" / "articles").glob("*.md"))
    assert [p.name for p in (project / "content" / "authors").iterdir()] == ["mario-rossi.md"]


def test_check_names_only_what_is_left_then_publish_publishes(project):
    code, said = invoke(project, "check")
    assert code == 1, said
    assert "content/pages/privacy.md:5: «[NOME DEL FORNITORE DI HOSTING]»" in said, said[-3000:]
    assert "esempio" not in said.split("Pubblicazione fermata")[-1].replace(
        "«[NOME DEL FORNITORE DI HOSTING]» è uno spazio del modello", ""
    ), said[-3000:]
    privacy = project / "content" / "pages" / "privacy.md"
    privacy.write_text(
        privacy.read_text(encoding="utf-8").replace(
            "[NOME DEL FORNITORE DI HOSTING]", "GitHub (GitHub Pages)"
        ),
        encoding="utf-8",
    )
    (project / "content" / "articles" / "trapano.md").write_text(ARTICLE, encoding="utf-8")
    code, said = invoke(project, "publish")
    assert code == 0, said[-3000:]
    home = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert "Ferramenta Rossi S.n.c. di Mario Rossi &amp; C." in home and "01234567897" in home
    assert "demo-notice" not in home
    # The title as a reader reads it (typogrify joins its last two words with a no-break space).
    shown = BeautifulSoup(home, "lxml").get_text(" ").replace("\xa0", " ")
    assert "Come scegliere il trapano giusto" in shown


def test_setup_refuses_a_wrong_partita_iva_and_writes_nothing(tmp_path):
    project = copy_project(tmp_path)
    before = file_hashes(project)
    flags = [flag if flag != "01234567897" else "01234567890" for flag in OWNER_FLAGS]
    code, said = invoke(project, "setup", *flags)
    assert code == 1 and "--partita-iva: la partita IVA «01234567890» non esiste" in said, said
    assert "Traceback" not in said
    assert file_hashes(project) == before
