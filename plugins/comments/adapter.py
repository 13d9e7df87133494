"""The comment form's adapter: between an article's form, which works without JavaScript, and a
self-hosted Isso, which accepts only JSON.

    python -m comments.adapter --settings publishconf.py --isso http://127.0.0.1:8091

(from the project folder, with PYTHONPATH=plugins; README, "Commenti con un server").

A reader's comment takes two steps. The article's form posts to /anteprima: the adapter checks
the fields and the bot trap and answers with a preview of the comment as the site will show it,
carrying a time token (the moment of the preview, signed with a key that lives only in this
process). "Invia il commento" posts it to /invia, which refuses a token that is forged, older
than --max-minutes, younger than --min-seconds (no person reads a preview that fast) or made for
different words, then forwards the comment to Isso and sends the reader back to the article,
where #commento-in-attesa says the comment awaits approval. A static page cannot carry a token
of its own for each visit: the preview is where one is issued.

The reader's address is passed to Isso in X-Forwarded-For, for its rate limit, and nowhere else;
the adapter keeps nothing and logs no addresses.
"""

import argparse
import hashlib
import hmac
import json
import logging
import os
import secrets
import sys
import time
from contextlib import suppress
from dataclasses import dataclass, field
from socketserver import ThreadingMixIn
from urllib.error import HTTPError, URLError
from urllib.parse import parse_qs, quote
from urllib.request import Request, urlopen
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from blog_core import is_web_address, origin_of, plain_text

logger = logging.getLogger("comments.adapter")

PAGE_TEMPLATE = "comment_server.html"
# The fields of the article's form and of the preview: partials/comment_form.html writes them.
FIELDS = ("pagina", "titolo", "nome", "sito", "testo")
# The bot trap: a field a person never sees, named so that browsers do not fill it in.
TRAP_FIELD = "promemoria"
TOKEN_FIELD = "gettone"
NAME_MAX, WEBSITE_MAX, TITLE_MAX, PAGE_MAX = 80, 200, 300, 300
TEXT_MIN, TEXT_MAX = 3, 5000
# A form with these fields is a few kilobytes; anything far larger is not a comment.
BODY_MAX = 32 * 1024
PENDING_ANCHOR = "commento-in-attesa"


@dataclass
class Submission:
    """What a reader wrote, as posted, with the problems found in it (labels' names)."""

    page: str = ""
    title: str = ""
    name: str = ""
    website: str = ""
    text: str = ""
    problems: list = field(default_factory=list)

    def digest(self):
        """What the time token is signed for: these exact words on this page."""
        parts = (self.page, self.title, self.name, self.website, self.text)
        return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def is_site_path(value):
    """Whether `value` is a page's path on the site ("/prezzi-chiari/"), which the reader is
    sent back to: never another host, never a scheme, no line breaks."""
    return (
        value.startswith("/")
        and not value.startswith("//")
        and "\\" not in value
        and not any(character.isspace() or ord(character) < 32 for character in value)
    )


def submission_from(form):
    """The Submission in a parsed form ({name: [values]}), checked."""

    def value(name):
        return (form.get(name) or [""])[0].replace("\r\n", "\n").strip()

    found = Submission(value("pagina"), value("titolo"), value("nome"), value("sito"))
    found.text = value("testo")
    if not is_site_path(found.page) or len(found.page) > PAGE_MAX:
        found.problems.append("comment_problem_page")
    found.title = found.title[:TITLE_MAX]
    if not found.name:
        found.problems.append("comment_problem_name")
    elif len(found.name) > NAME_MAX:
        found.problems.append("comment_problem_name_long")
    if found.website and (len(found.website) > WEBSITE_MAX or not is_web_address(found.website)):
        found.problems.append("comment_problem_website")
    if len(found.text) < TEXT_MIN:
        found.problems.append("comment_problem_short")
    elif len(found.text) > TEXT_MAX:
        found.problems.append("comment_problem_long")
    if (form.get(TRAP_FIELD) or [""])[0].strip():
        found.problems.append("comment_problem_trap")
    return found


def signature(secret, issued, digest):
    return hmac.new(secret, f"{issued}|{digest}".encode(), hashlib.sha256).hexdigest()


