"""Everyday tasks for the blog: `invoke -l` lists them, `make` bootstraps .venv and calls them."""

import base64
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections import deque
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path

from invoke import Exit, task
from invoke.program import Program

ROOT = Path(__file__).resolve().parent
# The plugins' shared core and their public functions, imported by name.
sys.path.insert(0, str(ROOT / "plugins"))

from blog_core import validator  # noqa: E402
from blog_core.faults import FAULT_EXIT, FULL, fault_message, is_machine_fault  # noqa: E402

DEV_SETTINGS = "pelicanconf.py"
PUBLISH_SETTINGS = "publishconf.py"
# What readers get (`invoke publish`) ...
OUTPUT = ROOT / "output"
# ... and the author's preview (`invoke build`, the dev server): apart, so publishing never
# changes the pages the dev server shows, nor do they ever link to the public address.
PREVIEW = ROOT / "anteprima"
# Held by each build while it runs: two builds at once (`make build` while `make serve`
# rebuilds) would empty and fill one folder together.
BUILD_LOCK = ROOT / ".cache" / "build.lock"
# The site's own page for a missing address, which the dev server serves with status 404.
NOT_FOUND_PAGE = "404.html"
ARTICLES = ROOT / "content" / "articles"
# What the dev server watches: a change to any file of these folders, to the plugins' code or
# to DEV_SETTINGS rebuilds the site and reloads the browser.
WATCHED_FOLDERS = ("content", "theme")
CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"]
CHROMIUM_HELP = """Chromium non trovato: i test nel browser ne hanno bisogno.
Installalo (Debian/Ubuntu):  sudo apt-get install -y chromium
oppure indica un Chromium già presente:  CHROMIUM_PATH=/percorso/di/chromium make test"""
RSYNC_HELP = """rsync non trovato: invoke publish --upload e i suoi test ne hanno bisogno.
Installalo (Debian/Ubuntu):  sudo apt-get install -y rsync openssh-client"""
RSYNC_EXAMPLE = "blog@server.example:/var/www/blog/"
RSYNC_TARGET_HELP = f"""PUBLISH_RSYNC_TARGET non è impostato: non so su quale host caricare il sito.
Indicalo in publishconf.py, al posto di "" nella sua riga:
    PUBLISH_RSYNC_TARGET = os.environ.get("PUBLISH_RSYNC_TARGET", "{RSYNC_EXAMPLE}")
oppure dallo shell, per un solo comando:
    PUBLISH_RSYNC_TARGET={RSYNC_EXAMPLE} invoke publish --upload"""


def pelican(settings, *extra, fault_note=None):
    """Run Pelican in its own process, so each build starts from fresh settings and plugins.

    With `fault_note` (a publish): the note ends the build's line for a full or read-only disk,
    and Ctrl+C is left to this process, which stops the build and says what it left behind.
    """
    # In a terminal, Pelican's columns; in a CI log or a file, one plain line per message, so
    # `file:line: message` is never cut in two.
    handler = "rich" if sys.stdout.isatty() else "plain"
    command = [sys.executable, "-m", "pelican", "--settings", settings, "--log-handler", handler]
    command += extra
    with one_build_at_a_time():
        if fault_note is None:
            return subprocess.run(command, cwd=ROOT, check=False).returncode
        from blog_core.faults import NOTE

        return subprocess.run(
            command,
            cwd=ROOT,
            env={**os.environ, NOTE: fault_note},
            preexec_fn=ignore_ctrl_c,
            check=False,
        ).returncode


@contextmanager
def one_build_at_a_time():
    """Wait, saying so once, while another build of this project runs (the dev server's, or
    another terminal's); the lock goes with its process, so a build that crashed holds nothing."""
    lock = None
    try:
        BUILD_LOCK.parent.mkdir(exist_ok=True)
        lock = open(BUILD_LOCK, "a")  # noqa: SIM115 - closed below, after the build
    except OSError as error:
        if not is_machine_fault(error):
            raise
    if lock is None:
        # A full or read-only disk: the build says so in its own line, lock or not.
        yield
        return
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Un'altra costruzione del sito è in corso: aspetto che finisca…", flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def ignore_ctrl_c():
    """In the build's process, before Pelican starts: Ctrl+C there would end in Pelican's
    English line, or a traceback while it imports, and an exit code of 0."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def find_chromium():
    """The Chromium executable for browser tests: $CHROMIUM_PATH, else the usual places."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if Path(configured).is_file() else None
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def build_preview(policy=None):
    """Build the author's preview into anteprima/ with the development settings, letting the
    dev server's live-reload snippet run (`policy`: its settings, else found from livereload),
    so the pages work the same whether the server or `invoke build` built them."""
    if policy is None:
        policy = live_reload_policy(live_reload_snippet())
    return pelican(DEV_SETTINGS, "--output", str(PREVIEW), *policy)


@task
def build(c):
    """Build the site once into anteprima/ (the preview) with the development settings."""
    try:
        code = build_preview()
    except KeyboardInterrupt:
        raise Exit("Costruzione annullata (Ctrl+C).", code=130) from None
    if code == FAULT_EXIT:
        raise Exit(code=1)  # the build's own line says which disk and what to do
    if code != 0:
        raise Exit("La costruzione del sito non è riuscita: leggi i messaggi qui sopra.", code=1)


@task(
    help={
        "upload": "Then mirror output/ to PUBLISH_RSYNC_TARGET (publishconf.py) with rsync",
        "dry_run": "With --upload: build and check, list what would change on the host, "
        "change nothing",
    }
)
def publish(c, upload=False, dry_run=False):
    """Build for readers with publishconf.py, check it, swap it into output/; --upload: rsync it."""
    from pelican.settings import read_settings

    from publishing import staging_folder

    settings = read_settings(str(ROOT / PUBLISH_SETTINGS))
    siteurl, target = settings["SITEURL"], settings.get("PUBLISH_RSYNC_TARGET") or ""
    rsync = shutil.which("rsync")
    # Everything an upload needs is checked before a build that takes a while.
    if dry_run and not upload:
        raise Exit("--dry-run si usa con --upload:  invoke publish --upload --dry-run", code=1)
    if upload and not target:
        raise Exit(RSYNC_TARGET_HELP, code=1)
    if upload and rsync is None:
        raise Exit(RSYNC_HELP, code=1)
    if validator.missing_tools():
        raise Exit(validator.missing_tools(), code=1)
    untouched = f"{OUTPUT.name}/ non è stato toccato: il sito pubblicato resta quello di prima."
    if upload:
        untouched += f" Nulla è stato caricato su {target}."
    staging = staging_folder(OUTPUT)
    try:
        shutil.rmtree(staging, ignore_errors=True)
        rehearsal = (rsync, target) if dry_run else None
        interrupted = publish_aside(staging, siteurl, untouched, rehearsal)
    except KeyboardInterrupt:
        raise Exit(f"Pubblicazione interrotta (Ctrl+C). {untouched}", code=130) from None
    except OSError as error:
        if not is_machine_fault(error):
            raise
        raise Exit(f"{fault_message(error)} {untouched}", code=1) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if dry_run:
        return
    print(f"Pubblicato in {OUTPUT.name}/ per {siteurl}: link, HTML e feed controllati.")
    if interrupted:
        # Ctrl+C during the swap waited for its end; the upload is what it stops.
        raise Exit(
            "Ctrl+C ricevuto durante lo scambio, che ho completato."
            + (f" Nulla è stato caricato su {target}." if upload else ""),
            code=130,
        )
    if upload:
        upload_output(rsync, target)


