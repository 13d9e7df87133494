"""A comments data file read with its lines: content/comments/<slug>.yaml, a list of comments.

Pure functions. Every value is read as the text written (YAML's own dates and numbers aside), so
a date is checked as the site checks an article's, and each mistake names its line.
"""

from dataclasses import dataclass, field
from datetime import datetime

import yaml

from blog_core.fields import Problem, parse_date
from blog_core.text import is_web_address

FIELDS = ("id", "parent", "name", "website", "date", "text")
REQUIRED = ("id", "name", "date", "text")
# What a reader gave that the site must never keep, in the repository or on a page.
PRIVATE = ("email", "mail", "ip", "indirizzo_ip")


@dataclass
class Entry:
    """One comment as written, each field with its line."""

    line: int
    values: dict = field(default_factory=dict)  # name -> (text, line)


@dataclass
class Comment:
    """An approved comment: `replies` holds the comments that answer it (one level deep)."""

    id: str
    name: str
    website: str | None
    date: datetime
    text: str
    line: int
    parent: str | None = None
    replies: list = field(default_factory=list)


def every_comment(threads):
    """Each comment of `threads` once: a thread's first comment, then its replies."""
    return [comment for thread in threads for comment in [thread, *thread.replies]]


def entries(text):
    """(the file's Entries, problems): a YAML list of mappings of plain values."""
    try:
        root = yaml.compose(text)
    except yaml.reader.ReaderError as error:
        # A character YAML refuses outright (a control character pasted in): no `problem`.
        line = text[: error.position].count("\n") + 1
        return [], [
            Problem(
                line,
                f"la riga contiene un carattere invisibile (#x{error.character:04x}) che il "
                "file non può contenere: cancellalo.",
            )
        ]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return [], [Problem(line, f"il file non è YAML valido ({error.problem or error}).")]
    if root is None:
        return [], []
    if not isinstance(root, yaml.SequenceNode):
        return [], [
            Problem(
                root.start_mark.line + 1,
                "il file deve essere un elenco di commenti, ognuno che inizia con «- id:».",
            )
        ]
    found, problems = [], []
    for item in root.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            problems.append(
                Problem(line, "ogni commento è un gruppo di campi: id, name, date, text.")
            )
            continue
        entry = Entry(line)
        for key, value in item.value:
            name = str(key.value).strip().lower()
            where = key.start_mark.line + 1
            if not isinstance(value, yaml.ScalarNode):
                problems.append(Problem(where, f"«{name}» deve essere un testo, non un elenco."))
                continue
            entry.values[name] = (str(value.value), where)
        found.append(entry)
    return found, problems


def comments_of(found, timezone):
    """(the Comments of the Entries, threaded, oldest first; problems). Dates are read as an
    article's Date (AAAA-MM-GG HH:MM, or the day first), in `timezone`."""
    problems, comments, by_id = [], [], {}
    for entry in found:
        values = entry.values
        for name, (_text, line) in values.items():
            if name in PRIVATE:
                problems.append(
                    Problem(
                        line,
                        f"«{name}» non va nel file: l'indirizzo del lettore non si pubblica "
                        "né si conserva qui.",
                    )
                )
            elif name not in FIELDS:
                problems.append(
                    Problem(
                        line,
                        f"«{name}» non è un campo dei commenti; i campi sono: {', '.join(FIELDS)}.",
                    )
                )
        missing = [name for name in REQUIRED if not values.get(name, ("", 0))[0].strip()]
        if missing:
            problems.append(Problem(entry.line, f"al commento manca «{missing[0]}»."))
            continue
        written, date_line = values["date"]
        date = parse_date(written)
        if date is None:
            problems.append(
                Problem(
                    date_line, f"la data «{written}» non si legge: scrivila «AAAA-MM-GG HH:MM»."
                )
            )
            continue
        date = date.replace(tzinfo=timezone)
        website = values.get("website", ("", 0))
        if website[0].strip() and not is_web_address(website[0].strip()):
            problems.append(
                Problem(website[1], f"«website: {website[0]}» deve essere un indirizzo https://….")
            )
            continue
        identifier = values["id"][0].strip()
        if identifier in by_id:
            problems.append(
                Problem(values["id"][1], f"l'id «{identifier}» è già di un altro commento.")
            )
            continue
        comment = Comment(
            identifier,
            values["name"][0].strip(),
            values.get("website", ("", 0))[0].strip() or None,
            date,
            values["text"][0],
            entry.line,
            values.get("parent", ("", 0))[0].strip() or None,
        )
        by_id[identifier] = comment
        comments.append(comment)
    threads = []
    for comment in comments:
        if comment.parent is None:
            threads.append(comment)
            continue
        parent = by_id.get(comment.parent)
        if parent is None:
            line = next(e.values["parent"][1] for e in found if e.line == comment.line)
            problems.append(
                Problem(line, f"«parent: {comment.parent}» non è l'id di nessun commento del file.")
            )
            continue
        # Replies one level deep: an answer to a reply joins the reply's thread.
        while parent.parent is not None and parent.parent in by_id:
            parent = by_id[parent.parent]
        parent.replies.append(comment)
    threads.sort(key=lambda comment: comment.date)
    for thread in threads:
        thread.replies.sort(key=lambda comment: comment.date)
    return threads, problems
