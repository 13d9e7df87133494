"""A reader comments through the comment server with JavaScript off: the article's form, the
adapter's preview, Isso's approval queue and its moderation email, `invoke comments-sync`, the
rebuilt page. And a bot: the trap, the time token and Isso's rate limit refuse it. A real Isso
on 127.0.0.1 with a temporary SQLite database, the adapter as the README's systemd unit runs it,
a real SMTP server for Isso's email, the built site over HTTP."""

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from comment_services import IssoServer, SmtpSink, approve, moderation_links
from sitebuild import (
    build_site,
    copy_project,
    free_port,
    wait_for_http,
    write_article,
    write_default_bio,
    write_privacy_page,
)

SLUG = "vetrine"
READER_TEXT = (
    "Abbiamo rifatto la **vetrina** seguendo i vostri consigli: più luce, meno prezzi.\n\n"
    '<script>alert("x")</script>Le vendite di dicembre ci diranno se funziona.'
)
BOT_ADDRESS = "198.51.100.7"


@dataclass
class CommentServer:
    project: Path
    output: Path
    site: str  # the built site over HTTP
    adapter: str  # COMMENTS_SERVER_URL
    isso: IssoServer
    mail: SmtpSink

    def build(self):
        return build_site(
            self.output,
            self.project / "content",
            SITEURL=self.site,
            COMMENTS_SERVER_URL=self.adapter,
            BUSINESS_EMAIL="redazione@bottega.example",
        )


@pytest.fixture(scope="module")
def server(tmp_path_factory, serve):
    root = tmp_path_factory.mktemp("comment-server")
    content = root / "content"
    write_privacy_page(content)
    write_default_bio(content)
    write_article(
        content,
        "vetrine.md",
        title="Le vetrine di dicembre",
        slug=SLUG,
        date="2026-11-18 09:00",
        body="Luce calda, pochi oggetti, un prezzo chiaro: la vetrina che fa entrare.",
    )
    project = copy_project(root / "project", content)
    output = root / "output"
    output.mkdir()
    port = free_port()
    adapter_url = f"http://127.0.0.1:{port}"
    with (
        serve(output) as site_url,
        SmtpSink() as mail,
        IssoServer(root / "isso", site_url, mail.port) as isso,
    ):
        (project / "commentsconf.py").write_text(
            f"from pelicanconf import *  # noqa: F403\nSITEURL = {site_url!r}\n",
            encoding="utf-8",
        )
        with running_adapter(project, isso.url, port, min_seconds=1, log=root / "adapter.log"):
            running = CommentServer(project, output, site_url, adapter_url, isso, mail)
            running.build()
            yield running


