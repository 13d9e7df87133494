"""Lighthouse's mobile scores (performance, accessibility, best practices, SEO) for the sample
site's home, an article, a category and /cerca/; prints figures only.

Builds the sample with the development settings, serves it on 127.0.0.1 with the headers of
its `_headers` file (as Cloudflare Pages or Netlify would) and runs Lighthouse 12.2.3 from npm
(installed into .cache/lighthouse/ on first use: 12.2 is the last that runs on Node 20 and
installs from a lock here) with the machine's Chromium, the default mobile profile: a
Moto G-class phone on a throttled 4G line.
"""

import argparse
import fnmatch
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tasks import find_chromium, pelican  # noqa: E402 - the build the tasks run

LIGHTHOUSE = "lighthouse@12.2.3"
INSTALL = ROOT / ".cache" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse_command():
    binary = INSTALL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        INSTALL.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(INSTALL),
                "-E",
                "--no-audit",
                "--no-fund",
                LIGHTHOUSE,
            ],
            check=True,
        )
    return str(binary)


def header_rules(output):
    """[(pattern, {name: value})] of the site's _headers file, in order; `!Name` detaches."""
    rules, current = [], None
    path = output / "_headers"
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith((" ", "\t")):
            current = (line.strip(), {})
            rules.append(current)
        elif current and ":" in line:
            name, value = line.strip().split(":", 1)
            current[1][name.strip()] = value.strip()
        elif current and line.strip().startswith("!"):
            current[1][line.strip()] = None
    return rules


def headers_for(rules, path):
    """The headers Cloudflare Pages sends for `path`: every matching rule's, a `!Name` of a
    later rule removing what earlier ones set."""
    headers = {}
    for pattern, values in rules:
        if fnmatch.fnmatch(path, pattern.replace(":splat", "*")):
            for name, value in values.items():
                if value is None:
                    headers.pop(name.lstrip("! ").strip(), None)
                else:
                    headers[name] = value
    return headers


class Handler(http.server.SimpleHTTPRequestHandler):
    rules = []

    def end_headers(self):
        for name, value in headers_for(self.rules, self.path.split("?")[0]).items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


def scores(command, url, chromium):
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [
                command,
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--only-categories={','.join(CATEGORIES)}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": chromium},
        )
        result = json.loads(report.read_text(encoding="utf-8"))
    found = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    audits = result["audits"]
    found["lcp_s"] = audits["largest-contentful-paint"]["numericValue"] / 1000
    found["cls"] = audits["cumulative-layout-shift"]["numericValue"]
    found["bytes"] = audits["total-byte-weight"]["numericValue"]
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8765)
    options = parser.parse_args()
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("Chromium is needed: apt-get install -y chromium")
    command = lighthouse_command()
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "output"
        siteurl = f"http://127.0.0.1:{options.port}"
        if (
            pelican(
                "pelicanconf.py", "--output", str(output), "--quiet", "-e", f'SITEURL="{siteurl}"'
            )
            != 0
        ):
            raise SystemExit("the sample's build failed")
        Handler.rules = header_rules(output)
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", options.port), functools.partial(Handler, directory=str(output))
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        pages = {
            "home": "/",
            "article": first_article(output),
            "category": first_category(output),
            "cerca": "/cerca/?q=spedizione",
        }
        print(
            f"Lighthouse {LIGHTHOUSE.split('@')[1]}, mobile, sample site served with its _headers"
        )
        print(
            f"{'page':10} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} "
            f"{'LCP s':>6} {'CLS':>6} {'KiB':>7}"
        )
        for name, path in pages.items():
            found = scores(command, siteurl + path, chromium)
            print(
                f"{name:10} {found['performance']:>5} {found['accessibility']:>5} "
                f"{found['best-practices']:>5} {found['seo']:>5} {found['lcp_s']:>6.2f} "
                f"{found['cls']:>6.3f} {found['bytes'] / 1024:>7.1f}  {path}"
            )
        server.shutdown()


def first_article(output):
    """The address of the newest article: the archive's first link."""
    text = (output / "archivio" / "index.html").read_text(encoding="utf-8")
    start = text.index('class="archive-list')
    href = text.index('href="', start) + len('href="')
    return "/" + text[href : text.index('"', href)].split("/", 3)[-1]


def first_category(output):
    return "/categoria/" + sorted(p.name for p in (output / "categoria").iterdir())[0] + "/"


if __name__ == "__main__":
    shutil.which("npm") or sys.exit("npm is needed for Lighthouse")
    main()