def publish_aside(staging, siteurl, untouched, rehearsal):
    """Build into `staging`, check it, then swap it into output/ (or, for a `rehearsal`
    (rsync, target), compare it with the host). Any failure leaves output/ as it was.

    True when Ctrl+C came during the swap, which it does not stop.
    """
    from blog_core import check_site
    from publishing import ctrl_c_held, probe_writable, swap_into_place

    where = f"{OUTPUT.name}/"
    # A read-only output/ (or project) is refused now, not after a build that takes a while.
    for folder, name in [(OUTPUT.parent, "la cartella del progetto"), (OUTPUT, where)]:
        try:
            if folder.is_dir():
                probe_writable(folder)
        except OSError as error:
            if not is_machine_fault(error):
                raise
            raise Exit(f"{fault_message(error, name)} {untouched}", code=1) from None
    code = pelican(PUBLISH_SETTINGS, "--output", str(staging), fault_note=untouched)
    if code == FAULT_EXIT:
        raise Exit(code=1)  # the build's one line names the disk, what to do, and output/
    if code != 0:
        raise Exit(f"La pubblicazione non è riuscita (messaggi qui sopra). {untouched}", code=1)
    problems = check_site(staging, siteurl)
    if problems:
        print("\n".join(problems))
        raise Exit(
            f"Il sito costruito ha {len(problems)} problemi, elencati qui sopra. {untouched}",
            code=1,
        )
    if rehearsal:
        # The checked build, compared with the host while it is still aside: a rehearsal.
        preview_upload(*rehearsal, staging)
        return False
    try:
        with ctrl_c_held() as interrupted:
            swap_into_place(staging, OUTPUT)
    except OSError as error:
        if not is_machine_fault(error):
            raise
        if error.errno in FULL:
            # Into a mount point the new site is copied while the old one is still there.
            where += " (durante lo scambio un volume contiene due copie del sito)"
        raise Exit(f"{fault_message(error, where)} {untouched}", code=1) from None
    return bool(interrupted)


def preview_upload(rsync, target, folder):
    """List what `invoke publish --upload` would change on the host; change nothing."""
    from publishing import count_changes, rsync_command

    command = rsync_command(rsync, folder, target, dry_run=True)
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    print(result.stdout, end="")
    unchanged = f"Nulla è stato cambiato, né in {OUTPUT.name}/ né su {target}."
    if result.returncode != 0:
        raise Exit(
            f"rsync non raggiunge {target} (codice {result.returncode}, messaggi qui sopra): "
            f"controlla PUBLISH_RSYNC_TARGET e l'accesso ssh. {unchanged}",
            code=1,
        )
    sent, deleted = count_changes(result.stdout)
    print(
        f"Prova riuscita: link, HTML e feed controllati. Per {target}: {sent} file da "
        f"caricare, {deleted} da cancellare (elenco qui sopra). {unchanged}"
    )


def upload_output(rsync, target):
    """Mirror output/ to the host; a failure leaves output/ published here and says so."""
    from publishing import rsync_command

    result = subprocess.run(rsync_command(rsync, OUTPUT, target), check=False)
    if result.returncode != 0:
        raise Exit(
            f"{OUTPUT.name}/ è pubblicato qui, ma l'host non è stato aggiornato: rsync verso "
            f"{target} si è fermato con il codice {result.returncode} (messaggi qui sopra). "
            "Controlla PUBLISH_RSYNC_TARGET e l'accesso ssh, poi rilancia "
            "invoke publish --upload.",
            code=1,
        )
    print(f"Caricato su {target}: l'host ha gli stessi file di {OUTPUT.name}/ (tranne _headers).")


@task
def check(c):
    """Check everything the publish build checks (content, links, feeds, HTML), publish nothing."""
    from pelican.settings import read_settings

    from blog_core import check_site

    if validator.missing_tools():
        raise Exit(validator.missing_tools(), code=1)
    siteurl = read_settings(str(ROOT / PUBLISH_SETTINGS))["SITEURL"]
    with tempfile.TemporaryDirectory() as folder:
        code = pelican(PUBLISH_SETTINGS, "--output", folder)
        if code == FAULT_EXIT:
            raise Exit(code=1)  # the build's own line says which disk and what to do
        if code != 0:
            raise Exit("Ci sono problemi da correggere, elencati qui sopra (file:riga).", code=1)
        problems = check_site(folder, siteurl)
    if problems:
        print("\n".join(problems))
        raise Exit(f"Il sito costruito ha {len(problems)} problemi, elencati qui sopra.", code=1)
    print("Nessun problema: il sito si può pubblicare.")


@task
def install_validator(c):
    """Install the pinned Nu Html Checker (vnu.jar) into .venv, for publishing and the tests."""
    print(f"Nu Html Checker {validator.VNU_VERSION}: {validator.install()}")


@task
def clean(c):
    """Remove the built sites, output/ and anteprima/."""
    shutil.rmtree(OUTPUT, ignore_errors=True)
    shutil.rmtree(PREVIEW, ignore_errors=True)


def site_files_handler(shown=None):
    """Tornado's handler for the files of anteprima/, with the site's own page (404.html, in
    Italian) for an address that has none, instead of Tornado's English "404: Not Found".

    `shown`: a ShownPages that gets each page asked for, which the next build writes first.
    """
    from livereload.handlers import StaticFileHandler

    class SiteFiles(StaticFileHandler):
        async def get(self, path, include_body=True):
            name = page_name(path)
            if shown is not None and name:
                shown.add(name)
            await super().get(path, include_body)

        def write_error(self, status_code, **kwargs):
            page = Path(self.root) / NOT_FOUND_PAGE
            if status_code == 404 and page.is_file():
                self.set_header("Content-Type", "text/html; charset=UTF-8")
                self.finish(page.read_bytes())
                return
            super().write_error(status_code, **kwargs)

    return SiteFiles


class ShownPages:
    """The pages the browsers have open, as output names (`index.html`, `saldi/index.html`):
    the last few asked for. Filled by the server's thread, read by the builds'."""

    def __init__(self, keep=4):
        self.pages = deque(maxlen=keep)
        self.lock = threading.Lock()

    def add(self, name):
        with self.lock:
            with suppress(ValueError):
                self.pages.remove(name)
            self.pages.append(name)

    def names(self):
        with self.lock:
            return list(self.pages)


