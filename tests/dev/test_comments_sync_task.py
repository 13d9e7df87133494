"""`invoke comments-sync` against a real Isso on 127.0.0.1: approved comments into the data file,
threaded, once, without a reader's email or address, and on the built page."""

import http.server
import subprocess
import sys
import threading
from zoneinfo import ZoneInfo

import pytest

from comment_services import (
    IssoServer,
    SmtpSink,
    approve,
    moderation_links,
    post_to_isso,
)
from comments.data_files import comments_of, entries
from sitebuild import (
    build_site,
    copy_project,
    file_hashes,
    free_port,
    write_article,
    write_default_bio,
    write_privacy_page,
)

SLUG = "la-vetrina-di-natale"
URI = f"/{SLUG}/"  # "/" + article.url, with the site's ARTICLE_URL "{slug}/"
UNKNOWN_URI = "/articolo-cancellato/"
READER_EMAIL = "lettrice.attenta@posta.example"
READER_IP = "203.0.113.9"
FIRST = "La vetrina con le luci calde ha *fermato* più passanti: da noi ha funzionato!"
REPLY = "Grazie Giulia, proveremo anche le luci calde in negozio."
PENDING = "Questo commento aspetta ancora la redazione."


def invoke(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args], cwd=cwd, capture_output=True, text=True
    )


def write_content(folder):
    """Two articles, their author's bio and the privacy page: a site that builds clean."""
    write_privacy_page(folder)
    write_default_bio(folder)
    write_article(
        folder,
        "vetrina.md",
        "Idee semplici per la vetrina del negozio di quartiere.",
        title="La vetrina di Natale",
        date="2026-11-20 09:00",
    )
    write_article(
        folder,
        "orari.md",
        "Come comunicare gli orari delle feste senza confondere i clienti.",
        title="Orari delle feste",
        date="2026-11-25 09:00",
    )
    return folder


def message_about(messages, text):
    return next(message for message in messages if text in message.get_content())


@pytest.fixture(scope="module")
def isso(tmp_path_factory):
    """Isso with moderation and its SMTP sink: three comments posted, the first and the reply
    approved through the links of their emails, the third left pending; one more approved on
    a thread of no article."""
    folder = tmp_path_factory.mktemp("isso")
    with (
        SmtpSink() as sink,
        IssoServer(folder, f"http://127.0.0.1:{free_port()}", sink.port) as server,
    ):
        posted = []
        status, first = post_to_isso(
            server.url,
            URI,
            "La vetrina di Natale",
            "Giulia & <Co>",
            FIRST,
            website="https://giulia.example/negozio?luci=calde&vetrina=1",
            email=READER_EMAIL,
            reader_ip=READER_IP,
        )
        assert status == 202, (status, first, server.log)
        posted.append(first)
        status, reply = post_to_isso(
            server.url,
            URI,
            "La vetrina di Natale",
            "Redazione",
            REPLY,
            reader_ip="198.51.100.23",
            parent=first["id"],
        )
        assert status == 202, (status, reply, server.log)
        posted.append(reply)
        status, pending = post_to_isso(
            server.url, URI, "La vetrina di Natale", "Piero", PENDING, reader_ip="192.0.2.77"
        )
        assert status == 202, (status, pending, server.log)
        posted.append(pending)
        status, elsewhere = post_to_isso(
            server.url,
            UNKNOWN_URI,
            "Un articolo tolto",
            "Anna",
            "Un commento rimasto su Isso.",
            reader_ip="100.64.1.5",
        )
        assert status == 202, (status, elsewhere, server.log)
        posted.append(elsewhere)
        messages = sink.wait_for(4)
        for text in (FIRST, REPLY, "Un commento rimasto su Isso."):
            approve(moderation_links(message_about(messages, text))["activate"])
        server.posted = posted
        server.messages = messages
        yield server


