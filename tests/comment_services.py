"""Real services for the comments' tests: a small SMTP server that keeps what it receives, and
Isso (PyPI isso) on 127.0.0.1 with the project's reference configuration and its own SQLite.

Isso's own source (views/comments.py, ext/notifications.py) is what these follow: it takes
only JSON posts to /new, mails the moderator a body with "Activate comment: <url>" and
"Delete comment: <url>", and its confirmation page POSTs that url.
"""

import configparser
import email
import email.policy
import json
import re
import socketserver
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from sitebuild import ROOT, free_port

ISSO_CONFIG = ROOT / "plugins" / "comments" / "isso.cfg"
MODERATOR = "redazione@prova.example"
SENDER = "isso@prova.example"
TEST_SALT = "sale-fisso-dei-test-non-per-la-produzione"


class _SmtpHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for smtplib: HELO/EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    def reply(self, line):
        self.wfile.write(line.encode("ascii") + b"\r\n")

    def handle(self):
        self.reply("220 sink.prova.example ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line.decode("utf-8", "replace").strip().split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.reply("250-sink.prova.example")
                self.reply("250 8BITMIME")
            elif verb in ("HELO", "MAIL", "RCPT", "RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                self.server.sink.keep(self.read_data())
                self.reply("250 OK: queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def read_data(self):
        lines = []
        while True:
            line = self.rfile.readline()
            if line in (b".\r\n", b".\n", b""):
                return b"".join(lines)
            lines.append(line[1:] if line.startswith(b"..") else line)


class _SmtpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SmtpSink:
    """An SMTP server on 127.0.0.1 that keeps every message (email.message objects)."""

    def __init__(self):
        self.messages = []
        self._arrived = threading.Condition()
        self._server = _SmtpServer(("127.0.0.1", 0), _SmtpHandler)
        self._server.sink = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def keep(self, data):
        message = email.message_from_bytes(data, policy=email.policy.default)
        with self._arrived:
            self.messages.append(message)
            self._arrived.notify_all()

    def wait_for(self, count, timeout=20):
        """The messages once there are at least `count` of them; AssertionError after
        `timeout` seconds."""
        with self._arrived:
            if not self._arrived.wait_for(lambda: len(self.messages) >= count, timeout):
                raise AssertionError(
                    f"{len(self.messages)} email arrivate invece di {count} entro {timeout} s"
                )
            return list(self.messages)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)


class IssoServer:
    """Isso on a free 127.0.0.1 port, configured from plugins/comments/isso.cfg.

    `overrides` are sections of options to change, e.g. `guard={"ratelimit": "5"}`.
    """

    def __init__(self, folder, site_url, smtp_port, **overrides):
        self.folder = Path(folder)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.config_path = self.folder / "isso.cfg"
        self.log_path = self.folder / "isso.log"
        config = configparser.ConfigParser(interpolation=None)
        config.read(ISSO_CONFIG, encoding="utf-8")
        settings = {
            "general": {"dbpath": str(self.folder / "isso.db"), "host": site_url},
            "server": {"listen": self.url, "public-endpoint": self.url},
            "smtp": {
                "host": "127.0.0.1",
                "port": str(smtp_port),
                "security": "none",
                "username": "",
                "password": "",
                "to": MODERATOR,
                "from": SENDER,
            },
            "hash": {"salt": TEST_SALT},
        }
        for section, options in overrides.items():
            settings.setdefault(section, {}).update(options)
        for section, options in settings.items():
            if not config.has_section(section):
                config.add_section(section)
            for option, value in options.items():
                config.set(section, option, value)
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.config_path, "w", encoding="utf-8") as file:
            config.write(file)
        self.process = None

    @property
    def log(self):
        """What Isso printed, for a failing test's message."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def __enter__(self):
        isso = Path(sys.executable).parent / "isso"
        if not isso.exists():
            raise AssertionError(f"{isso} manca: `make test` installa requirements-comments.txt")
        self._log_file = open(self.log_path, "wb")  # noqa: SIM115 - open while Isso runs
        self.process = subprocess.Popen(
            [str(isso), "-c", str(self.config_path), "run"],
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                self._stop()
                raise AssertionError(f"Isso si è fermato all'avvio:\n{self.log}")
            try:
                with urllib.request.urlopen(self.url + "/config", timeout=5):
                    return self
            except OSError:
                if time.monotonic() > deadline:
                    self._stop()
                    raise AssertionError(f"Isso non risponde su {self.url}:\n{self.log}") from None
                time.sleep(0.2)

    def _stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log_file.close()

    def __exit__(self, *exc):
        self._stop()


def moderation_links(message):
    """{"activate": url, "delete": url} from Isso's email to the moderator (an approved
    comment's has no "activate")."""
    body = message.get_content()
    links = {}
    for action in ("activate", "delete"):
        found = re.search(rf"^{action.capitalize()} comment: (\S+)$", body, re.MULTILINE)
        if found:
            links[action] = found[1]
    return links


def approve(link):
    """Activate a comment as Isso's confirmation page does: a POST to its link."""
    request = urllib.request.Request(link, data=b"", method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        answer = response.read().decode("utf-8")
    if "activated" not in answer:
        raise AssertionError(f"Isso non ha approvato il commento: {answer!r}")
    return answer


def post_to_isso(
    isso_url,
    uri,
    title,
    author,
    text,
    website=None,
    reader_ip="203.0.113.9",
    email=None,
    parent=None,
):
    """POST a comment to Isso's /new as our adapter does (JSON, the reader's address in
    X-Forwarded-For): (status, the answer's JSON, or its text when it is not JSON)."""
    data = {"title": title, "author": author, "text": text, "website": website}
    if email is not None:
        data["email"] = email
    if parent is not None:
        data["parent"] = parent
    request = urllib.request.Request(
        f"{isso_url}/new?{urlencode({'uri': uri})}",
        data=json.dumps(data).encode("utf-8"),
        headers={"Content-Type": "application/json", "X-Forwarded-For": reader_ip},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    try:
        return status, json.loads(body)
    except ValueError:
        return status, body.decode("utf-8", "replace")
