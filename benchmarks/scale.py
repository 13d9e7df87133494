"""The blog at real size against Hugo: one generated Italian corpus, built by both, paired.

Generates (seeded) N articles of 600-1,500 words with links to other articles, 5 authors with
bios, 40 tags, 8 categories and dates over ten years, as this project's content/ and as an
equivalent minimal Hugo site (templates in benchmarks/hugo/: list pages, taxonomies, related
articles, reading time, feeds, sitemap). The project builds with pelicanconf.py, every plugin
on, on as many cores as it uses by itself; Hugo with its defaults (all cores). Each part runs
in pairs, A B A B, and prints every run, then each figure's median and min-max and the ratios
pair by pair (wall and CPU time), and the load average. Figures only, no verdict.

  cold    no .cache/ at all (the content cache and the compiled templates removed), no output;
          Hugo without its resources/
  warm    the cache left by a previous build, nothing changed, no output (as in CI with .cache/
          restored); Hugo's second build with its resources/ kept
  large   5 x N articles, cold: time against the N-article build and against Hugo's, and the
          peak memory of the build (its largest process, and all its processes together)
  broken  the N articles with one broken internal {filename} link each, cold: time added to
          the clean build's
  edit    save -> page in the dev server: benchmarks/dev_edit.py's main(), when it is there

Usage: python benchmarks/scale.py [--articles 1000] [--pairs 3] [--seed 7]
[--only cold,warm,large,broken,edit] (`invoke bench-scale`). Debian's `hugo` package is
installed when missing (apt-get, as root).
"""

import argparse
import functools
import importlib.util
import os
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tasks import one_build_at_a_time  # noqa: E402

BENCHMARKS = Path(__file__).resolve().parent
HUGO_LAYOUTS = BENCHMARKS / "hugo" / "layouts"
DEV_EDIT = BENCHMARKS / "dev_edit.py"
# What a cold build starts without: the content cache (BUILD_CACHE, when pelicanconf.py sets
# one elsewhere it is removed too) and the compiled templates. The rest of .cache/ (the build
# lock) stays.
CACHE_FOLDERS = [ROOT / ".cache" / "content", ROOT / ".cache" / "templates"]
PARTS = ["cold", "warm", "large", "broken", "edit"]
# The large corpus is this many times --articles (5,000 for 1,000).
LARGE_FACTOR = 5
# How often the large build's processes are measured for their memory together.
MEMORY_SAMPLE_SECONDS = 0.1
AUTHORS = ["Giulia Ferri", "Marco Rinaldi", "Sara Conti", "Luca Bianchi", "Chiara Esposito"]
CATEGORIES = [
    "Social media",
    "Newsletter",
    "Negozi online",
    "Formazione",
    "Freelance",
    "Clienti",
    "Strumenti",
    "Territorio",
]
TAGS = [
    *("instagram", "facebook", "whatsapp", "email", "vetrina", "prezzi", "spedizioni", "resi"),
    *("recensioni", "google", "mappe", "fotografia", "video", "calendario", "preventivi"),
    *("fatture", "clienti", "fidelizzazione", "sconti", "natale", "saldi", "artigiani", "forno"),
    *("sartoria", "ristorante", "b-and-b", "agriturismo", "ferramenta", "fioraio", "libreria"),
    *("corsi", "dipendenti", "intelligenza-artificiale", "privacy", "gdpr", "sito", "seo"),
    *("pubblicità", "budget", "misurare"),
]
WORDS = (  # noqa: SIM905 - a paragraph of words reads better than a list of 120 strings
    "il negozio cliente vetrina social newsletter ordine prezzo bottega foto corso settimana "
    "recensione preventivo sito mappa orari spedizione reso laboratorio artigiano titolare "
    "messaggio risposta consiglio prodotto servizio quartiere città paese stagione offerta "
    "calendario lavoro tempo idea piano numero risultato pubblico persone famiglia amici "
    "scrivere leggere pubblicare rispondere vendere comprare provare scegliere misurare "
    "semplice chiaro veloce utile piccolo grande nuovo vecchio vero giusto bello buono "
    "ogni sempre spesso prima dopo oggi domani poi anche ancora già molto poco più meno"
).split()


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng, words):
    sentences = []
    while sum(len(s.split()) for s in sentences) < words:
        sentences.append(sentence(rng))
    return " ".join(sentences)