def issue_token(secret, submission, now):
    """The time token of a preview: when it was shown, signed with what it shows."""
    issued = int(now)
    return f"{issued}.{signature(secret, issued, submission.digest())}"


def token_problem(secret, token, submission, now, min_seconds, max_seconds):
    """None for a good token; else the label naming what is wrong with it."""
    issued, _, signed = token.partition(".")
    if not issued.isdigit():
        return "comment_problem_token"
    if not hmac.compare_digest(signed, signature(secret, int(issued), submission.digest())):
        # Forged, from before a restart, or the reader changed the words after the preview:
        # show the preview again, with a new token, rather than send what was not previewed.
        return "comment_problem_changed"
    age = now - int(issued)
    if age < min_seconds:
        return "comment_problem_fast"
    if age > max_seconds:
        return "comment_problem_expired"
    return None


def isso_payload(submission):
    """The JSON Isso's POST /new reads. No email: the form never asks for one."""
    payload = {"author": submission.name, "text": submission.text, "title": submission.title}
    if submission.website:
        payload["website"] = submission.website
    return payload


class Adapter:
    """The WSGI application: GET / says it runs, POST /anteprima previews, POST /invia sends."""

    def __init__(self, site, isso_url, theme, preview, *, min_seconds=3, max_minutes=60,
                 trusted_proxies=("127.0.0.1", "::1"), secret=None):  # fmt: skip
        self.site = site  # SITEURL, SITENAME, THEME_STATIC_DIR, PRIVACY_URL: for the page
        self.site_url = site["SITEURL"].rstrip("/")
        self.isso_url = isso_url.rstrip("/")
        self.preview = preview  # text -> the HTML the page will show
        self.min_seconds = min_seconds
        self.max_seconds = max_minutes * 60
        self.trusted_proxies = set(trusted_proxies)
        self.secret = secret or secrets.token_bytes(32)
        self.templates = Environment(
            loader=FileSystemLoader(os.path.join(theme, "templates")), autoescape=True
        )
        self.templates.filters["plain_text"] = plain_text

    def __call__(self, environ, start_response):
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
        if path in ("/anteprima", "/invia"):
            if method != "POST":
                return self.redirect(start_response, self.site_url + "/")
            form = self.read_form(environ)
            if form is None:
                return self.page(start_response, "413 Content Too Large", ["comment_problem_big"])
            submission = submission_from(form)
            if path == "/anteprima" or submission.problems:
                return self.show_preview(start_response, submission)
            return self.send(start_response, submission, form, environ)
        if path == "/" and method in ("GET", "HEAD"):
            return self.respond(start_response, "200 OK", "text/plain", b"ok\n")
        return self.respond(start_response, "404 Not Found", "text/plain", b"not found\n")

    def read_form(self, environ):
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > BODY_MAX:
            return None
        body = environ["wsgi.input"].read(length).decode("utf-8", "replace")
        return parse_qs(body, keep_blank_values=True)

    def show_preview(self, start_response, submission, problem=None):
        problems = submission.problems + ([problem] if problem else [])
        token = None if submission.problems else issue_token(self.secret, submission, time.time())
        status = "200 OK" if not problems else "400 Bad Request"
        return self.page(start_response, status, problems, submission, token)

    def send(self, start_response, submission, form, environ):
        token = (form.get(TOKEN_FIELD) or [""])[0]
        problem = token_problem(
            self.secret, token, submission, time.time(), self.min_seconds, self.max_seconds
        )
        if problem:
            return self.show_preview(start_response, submission, problem)
        status = self.forward(submission, self.reader_address(environ))
        if status in (201, 202):
            target = f"{self.site_url}{submission.page}#{PENDING_ANCHOR}"
            return self.redirect(start_response, target)
        if status == 403:  # Isso's guard: the rate limit, or too many comments on one article
            return self.page(start_response, "429 Too Many Requests", ["comment_problem_limit"],
                             submission)  # fmt: skip
        return self.page(start_response, "502 Bad Gateway", ["comment_problem_server"], submission)

    def reader_address(self, environ):
        """The reader's address: nginx's X-Forwarded-For when nginx is the one asking."""
        remote = environ.get("REMOTE_ADDR", "")
        forwarded = environ.get("HTTP_X_FORWARDED_FOR", "")
        if remote in self.trusted_proxies and forwarded:
            return forwarded.split(",")[-1].strip()
        return remote

    def forward(self, submission, address):
        """Isso's answer to the comment: its HTTP status, or 0 when it did not answer."""
        request = Request(
            f"{self.isso_url}/new?uri={quote(submission.page)}",
            data=json.dumps(isso_payload(submission)).encode(),
            headers={
                "Content-Type": "application/json",
                "X-Forwarded-For": address,
                # Isso writes the comment's link, in the owner's email, from the Origin.
                "Origin": origin_of(self.site_url),
            },
            method="POST",
        )
        try:
            with urlopen(request, timeout=10) as response:
                return response.status
        except HTTPError as error:
            logger.warning("Isso ha rifiutato un commento: %s %s", error.code, error.reason)
            return error.code
        except (URLError, OSError) as error:
            logger.error("Isso non risponde su %s: %s", self.isso_url, error)
            return 0

    def page(self, start_response, status, problems, submission=None, token=None):
        submission = submission or Submission()
        html = self.templates.get_template(PAGE_TEMPLATE).render(
            **self.site,
            submission=submission,
            preview=Markup(self.preview(submission.text)) if submission.text else "",
            problems=problems,
            token=token,
            fields={"token": TOKEN_FIELD, "trap": TRAP_FIELD},
        )
        return self.respond(start_response, status, "text/html; charset=utf-8", html.encode())

    def redirect(self, start_response, target):
        start_response("303 See Other", [("Location", target), *self.security_headers()])
        return [b""]

    def respond(self, start_response, status, content_type, body):
        headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
        start_response(status, headers + self.security_headers())
        return [body]

    def security_headers(self):
        """The page's own policy: the site's stylesheet, forms posting here and, after a
        comment is sent, to the article it came from."""
        site = origin_of(self.site_url) or "'self'"
        policy = (
            f"default-src 'none'; style-src {site}; img-src {site}; "
            f"form-action 'self' {site}; base-uri 'none'; frame-ancestors 'none'"
        )
        return [
            ("Content-Security-Policy", policy),
            ("Referrer-Policy", "no-referrer"),
            ("X-Content-Type-Options", "nosniff"),
            ("Cache-Control", "no-store"),
        ]


