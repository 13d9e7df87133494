"""What still says "this is the sample, not your site", found in text and settings. Pure
functions: each returns (line, what was found) or a message, never reads a file."""

import re
from urllib.parse import urlsplit

# A template's blank to fill: capitals between square brackets, not a Markdown link's text.
PLACEHOLDER = re.compile(r"\[(?=[^\]]*[A-Z]{3})[A-ZÀ-Ý0-9 ,.;:/’'()-]{4,}\](?!\()")
TEMPLATE_NOTICE = "Modello da adattare"
# The bio `invoke import-wordpress` writes for each author (a WordPress export has no bio text).
BIO_PLACEHOLDER = "[BIOGRAFIA DA SCRIVERE]"
# What to do about a placeholder, when it is not a business detail invoke setup fills in.
PLACEHOLDER_HINTS = {
    BIO_PLACEHOLDER: "scrivi al suo posto due o tre frasi su chi è l’autore e di che cosa "
    "scrive (l’esportazione di WordPress non contiene le biografie).",
}
PLACEHOLDER_HINT = "scrivi al suo posto il dato vero (i dati dell’impresa li riempie invoke setup)."
# Hosts reserved for examples (RFC 2606, RFC 6761): nobody receives mail or forms there.
RESERVED_HOST = re.compile(
    r"(?<![\w.-])((?:[\w-]+\.)*(?:example\.(?:com|net|org)|[\w-]+\.(?:example|invalid|test|localhost)))(?![\w-])",
    re.IGNORECASE,
)


def matches_by_line(pattern, text, group=0):
    """(line, the match's `group`) of every match of `pattern` in `text`, line by line."""
    return [
        (number, match[group])
        for number, line in enumerate(text.splitlines(), start=1)
        for match in pattern.finditer(line)
    ]


def placeholders(text):
    """(line, placeholder) of each `[RAGIONE SOCIALE DEL TITOLARE]` left in `text`."""
    return matches_by_line(PLACEHOLDER, text)


def placeholder_hint(placeholder):
    """What the author should write instead of `placeholder`."""
    return PLACEHOLDER_HINTS.get(placeholder, PLACEHOLDER_HINT)


def template_notices(text):
    return [
        number for number, line in enumerate(text.splitlines(), start=1) if TEMPLATE_NOTICE in line
    ]


def reserved_hosts(text):
    """(line, host) of each address on a host reserved for examples."""
    return matches_by_line(RESERVED_HOST, text, group=1)


def vat_number_problem(value):
    """Why `value` is not an Italian partita IVA (11 digits, the last a check digit), or None."""
    digits = value.replace(" ", "").removeprefix("IT")
    if not re.fullmatch(r"\d{11}", digits):
        return f"«{value}» non è una partita IVA: sono 11 cifre (per esempio 01234567897)."
    odd = sum(int(d) for d in digits[0:10:2])
    even = sum(sum(divmod(2 * int(d), 10)) for d in digits[1:10:2])
    if (10 - (odd + even) % 10) % 10 != int(digits[10]) or set(digits) == {"0"}:
        return f"la partita IVA «{value}» non esiste (l’ultima cifra di controllo non torna)."
    return None


def provider_host(url):
    """The host of the newsletter provider's address when it is reserved for examples."""
    host = urlsplit(url or "").hostname or ""
    return host if RESERVED_HOST.fullmatch(host) else None