@contextmanager
def running_adapter(project, isso_url, port, min_seconds, log):
    """The adapter as the README's unit starts it, on the settings of the site it serves."""
    with open(log, "w") as output:
        adapter = subprocess.Popen(
            [sys.executable, "-m", "comments.adapter", "--settings", "commentsconf.py"]
            + ["--isso", isso_url, "--listen", f"127.0.0.1:{port}"]
            + ["--min-seconds", str(min_seconds)],
            cwd=project,
            env={**os.environ, "PYTHONPATH": "plugins"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for_http(f"http://127.0.0.1:{port}/", timeout=30)
            yield f"http://127.0.0.1:{port}"
        finally:
            adapter.terminate()
            adapter.wait(timeout=10)


@pytest.fixture
def reader(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_a_reader_without_javascript_comments_and_finds_it_on_the_page_once_approved(
    server, reader
):
    article = f"{server.site}/{SLUG}/"
    reader.goto(article)
    assert not reader.is_visible("#commento-in-attesa")
    reader.fill("#comment-name", "Franca, cartoleria a Bergamo")
    reader.fill("#comment-website", "https://cartoleria.example")
    reader.fill("#comment-text", READER_TEXT)
    reader.click("button:has-text('Vedi l’anteprima')")

    # The adapter's preview: the comment as the site will show it, sanitized.
    assert reader.url == f"{server.adapter}/anteprima"
    assert reader.text_content("h1") == "Anteprima del tuo commento"
    assert reader.text_content(".comment__text strong") == "vetrina"
    assert reader.locator(".comment__text script").count() == 0
    time.sleep(1.2)  # the adapter's --min-seconds: a person reads the preview first
    reader.click("button:has-text('Invia il commento')")

    # Back on the article, which says the comment awaits approval.
    reader.wait_for_url(f"{article}#commento-in-attesa")
    assert reader.is_visible("#commento-in-attesa")
    assert "in attesa di approvazione" in reader.text_content("#commento-in-attesa")
    assert reader.locator("section#commenti article.comment").count() == 0

    # The owner approves it with the link in Isso's email.
    (email,) = server.mail.wait_for(1)
    assert "Franca, cartoleria a Bergamo" in email.get_payload(decode=True).decode()
    approve(moderation_links(email)["activate"])

    synced = subprocess.run(
        [sys.executable, "-m", "invoke", "comments-sync", "--server", server.isso.url],
        cwd=server.project,
        capture_output=True,
        text=True,
    )
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert f"{SLUG}.yaml" in synced.stdout
    assert "Traceback" not in synced.stdout + synced.stderr
    server.build()

    reader.goto(article)
    (comment,) = reader.locator("section#commenti article.comment").all()
    assert comment.locator(".comment__name").text_content() == "Franca, cartoleria a Bergamo"
    assert comment.locator(".comment__name a").get_attribute("href") == (
        "https://cartoleria.example"
    )
    assert comment.locator(".comment__text strong").text_content() == "vetrina"
    assert comment.locator("script").count() == 0
    assert "Commenti (1)" in reader.text_content("section#commenti h2")

    # Nothing of the reader's address in what the repository or the site holds.
    for folder in (server.project / "content", server.output):
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix in (".yaml", ".html", ".xml", ".json", ".md"):
                text = path.read_text(encoding="utf-8", errors="replace")
                # Isso keeps the address truncated: 127.0.0.0 (the site itself is at 127.0.0.1).
                assert "127.0.0.0" not in text, path
                assert "remote_addr" not in text, path


def post(url, fields, address=BOT_ADDRESS):
    """A bot's POST, as plain HTTP: (status, body, Location)."""
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(fields).encode(),
        headers={"X-Forwarded-For": address},
    )

    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(Stay).open(request, timeout=10) as response:
            return response.status, response.read().decode(), response.headers.get("Location")
    except urllib.error.HTTPError as answer:
        return answer.code, answer.read().decode(), answer.headers.get("Location")


def bot_fields(text, **more):
    return {"pagina": f"/{SLUG}/", "titolo": "Le vetrine", "nome": "Offerte", "testo": text, **more}


def token_in(page):
    return re.search(r'name="gettone" value="([^"]+)"', page).group(1)


def test_the_trap_the_time_token_and_the_rate_limit_refuse_a_bot(server):
    emails_before = len(server.mail.messages)

    # The trap: a field no person sees, filled in.
    trapped = bot_fields("Compra follower veri", promemoria="https://spam.example")
    status, page, _ = post(f"{server.adapter}/anteprima", trapped)
    assert status == 400 and "campo da lasciare vuoto" in page
    status, page, _ = post(f"{server.adapter}/invia", {**trapped, "gettone": "1.x"})
    assert status == 400

    # No token: back to the preview, nothing sent.
    status, page, _ = post(f"{server.adapter}/invia", bot_fields("Senza anteprima"))
    assert status == 400 and "anteprima" in page

    # A send sooner after the preview than a person reads it, on an adapter that wants a
    # minute (so a slow machine cannot make it pass): refused.
    port = free_port()
    log = server.project / "adapter-slow.log"
    with running_adapter(server.project, server.isso.url, port, min_seconds=60, log=log) as slow:
        _, page, _ = post(f"{slow}/anteprima", bot_fields("Troppo svelto"))
        fields = {**bot_fields("Troppo svelto"), "gettone": token_in(page)}
        status, page, _ = post(f"{slow}/invia", fields)
    assert status == 400 and "troppo presto" in page

    # Isso's rate limit (2 a minute from one address), told to the reader in Italian.
    answers = []
    for number in range(3):
        fields = bot_fields(f"Messaggio automatico numero {number}")
        _, page, _ = post(f"{server.adapter}/anteprima", fields)
        time.sleep(1.1)
        answers.append(post(f"{server.adapter}/invia", {**fields, "gettone": token_in(page)}))
    assert [status for status, _, _ in answers] == [303, 303, 429]
    assert answers[0][2] == f"{server.site}/{SLUG}/#commento-in-attesa"
    assert "troppi commenti" in answers[2][1]

    # Only the two that passed reached the approval queue.
    assert len(server.mail.wait_for(emails_before + 2)) == emails_before + 2
    time.sleep(1)
    assert len(server.mail.messages) == emails_before + 2
