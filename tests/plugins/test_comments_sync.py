"""comments.sync: Isso's threads into content/comments/<slug>.yaml, appended, never rewritten."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from comments.data_files import FIELDS, comments_of, entries, every_comment
from comments.sync import (
    NEW_FILE_HEADER,
    IssoDataError,
    MergeRefused,
    clean_text,
    comments_of_thread,
    merge,
    slug_of,
)

ROME = ZoneInfo("Europe/Rome")


def unix(moment):
    """A UNIX time from "2026-03-14 08:30" in UTC, as Isso's `created`."""
    return datetime.fromisoformat(moment).replace(tzinfo=UTC).timestamp()


def isso_comment(identifier, mode=1, parent=None, **fields):
    """One comment as Isso's GET /?uri=...&plain=1 gives it, with what we must never keep."""
    return {
        "id": identifier,
        "parent": parent,
        "mode": mode,
        "author": fields.get("author", "Marta"),
        "website": fields.get("website"),
        "created": fields.get("created", unix("2026-03-14 08:30")),
        "modified": None,
        "text": fields.get("text", "Un commento di prova."),
        "likes": 3,
        "dislikes": 0,
        "hash": "e644f6ee43c0",
        "notification": 0,
        "email": "marta@example.org",
        "remote_addr": "203.0.113.0",
        "replies": fields.get("replies", []),
        "total_replies": len(fields.get("replies", [])),
        "hidden_replies": 0,
    }


@pytest.mark.parametrize(
    ("uri", "pattern", "slug"),
    [
        ("/prezzi-chiari/", "{slug}/", "prezzi-chiari"),
        ("/2026/prezzi-chiari/", "{date:%Y}/{slug}/", "prezzi-chiari"),
        ("/2026/03/prezzi-chiari/", "{date:%Y/%m}/{slug}/", "prezzi-chiari"),
        ("/prezzi-chiari.html", "{slug}.html", "prezzi-chiari"),
        ("/vendite/prezzi-chiari/", "{category}/{slug}/", "prezzi-chiari"),
        ("/blog/prezzi-chiari/", "blog/{slug}/", "prezzi-chiari"),
    ],
)
def test_slug_of_reads_the_slug_by_the_sites_article_url(uri, pattern, slug):
    assert slug_of(uri, pattern) == slug


@pytest.mark.parametrize(
    ("uri", "pattern"),
    [
        ("/prezzi-chiari", "{slug}/"),  # no closing slash
        ("/a/prezzi-chiari/", "{slug}/"),  # one part too many
        ("/prezzi-chiari/", "{slug}.html"),
        ("/altro/prezzi-chiari/", "blog/{slug}/"),
        ("prezzi-chiari/", "{slug}/"),  # not a path
        ("/../", "{slug}/"),
        ("/.nascosto/", "{slug}/"),
        ("/prezzi-chiari/", "{date:%Y}/{title}/"),  # no slug in the addresses
        ("/", "{slug}/"),
    ],
)
def test_slug_of_is_none_for_a_uri_that_is_no_article_address(uri, pattern):
    assert slug_of(uri, pattern) is None


THREAD = {
    "id": None,
    "total_replies": 5,
    "replies": [
        isso_comment(
            1,
            author="Marta &lt;b&gt; &amp; Co",
            website="https://marta.example/negozio?a=1&amp;b=2",
            created=unix("2026-03-14 08:30"),  # 09:30 in Rome (CET)
            text="Prima riga\r\nseconda <b>riga</b> & *stile*",
            replies=[
                isso_comment(2, parent=1, author="Redazione", created=unix("2026-07-01 10:00")),
                isso_comment(3, mode=2, parent=1, author="In attesa"),
            ],
        ),
        # A deleted comment kept as a placeholder, for its reply.
        isso_comment(
            4,
            mode=4,
            author=None,
            text="",
            created=unix("2026-03-10 08:00"),
            replies=[isso_comment(5, parent=4, author="Gino", created=unix("2026-03-11 08:00"))],
        ),
        isso_comment(6, author=None, website="javascript:alert(1)"),
    ],
    "config": {},
}