def page_name(path):
    """The file in anteprima/ an address names when it is a page (`saldi/` is saldi/index.html),
    else None."""
    path = path.split("?", 1)[0].lstrip("/")
    if path == "" or path.endswith("/"):
        return path + "index.html"
    return path if path.endswith(".html") else None


def quiet_server_logs():
    """Only the server's warnings and errors: its English lines for each request, browser and
    reload ("Browser Connected", "Serving on") say nothing an author needs."""
    import logging

    from tornado.log import LogFormatter

    channel = logging.StreamHandler()
    channel.setFormatter(LogFormatter())
    for name in ("livereload", "tornado"):
        logging.getLogger(name).setLevel(logging.WARNING)
        logging.getLogger(name).addHandler(channel)
    # A missing address is a warning there; the reader sees the site's 404 page.
    logging.getLogger("tornado.access").setLevel(logging.ERROR)


@task(help={"port": "Port to listen on (8000)", "host": "Address to listen on (localhost)"})
def serve(c, port=8000, host="localhost"):
    """Build, then serve anteprima/ at http://localhost:8000 without live reload."""
    from tornado.ioloop import IOLoop
    from tornado.web import Application

    build(c)
    quiet_server_logs()
    files = {"path": str(PREVIEW), "default_filename": "index.html"}
    Application([(r"/(.*)", site_files_handler(), files)]).listen(int(port), address=host)
    print(f"Sito pronto su http://{host}:{port}/  (Ctrl+C per fermare)", flush=True)
    try:
        IOLoop.current().start()
    except KeyboardInterrupt:
        print("Server fermato.")


def inline_script_source(script_element):
    """The CSP source that lets exactly this inline <script>…</script> run: 'sha256-…'."""
    text = script_element.split(b">", 1)[1].rsplit(b"</script>", 1)[0]
    return "'sha256-" + base64.b64encode(hashlib.sha256(text).digest()).decode() + "'"


def live_reload_policy(script_element):
    """The build settings that let the dev server's injected snippet run (by its hash)."""
    setting = json.dumps(inline_script_source(script_element))
    return ["--extra-settings", f"LIVE_RELOAD_SCRIPT={setting}"]


class _Snippet(Exception):
    pass


def live_reload_snippet():
    """The inline <script> livereload's server injects into every page, without serving: its
    server makes it, then asks for its handlers, before it listens on any port."""
    from livereload import Server
    from livereload.watcher import Watcher

    class Probe(Server):
        def get_web_handlers(self, script):
            raise _Snippet(script)

    try:
        Probe(watcher=Watcher()).application(port=0, host="localhost")
    except _Snippet as found:
        return found.args[0]
    raise RuntimeError("livereload did not make its snippet")  # a livereload we do not know


def watched(path):
    """What a change to `path` asks for: "code" (the plugins or the settings, which the build
    process has imported: a new process builds), "site" (content/, theme/) or None."""
    try:
        relative = Path(path).relative_to(ROOT)
    except ValueError:
        return None
    if any(part.startswith(".") for part in relative.parts):
        return None  # a file being written (invoke new-post's, an editor's), or a cache
    if relative.parts[0] in WATCHED_FOLDERS:
        return "site"
    if relative == Path(DEV_SETTINGS) or (relative.parts[0] == "plugins" and path.endswith(".py")):
        return "code"
    return None


class BuildProcess:
    """The dev server's build process (blog_core.dev_session), started when first needed; a new
    one after a change to the plugins or the settings, or after it ended in the middle."""

    def __init__(self, policy):
        self.policy = policy
        self.process = None

    def start(self):
        events, events_end = os.pipe()
        handler = "rich" if sys.stdout.isatty() else "plain"
        options = ["--settings", DEV_SETTINGS, "--output", str(PREVIEW), "--log-handler", handler]
        path = [str(ROOT / "plugins"), os.environ.get("PYTHONPATH", "")]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "blog_core.dev_session", str(events_end)]
            + options
            + self.policy,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            text=True,
            pass_fds=(events_end,),
            env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, path))},
            # Ctrl+C is the server's: it ends this process itself.
            preexec_fn=ignore_ctrl_c,
        )
        os.close(events_end)
        self.events = os.fdopen(events, encoding="utf-8")

    def stop(self):
        """End the process: at once when it is building, else once it has read its last line."""
        if self.process is None:
            return
        process, self.process = self.process, None
        with suppress(OSError):
            process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        self.events.close()

    def build(self, changed=(), pages=(), on_first_pages=None):
        """One build: the pages of the `changed` files and the `pages` shown first (then
        on_first_pages(complete), once: complete is False when the saved pages were rendered
        ahead of the build, which then rewrites them), then the rest. True when it ended
        without a stop."""
        if self.process is None or self.process.poll() is not None:
            self.start()
        request = {"changed": sorted(changed), "pages": list(pages)}
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            for line in self.events:
                event = json.loads(line)
                if "first" in event and on_first_pages is not None:
                    on_first_pages(event["first"])
                if "done" in event:
                    return event["done"]
        except (OSError, ValueError):
            pass
        # Killed, out of memory: the next build starts a new process.
        print("La costruzione si è interrotta: riprovo alla prossima modifica.", flush=True)
        self.stop()
        return False


class Rebuilds:
    """The builds after each save, one at a time, in a thread of their own: the server answers
    the browser while they run. Files saved during a build make one more build, not one each."""

    def __init__(self, process, shown, reload):
        self.process = process
        self.shown = shown
        self.reload = reload
        self.changed = set()
        self.wake = threading.Condition()

    def ask(self, paths):
        with self.wake:
            self.changed.update(paths)
            self.wake.notify()

    def run(self):
        while True:
            with self.wake:
                while not self.changed:
                    self.wake.wait()
                changed, self.changed = self.changed, set()
            self.build(changed)

    def build(self, changed):
        kinds = {watched(path) for path in changed}
        if "code" in kinds:
            self.process.stop()
        # The saved articles' pages and the pages open in the browser, first: the browser
        # reloads once they are written, while the rest of the site is. Every saved file goes:
        # a page is rendered ahead of its build only when nothing but content changed.
        first = []

        def first_pages(complete):
            first.append(complete)
            self.reload("*")

        with one_build_at_a_time():
            self.process.build(changed, self.shown.names(), first_pages)
        # Again at the end, unless every page shown was written first and the rest can change
        # nothing in it (theme's files, a stylesheet, are copied at the end).
        if not (
            first
            and first[0]
            and kinds == {"site"}
            and all(Path(path).is_relative_to(ROOT / "content") for path in changed)
        ):
            self.reload(sorted(changed)[-1])