def corpus(count, seed):
    """The articles: (number, title, date, category, tags, author, summary, paragraphs, links)."""
    rng = random.Random(seed)
    start = datetime(2016, 12, 1, 9, 0)
    articles = []
    for number in range(count):
        words = rng.randint(600, 1500)
        paragraphs = [paragraph(rng, 120) for _ in range(max(1, words // 120))]
        title = f"{sentence(rng)[:-1][:60]} {number}"
        date = start + timedelta(days=rng.randrange(3650), minutes=rng.randrange(600))
        articles.append(
            {
                "number": number,
                "title": title,
                "date": date,
                "category": rng.choice(CATEGORIES),
                "tags": rng.sample(TAGS, rng.randint(2, 5)),
                "author": rng.choice(AUTHORS),
                "summary": sentence(rng),
                "paragraphs": paragraphs,
                "links": [rng.randrange(count) for _ in range(2)],
            }
        )
    return articles


def write_project_content(folder, articles, broken_links=False):
    """content/ for this project: the articles, bios and the pages the theme links to; with
    `broken_links`, each article also links to a mistyped file name."""
    (folder / "articles").mkdir(parents=True)
    (folder / "authors").mkdir()
    (folder / "pages").mkdir()
    pages = {
        "privacy.md": "Title: Privacy\n\nChi tratta i dati dei lettori e per quanto tempo.\n",
        "newsletter.md": "Title: Newsletter\nTemplate: newsletter\n\nOgni venerdì.\n",
        "404.md": "Title: Pagina non trovata\nTemplate: 404\nSave_as: 404.html\n\nNiente qui.\n",
    }
    for name, text in pages.items():
        (folder / "pages" / name).write_text(text, encoding="utf-8")
    for author in AUTHORS:
        slug = author.lower().replace(" ", "-")
        (folder / "authors" / f"{slug}.md").write_text(
            f"Name: {author}\nRole: Consulente\n\nScrive di marketing per le piccole imprese.\n",
            encoding="utf-8",
        )
    for article in articles:
        body = "\n\n".join(article["paragraphs"])
        links = " e ".join(
            f"[l’articolo {other}]({{filename}}/articles/a{other}.md)" for other in article["links"]
        )
        header = [
            f"Title: {article['title']}",
            f"Date: {article['date']:%Y-%m-%d %H:%M}",
            f"Category: {article['category']}",
            f"Tags: {', '.join(article['tags'])}",
            f"Author: {article['author']}",
            f"Summary: {article['summary']}",
            f"Slug: a{article['number']}",
        ]
        text = "\n".join(header) + f"\n\n## Il punto\n\n{body}\n\nLeggi anche {links}.\n"
        if broken_links:
            # A slip of the keyboard in another article's file name: link_checks reports it
            # and looks for the name it was meant to be ("Forse intendevi …").
            meant = (article["number"] + 1) % len(articles)
            text += f"\nC’era anche [un altro articolo]({{filename}}/articles/aa{meant}.md).\n"
        (folder / "articles" / f"a{article['number']}.md").write_text(text, encoding="utf-8")


def write_hugo_site(folder, articles):
    """The same articles as a minimal Hugo site with the features the project has."""
    shutil.copytree(HUGO_LAYOUTS, folder / "layouts")
    (folder / "content" / "posts").mkdir(parents=True)
    (folder / "config.toml").write_text(
        'baseURL = "http://localhost/"\nlanguageCode = "it"\ntitle = "Bottega Digitale"\n'
        "paginate = 5\nsummaryLength = 40\n"
        '[permalinks]\nposts = "/:slug/"\n'
        '[taxonomies]\ntag = "tags"\ncategory = "categories"\nauthor = "authors"\n'
        "[related]\nthreshold = 80\nincludeNewer = true\ntoLower = true\n"
        '[[related.indices]]\nname = "tags"\nweight = 100\n'
        '[[related.indices]]\nname = "categories"\nweight = 20\n',
        encoding="utf-8",
    )
    for article in articles:
        body = "\n\n".join(article["paragraphs"])
        links = " e ".join(f"[l’articolo {o}](/a{o}/)" for o in article["links"])
        front = "\n".join(
            [
                "---",
                f'title: "{article["title"]}"',
                f"date: {article['date']:%Y-%m-%dT%H:%M:00}+01:00",
                f"slug: a{article['number']}",
                f'categories: ["{article["category"]}"]',
                "tags: [" + ", ".join(f'"{t}"' for t in article["tags"]) + "]",
                f'authors: ["{article["author"]}"]',
                f'summary: "{article["summary"]}"',
                "---",
            ]
        )
        text = f"{front}\n\n## Il punto\n\n{body}\n\nLeggi anche {links}.\n"
        (folder / "content" / "posts" / f"a{article['number']}.md").write_text(
            text, encoding="utf-8"
        )


def hugo():
    found = shutil.which("hugo")
    if found is None:
        subprocess.run(["apt-get", "install", "-y", "hugo"], check=True)
        found = shutil.which("hugo")
    return found


@dataclass
class Run:
    """One build: seconds, bytes, and what it printed."""

    wall: float
    # User + system time of the build and every process it forked.
    cpu: float
    # The largest single process (the build or one of its workers), as the kernel counts it.
    largest_process: int
    # The build's processes together at their peak, sampled; None when not measured.
    all_processes: int | None
    log: str


def process_tree(root):
    """`root` and every process descended from it, from /proc."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue  # ended meanwhile
            # "pid (name) state ppid ...": the name may hold spaces and parentheses.
            parent = int(stat[stat.rindex(")") + 2 :].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    tree, waiting = [], [root]
    while waiting:
        pid = waiting.pop()
        tree.append(pid)
        waiting += children.get(pid, [])
    return tree


def proportional_size(pid):
    """A process's proportional set size in bytes: a page it shares with n processes (a forked
    worker's copy of its parent) counts 1/n, so a tree's sum is the memory it really holds."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass  # ended meanwhile
    return 0


class MemoryWatch:
    """The peak of a process tree's memory together, sampled every MEMORY_SAMPLE_SECONDS."""

    def __init__(self, pid):
        self.pid, self.peak = pid, 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.watch, daemon=True)
        self.thread.start()

    def watch(self):
        while not self.done.wait(MEMORY_SAMPLE_SECONDS):
            total = sum(proportional_size(pid) for pid in process_tree(self.pid))
            self.peak = max(self.peak, total)

    def stop(self):
        self.done.set()
        self.thread.join()
        return self.peak


def run(command, cwd, watch_memory=False):
    """Run a build to its end and measure it; a failed build stops the benchmark."""
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        watch = MemoryWatch(process.pid) if watch_memory else None
        # wait4: this build's own resource use, its reaped workers included.
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        peak = watch.stop() if watch else None
        log.seek(0)
        output = log.read()
    if process.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({process.returncode}):\n{output[-4000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(wall, cpu, usage.ru_maxrss * 1024, peak, output)


@functools.cache
def cache_folders():
    """The folders a cold build starts without: CACHE_FOLDERS and BUILD_CACHE if elsewhere."""
    from pelican.settings import read_settings

    folders = list(CACHE_FOLDERS)
    configured = read_settings(str(ROOT / "pelicanconf.py")).get("BUILD_CACHE")
    if configured and (ROOT / configured).resolve() not in folders:
        folders.append((ROOT / configured).resolve())
    return tuple(folders)


def project_build(content, output, cold, watch_memory=False):
    """This project's build of `content`; `cold`: without .cache/'s content and templates."""
    command = [sys.executable, "-m", "pelican", str(content), "--settings", "pelicanconf.py"]
    # One plain line per message, as in CI (`invoke build` in a log file).
    command += ["--output", str(output), "--log-handler", "plain"]
    # The project's build lock: removing .cache/ under another build (`make serve`'s, another
    # benchmark's) would break it, and two builds at once would time each other.
    with one_build_at_a_time():
        shutil.rmtree(output, ignore_errors=True)
        if cold:
            for folder in cache_folders():
                shutil.rmtree(folder, ignore_errors=True)
        return run(command, ROOT, watch_memory)


def hugo_build(site, output, cold):
    """Hugo's build of `site`; `cold`: without its resources/ (Hugo's cache of processed files)."""
    shutil.rmtree(output, ignore_errors=True)
    if cold:
        shutil.rmtree(site / "resources", ignore_errors=True)
    command = [hugo(), "--source", str(site), "--destination", str(output), "--quiet"]
    return run(command, site)


class Sites:
    """The generated sites in one temporary folder, each written when a part first needs it."""

    def __init__(self, folder, seed):
        self.folder, self.seed = folder, seed
        self.articles = {}

    def corpus(self, count):
        if count not in self.articles:
            self.articles[count] = corpus(count, self.seed)
        return self.articles[count]

    def project(self, count, broken_links=False):
        folder = self.folder / f"content-{count}{'-broken' if broken_links else ''}"
        if not folder.exists():
            write_project_content(folder, self.corpus(count), broken_links)
        return folder

    def hugo(self, count):
        folder = self.folder / f"hugo-{count}"
        if not folder.exists():
            write_hugo_site(folder, self.corpus(count))
        return folder

    def output(self, name):
        return self.folder / f"out-{name}"


def load_average():
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min)"


def spread(values, spec, unit):
    """'median 2.31 s (2.20–2.50 s)': the median and min–max of `values`, in format `spec`."""
    values = list(values)
    low, middle, high = (
        format(v, spec) for v in (min(values), statistics.median(values), max(values))
    )
    return f"median {middle}{unit} ({low}–{high}{unit})"


def paired_runs(pairs, builds):
    """Run `builds` (name: function) one after the other, `pairs` times: A B A B."""
    runs = {name: [] for name in builds}
    for number in range(1, pairs + 1):
        line = []
        for name, build in builds.items():
            result = build()
            runs[name].append(result)
            line.append(f"{name} {result.wall:.2f} s ({result.cpu:.2f} s CPU)")
        print(f"  pair {number}: {', '.join(line)}", flush=True)
    return runs


def print_times(runs):
    width = max(len(name) for name in runs)
    for name, results in runs.items():
        wall = spread((r.wall for r in results), ".2f", " s")
        cpu = spread((r.cpu for r in results), ".2f", " s")
        print(f"  {name + ':':<{width + 1}} wall {wall}; CPU {cpu}")


def print_ratio(label, top, bottom, percent=False):
    """`top` against `bottom`, pair by pair: as a ratio, or as the percentage `top` adds."""
    figures = []
    for what, name in [("wall", "wall"), ("cpu", "CPU")]:
        ratios = [getattr(a, what) / getattr(b, what) for a, b in zip(top, bottom, strict=True)]
        if percent:
            figures.append(f"{name} {spread(((r - 1) * 100 for r in ratios), '+.1f', ' %')}")
        else:
            figures.append(f"{name} {spread(ratios, '.2f', 'x')}")
    print(f"  {label}, pair by pair: {'; '.join(figures)}")


def mebibytes(values):
    return spread((v / 2**20 for v in values), ".0f", " MiB")


def files_in(folder):
    return sum(1 for path in folder.rglob("*") if path.is_file())


def against_hugo(options, content, site, ours, theirs, cold):
    """The project and Hugo in pairs, cold or warm: their times and the paired ratio."""
    runs = paired_runs(
        options.pairs,
        {
            "project": lambda: project_build(content, ours, cold=cold),
            "Hugo": lambda: hugo_build(site, theirs, cold=cold),
        },
    )
    print_times(runs)
    print_ratio("project / Hugo", runs["project"], runs["Hugo"])


def cold(sites, options):
    content, site = sites.project(options.articles), sites.hugo(options.articles)
    ours, theirs = sites.output("project"), sites.output("hugo")
    print(
        f"\ncold build, {options.articles} articles: no .cache/, no output; Hugo without resources/"
    )
    against_hugo(options, content, site, ours, theirs, cold=True)
    print(f"  files written: project {files_in(ours)}, Hugo {files_in(theirs)}")


def warm(sites, options):
    content, site = sites.project(options.articles), sites.hugo(options.articles)
    ours, theirs = sites.output("project"), sites.output("hugo")
    print(
        f"\nwarm build, {options.articles} articles: the cache of one untimed build before, "
        "nothing changed, no output; Hugo's second build, resources/ kept"
    )
    project_build(content, ours, cold=True)
    hugo_build(site, theirs, cold=True)
    for folder in [*cache_folders(), site / "resources"]:
        files = [path for path in folder.rglob("*") if path.is_file()]
        size = sum(path.stat().st_size for path in files) / 2**20
        where = folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else "Hugo's resources"
        print(f"  {where}/ after that build: {len(files)} files, {size:.1f} MiB")
    against_hugo(options, content, site, ours, theirs, cold=False)


def large(sites, options):
    small, big = options.articles, options.articles * LARGE_FACTOR
    small_content, big_content, big_site = sites.project(small), sites.project(big), sites.hugo(big)
    print(
        f"\n{big} articles, cold, against {small} and against Hugo; memory of the {big}-article "
        f"build: its largest process, and all its processes together (proportional set size, "
        f"sampled every {MEMORY_SAMPLE_SECONDS} s)"
    )
    names = (f"project {small}", f"project {big}", f"Hugo {big}")
    runs = paired_runs(
        options.pairs,
        {
            names[0]: lambda: project_build(small_content, sites.output("project"), cold=True),
            names[1]: lambda: project_build(
                big_content, sites.output("project"), cold=True, watch_memory=True
            ),
            names[2]: lambda: hugo_build(big_site, sites.output("hugo"), cold=True),
        },
    )
    print_times(runs)
    print_ratio(f"{names[1]} / {names[0]}", runs[names[1]], runs[names[0]])
    print_ratio(f"{names[1]} / {names[2]}", runs[names[1]], runs[names[2]])
    ours, theirs = runs[names[1]], runs[names[2]]
    print(f"  {names[1]} memory, largest process: {mebibytes(r.largest_process for r in ours)}")
    print(f"  {names[1]} memory, all processes:   {mebibytes(r.all_processes for r in ours)}")
    print(f"  {names[2]} memory, largest process: {mebibytes(r.largest_process for r in theirs)}")


def broken(sites, options):
    clean, broken_site = sites.project(options.articles), sites.project(options.articles, True)
    output = sites.output("project")
    print(
        f"\nbroken links, {options.articles} articles, cold: the same articles with one broken "
        "internal {filename} link each, against the clean build"
    )
    runs = paired_runs(
        options.pairs,
        {
            "clean": lambda: project_build(clean, output, cold=True),
            "broken links": lambda: project_build(broken_site, output, cold=True),
        },
    )
    print_times(runs)
    print_ratio("time the broken links add", runs["broken links"], runs["clean"], percent=True)
    # So the figure is known to time the broken links' reports: the build must name them.
    named = set(re.findall(r"/articles/aa(\d+)\.md", runs["broken links"][-1].log))
    print(f"  broken links named in the last build's messages: {len(named)} of {options.articles}")


def one_edit(options):
    print("\none edit in the dev server (benchmarks/dev_edit.py)")
    if not DEV_EDIT.is_file():
        print("  benchmarks/dev_edit.py is not there: no one-edit figure")
        return
    spec = importlib.util.spec_from_file_location("dev_edit", DEV_EDIT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # Its own options (python benchmarks/dev_edit.py --help), given with --edit-args.
    saved, sys.argv = sys.argv, [str(DEV_EDIT), *shlex.split(options.edit_args)]
    try:
        module.main()
    finally:
        sys.argv = saved


def parts(text):
    chosen = [part.strip() for part in text.split(",") if part.strip()]
    unknown = sorted(set(chosen) - set(PARTS))
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown part {', '.join(unknown)}: choose from {','.join(PARTS)}"
        )
    return chosen


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000, help="articles (1000)")
    parser.add_argument("--pairs", type=int, default=3, help="paired runs of each part (3)")
    parser.add_argument("--seed", type=int, default=7, help="the corpus's seed (7)")
    parser.add_argument(
        "--only", type=parts, default=PARTS, help=f"parts, comma-separated ({','.join(PARTS)})"
    )
    parser.add_argument(
        "--edit-args", default="", help="options for benchmarks/dev_edit.py, in one string"
    )
    options = parser.parse_args()
    print(
        f"{options.articles} generated articles (seed {options.seed}), {len(AUTHORS)} authors, "
        f"{len(TAGS)} tags, {len(CATEGORIES)} categories; {os.cpu_count()} cores; "
        f"{load_average()}",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as folder:
        sites = Sites(Path(folder), options.seed)
        for part, measure in [("cold", cold), ("warm", warm), ("large", large), ("broken", broken)]:
            if part in options.only:
                measure(sites, options)
                print(f"  {load_average()}", flush=True)
    if "edit" in options.only:
        one_edit(options)
        print(f"  {load_average()}")


if __name__ == "__main__":
    main()
