"""The blog at real size against Hugo: one generated Italian corpus, built by both, paired.

Generates (seeded) N articles of 600-1,500 words with links to other articles, 5 authors with
bios, 40 tags, 8 categories and dates over ten years, as this project's content/ and as an
equivalent minimal Hugo site (templates in benchmarks/hugo/: list pages, taxonomies, related
articles, reading time, feeds, sitemap). Then builds them in pairs, A B A B: the project with
pelicanconf.py, every plugin on, no cache (cold); Hugo from scratch. Prints each pair's wall and
CPU time and the ratio, their medians and min-max, and the load average. Figures only, no
verdict. Usage: python benchmarks/scale.py [--articles 1000] [--pairs 3] [--seed 7]
(`invoke bench-scale`). Debian's `hugo` package is installed when missing (apt-get, as root).
"""

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HUGO_LAYOUTS = Path(__file__).resolve().parent / "hugo" / "layouts"
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


def write_project_content(folder, articles):
    """content/ for this project: the articles, bios and the pages the theme links to."""
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


def timed(command, cwd):
    """(wall seconds, CPU seconds of the command and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def project_cold(content, output):
    shutil.rmtree(output, ignore_errors=True)
    # Cold: no compiled templates either (the rest of .cache/, the build lock, stays).
    shutil.rmtree(ROOT / ".cache" / "templates", ignore_errors=True)
    command = [sys.executable, "-m", "pelican", str(content), "--settings", "pelicanconf.py"]
    return timed([*command, "--output", str(output), "--quiet"], ROOT)


def hugo_cold(site, output):
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(site / "resources", ignore_errors=True)
    return timed([hugo(), "--source", str(site), "--destination", str(output), "--quiet"], site)


def summary(values):
    return f"median {statistics.median(values):.2f}, min {min(values):.2f}, max {max(values):.2f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        articles = corpus(options.articles, options.seed)
        write_project_content(folder / "content", articles)
        write_hugo_site(folder / "hugo", articles)
        words = sum(len(p.split()) for a in articles for p in a["paragraphs"])
        print(
            f"{options.articles} articles ({words / options.articles:.0f} words each on "
            f"average), {len(AUTHORS)} authors, {len(TAGS)} tags, {len(CATEGORIES)} categories; "
            f"{os.cpu_count()} cores; load average before {os.getloadavg()[0]:.2f}"
        )
        pairs = []
        for number in range(1, options.pairs + 1):
            ours = project_cold(folder / "content", folder / "out-project")
            theirs = hugo_cold(folder / "hugo", folder / "out-hugo")
            pairs.append((ours, theirs))
            print(
                f"  pair {number}: project {ours[0]:.2f} s wall ({ours[1]:.2f} s CPU), "
                f"Hugo {theirs[0]:.2f} s wall ({theirs[1]:.2f} s CPU): "
                f"{ours[0] / theirs[0]:.1f}x wall"
            )
        files = sum(1 for p in (folder / "out-project").rglob("*") if p.is_file())
        hugo_files = sum(1 for p in (folder / "out-hugo").rglob("*") if p.is_file())
    print(f"cold build, {options.pairs} pairs (A B A B), files written: {files} and {hugo_files}")
    print(f"  project wall: {summary([o[0] for o, _ in pairs])} s")
    print(f"  Hugo wall:    {summary([h[0] for _, h in pairs])} s")
    print(f"  ratio, pair by pair (wall): {summary([o[0] / h[0] for o, h in pairs])}x")
    print(f"  ratio, pair by pair (CPU):  {summary([o[1] / h[1] for o, h in pairs])}x")
    print(f"  load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