def test_only_approved_comments_with_their_six_fields_readable():
    comments = comments_of_thread(THREAD, ROME)
    assert [c["id"] for c in comments] == ["isso-5", "isso-1", "isso-6", "isso-2"]
    by_id = {c["id"]: c for c in comments}
    assert by_id["isso-1"] == {
        "id": "isso-1",
        "name": "Marta <b> & Co",
        "website": "https://marta.example/negozio?a=1&b=2",
        "date": "2026-03-14 09:30",
        "text": "Prima riga\nseconda <b>riga</b> & *stile*",
    }
    assert by_id["isso-2"]["parent"] == "isso-1"
    assert by_id["isso-2"]["date"] == "2026-07-01 12:00"  # CEST
    # The reply to a deleted comment stands on its own.
    assert "parent" not in by_id["isso-5"]
    # A script address is no website; a comment without a name still has one to show.
    assert "website" not in by_id["isso-6"]
    assert by_id["isso-6"]["name"] == "Anonimo"
    for comment in comments:
        assert set(comment) <= set(FIELDS)
        assert "marta@example.org" not in repr(comment)
        assert "203.0.113" not in repr(comment)


@pytest.mark.parametrize(
    "answer",
    [
        [],
        {"replies": "nessuna"},
        {"replies": [{"id": "uno", "mode": 1}]},
        {"replies": [isso_comment(1) | {"created": "ieri"}]},
        {"replies": [isso_comment(1) | {"text": None}]},
    ],
)
def test_an_answer_that_is_not_issos_is_refused(answer):
    with pytest.raises(IssoDataError):
        comments_of_thread(answer, ROME)


def read_back(text):
    found, problems = entries(text)
    threads, more = comments_of(found, ROME)
    assert problems == [] and more == []
    return threads


def test_a_new_file_says_where_it_comes_from_and_reads_back_threaded():
    comments = comments_of_thread(THREAD, ROME)
    text, added = merge(None, comments, ROME)
    assert text.startswith(NEW_FILE_HEADER)
    assert [c["id"] for c in added] == ["isso-5", "isso-1", "isso-6", "isso-2"]
    threads = read_back(text)
    assert [t.id for t in threads] == ["isso-5", "isso-1", "isso-6"]
    assert [r.id for r in threads[1].replies] == ["isso-2"]
    assert threads[1].name == "Marta <b> & Co"
    assert threads[1].website == "https://marta.example/negozio?a=1&b=2"
    assert threads[1].text == "Prima riga\nseconda <b>riga</b> & *stile*\n"
    # Readable: the text as a block, as an editor writes it.
    assert "  text: |\n    Prima riga\n    seconda <b>riga</b> & *stile*\n" in text


def test_a_second_merge_adds_nothing_and_changes_nothing():
    comments = comments_of_thread(THREAD, ROME)
    text, _added = merge(None, comments, ROME)
    again, added = merge(text, comments_of_thread(THREAD, ROME), ROME)
    assert added == []
    assert again == text


EDITORS_FILE = (
    "# Scritti a mano dalla redazione.\r\n"
    "- id: 1\r\n"
    "  name: Luisa\r\n"
    "  date: 14/03/2026 10:00\r\n"
    "  text: >\r\n"
    "    Una risposta arrivata per email,\r\n"
    "    copiata qui.\r\n"
    "- id: isso-1\r\n"
    "  name: Marta (corretto a mano)\r\n"
    "  date: 2026-03-14 09:30\r\n"
    "  text: Testo accorciato dalla redazione."
)


def test_only_comments_not_in_the_file_are_appended_after_what_the_editor_wrote():
    comments = comments_of_thread(THREAD, ROME)
    text, added = merge(EDITORS_FILE, comments, ROME)
    assert text.startswith(EDITORS_FILE)  # byte for byte, its Windows line ends too
    assert [c["id"] for c in added] == ["isso-5", "isso-6", "isso-2"]
    assert "\n" not in text.replace("\r\n", "")
    threads = read_back(text)
    marta = next(t for t in threads if t.id == "isso-1")
    assert marta.name == "Marta (corretto a mano)"
    assert [r.id for r in marta.replies] == ["isso-2"]
    assert len(every_comment(threads)) == 5


