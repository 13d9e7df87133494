"""`invoke setup`: make the site the owner's. Pure functions but for `apply_setup()`.

The answers go into the marked block of pelicanconf.py and of publishconf.py (`# --- Il tuo
sito …` to `# --- fine ---`), the first author's bio into content/authors/, the business
details into the pages' blanks they fill; `DEMO_SITE` goes; with `remove_sample` the sample's
articles, bios and images go too (the pages stay, as templates to adapt).
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

BLOCK = re.compile(r"(?ms)^# --- Il tuo sito.*?\n(.*?)^# --- fine ---\n")
# The blanks of the sample's pages that the business details fill.
PAGE_BLANKS = {
    "[RAGIONE SOCIALE DEL TITOLARE]": "name",
    "[INDIRIZZO]": "address",
    "[CODICE FISCALE / PARTITA IVA]": "vat_number",
    "[EMAIL DI CONTATTO]": "email",
    "redazione@example.com": "email",
}


@dataclass
class SiteAnswers:
    """What the owner answered (or passed as flags)."""

    site_name: str
    tagline: str
    siteurl: str
    name: str
    vat_number: str
    address: str
    email: str
    author: str
    role: str
    pec: str = ""
    bio: str = ""
    newsletter_provider: str = ""
    newsletter_action: str = ""
    newsletter_ids: dict = field(default_factory=dict)
    newsletter_unsubscribe_tag: str = ""
    newsletter_fields: dict = field(default_factory=dict)


def literal(value):
    """`value` as Python source, accents as they are."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)


def development_block(answers):
    return "\n".join(
        [
            f"SITENAME = {literal(answers.site_name)}",
            f"SITESUBTITLE = {literal(answers.tagline)}",
            f"SITE_DESCRIPTION = {literal(answers.tagline)}",
            f"AUTHOR = {literal(answers.author)}",
            "# Who publishes the site, in the footer of every page (art. 35 DPR 633/72).",
            f"BUSINESS_NAME = {literal(answers.name)}",
            f"BUSINESS_VAT_NUMBER = {literal(answers.vat_number)}",
            f"BUSINESS_ADDRESS = {literal(answers.address)}",
            f"BUSINESS_EMAIL = {literal(answers.email)}",
            f"BUSINESS_PEC = {literal(answers.pec)}",
        ]
    )


def publish_block(answers):
    lines = [
        "# The address readers use; CI or a host may override it without editing this file.",
        f'SITEURL = os.environ.get("SITEURL", {literal(answers.siteurl)}).rstrip("/")',
        '# The newsletter\'s provider (README, "Newsletter"); None: publishing stops until one',
        "# is set, since the signup form must post somewhere real.",
        f"NEWSLETTER_PROVIDER = {literal(answers.newsletter_provider or None)}",
    ]
    if answers.newsletter_action:
        lines.append(f"NEWSLETTER_ACTION_URL = {literal(answers.newsletter_action)}")
    if answers.newsletter_ids:
        lines.append(f"NEWSLETTER_IDS = {literal(answers.newsletter_ids)}")
    if answers.newsletter_fields:
        lines.append(f"NEWSLETTER_FIELDS = {literal(answers.newsletter_fields)}")
    if answers.newsletter_unsubscribe_tag:
        lines.append(f"NEWSLETTER_UNSUBSCRIBE_TAG = {literal(answers.newsletter_unsubscribe_tag)}")
    return "\n".join(lines)


def with_block(source, block):
    """`source` (a settings file) with its marked block's lines replaced by `block`."""
    match = BLOCK.search(source)
    if match is None:
        raise ValueError("manca il blocco «# --- Il tuo sito» … «# --- fine ---»")
    return source[: match.start(1)] + block + "\n" + source[match.end(1) :]


def bio_text(answers):
    body = answers.bio.strip() or "[SCRIVI QUI DUE O TRE RIGHE SU DI TE: COSA FAI E PER CHI]"
    return f"Name: {answers.author}\nRole: {answers.role}\n\n{body}\n"


def filled_page(text, answers):
    """A page's text with the blanks the business details fill, filled."""
    for blank, attribute in PAGE_BLANKS.items():
        text = text.replace(blank, getattr(answers, attribute))
    return text


def apply_setup(root, answers, shipped_files, bio, remove_sample=False):
    """Write everything (`bio`: where the first author's bio goes; `shipped_files`: the sample's
    files still as shipped, under content/); return what changed, one Italian line each."""
    root = Path(root)
    done = []
    for name, block in (
        ("pelicanconf.py", development_block(answers)),
        ("publishconf.py", publish_block(answers)),
    ):
        path = root / name
        path.write_text(with_block(path.read_text(encoding="utf-8"), block), encoding="utf-8")
        done.append(f"{name}: i dati del sito")
    content = root / "content"
    bio = Path(bio)
    if not bio.exists():
        bio.parent.mkdir(parents=True, exist_ok=True)
        bio.write_text(bio_text(answers), encoding="utf-8")
        done.append(f"{bio.relative_to(root)}: la scheda di {answers.author}")
    for page in sorted((content / "pages").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        filled = filled_page(text, answers)
        if filled != text:
            page.write_text(filled, encoding="utf-8")
            done.append(f"{page.relative_to(root)}: i dati dell’impresa al posto degli spazi")
    if remove_sample:
        removed = 0
        # Only the sample's files as shipped: one the owner has rewritten is theirs.
        for relative in shipped_files:
            if content / relative != bio:
                (content / relative).unlink()
                removed += 1
        for folder in sorted({(content / r).parent for r in shipped_files}, reverse=True):
            # content/articles/ and its siblings stay, for the owner's own files.
            if folder.is_dir() and folder.parent != content and not any(folder.iterdir()):
                folder.rmdir()
        done.append(f"content/: tolti {removed} file dell’esempio (articoli, schede, immagini)")
    return done
