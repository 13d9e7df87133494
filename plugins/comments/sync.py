"""From Isso's read API to content/comments/<slug>.yaml: what `invoke comments-sync` writes.

Pure functions. Isso (views/comments.py) keeps `author` and `website` HTML-escaped and the text
as the reader wrote it; `GET /?uri=...&plain=1` gives each thread's published comments with
their replies one level deep, `mode` 1 for an approved comment and 4 for the placeholder of a
deleted one that still has replies. Only the six fields of data_files.FIELDS are ever written:
never a reader's email, address, hash or votes.
"""

import html
import re
import string
from datetime import datetime

import yaml

from blog_core.text import is_web_address

from .data_files import comments_of, entries

APPROVED = 1
ID_PREFIX = "isso-"
# A comment posted without a name (only when [guard] require-author is off): the editor may
# change it in the file like any other field.
NO_NAME = "Anonimo"
NEW_FILE_HEADER = (
    "# Commenti approvati su Isso, copiati da «invoke comments-sync» (i nuovi in fondo).\n"
)
# Characters YAML cannot hold as they are, and that no reader means to write.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")
# A value written without quotes: letters, digits and the punctuation of names, dates, ids
# and addresses, never what YAML reads as syntax (": ", " #", a leading "-", "?", quotes...).
PLAIN = re.compile(r"[^\W_][\w .,:'’()/&=?+%~@-]*")


class IssoDataError(ValueError):
    """Isso's answer is not the JSON its read API gives."""


class MergeRefused(ValueError):
    """The comments cannot be appended to the file without changing what it says."""

    def __init__(self, message, line=None):
        super().__init__(message)
        self.line = line


def slug_of(uri, article_url_pattern):
    """The slug in a thread's uri ("/" + article.url) by the site's ARTICLE_URL, else None.

    `{slug}` is the slug; any other field (`{date:%Y}`, `{category}`) matches one part of the
    path, a date's format one part per directive.
    """
    if not isinstance(uri, str) or not uri.startswith("/"):
        return None
    expression = ""
    for literal, name, format_spec, _conversion in string.Formatter().parse(article_url_pattern):
        expression += re.escape(literal)
        if name is None:
            continue
        if name == "slug":
            expression += "(?P<slug>[^/]+)"
        elif format_spec and "%" in format_spec:
            expression += "".join(
                "[^/]+?" if part.startswith("%") else re.escape(part)
                for part in re.split(r"(%-?.)", format_spec)
                if part
            )
        else:
            expression += "[^/]+"
    try:
        match = re.fullmatch(expression, uri[1:])
    except re.error:
        return None
    if match is None or "slug" not in match.groupdict():
        return None
    slug = match["slug"]
    # Never a name that leads out of the comments folder.
    if slug in (".", "..") or slug.startswith(".") or any(c in slug for c in "\\\x00"):
        return None
    return slug


def _field(item, name, kinds, required=True):
    value = item.get(name)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, kinds):
        raise IssoDataError(f"il commento {item.get('id')!r} ha «{name}» = {value!r}")
    return value


def clean_text(text):
    """A comment's text as the file keeps it: the reader's Markdown with Unix line ends, no
    control characters, no blank lines before or after it."""
    text = CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.rstrip().split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


def comment_of(item, parent, timezone):
    """One approved Isso comment as the six fields of a data file, in their order."""
    identifier = _field(item, "id", int)
    created = _field(item, "created", (int, float))
    author = _field(item, "author", str, required=False)
    website = _field(item, "website", str, required=False)
    text = _field(item, "text", str)
    name = " ".join(CONTROL.sub("", html.unescape(author or "")).split()) or NO_NAME
    website = html.unescape(website or "").strip()
    comment = {"id": f"{ID_PREFIX}{identifier}"}
    if parent is not None:
        comment["parent"] = f"{ID_PREFIX}{parent}"
    comment["name"] = name
    if is_web_address(website):
        comment["website"] = website
    moment = datetime.fromtimestamp(created, timezone)
    comment["date"] = moment.strftime("%Y-%m-%d %H:%M")
    comment["text"] = clean_text(text)
    return comment