class QuietHandler(WSGIRequestHandler):
    """Logs no request lines: they hold readers' addresses."""

    def log_message(self, format, *args):
        pass


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def page_context(settings):
    """What the server's page shows of the site: its address, name, stylesheet, privacy notice."""
    return {
        "SITEURL": settings["SITEURL"].rstrip("/"),
        "SITENAME": settings["SITENAME"],
        "THEME_STATIC_DIR": settings["THEME_STATIC_DIR"],
        "PRIVACY_URL": settings.get("PRIVACY_URL"),
    }


def main(argv=None):
    from pelican.settings import read_settings

    from .comments import comment_html

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="publishconf.py")
    parser.add_argument("--isso", default="http://127.0.0.1:8091", help="Isso's address")
    parser.add_argument("--listen", default="127.0.0.1:8090", help="address:port")
    parser.add_argument("--min-seconds", type=float, default=3)
    parser.add_argument("--max-minutes", type=float, default=60)
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    settings = read_settings(arguments.settings)
    site_url = settings.get("SITEURL") or ""
    if not is_web_address(site_url):
        sys.exit(
            f"{arguments.settings}: SITEURL deve essere l'indirizzo del sito, non {site_url!r}"
        )
    host, _, port = arguments.listen.rpartition(":")
    adapter = Adapter(
        page_context(settings),
        arguments.isso,
        settings["THEME"],
        comment_html,
        min_seconds=arguments.min_seconds,
        max_minutes=arguments.max_minutes,
    )
    server = make_server(host, int(port), adapter, ThreadingServer, QuietHandler)
    logger.info(
        "in ascolto su http://%s, commenti inoltrati a %s", arguments.listen, arguments.isso
    )
    with suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