@pytest.fixture(scope="module")
def synced(isso, tmp_path_factory):
    """A project copy after one `invoke comments-sync`: (project, the task's result)."""
    root = tmp_path_factory.mktemp("comments-sync")
    project = copy_project(root / "project", content=write_content(root / "content"))
    result = invoke("comments-sync", "--server", isso.url, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr + isso.log
    return project, result


def comments_file(project, slug=SLUG):
    return project / "content" / "comments" / f"{slug}.yaml"


def test_the_email_carries_the_links_and_the_readers_details_stay_on_isso(isso):
    # What the moderator receives; the site must keep none of it.
    body = message_about(isso.messages, FIRST).get_content()
    assert READER_EMAIL in body
    assert set(moderation_links(message_about(isso.messages, PENDING))) == {"activate", "delete"}


def test_the_file_holds_exactly_the_two_approved_comments_threaded(isso, synced):
    project, result = synced
    first, reply = isso.posted[0]["id"], isso.posted[1]["id"]
    found, problems = entries(comments_file(project).read_text(encoding="utf-8"))
    threads, more = comments_of(found, ZoneInfo("Europe/Rome"))
    assert problems == [] and more == []
    assert [thread.id for thread in threads] == [f"isso-{first}"]
    (thread,) = threads
    assert thread.name == "Giulia & <Co>"
    assert thread.website == "https://giulia.example/negozio?luci=calde&vetrina=1"
    assert thread.text.strip() == FIRST
    assert [(r.id, r.parent, r.name) for r in thread.replies] == [
        (f"isso-{reply}", f"isso-{first}", "Redazione")
    ]
    assert PENDING not in comments_file(project).read_text(encoding="utf-8")
    # Only the article's file: nothing for the other article, nothing for the unknown thread.
    assert sorted(p.name for p in (project / "content" / "comments").iterdir()) == [f"{SLUG}.yaml"]
    assert f"content/comments/{SLUG}.yaml: 2 commenti nuovi" in result.stdout
    assert f"«{UNKNOWN_URI}»" in result.stdout and "saltato" in result.stdout


def test_no_email_address_or_hash_in_the_files_or_the_output(isso, synced):
    project, result = synced
    written = "".join(
        path.read_text(encoding="utf-8")
        for path in (project / "content").rglob("*")
        if path.is_file()
    )
    for secret in (
        READER_EMAIL,
        READER_IP,
        "203.0.113.",
        "198.51.100.",
        isso.posted[0]["hash"],
        isso.posted[1]["hash"],
    ):
        assert secret not in written
        assert secret not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_a_second_run_adds_nothing_and_leaves_the_file_byte_identical(isso, synced):
    project, _result = synced
    before = file_hashes(project / "content")
    again = invoke("comments-sync", "--server", isso.url, cwd=project)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"content/comments/{SLUG}.yaml: nessun commento nuovo" in again.stdout
    assert file_hashes(project / "content") == before


def test_the_built_article_shows_both_comments_and_the_reply_under_the_first(
    isso, synced, tmp_path
):
    project, _result = synced
    site = build_site(tmp_path / "output", project / "content")
    first, reply = isso.posted[0]["id"], isso.posted[1]["id"]
    section = site.soup(URI).select_one("section#commenti")
    assert section.h2.get_text() == "Commenti (2)"
    thread = section.select_one(f"article#commento-isso-{first}")
    assert "Giulia & <Co>" in thread.get_text()
    assert "luci calde ha fermato" in thread.get_text()
    assert thread.select_one("em").get_text() == "fermato"
    answer = thread.select_one(f"article.comment--reply#commento-isso-{reply}")
    assert "Grazie Giulia" in answer.get_text()
    assert PENDING not in site.html(URI)
    assert READER_EMAIL not in site.html(URI)
    assert [record.getMessage() for record in site.warnings()] == []


def test_an_unreachable_server_is_an_italian_message_and_writes_nothing(tmp_path):
    project = copy_project(tmp_path / "project", content=write_content(tmp_path / "content"))
    before = file_hashes(project / "content")
    result = invoke("comments-sync", "--server", f"http://127.0.0.1:{free_port()}", cwd=project)
    assert result.returncode != 0
    assert "Non riesco a raggiungere il server Isso" in result.stderr
    assert "Non ho cambiato nessun file." in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert file_hashes(project / "content") == before
    assert not (project / "content" / "comments").exists()


def test_an_editors_file_is_kept_byte_for_byte_and_only_the_missing_reply_appended(isso, tmp_path):
    first = isso.posted[0]["id"]
    content = write_content(tmp_path / "content")
    edited = (
        "# La redazione ha accorciato il primo commento.\n"
        f"- id: isso-{first}\n"
        "  name: Giulia\n"
        "  date: 2026-11-28 10:00\n"
        "  text: Le luci calde funzionano.\n"
    )
    (content / "comments").mkdir()
    (content / "comments" / f"{SLUG}.yaml").write_text(edited, encoding="utf-8")
    project = copy_project(tmp_path / "project", content=content)
    result = invoke("comments-sync", "--server", isso.url, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"content/comments/{SLUG}.yaml: 1 commento nuovo" in result.stdout
    text = comments_file(project).read_text(encoding="utf-8")
    assert text.startswith(edited)
    assert FIRST not in text
    (thread,) = comments_of(entries(text)[0], ZoneInfo("Europe/Rome"))[0]
    assert thread.name == "Giulia"
    assert [reply.text.strip() for reply in thread.replies] == [REPLY]


def test_a_symlinked_comments_folder_is_refused_and_nothing_written_through_it(isso, tmp_path):
    project = copy_project(tmp_path / "project", content=write_content(tmp_path / "content"))
    elsewhere = tmp_path / "fuori"
    elsewhere.mkdir()
    (project / "content" / "comments").symlink_to(elsewhere, target_is_directory=True)
    result = invoke("comments-sync", "--server", isso.url, cwd=project)
    assert result.returncode != 0
    assert f"content/comments/{SLUG}.yaml: è un collegamento simbolico" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert list(elsewhere.iterdir()) == []


class NotIsso(http.server.BaseHTTPRequestHandler):
    """A web server that is not Isso: a page of HTML at every address."""

    def do_GET(self):
        body = b"<!doctype html><title>Benvenuti</title>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def not_isso():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NotIsso)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def refused_without_a_change(server, tmp_path):
    """The task's stderr against `server`, after checking it failed and changed nothing."""
    project = copy_project(tmp_path / "project", content=write_content(tmp_path / "content"))
    before = file_hashes(project / "content")
    result = invoke("comments-sync", "--server", server, cwd=project)
    assert result.returncode != 0
    assert "Non ho cambiato nessun file." in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert file_hashes(project / "content") == before
    return result.stderr


def test_a_server_that_is_not_isso_is_named_and_nothing_written(not_isso, tmp_path):
    assert "non ha risposto con i dati attesi (JSON)" in refused_without_a_change(
        not_isso, tmp_path
    )


def test_an_http_error_is_named_and_nothing_written(isso, tmp_path):
    # Isso answers 404 under a path of its own, as when the address is mistyped.
    message = refused_without_a_change(f"{isso.url}/commenti", tmp_path)
    assert "ha risposto con l'errore 404 a /latest" in message


def test_the_reference_config_limits_each_reader_not_the_adapter(isso):
    # All posts come from 127.0.0.1 (the adapter); Isso counts the address it forwards.
    def post(reader_ip):
        return post_to_isso(
            isso.url, "/prova-limite/", "Prova", "Bot", "Compra ora, offerta!", reader_ip=reader_ip
        )

    assert [post("198.18.0.5")[0], post("198.18.0.5")[0]] == [202, 202]
    status, answer = post("198.18.0.5")
    assert status == 403 and "ratelimit exceeded" in answer  # [guard] ratelimit = 2 a minute
    assert post("198.18.1.5")[0] == 202  # another reader is not held back


def test_without_server_the_address_comes_from_comments_isso_url(isso, tmp_path):
    project = copy_project(tmp_path / "project", content=write_content(tmp_path / "content"))
    settings = project / "pelicanconf.py"
    with open(settings, "a", encoding="utf-8") as file:
        file.write(f"\nCOMMENTS_ISSO_URL = {isso.url!r}\n")
    result = invoke("comments-sync", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"content/comments/{SLUG}.yaml: 2 commenti nuovi" in result.stdout
    # The build knows the setting (a COMMENTS_ setting it did not know would stop it).
    site = build_site(tmp_path / "output", project / "content", settings_file=str(settings))
    assert site.soup(URI).select_one("section#commenti h2").get_text() == "Commenti (2)"
