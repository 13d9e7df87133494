"""What the strict checks cost: content_checks, link_checks and the content policy (the
sanitizer every body and summary goes through, and the core reader's other steps) on a large
generated site.

Writes N articles (each with a link to another article, an image, a link to a category page
and one to another site) plus a few bios' worth of authors, builds it with Pelican in its own
process, and prints the whole build's time and the CPU time of each check, measured inside the
same build. Usage: python benchmarks/content_checks.py [--articles 2000] [--runs 3]
"""

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]
from tasks import DEV_SETTINGS  # noqa: E402

CATEGORIES = ["Social media", "Newsletter", "Freelance", "Formazione", "Negozi online"]
WORDS = [
    *("negozio", "cliente", "vetrina", "social", "newsletter", "ordine", "prezzo", "bottega"),
    *("foto", "corso", "settimana", "recensione", "preventivo", "sito", "mappa", "orari"),
    *("spedizione", "reso", "laboratorio", "artigiano"),
]
IMAGE = "![Il calendario settimanale del forno]({static}/images/forno-calendario-settimanale.svg)"
CHECKS = {
    # The content policy, step by step: the source read again for lines, embeds made cards,
    # the sanitizer, control characters, YAML headers, address fields, titles.
    "blog_core.reader": [
        "SourceLines",
        "cards_for_embeds",
        "cleaned",
        "control_lines",
        "yaml_header_problems",
        "address_refusals",
        "plain_title_metadata",
    ],
    # Only content/'s own files: a symbolic link looked for on each file's way.
    "blog_core.content_files": ["symlink_in", "outside"],
    "content_checks.content_checks": ["check_headers", "check_addresses"],
    "link_checks.link_checks": ["check_links", "check_site_links"],
}


def write_site(content, count, rng):
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    shutil.copytree(ROOT / "content" / "images", content / "images")
    shutil.copytree(ROOT / "content" / "authors", content / "authors")
    authors = sorted(
        line.split(":", 1)[1].strip()
        for bio in (content / "authors").glob("*.md")
        for line in bio.read_text(encoding="utf-8").splitlines()[:1]
    )
    folder = content / "articles"
    folder.mkdir()
    for number in range(count):
        other = rng.randrange(count)
        text = " ".join(rng.choice(WORDS) for _ in range(400))
        body = (
            f"{text[:1200]}\n\nLeggi anche [l'articolo {other}]({{filename}}/articles/a{other}.md) "
            "e la [categoria](/categoria/social-media/).\n\n"
            f"{IMAGE}\n\n{text[1200:]} [Un sito](https://www.example.com/).\n"
        )
        header = [
            f"Title: Articolo numero {number} sul {rng.choice(WORDS)}",
            f"Date: 2026-{1 + number % 11:02d}-{1 + number % 28:02d} 09:{number % 60:02d}",
            f"Category: {rng.choice(CATEGORIES)}",
            f"Tags: {rng.choice(WORDS)}, pmi",
            f"Author: {rng.choice(authors)}",
            "Summary: Un articolo generato per misurare i controlli.",
        ]
        (folder / f"a{number}.md").write_text("\n".join(header) + "\n\n" + body, encoding="utf-8")


def inside_build(arguments):
    """`pelican` with these arguments, printing the CPU time of each check."""
    import importlib

    import pelican

    spent = {}
    for module_name, names in CHECKS.items():
        module = importlib.import_module(module_name)
        for name in names:
            original = getattr(module, name)

            def timed(*args, _original=original, _name=name, **options):
                started = time.process_time()
                try:
                    return _original(*args, **options)
                finally:
                    spent[_name] = spent.get(_name, 0) + time.process_time() - started

            # Pelican finds the package already imported and connects these wrappers.
            setattr(module, name, timed)
    started = time.process_time()
    pelican.main(arguments)
    total = time.process_time() - started
    for name, seconds in spent.items():
        print(f"CHECK {name} {seconds:.3f}")
    print(f"TOTAL {total:.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--inside-build", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.inside_build is not None:
        inside_build(options.inside_build)
        return
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        write_site(content, options.articles, random.Random(7))
        runs = []
        for run in range(options.runs):
            output = Path(folder) / f"output-{run}"
            command = [sys.executable, __file__, "--inside-build", str(content)]
            command += ["--settings", DEV_SETTINGS, "--output", str(output), "--quiet"]
            started = time.perf_counter()
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
            wall = time.perf_counter() - started
            if done.returncode != 0 or "CHECK" not in done.stdout:
                raise SystemExit(f"the benchmark site did not build:\n{done.stdout}{done.stderr}")
            figures = dict(
                line.split()[1:] if line.startswith("CHECK") else ("TOTAL", line.split()[1])
                for line in done.stdout.splitlines()
                if line.startswith(("CHECK", "TOTAL"))
            )
            runs.append((wall, {name: float(value) for name, value in figures.items()}))
    best_wall, best = min(runs, key=lambda run: run[1]["TOTAL"])
    checks = {name: value for name, value in best.items() if name != "TOTAL"}
    print(f"{options.articles} articles, best of {options.runs} builds (each in its own process)")
    print(f"  whole build: {best_wall:.2f} s wall, {best['TOTAL']:.2f} s CPU")
    for name, seconds in checks.items():
        print(f"  {name:>16}: {seconds:.3f} s CPU")
    policy = sum(
        seconds
        for module, names in CHECKS.items()
        if module.startswith("blog_core.")
        for name, seconds in checks.items()
        if name in names
    )
    print(
        f"  the content policy (blog_core's reader and files): {policy:.2f} s, "
        f"{100 * policy / best['TOTAL']:.1f} % of the build's CPU"
    )
    share = 100 * sum(checks.values()) / best["TOTAL"]
    print(f"  all checks together: {sum(checks.values()):.2f} s, {share:.1f} % of the build's CPU")


if __name__ == "__main__":
    main()
