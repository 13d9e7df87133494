"""GUIDA.md, the authors' guide: linked first from the README, its links lead somewhere, every
message it explains is one the site really prints, and it reads as Italian for non-programmers."""

import ast
import re
import unicodedata

import pytest
from typography import markdown_mistakes

from sitebuild import ROOT

GUIDE = ROOT / "GUIDA.md"
README = ROOT / "README.md"
# Where the messages an author reads come from.
MESSAGE_SOURCES = [
    *sorted((ROOT / "plugins").rglob("*.py")),
    ROOT / "tasks.py",
    ROOT / "publishing.py",
]
# Words for developers, not for the marketing people the guide is written for.
JARGON = ("renameat2", "TF-IDF", "CSP", "Content-Security-Policy", "Jinja", "pytest", "traceback")
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")
CODE_SPAN = re.compile(r"`([^`]+)`")


def github_anchor(heading):
    """The #anchor GitHub gives a Markdown heading."""
    text = unicodedata.normalize("NFC", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path):
    text = re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.M | re.S)
    return {github_anchor(h) for h in re.findall(r"^#+ (.+)$", text, re.MULTILINE)}


def real_messages():
    """Every string the code can print, with each {placeholder} of an f-string as «…»."""
    found = []
    for path in MESSAGE_SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                found.append(
                    "".join(
                        part.value if isinstance(part, ast.Constant) else "…"
                        for part in node.values
                    )
                )
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.append(node.value)
    return found


def guide_messages():
    """The messages quoted in the first column of the tables of «Cosa vogliono dire i messaggi»."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("## Cosa vogliono dire i messaggi", 1)[1].split("\n## ", 1)[0]
    quoted = []
    for row in re.findall(r"^\| (.+?) \| .+ \|$", section, re.MULTILINE):
        quoted += CODE_SPAN.findall(row)
    return [q for q in quoted if q != "Messaggio"]


def test_the_readme_links_the_guide_first():
    first_link = MARKDOWN_LINK.search(README.read_text(encoding="utf-8")).group(1)
    assert first_link == "GUIDA.md"


def test_every_link_of_the_guide_leads_somewhere():
    own, readme = anchors(GUIDE), anchors(README)
    targets = MARKDOWN_LINK.findall(GUIDE.read_text(encoding="utf-8"))
    assert targets
    for target in targets:
        if target.startswith("#"):
            assert target[1:] in own, target
        elif target.startswith("README.md"):
            assert target.partition("#")[2] in readme, target
    # The README's own pointers into the guide too.
    for target in MARKDOWN_LINK.findall(README.read_text(encoding="utf-8")):
        if target.startswith("GUIDA.md#"):
            assert target.partition("#")[2] in own, target


def test_every_message_the_guide_explains_is_one_the_site_prints():
    messages = guide_messages()
    assert len(messages) >= 30
    printed = real_messages()
    missing = []
    for message in messages:
        # The parts between «…» are the guide's words for what changes from case to case.
        for fragment in re.split(r"…|\. ", message):
            fragment = fragment.strip(" «»:./")
            if len(fragment) >= 8 and not any(fragment in text for text in printed):
                missing.append((message, fragment))
    assert missing == []


@pytest.mark.parametrize("word", JARGON)
def test_the_guide_has_no_developers_jargon(word):
    assert word.lower() not in GUIDE.read_text(encoding="utf-8").lower()


def test_the_guide_writes_italian_typography():
    # Quoted messages and code keep their characters: only the guide's own prose is checked.
    assert markdown_mistakes(GUIDE, "GUIDA.md") == []
