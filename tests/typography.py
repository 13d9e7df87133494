"""Italian typography: the apostrophe is ’ (un’email, l’informativa) and quotes are « »."""

import re

# A typewriter apostrophe inside a word: "un'email", "c'è", "l'<a …>" (the tag is not a letter,
# so "l'" before a tag or a link counts too).
STRAIGHT_APOSTROPHE = re.compile(r"[^\W\d_]'(?=[^\W\d_]|<|\[|\*)")
# English curly quotes, which Italian writes as « ».
ENGLISH_QUOTES = re.compile(r"[“”]")
# What is not prose in a Markdown line: inline code, a link's target, a tag, an address,
# a {filename}/{static} path.
NOT_PROSE = re.compile(
    r"`[^`]*`|\]\([^)]*\)|<[^>]*>|https?://\S+|\{(?:filename|static|attach)\}\S*"
)
# A straight double quote pair in Markdown prose: typogrify would print it as “ ”.
STRAIGHT_QUOTES = re.compile(r'"[^"\n]*"')


def typography_mistakes(text):
    """Each mistake in a piece of prose, as the characters around it."""
    found = []
    for pattern in (STRAIGHT_APOSTROPHE, ENGLISH_QUOTES):
        for match in pattern.finditer(text):
            found.append(text[max(match.start() - 12, 0) : match.end() + 12])
    return found


def markdown_prose(path):
    """(line number, prose) of a Markdown file of content/: header values and body lines,
    without code blocks, inline code, link targets, tags and addresses."""
    header = True
    fenced = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if header:
            if not line.strip():
                header = False
                continue
            _name, _, value = line.partition(":")
            if "://" not in value:
                yield number, NOT_PROSE.sub(" ", value)
            continue
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if not fenced and not line.startswith("    "):
            yield number, NOT_PROSE.sub(" ", line)


def markdown_mistakes(path, where):
    """Every typography mistake in a Markdown file as `where:line: …`, straight "…" too."""
    found = []
    for number, prose in markdown_prose(path):
        mistakes = typography_mistakes(prose) + STRAIGHT_QUOTES.findall(prose)
        found += [f"{where}:{number}: {mistake!r}" for mistake in mistakes]
    return found