def watch_files(rebuilds, stop):
    """Hand every change to a watched file to `rebuilds`, as it happens (inotify), until `stop`."""
    from watchfiles import DefaultFilter, watch

    ignored = DefaultFilter()
    folders = [ROOT / folder for folder in (*WATCHED_FOLDERS, "plugins")]
    for changes in watch(
        *folders,
        ROOT / DEV_SETTINGS,
        watch_filter=lambda change, path: ignored(change, path) and watched(path) is not None,
        # A burst of saves (a `git checkout`) is one build: the changes of 50 ms together.
        step=50,
        stop_event=stop,
        raise_interrupt=False,
    ):
        rebuilds.ask({path for _, path in changes})


@task(help={"port": "Port to listen on (8000)", "host": "Address to listen on (localhost)"})
def livereload(c, port=8000, host="localhost"):
    """Build, serve at http://localhost:8000 and rebuild + reload the browser on every edit."""
    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from livereload.watcher import Watcher
    from tornado.ioloop import IOLoop

    class NotPolling(Watcher):
        """The files are watched by watch_files, as they change; livereload never looks."""

        def start(self, callback):
            return True

    shown = ShownPages()
    process = BuildProcess([])
    stop = threading.Event()

    class LiveReloadServer(Server):
        def get_web_handlers(self, script):
            # The server injects `script`, an inline snippet that loads its client, into every
            # page; the pages' own policy (script-src 'none') would stop it. So the pages are
            # built once the snippet is known, letting exactly it (by hash) and what it loads run.
            process.policy = live_reload_policy(script)
            with one_build_at_a_time():
                process.build()
            loop = IOLoop.current()

            def reload(path):
                loop.add_callback(LiveReloadHandler.reload_waiters, path)

            rebuilds = Rebuilds(process, shown, reload)
            threading.Thread(target=rebuilds.run, daemon=True).start()
            threading.Thread(target=watch_files, args=(rebuilds, stop), daemon=True).start()
            print(
                f"Sito pronto su http://{host}:{port}/  "
                "(si aggiorna a ogni modifica; Ctrl+C per fermare)",
                flush=True,
            )
            return super().get_web_handlers(script)

        def _setup_logging(self):
            quiet_server_logs()

    server = LiveReloadServer(watcher=NotPolling())
    server.SFH = site_files_handler(shown)
    try:
        # Ctrl+C during the first build reaches here; at any other moment the server's own
        # catch stops it.
        with suppress(KeyboardInterrupt):
            server.serve(host=host, port=int(port), root=str(PREVIEW), open_url_delay=None)
    finally:
        stop.set()
        if process.process is not None:
            process.process.terminate()
        process.stop()
    print("Server fermato.")


SETUP_QUESTIONS = [
    # (answer, the question, the flag; required)
    ("site_name", "Nome del sito", "--nome-sito", True),
    ("tagline", "Sottotitolo (una frase su cosa trovano i lettori)", "--sottotitolo", True),
    ("siteurl", "Indirizzo pubblico del sito (https://…)", "--indirizzo", True),
    ("name", "Ragione sociale dell’impresa", "--ragione-sociale", True),
    ("vat_number", "Partita IVA", "--partita-iva", True),
    ("address", "Sede (via, CAP, città)", "--sede", True),
    ("email", "Email di contatto", "--email", True),
    ("pec", "PEC (facoltativa, Invio per saltare)", "--pec", False),
    ("author", "Il primo autore: nome e cognome", "--autore", True),
    ("role", "Il suo ruolo (per esempio «Titolare»)", "--ruolo", True),
    (
        "newsletter_provider",
        "Servizio della newsletter (mailchimp, brevo, mailerlite, "
        "buttondown, listmonk, generic; Invio per dopo)",
        "--newsletter-provider",
        False,
    ),
]


def setup_problems(answers):
    """What is wrong in the answers, one Italian line each."""
    from blog_core import SettingError, is_web_address
    from go_live_checks.checks import provider_host, reserved_hosts, vat_number_problem
    from newsletter.providers import signup_form

    problems = []
    if not is_web_address(answers.siteurl, schemes=("https",)):
        problems.append(f"--indirizzo: «{answers.siteurl}» non è un indirizzo https:// completo.")
    if vat := vat_number_problem(answers.vat_number):
        problems.append(f"--partita-iva: {vat}")
    for flag, value in (("--email", answers.email), ("--pec", answers.pec)):
        if value and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            problems.append(f"{flag}: «{value}» non è un indirizzo email.")
    for flag, value in (("--indirizzo", answers.siteurl), ("--email", answers.email)):
        if reserved_hosts(value):
            problems.append(f"{flag}: «{value}» è un indirizzo di esempio, metti quello vero.")
    if answers.newsletter_provider:
        try:
            signup_form(
                answers.newsletter_provider,
                answers.newsletter_action or None,
                answers.newsletter_ids,
                answers.newsletter_fields,
                answers.newsletter_unsubscribe_tag or None,
            )
        except SettingError as error:
            problems.append(f"newsletter: {error}")
        if provider_host(answers.newsletter_action):
            problems.append("--newsletter-indirizzo: è un indirizzo di esempio.")
    return problems