def comments_of_thread(thread, timezone):
    """The approved comments of Isso's `GET /?uri=...&plain=1` answer, oldest first; a reply to
    a deleted comment's placeholder becomes a first-level comment."""
    if not isinstance(thread, dict) or not isinstance(thread.get("replies"), list):
        raise IssoDataError("manca l'elenco «replies» dei commenti")
    found = []
    for top in thread["replies"]:
        if not isinstance(top, dict):
            raise IssoDataError(f"un commento è {top!r}")
        approved = _field(top, "mode", int) == APPROVED
        if approved:
            found.append((top, None))
        replies = top.get("replies") or []
        if not isinstance(replies, list):
            raise IssoDataError(f"le risposte al commento {top.get('id')!r} non sono un elenco")
        for reply in replies:
            if not isinstance(reply, dict):
                raise IssoDataError(f"una risposta è {reply!r}")
            if _field(reply, "mode", int) == APPROVED:
                found.append((reply, _field(top, "id", int) if approved else None))
    comments = [comment_of(item, parent, timezone) for item, parent in found]
    # A text of control characters alone has nothing to show (and a file needs a text).
    comments = [comment for comment in comments if comment["text"]]
    comments.sort(key=lambda comment: (comment["date"], int(comment["id"][len(ID_PREFIX) :])))
    return comments


def _scalar(value):
    if PLAIN.fullmatch(value) and ": " not in value and not value.endswith((" ", ":")):
        return value
    return _quoted(value)


def _quoted(value):
    return yaml.dump(value, default_style='"', allow_unicode=True, width=float("inf")).rstrip("\n")


def _block(text, indent):
    """`text` as a literal block scalar under a key at `indent` columns."""
    marker = "|2" if text.startswith(" ") else "|"
    lines = [f"{' ' * (indent + 2)}{line}" if line else "" for line in text.split("\n")]
    return marker + "\n" + "\n".join(lines)


def entry_text(comment, column=0, block=True):
    """One comment as the file writes it: `- id: ...` at `column`, the text as a block `|`."""
    pad = " " * column
    lines = []
    for number, (name, value) in enumerate(comment.items()):
        lead = f"{pad}- " if number == 0 else f"{pad}  "
        if name == "text":
            written = _block(value, column + 2) if block else _quoted(value)
        else:
            written = _scalar(value)
        lines.append(f"{lead}{name}: {written}")
    return "\n".join(lines) + "\n"


def _read(found):
    """Each entry's values as written, without their lines; a block's last newline dropped."""
    values = [{name: value for name, (value, _line) in entry.values.items()} for entry in found]
    for value in values:
        if value.get("text", "").endswith("\n"):
            value["text"] = value["text"][:-1]
    return values


def _entries_or_refuse(text):
    found, problems = entries(text)
    if problems:
        raise MergeRefused(problems[0].message, problems[0].line)
    return found


def _written(comment, column):
    """The entry as a block scalar, or with the text in quotes when a block would not read
    back as the same text (characters YAML reads as line ends, say)."""
    written = entry_text(comment, column)
    if _read(entries(written)[0]) != [comment]:
        written = entry_text(comment, column, block=False)
    return written


def merge(existing, comments, timezone):
    """(the file's text with the comments not already in it appended, those comments).

    What the editor wrote is kept byte for byte: the new comments go after it, each once (by
    id), oldest first. A new file (`existing` None or empty) starts with a line saying where
    they come from. MergeRefused when the file does not read as a list of comments, or when
    the result would not read back as those comments, and only those, added.
    """
    existing = existing or ""
    before = _entries_or_refuse(existing)
    known = {entry.values["id"][0].strip() for entry in before if "id" in entry.values}
    new = [dict(comment) for comment in comments if comment["id"] not in known]
    if not new:
        return existing, []
    answerable = known | {comment["id"] for comment in new}
    for comment in new:
        if "parent" in comment and comment["parent"] not in answerable:
            del comment["parent"]  # what it answered is not in the file: a comment of its own
    root = yaml.compose(existing) if existing.strip() else None
    column = root.start_mark.column if root is not None else 0
    newline = "\r\n" if "\r\n" in existing else "\n"
    parts = [existing if existing.strip() else NEW_FILE_HEADER]
    if not parts[0].endswith("\n"):
        parts.append(newline)
    parts += [_written(comment, column).replace("\n", newline) for comment in new]
    merged = "".join(parts)
    after = _entries_or_refuse(merged)
    old_problems = {(p.line, p.message) for p in comments_of(before, timezone)[1]}
    added_problems = [
        p for p in comments_of(after, timezone)[1] if (p.line, p.message) not in old_problems
    ]
    if added_problems or _read(after) != _read(before) + new:
        raise MergeRefused(
            "non riesco ad aggiungere i commenti in fondo senza cambiare quelli che ci sono: il "
            "file deve essere un elenco di commenti, ognuno che inizia con «- id:».",
            added_problems[0].line if added_problems else None,
        )
    return merged, new