def test_an_indented_list_gets_its_new_comments_at_the_same_indent():
    existing = "  - id: a\n    name: Io\n    date: 2026-03-01 10:00\n    text: ciao\n"
    text, _added = merge(existing, comments_of_thread(THREAD, ROME), ROME)
    assert "\n  - id: isso-5\n" in text
    assert len(every_comment(read_back(text))) == 5


def test_a_reply_whose_parent_is_not_there_becomes_a_comment_of_its_own():
    reply = {"id": "isso-9", "parent": "isso-8", "name": "Gino", "date": "2026-03-14 10:00"}
    text, added = merge(None, [reply | {"text": "Rispondo."}], ROME)
    assert "parent" not in added[0]
    assert [t.id for t in read_back(text)] == ["isso-9"]


@pytest.mark.parametrize(
    "existing",
    [
        "- id: 1\n  name: [non chiuso\n",  # invalid YAML
        "id: 1\nname: Luisa\n",  # not a list
        "[]\n",  # a list in brackets: nothing can be appended under it
        "- id: 1\n  name: Luisa\n  text: |\n    ciao\n---\n- id: 2\n",  # two documents
    ],
)
def test_a_file_that_cannot_take_more_comments_is_refused(existing):
    with pytest.raises(MergeRefused):
        merge(existing, comments_of_thread(THREAD, ROME), ROME)


HOSTILE = [
    "---\n...\n- id: finto\n  name: Nessuno",
    "Virgolette \"doppie\" e 'semplici', due punti: sì, # non un commento",
    "    quattro spazi: un blocco di codice\n\n  e due spazi",
    "key: value\n? domanda\n! tag &ancora *alias | > %direttiva @ `",
    "Unicode: è à ò ü ß 漢字 🙂, trattino – e «virgolette»",
    "<script>alert('x')</script><img src=x onerror=alert(1)>",
    "Righe con spazi in fondo   \nseguite da\t tabulazioni\t",
    "Separatori\u2028di riga\u2029Unicode\x85e controllo\x07\x1b",
    "\n\n   \nRighe vuote prima e dopo\n\n\n",
    "- un elenco\n- Markdown\n\n> una citazione\n\n```\ncodice: {a: [1]}\n```",
    "'tutto tra apici'",
    '"tutto tra virgolette"',
    "|\n>\n-",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_reads_back_as_written(text):
    hostile = isso_comment(
        7,
        author=text.split("\n")[-1][:40],
        website="https://esempio.example/a?b=1&amp;c=%20#frammento",
        text=text,
    )
    comments = comments_of_thread({"replies": [hostile]}, ROME)
    written, _added = merge(None, comments, ROME)
    (read,) = read_back(written)
    assert read.text.rstrip("\n") == clean_text(text)
    assert read.name == comments[0]["name"]
    assert read.website == "https://esempio.example/a?b=1&c=%20#frammento"
    # Nothing the text says becomes a comment or a field of its own.
    assert [list(entry.values) for entry in entries(written)[0]] == [
        ["id", "name", "website", "date", "text"]
    ]
    assert merge(written, comments, ROME) == (written, [])


def test_clean_text_keeps_the_readers_markdown_and_drops_what_no_one_types():
    assert clean_text("\r\n\r\n    codice\r\n\r\nfine\x00\x07 \r\n\r\n") == "    codice\n\nfine"


def test_a_control_character_in_a_file_is_a_problem_with_its_line_not_a_crash():
    found, problems = entries("- id: 1\n  name: Luisa\x07\n")
    assert found == []
    assert problems[0].line == 2 and "carattere invisibile (#x0007)" in problems[0].message


def test_a_comment_with_nothing_left_to_show_is_left_out_and_its_reply_stands_alone():
    empty = isso_comment(1, text="\x07\x07\x07  ", replies=[isso_comment(2, parent=1)])
    comments = comments_of_thread({"replies": [empty]}, ROME)
    assert [c["id"] for c in comments] == ["isso-2"]
    text, _added = merge(None, comments, ROME)
    assert [t.id for t in read_back(text)] == ["isso-2"]