@task(
    help={
        "nome_sito": "Il nome del sito",
        "sottotitolo": "Una frase su cosa trovano i lettori",
        "indirizzo": "L’indirizzo pubblico, https://…",
        "ragione_sociale": "La ragione sociale dell’impresa",
        "partita_iva": "La partita IVA (11 cifre)",
        "sede": "La sede legale",
        "email": "L’email di contatto",
        "pec": "La PEC (facoltativa)",
        "autore": "Nome e cognome del primo autore",
        "ruolo": "Il suo ruolo",
        "bio": "Due o tre righe sul primo autore (se no, da scrivere nella sua scheda)",
        "newsletter_provider": "mailchimp, brevo, mailerlite, buttondown, listmonk o generic",
        "newsletter_indirizzo": "L’indirizzo a cui il modulo invia (NEWSLETTER_ACTION_URL)",
        "newsletter_ids": "Gli identificativi del servizio, chiave=valore separati da virgole",
        "newsletter_disiscrizione": "Solo per generic: il tag di disiscrizione del servizio",
        "rimuovi_esempi": "Toglie articoli, schede e immagini dell’esempio (le pagine restano)",
        "si": "Nessuna domanda: usa solo le opzioni date",
    }
)
def setup(
    c,
    nome_sito="",
    sottotitolo="",
    indirizzo="",
    ragione_sociale="",
    partita_iva="",
    sede="",
    email="",
    pec="",
    autore="",
    ruolo="",
    bio="",
    newsletter_provider="",
    newsletter_indirizzo="",
    newsletter_ids="",
    newsletter_disiscrizione="",
    rimuovi_esempi=False,
    si=False,
):
    """Fai tuo il sito: nome, indirizzo, dati dell’impresa, primo autore, newsletter."""
    from go_live_checks.sample import shipped_files_in
    from site_setup import SiteAnswers, apply_setup

    given = {
        "site_name": nome_sito,
        "tagline": sottotitolo,
        "siteurl": indirizzo.rstrip("/"),
        "name": ragione_sociale,
        "vat_number": partita_iva.replace(" ", ""),
        "address": sede,
        "email": email,
        "pec": pec,
        "author": autore,
        "role": ruolo,
        "newsletter_provider": newsletter_provider,
    }
    ask = not si and sys.stdin.isatty()
    missing = []
    for key, question, flag, required in SETUP_QUESTIONS:
        while ask and not given[key].strip():
            given[key] = input(f"{question}: ").strip()
            if not required:
                break
        if required and not given[key].strip():
            missing.append(flag)
    if missing:
        raise Exit(f"Mancano: {', '.join(missing)} (invoke setup --help le spiega).", code=1)
    provider = given["newsletter_provider"]
    ids = dict(part.split("=", 1) for part in newsletter_ids.split(",") if "=" in part)
    answers = SiteAnswers(
        **given,
        bio=bio,
        newsletter_action=newsletter_indirizzo,
        newsletter_ids=ids,
        newsletter_unsubscribe_tag=newsletter_disiscrizione,
        newsletter_fields=(
            {"email": "email", "consent": "consenso", "honeypot": "sito_web"}
            if provider == "generic"
            else {}
        ),
    )
    problems = setup_problems(answers)
    if problems:
        raise Exit("Da correggere, poi rilancia:\n  " + "\n  ".join(problems), code=1)
    from pelican.settings import read_settings

    from author_bios import bio_path_for

    bio_file = bio_path_for(read_settings(str(ROOT / DEV_SETTINGS)), answers.author)
    shipped = shipped_files_in(ROOT / "content")
    done = apply_setup(ROOT, answers, shipped, bio_file, remove_sample=rimuovi_esempi)
    for line in done:
        print(f"Scritto {line}")
    print(
        "Fatto. Prima di pubblicare: completa le pagine (make check elenca cosa resta, per "
        "esempio nell’informativa privacy), scrivi il primo articolo (invoke new-post), poi "
        "make publish."
    )


# What a title is when it was meant as a request for help: `invoke new-post --help` once wrote
# content/articles/-help.md.
HELP_REQUESTS = ("-h", "--help", "-help")
NEW_POST_HELP = """Uso:  .venv/bin/invoke new-post --title "Il titolo dell'articolo" [altre opzioni]

Crea content/articles/<indirizzo>.md, con tutti i campi già compilati e la data di adesso, da
completare con il testo. Non sostituisce mai un file che esiste già.

Opzioni:
  --title "…"      il titolo, tra virgolette (obbligatorio); non può iniziare con «-»
  --author "…"     chi lo firma; più autori separati da virgole (se manca: {author})
  --category "…"   la categoria (se manca: {category})
  --tags "a, b"    i tag, separati da virgole (se manca: {tags})
  --summary "…"    una frase o due per le anteprime e i motori di ricerca (se manca: il titolo)
  --draft          è una bozza: resta fuori dal sito finché c'è la riga «Status: draft»
  --folder …       dove scrivere il file (se manca: content/articles)
  --help           mostra questo aiuto; non scrive nulla

Esempio:
  .venv/bin/invoke new-post --title "Instagram per il forno" --tags "instagram, pmi\""""
NEW_POST_CATEGORY = "Strategia digitale"
NEW_POST_TAGS = "pmi"


def new_post_help():
    from pelican.settings import read_settings

    author = default_author(read_settings(str(ROOT / DEV_SETTINGS)))
    return NEW_POST_HELP.format(author=author, category=NEW_POST_CATEGORY, tags=NEW_POST_TAGS)


# Invoke prints its own per-task help in English ("Usage:", "Options:") for `invoke new-post
# --help`, `-h` and `invoke --help new-post`: a task named here prints its Italian help instead.
ITALIAN_TASK_HELP = {"new-post": new_post_help}
_invoke_task_help = Program.print_task_help


def print_task_help(program, name):
    if name in ITALIAN_TASK_HELP:
        print(ITALIAN_TASK_HELP[name]())
    else:
        _invoke_task_help(program, name)


Program.print_task_help = print_task_help


def bio_names(settings):
    """The Name of each author's bio in content/<AUTHOR_BIOS_PATH>/, in file-name order; a bio
    counts when its file is named after its Name, as the build matches them."""
    from author_bios import bio_path_for
    from blog_core import read_header, read_source

    folder = Path(settings["PATH"]) / settings.get("AUTHOR_BIOS_PATH", "authors")
    names = []
    for bio in sorted(folder.glob("*.md")):
        text, _ = read_source(bio)
        name = next((entry.value for entry in read_header(text or "") if entry.key == "name"), "")
        if name and Path(bio_path_for(settings, name)) == bio:
            names.append(name)
    return names


def default_author(settings):
    """Who signs a new post: AUTHOR if it has a bio, else the first author with one (a post
    by an author without a bio cannot be published), else AUTHOR."""
    names = bio_names(settings)
    configured = settings.get("AUTHOR") or ""
    if configured in names or not names:
        return configured or "Redazione"
    return names[0]


