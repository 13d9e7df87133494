"""The import's report, in Italian: what was imported, what was left out and why, what to fix
(`file:line`) and the next step. A pure function of what the import did."""

from dataclasses import dataclass, field

KIND_WORDS = {
    "article": ("articolo", "articoli"),
    "page": ("pagina", "pagine"),
    "bio": ("scheda autore", "schede autore"),
    "comments": ("file di commenti", "file di commenti"),
    "image": ("immagine", "immagini"),
    "redirects": ("elenco dei vecchi indirizzi", "elenchi dei vecchi indirizzi"),
    "rules": ("file di regole per il server", "file di regole per il server"),
}
COMMENT_WORDS = {
    "spam": "spam",
    "in_attesa": "in attesa di approvazione",
    "cestino": "nel cestino",
    "pingback": "pingback o trackback",
}


@dataclass
class Outcome:
    """What an import did (or, with --dry-run, would do), file by file."""

    written: list = field(default_factory=list)  # (place, kind)
    unchanged: list = field(default_factory=list)  # places already imported, the same
    kept: list = field(default_factory=list)  # (place, why) existing files left as they are
    refused: list = field(default_factory=list)  # (place, why)
    missing_images: list = field(default_factory=list)  # (place, the file that uses it)
    fixes: list = field(default_factory=list)  # (place, line, message)


def _count(number, kind):
    one, many = KIND_WORDS[kind]
    return f"{number} {one if number == 1 else many}"


def report(source, plan, outcome, removed_characters, dry_run, extra=()):
    """The report's lines."""
    lines = [f"Importazione da WordPress: {source}"]
    if dry_run:
        lines.append("Prova (--dry-run): non ho scritto nessun file, ecco che cosa farei.")
    written = {}
    for _, kind in outcome.written:
        written[kind] = written.get(kind, 0) + 1
    verb = "Da importare" if dry_run else "Importati"
    done = [_count(number, kind) for kind, number in written.items()]
    lines.append(f"{verb}: {', '.join(done) if done else 'nessun file nuovo'}.")
    states = [
        f"{word} {number}"
        for word, number in plan.counts.items()
        if word not in ("commenti", *COMMENT_WORDS)
    ]
    if states:
        lines.append(f"  Articoli e pagine per stato su WordPress: {', '.join(states)}.")
    if plan.counts.get("commenti"):
        lines.append(f"  Commenti approvati: {plan.counts['commenti']}.")
    if outcome.unchanged:
        lines.append(f"  Già importati e uguali: {len(outcome.unchanged)} file (nessun doppione).")
    lines.extend(f"  {line}" for line in extra)
    if removed_characters:
        lines.append(
            f"Dal file ho tolto {removed_characters} "
            f"{'carattere' if removed_characters == 1 else 'caratteri'} di controllo non "
            "ammessi in XML (capita con testi incollati da Word): controlla che non manchi nulla."
        )
    left_out = []
    dropped = [
        f"{plan.counts[key]} {word}" for key, word in COMMENT_WORDS.items() if plan.counts.get(key)
    ]
    if dropped:
        left_out.append(
            f"commenti non approvati, non pubblicati: {', '.join(dropped)} (di nessuno è stata "
            "tenuta l'email o l'indirizzo IP)"
        )
    left_out.extend(f"«{what}»: {why}" for what, why in plan.skipped)
    left_out.extend(f"content/{place}: {why}" for place, why in outcome.kept)
    left_out.extend(f"content/{place}: {why}" for place, why in outcome.refused)
    if left_out:
        lines.append("Lasciati fuori:")
        lines.extend(f"  - {line}" for line in left_out)
    fixes = [f"content/{place}:{line}: {message}" for place, line, message in outcome.fixes]
    fixes.extend(
        f"content/{place}: l'immagine manca nella cartella degli upload (usata da "
        f"content/{user}): copiala lì o togli il riferimento."
        for place, user in outcome.missing_images
    )
    if fixes:
        lines.append("Da sistemare:")
        lines.extend(f"  {line}" for line in fixes)
    lines.append(
        "Prossimo passo: .venv/bin/invoke check (controlla il sito importato come prima di "
        "pubblicarlo)."
    )
    return lines
