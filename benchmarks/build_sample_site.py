"""Time the sample site's build and measure what a reader downloads; prints figures only."""

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tasks import pelican  # noqa: E402 - the same Pelican command the build tasks run


def timed_build(output, settings):
    started = time.perf_counter()
    if pelican(settings, "--output", str(output), "--quiet") != 0:
        raise SystemExit(f"the build with {settings} failed")
    return time.perf_counter() - started


class AssetFinder(HTMLParser):
    """Collects what a browser fetches for a page: stylesheets, icons, scripts, images."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag == "link" and attributes.get("rel") in ("stylesheet", "icon"):
            self.urls.append(attributes["href"])
        elif tag in ("img", "script") and attributes.get("src"):
            self.urls.append(attributes["src"])


def page_assets(page, output):
    finder = AssetFinder()
    finder.feed(page.read_text(encoding="utf-8"))
    return [output / url.lstrip("/") for url in dict.fromkeys(finder.urls)]


def kib(size):
    return f"{size / 1024:.1f} KiB"


def sizes(path):
    """Size on disk and gzipped, as a reader's browser downloads it."""
    data = path.read_bytes()
    return f"{kib(len(data))}, {kib(len(gzip.compress(data, compresslevel=9)))} gzipped"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--settings", default="pelicanconf.py")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "output"
        durations = [timed_build(output, options.settings) for _ in range(options.runs)]
        files = [p for p in output.rglob("*") if p.is_file()]
        pages = [p for p in files if p.suffix == ".html"]
        heaviest = max(pages, key=lambda p: p.stat().st_size)
        total = sum(p.stat().st_size for p in files)

        print(
            f"sample site build ({options.settings}, {options.runs} runs, whole `pelican` command)"
        )
        print(f"  min {min(durations):.2f} s, median {statistics.median(durations):.2f} s")
        print(f"output: {len(files)} files, {len(pages)} HTML pages, {kib(total)}")
        print(f"  stylesheet: {sizes(output / 'static' / 'css' / 'style.css')}")
        print(f"  home page: {sizes(output / 'index.html')}")
        print(f"  heaviest page: {heaviest.relative_to(output)}, {sizes(heaviest)}")
        for page in (output / "index.html", heaviest):
            assets = page_assets(page, output)
            weight = sum(
                len(gzip.compress(a.read_bytes(), compresslevel=9)) for a in [page, *assets]
            )
            names = ", ".join(sorted(a.name for a in assets))
            print(
                f"  {page.relative_to(output)} loads {len(assets) + 1} files, "
                f"{kib(weight)} gzipped in all: the HTML and {names}"
            )


if __name__ == "__main__":
    main()