def write_new_file(path, text):
    """Write `path` whole or not at all: the dev server rebuilds on any change in content/, and
    must never publish half a file. The text goes to a hidden file beside it (Pelican skips
    dot files), which is then renamed in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, prefix=".", suffix=".nuovo", delete=False
    ) as draft:
        draft.write(text)
    try:
        os.replace(draft.name, path)
    except OSError:
        os.unlink(draft.name)
        raise


@task(
    help={
        "title": "Il titolo dell'articolo (obbligatorio)",
        "author": "Chi lo firma (se manca: il primo autore con una scheda in content/authors)",
        "category": f"La categoria (se manca: {NEW_POST_CATEGORY})",
        "tags": f"I tag, separati da virgole (se manca: {NEW_POST_TAGS})",
        "summary": "Una frase o due per le anteprime e i motori di ricerca",
        "draft": "È una bozza: resta fuori dal sito finché c'è «Status: draft»",
        "folder": "Dove scrivere il file (se manca: content/articles)",
    }
)
def new_post(
    c,
    title="",
    author="",
    category=NEW_POST_CATEGORY,
    tags=NEW_POST_TAGS,
    summary="",
    draft=False,
    folder=str(ARTICLES),
):
    """Create content/articles/<slug>.md with every field filled in and today's date."""
    from pelican.settings import read_settings

    from author_bios import bio_path_for
    from blog_core import site_zone, slug_for_title

    # `invoke new-post -- --help`: what follows `--` reaches the task as c.remainder.
    extra = c.remainder.strip()
    if title.strip() in HELP_REQUESTS or extra in HELP_REQUESTS:
        print(new_post_help())
        return
    if extra and title:
        raise Exit(f"Non so che cosa fare di «{extra}»: il titolo va dopo --title.", code=1)
    title = (title or extra).strip()
    if not title:
        print(new_post_help())
        raise Exit("\nManca il titolo: scrivilo dopo --title, tra virgolette.", code=1)
    if title.startswith("-"):
        raise Exit(
            f"Il titolo «{title}» inizia con «-», come un'opzione scritta male: non ho creato "
            'nulla. Scrivi il titolo senza «-» davanti, per esempio --title "Il mio articolo" '
            "(l'aiuto: .venv/bin/invoke new-post --help).",
            code=1,
        )
    settings = read_settings(str(ROOT / DEV_SETTINGS))
    author = author.strip() or default_author(settings)
    slug = slug_for_title(title, settings)
    if not slug:
        raise Exit("Il titolo non contiene lettere o numeri: scegli un titolo diverso.", code=1)
    path = Path(folder) / f"{slug}.md"
    if path.exists():
        raise Exit(f"{path} esiste già: scegli un titolo diverso.", code=1)
    now = datetime.now(site_zone(settings))
    header = [
        f"Title: {title}",
        f"Date: {now:%Y-%m-%d %H:%M}",
        f"Category: {category}",
        f"Tags: {tags}",
        f"Author: {author}",
        f"Summary: {summary or title}",
    ]
    if draft:
        header.append("Status: draft")
    body = (
        "Scrivi qui il testo dell'articolo, in Markdown.\n\n## Un sottotitolo\n\nE poi il resto.\n"
    )
    write_new_file(path, "\n".join(header) + "\n\n" + body)
    if draft:
        print(f"Creato {path}: è una bozza, non sarà pubblicata finché c'è 'Status: draft'.")
    else:
        print(f"Creato {path}: sarà pubblicato su /{slug}/")
    for name in (part.strip() for part in author.split(",")):
        bio = Path(bio_path_for(settings, name))
        if name and not bio.exists():
            print(
                f"Nota: {name} non ha ancora una scheda autore. Crea {bio.relative_to(ROOT)} "
                "(vedi il README) prima di pubblicare: senza, la pubblicazione si ferma."
            )


@task(
    positional=["export"],
    help={
        "export": "Il file .xml esportato da WordPress (Strumenti → Esporta → Tutti i contenuti)",
        "uploads": "La cartella wp-content/uploads copiata dal vecchio sito, per le immagini",
        "dry_run": "Mostra che cosa farebbe, senza scrivere nulla",
        "force": "Sostituisce i file già importati (le schede autore mai)",
    },
)
def import_wordpress(c, export=None, uploads="", dry_run=False, force=False):
    """Import a WordPress export: articles, pages, bios, approved comments, images, redirects."""
    from pelican.settings import read_settings

    from blog_core import slug_for_title
    from blog_core.content_files import outside, symlink_in
    from wordpress_import import read_export
    from wordpress_import.files import new_addresses, plan_import
    from wordpress_import.report import Outcome, report
    from wordpress_import.wxr import ExportError

    export = export or c.remainder.strip()
    if not export:
        raise Exit(
            "Manca il file: .venv/bin/invoke import-wordpress esportazione.xml "
            "[--uploads cartella/wp-content/uploads] [--dry-run] [--force]",
            code=1,
        )
    source = Path(export)
    try:
        data = source.read_bytes()
    except OSError as error:
        raise Exit(f"Non riesco a leggere {source}: {error.strerror}.", code=1) from None
    try:
        wxr = read_export(data)
    except ExportError as error:
        raise Exit(f"{source}: {error}", code=1) from None
    if uploads and not Path(uploads).is_dir():
        raise Exit(
            f"La cartella {uploads} non esiste: indica con --uploads la cartella "
            "wp-content/uploads copiata dal vecchio sito (quella con le cartelle degli anni, "
            "2023, 2024…).",
            code=1,
        )
    settings = read_settings(str(ROOT / DEV_SETTINGS))
    content = Path(settings["PATH"]).resolve()
    new_urls = new_addresses(settings)
    plan = plan_import(wxr, lambda text: slug_for_title(text, settings), new_urls)
    outcome = Outcome()
    for planned in plan.files:
        target = content / planned.place
        if outside(str(content), planned.place) or symlink_in(str(content), planned.place):
            outcome.refused.append((planned.place, "porterebbe fuori da content/: non scritto"))
            continue
        if target.exists():
            if target.read_text(encoding="utf-8", errors="replace") == planned.text:
                outcome.unchanged.append(planned.place)
                continue
            if planned.kind == "bio":
                outcome.kept.append((planned.place, "la scheda autore c'è già: lasciata com'è"))
                continue
            if not force:
                outcome.kept.append(
                    (planned.place, "esiste già ed è diverso: non l'ho sostituito (--force lo fa)")
                )
                continue
        outcome.written.append((planned.place, planned.kind))
        outcome.fixes.extend((planned.place, line, message) for line, message in planned.notes)
        if not dry_run:
            write_new_file(target, planned.text)
    write_redirects(plan, content, new_urls["FEED"], force, dry_run, outcome)
    images = import_images(plan, content, Path(uploads) if uploads else None, force, dry_run)
    outcome.written.extend((place, "image") for place in images["written"])
    outcome.unchanged.extend(images["unchanged"])
    outcome.missing_images.extend(images["missing"])
    outcome.refused.extend(images["refused"])
    outcome.kept.extend(images["kept"])
    extra = []
    if plan.images and not uploads:
        extra.append(
            f"Immagini non copiate ({len(plan.images)}): indica la cartella degli upload con "
            "--uploads percorso/wp-content/uploads."
        )
    print("\n".join(report(source, plan, outcome, wxr.removed_characters, dry_run, extra)))


def write_redirects(plan, content, feed, force, dry_run, outcome):
    """content/redirects.yaml (the old addresses' pages) and the nginx and Apache rules for
    what a static host cannot redirect, beside content/."""
    from wordpress_import.server_rules import apache_rules, nginx_rules, redirects_yaml

    files = (
        (content / "redirects.yaml", redirects_yaml(plan.redirects), "redirects"),
        (content.parent / "wordpress-nginx.conf", nginx_rules(plan.ids, "/" + feed), "rules"),
        (content.parent / "wordpress-apache.conf", apache_rules(plan.ids, "/" + feed), "rules"),
    )
    for path, text, kind in files:
        shown = path.relative_to(content) if kind == "redirects" else Path("..", path.name)
        if path.is_symlink():
            outcome.refused.append((shown.as_posix(), "è un collegamento simbolico: non scritto"))
        elif path.exists() and path.read_text(encoding="utf-8", errors="replace") == text:
            outcome.unchanged.append(shown.as_posix())
        elif path.exists() and not force:
            outcome.kept.append(
                (shown.as_posix(), "esiste già ed è diverso: non l'ho sostituito (--force lo fa)")
            )
        else:
            outcome.written.append((shown.as_posix(), kind))
            if not dry_run:
                write_new_file(path, text)


def import_images(plan, content, uploads, force, dry_run):
    """Copy each image the imported files use from `uploads` to its old place under content/."""
    from blog_core.content_files import outside, symlink_in

    done = {"written": [], "unchanged": [], "missing": [], "refused": [], "kept": []}
    if uploads is None:
        return done
    uploads = uploads.resolve()
    for place, item in sorted(plan.images.items(), key=lambda pair: pair[0]):
        relative = place.removeprefix("wp-content/uploads/")
        origin = uploads / relative
        if outside(str(uploads), relative) or symlink_in(str(uploads), relative):
            done["refused"].append((place, "l'immagine porta fuori dalla cartella degli upload"))
            continue
        if not origin.is_file():
            user = next((p.place for p in plan.files if place in p.text), f"il post {item.id}")
            done["missing"].append((place, user))
            continue
        target = content / place
        if outside(str(content), place) or symlink_in(str(content), place):
            done["refused"].append((place, "porterebbe fuori da content/: non copiata"))
            continue
        if target.exists() and target.read_bytes() == origin.read_bytes():
            done["unchanged"].append(place)
            continue
        if target.exists() and not force:
            done["kept"].append((place, "c'è già un'altra immagine: non l'ho sostituita"))
            continue
        done["written"].append(place)
        if not dry_run:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origin, target)
    return done


@task(
    help={
        "week": "The week as YYYY-WW, the ISO year and week of the Friday it closes "
        "(default: the week under way)"
    }
)
def newsletter(c, week=""):
    """Print this week's (or --week's) digest: its subject, articles and files; builds nothing."""
    from pelican.settings import read_settings

    from blog_core import BlogPelican, plain_text
    from newsletter import week_summary

    # The publish settings, so the addresses are the public ones; the site is read, not written.
    generators = BlogPelican(read_settings(str(ROOT / PUBLISH_SETTINGS))).read()
    try:
        summary = week_summary(generators, week)
    except ValueError:
        raise Exit(
            f"--week {week}: scrivi la settimana come anno-numero, per esempio 2026-47.", code=1
        ) from None
    title = f"settimana {summary.week.id} ({summary.period})"
    digest = summary.digest
    if digest is None:
        print(f"La {title} non ha articoli: non c'è nessuna newsletter da inviare.")
        return
    count = len(digest.articles)
    print(f"Newsletter della {title}: {count} articol{'o' if count == 1 else 'i'}")
    print(f"Oggetto:     {digest.subject}")
    for article in digest.articles:
        print(f"  · {plain_text(article.title)}")
    folder = OUTPUT.relative_to(ROOT)
    print(
        f"Email HTML:  {folder / digest.email_save_as}  "
        "(dopo make publish: da incollare nell'editor HTML del servizio)"
    )
    print(f"Solo testo:  {folder / digest.text_save_as}")
    print(f"Sul sito:    {summary.site_url}")


# `invoke comments-sync` asks Isso's /latest for this many approved comments: all of them.
ISSO_ALL_COMMENTS = 1_000_000
ISSO_TIMEOUT = 20
ISSO_UNTOUCHED = "Non ho cambiato nessun file."


def isso_json(server, path):
    """Isso's JSON answer to GET `server` + `path`, or Exit with an Italian message."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(server.rstrip("/") + path, timeout=ISSO_TIMEOUT) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        hint = (
            " Controlla l'indirizzo e che la configurazione di Isso abbia «latest-enabled = true»"
            " in [general]."
            if error.code == 404 and path.startswith("/latest")
            else ""
        )
        raise Exit(
            f"Il server Isso {server} ha risposto con l'errore {error.code} a {path.split('?')[0]}."
            f"{hint} {ISSO_UNTOUCHED}",
            code=1,
        ) from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        if isinstance(reason, ConnectionRefusedError):
            reason = "connessione rifiutata"
        elif isinstance(reason, TimeoutError):
            reason = f"nessuna risposta entro {ISSO_TIMEOUT} secondi"
        raise Exit(
            f"Non riesco a raggiungere il server Isso {server} ({reason}): è avviato? "
            f"L'indirizzo è giusto (--server o COMMENTS_ISSO_URL)? {ISSO_UNTOUCHED}",
            code=1,
        ) from None
    try:
        return json.loads(body)
    except ValueError:
        raise Exit(
            f"Il server Isso {server} non ha risposto con i dati attesi (JSON) a "
            f"{path.split('?')[0]}: è davvero Isso? {ISSO_UNTOUCHED}",
            code=1,
        ) from None


def article_slugs(settings):
    """The slugs of the site's published articles and translations, read as a build reads them."""
    from pelican.generators import ArticlesGenerator

    from blog_core import BlogPelican, BuildStopped

    try:
        generators = BlogPelican(settings).read()
    except BuildStopped as stop:
        raise Exit(f"{stop} {ISSO_UNTOUCHED}", code=1) from None
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    return {article.slug for article in [*articles.articles, *articles.translations]}


def shown_path(path):
    path = Path(path)
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def sync_comment_file(settings, slug, comments):
    """Append the new ones of `comments` to content/<COMMENTS_PATH>/<slug>.yaml; print what
    happened; False when the file was refused."""
    from blog_core import read_source, site_zone
    from blog_core.content_files import outside, symlink_in
    from comments.sync import MergeRefused, merge

    content = os.path.realpath(settings["PATH"])
    relative = f"{str(settings.get('COMMENTS_PATH') or 'comments').strip('/')}/{slug}.yaml"
    path = Path(content) / relative
    shown = shown_path(path)
    if symlink_in(content, relative) or outside(content, relative):
        print(f"{shown}: è un collegamento simbolico o porta fuori da content/: non lo tocco.")
        return False
    existing, bom = None, False
    if path.exists():
        if not path.is_file():
            print(f"{shown}: non è un file: non lo tocco.")
            return False
        existing, bad_line = read_source(path)
        if existing is None:
            print(f"{shown}:{bad_line}: non è salvato in UTF-8: salvalo in UTF-8 e riprova.")
            return False
        bom = path.read_bytes().startswith(b"\xef\xbb\xbf")
    try:
        merged, added = merge(existing, comments, site_zone(settings))
    except MergeRefused as refusal:
        where = f"{shown}:{refusal.line}" if refusal.line else shown
        print(f"{where}: {refusal} Non ho aggiunto nulla a questo file.")
        return False
    if not added:
        print(f"{shown}: nessun commento nuovo")
        return True
    write_new_file(path, ("\ufeff" if bom else "") + merged)
    count = len(added)
    print(f"{shown}: {count} comment{'o' if count == 1 else 'i'} nuov{'o' if count == 1 else 'i'}")
    return True


@task(
    help={
        "server": "L'indirizzo del server Isso, per esempio http://127.0.0.1:8091 "
        "(se manca: COMMENTS_ISSO_URL in pelicanconf.py)"
    }
)
def comments_sync(c, server=""):
    """Copy the comments approved on Isso into content/comments/<slug>.yaml, only the new ones."""
    from urllib.parse import urlencode

    from pelican.settings import read_settings

    from blog_core import is_web_address, site_zone
    from comments.sync import IssoDataError, comments_of_thread, slug_of

    settings = read_settings(str(ROOT / DEV_SETTINGS))
    server = (server or settings.get("COMMENTS_ISSO_URL") or "").strip()
    if not server:
        raise Exit(
            "Non so dove sia il server Isso: indicalo con --server http://127.0.0.1:8091 oppure "
            "con COMMENTS_ISSO_URL in pelicanconf.py.",
            code=1,
        )
    if not is_web_address(server):
        raise Exit(
            f"«{server}» non è l'indirizzo di un server: scrivilo come http://127.0.0.1:8091.",
            code=1,
        )
    latest = isso_json(server, f"/latest?limit={ISSO_ALL_COMMENTS}")
    if not isinstance(latest, list) or not all(
        isinstance(item, dict) and isinstance(item.get("uri"), str) for item in latest
    ):
        raise Exit(
            f"Il server Isso {server} non ha risposto con l'elenco dei commenti a /latest. "
            f"{ISSO_UNTOUCHED}",
            code=1,
        )
    # Every thread is fetched and read before any file is written.
    by_slug = {}
    for uri in sorted({item["uri"] for item in latest}):
        thread = isso_json(server, "/?" + urlencode({"uri": uri, "plain": 1}))
        try:
            comments = comments_of_thread(thread, site_zone(settings))
        except IssoDataError as error:
            raise Exit(
                f"Il server Isso {server} ha risposto in modo inatteso per «{uri}» ({error}). "
                f"{ISSO_UNTOUCHED}",
                code=1,
            ) from None
        by_slug.setdefault(slug_of(uri, settings["ARTICLE_URL"]), {})[uri] = comments
    if not by_slug:
        print("Sul server Isso non c'è ancora nessun commento approvato: nessun file cambiato.")
        return
    published = article_slugs(settings)
    refused = False
    for slug, threads in sorted(by_slug.items(), key=lambda item: item[0] or ""):
        if slug not in published:
            for uri in threads:
                shown = "".join(c if c.isprintable() else "?" for c in uri)  # no terminal codes
                print(f"«{shown}»: nessun articolo pubblicato ha questo indirizzo: saltato.")
            continue
        comments = sorted(
            (comment for comments in threads.values() for comment in comments),
            key=lambda comment: comment["date"],
        )
        refused = not sync_comment_file(settings, slug, comments) or refused
    if refused:
        raise Exit("Alcuni file non sono stati aggiornati: li trovi nominati qui sopra.", code=1)


@task(help={"runs": "How many builds to time (5)"})
def bench(c, runs=5):
    """Print the sample site's build time and page sizes (benchmarks/build_sample_site.py)."""
    c.run(f"{sys.executable} benchmarks/build_sample_site.py --runs {int(runs)}", pty=False)


@task
def bench_lighthouse(c):
    """Print Lighthouse's mobile scores of four page kinds (benchmarks/lighthouse.py)."""
    c.run(f"{sys.executable} benchmarks/lighthouse.py", pty=False)


@task(help={"articles": "Articles in the generated site (2000)", "runs": "Builds, best shown (3)"})
def bench_checks(c, articles=2000, runs=3):
    """Print what content_checks and link_checks cost in a large build (CPU, share of the build)."""
    command = f"benchmarks/content_checks.py --articles {int(articles)} --runs {int(runs)}"
    c.run(f"{sys.executable} {command}", pty=False)


@task(
    help={
        "articles": "Articles in the generated corpus (1000; the large part: 5 times as many)",
        "pairs": "Paired runs of each part, project then Hugo (3)",
        "seed": "The corpus's seed (7)",
        "only": "Parts to run, comma-separated: cold,warm,large,broken,edit (all)",
        "edit_args": "Options for benchmarks/dev_edit.py (the edit part), in one string",
    }
)
def bench_scale(c, articles=1000, pairs=3, seed=7, only="", edit_args=""):
    """Print cold, warm, 5x, broken-link and one-edit figures against Hugo (benchmarks/scale.py)."""
    import shlex

    command = [
        *(sys.executable, "benchmarks/scale.py"),
        *("--articles", str(int(articles)), "--pairs", str(int(pairs)), "--seed", str(int(seed))),
    ]
    if only:
        command += ["--only", only]
    if edit_args:
        command += ["--edit-args", edit_args]
    c.run(shlex.join(command), pty=False)


@task(
    help={
        "articles": "Articles in the generated project (1000)",
        "edits": "Edits timed (5)",
        "hugo": "Also time the same edit in `hugo server` (on)",
    }
)
def bench_dev_edit(c, articles=1000, edits=5, hugo=True):
    """Print the time from a save to the new text in Chromium (benchmarks/dev_edit.py)."""
    command = f"benchmarks/dev_edit.py --articles {int(articles)} --edits {int(edits)}"
    c.run(f"{sys.executable} {command}{'' if hugo else ' --no-hugo'}", pty=False)


@task(help={"quick": "Small corpus and site, one build each (a minute instead of several)"})
def bench_related(c, quick=False):
    """Print related articles' precision@3, time and memory at scale, build overhead."""
    options = " --quick" if quick else ""
    c.run(f"{sys.executable} benchmarks/related_articles.py{options}", pty=False)


@task(
    help={
        "articles": "Articles (300)",
        "images": "Articles with a photo (300)",
        "pairs": "Paired runs of each part (2)",
    }
)
def bench_pictures(c, articles=300, images=300, pairs=2):
    """Print what photos and share cards add to a build, cold and warm, and the cold cost per
    photo and per card."""
    import shlex

    command = [sys.executable, "benchmarks/pictures.py", "--articles", str(int(articles))]
    command += ["--images", str(int(images)), "--pairs", str(int(pairs))]
    c.run(shlex.join(command), pty=False)


@task
def lint(c):
    """Check the Python code with ruff."""
    c.run("ruff check .", pty=False)
    c.run("ruff format --check .", pty=False)


@task(help={"args": "Extra arguments for pytest, e.g. '-k feed -x'"})
def test(c, args=""):
    """Run the whole test suite; it needs Chromium (or CHROMIUM_PATH), Java and rsync."""
    chromium = find_chromium()
    if chromium is None:
        raise Exit(CHROMIUM_HELP, code=1)
    if validator.missing_tools():
        raise Exit(validator.missing_tools(), code=1)
    if shutil.which("rsync") is None:
        raise Exit(RSYNC_HELP, code=1)
    os.environ["CHROMIUM_PATH"] = chromium
    result = c.run(f"{sys.executable} -m pytest {args}", pty=False, warn=True)
    if result.exited != 0:
        raise Exit(code=result.exited)
