"""Related articles, measured: precision@3 on a labelled corpus, time and memory, build overhead.

The corpus is synthetic but shaped like a blog: each article is about one topic (a vocabulary of
its own, inflected the Italian way), strays into a second topic, and is mostly shared everyday
words and stop words; tags overlap between topics and are often generic; categories do not map
one to one onto topics. An article's related list is right when it shares the article's topic.
"""

import argparse
import itertools
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

import snowballstemmer

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]
from related_articles.related_articles import RELATED_ARTICLES_DEFAULTS  # noqa: E402
from related_articles.scoring import WORD, Document, related  # noqa: E402
from related_articles.stopwords import ITALIAN_STOP_WORDS  # noqa: E402
from tasks import DEV_SETTINGS  # noqa: E402

SEED = 20261122
TOPICS = 15
TOPIC_WORDS = 200
COMMON_WORDS = 8000
CATEGORIES = ["Social media", "Newsletter e email", "E-commerce", "Formazione", "Strategia"]
CATEGORIES += ["Freelance e agenzie"]
TAG_NAMES = """pmi marketing social instagram facebook newsletter email clienti vendite negozio
    e-commerce spedizioni formazione corsi strategia contenuti fotografia video seo google
    recensioni turismo ristorazione artigianato moda logistica pagamenti privacy gdpr dati
    pubblicità campagne budget freelance agenzie preventivi collaborazione strumenti app"""
TAGS = TAG_NAMES.split()
# Share of an article's words, and of its title, that come from each source.
MIX = {"topic": 0.12, "second topic": 0.05, "common": 0.48, "stop": 0.35}
TITLE_MIX = {"topic": 0.35, "second topic": 0.1, "common": 0.3, "stop": 0.25}
SYLLABLE_LIST = """ba be bi bo ca ce ci co da de di do fa fe fi fo ga gi go la le li lo lu ma me
    mi mo mu na ne ni no pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi
    vo za ze zo bra cre dri fro gra pre tri sco spa stra glio gna"""
SYLLABLES = SYLLABLE_LIST.split()
# Italian inflections of one lemma: the stemmer should bring each family back together.
ENDINGS = [
    ("o", "i"),
    ("a", "e"),
    ("e", "i"),
    ("zione", "zioni"),
    ("are", "ato", "ando", "ano"),
    ("ità",),
    ("ista", "isti"),
    ("mente",),
]


def lemmas(rng, count, taken):
    """`count` new Italian-looking word families (lists of inflected forms)."""
    families = []
    while len(families) < count:
        root = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3))))
        if root in taken:
            continue
        taken.add(root)
        families.append([root + ending for ending in rng.choice(ENDINGS)])
    return families


def zipf(count):
    """Cumulative Zipf weights: a few words of a vocabulary are used far more than the rest."""
    return list(itertools.accumulate(1.0 / (rank + 1) for rank in range(count)))


class Corpus:
    """Seeded generator of labelled articles."""

    def __init__(self, seed=SEED):
        self.rng = rng = random.Random(seed)
        taken = set()
        self.topics = [lemmas(rng, TOPIC_WORDS, taken) for _ in range(TOPICS)]
        self.common = lemmas(rng, COMMON_WORDS, taken)
        self.stop = sorted(ITALIAN_STOP_WORDS)
        # Each topic has three tags of its own-ish (a tag serves two or three topics) and a home
        # category; generic tags and other categories show up too.
        self.topic_tags = [rng.sample(TAGS[:30], 3) for _ in range(TOPICS)]
        self.topic_category = [CATEGORIES[topic % len(CATEGORIES)] for topic in range(TOPICS)]
        self.start = datetime(2021, 1, 4, 9, 0)
        self.cumulative = {count: zipf(count) for count in (TOPIC_WORDS, COMMON_WORDS)}

    def words(self, count, topic, second, mix):
        rng = self.rng
        sources = {"topic": topic, "second topic": second}
        kinds = rng.choices(list(mix), weights=list(mix.values()), k=count)
        drawn = {}
        for kind in mix:
            wanted = kinds.count(kind)
            if kind == "stop":
                drawn[kind] = iter(rng.choices(self.stop, k=wanted))
                continue
            families = self.common if kind == "common" else self.topics[sources[kind]]
            picked = rng.choices(families, cum_weights=self.cumulative[len(families)], k=wanted)
            drawn[kind] = iter([rng.choice(family) for family in picked])
        return [next(drawn[kind]) for kind in kinds]

    def article(self, number):
        rng = self.rng
        topic = rng.randrange(TOPICS)
        second = rng.choice([t for t in range(TOPICS) if t != topic])
        body = self.words(rng.randint(600, 1500), topic, second, MIX)
        title = self.words(rng.randint(6, 10), topic, second, TITLE_MIX)
        summary = self.words(rng.randint(18, 30), topic, second, TITLE_MIX)
        tags = set(rng.sample(self.topic_tags[topic], rng.randint(1, 2)))
        wanted = rng.randint(2, 4)
        while len(tags) < wanted:
            tags.add(rng.choice(TAGS))
        category = self.topic_category[topic] if rng.random() < 0.6 else rng.choice(CATEGORIES)
        date = self.start + timedelta(hours=rng.randrange(5 * 365 * 24))
        document = Document(
            key=f"articolo-{number:05d}",
            title=" ".join(title).capitalize(),
            summary=" ".join(summary).capitalize() + ".",
            body=paragraphs(body),
            tags=tuple(sorted(tags)),
            category=category,
            date=date,
        )
        return document, topic

    def articles(self, count, first=0):
        pairs = [self.article(number) for number in range(first, first + count)]
        return [doc for doc, _ in pairs], {doc.key: topic for doc, topic in pairs}


def paragraphs(words, size=80):
    """Words as Markdown paragraphs of `size` words, each sentence capitalised."""
    chunks = [" ".join(words[i : i + size]) for i in range(0, len(words), size)]
    return "\n\n".join(chunk.capitalize() + "." for chunk in chunks)


def tags_only(documents, max_count=3, seed=SEED):
    """The common plugin's way: most shared tags first, ties in random order."""
    rng = random.Random(seed)
    members = {}
    for doc in documents:
        for tag in doc.tags:
            members.setdefault(tag, []).append(doc.key)
    result = {}
    for doc in documents:
        shared = {}
        for tag in doc.tags:
            for other in members[tag]:
                if other != doc.key:
                    shared[other] = shared.get(other, 0) + 1
        candidates = sorted(shared)
        rng.shuffle(candidates)
        candidates.sort(key=lambda other: -shared[other])
        result[doc.key] = candidates[:max_count]
    return result


def precision(lists, topics):
    """Share of listed articles on the article's topic; and the mean list length."""
    listed = [(key, other) for key, others in lists.items() for other in others]
    right = sum(topics[key] == topics[other] for key, other in listed)
    return right / max(1, len(listed)), len(listed) / max(1, len(lists))


def run_related(documents):
    return related(
        documents,
        max_count=RELATED_ARTICLES_DEFAULTS["RELATED_ARTICLES_MAX"],
        min_score=RELATED_ARTICLES_DEFAULTS["RELATED_ARTICLES_MIN_SCORE"],
        weights=RELATED_ARTICLES_DEFAULTS["RELATED_ARTICLES_WEIGHTS"],
    )


def quality(size):
    documents, topics = Corpus().articles(size)
    ours, ours_length = precision(run_related(documents), topics)
    baseline, baseline_length = precision(tags_only(documents), topics)
    print(f"quality: {size} articles, {TOPICS} topics, precision@3 (share of listed articles")
    print("  on the article's topic; mean list length in brackets)")
    print(f"  related_articles (default settings)  {ours:.3f}  ({ours_length:.2f})")
    print(f"  tags only, ties at random (baseline) {baseline:.3f}  ({baseline_length:.2f})")


def max_rss_mib():
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scale(sizes):
    print("scale: related lists for every article (tokenise, stem, index, score), 1 run each")
    print("  wall and CPU time of the call; peak: tracemalloc peak of the Python allocations")
    print("  made during the call (a second, traced run); RSS: the process's maximum resident")
    print("  set so far, corpus included (resource.getrusage ru_maxrss)")
    corpus = Corpus()
    documents = []
    distinct = set()
    previous = None
    for size in sizes:
        more, _ = corpus.articles(size - len(documents), first=len(documents))
        documents += more
        for doc in more:
            distinct.update(WORD.findall(doc.body.lower()))
        words = sum(len(doc.body.split()) for doc in documents)
        wall, cpu = time.perf_counter(), time.process_time()
        run_related(documents)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        tracemalloc.start()
        run_related(documents)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        growth = ""
        if previous:
            growth = f", x{wall / previous[1]:.1f} time for x{size / previous[0]:.0f} articles"
        print(
            f"  {size:>6} articles ({words / 1e6:.1f} M words, {len(distinct)} distinct): "
            f"{wall:5.2f} s (CPU {cpu:5.2f} s), peak {peak / 2**20:4.0f} MiB, "
            f"RSS {max_rss_mib():4.0f} MiB{growth}"
        )
        previous = (size, wall)
    # Stemming is per distinct word: a real site has more of them than this corpus.
    sample = sorted(distinct)[:5000]
    stemmer = snowballstemmer.stemmer("italian")
    started = time.process_time()
    stemmer.stemWords(sample)
    each = (time.process_time() - started) / len(sample)
    # snowballstemmer hands the work to PyStemmer's C code when it is installed (it is pinned).
    engine = "PyStemmer (C)" if type(stemmer).__module__ == "Stemmer" else "pure Python"
    print(
        f"  Snowball in {engine}: {each * 1e6:.1f} us CPU per distinct word, stemmed once per "
        f"build ({each * 100_000:.1f} s for 100,000 distinct words)"
    )


def write_site(content, documents):
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    folder = content / "articles"
    folder.mkdir(parents=True)
    for doc in documents:
        header = [
            f"Title: {doc.title}",
            f"Date: {doc.date:%Y-%m-%d %H:%M}",
            f"Category: {doc.category}",
            f"Tags: {', '.join(doc.tags)}",
            "Author: Redazione",
            f"Summary: {doc.summary}",
            f"Slug: {doc.key}",
        ]
        folder.joinpath(f"{doc.key}.md").write_text(
            "\n".join(header) + "\n\n" + doc.body + "\n", encoding="utf-8"
        )


def timed_build(content, output, plugins):
    """Wall and CPU seconds of one Pelican build in its own process, and the plugin's CPU."""
    command = [sys.executable, __file__, "--inside-build", str(content), "--settings"]
    command += [DEV_SETTINGS, "--output", str(output), "--quiet", "-e"]
    command += ["PLUGINS=[" + ", ".join(f'"{name}"' for name in plugins) + "]"]
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode != 0:
        raise SystemExit(f"the benchmark site did not build:\n{run.stdout}{run.stderr}")
    plugin = float(re.search(r"related_articles CPU: ([0-9.]+)", run.stdout).group(1))
    return wall, after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime, plugin


def inside_build(arguments):
    """`pelican` with these arguments, printing the CPU time of the plugin's work.

    Measured in the same process as the build, so a busy machine slows both alike.
    """
    import pelican

    import related_articles.related_articles as plugin

    spent = []
    link_related = plugin.link_related

    def timed(generator):
        started = time.process_time()
        link_related(generator)
        spent.append(time.process_time() - started)

    # Pelican finds the package already imported and registers this wrapper.
    plugin.link_related = timed
    pelican.main(arguments)
    print(f"related_articles CPU: {sum(spent):.3f}")


def site_build(size, runs):
    from pelican.settings import read_settings

    plugins = read_settings(str(ROOT / DEV_SETTINGS))["PLUGINS"]
    without = [name for name in plugins if name != "related_articles"]
    documents, _ = Corpus().articles(size)
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        write_site(content, documents)
        times = {"with": [], "without": []}
        for _ in range(runs):
            # Alternate, so that a busier moment of the machine hits both alike.
            times["without"].append(timed_build(content, Path(folder) / "a", without))
            times["with"].append(timed_build(content, Path(folder) / "b", plugins))
            pages = Path(folder, "b", documents[0].key, "index.html").read_text(encoding="utf-8")
            if "Articoli correlati" not in pages:
                raise SystemExit("the build with the plugin shows no related articles")
    print(f"site build: {size} articles, best of {runs} alternated runs of a whole Pelican build")
    for label, index in (("wall", 0), ("CPU", 1)):
        best_without = min(run[index] for run in times["without"])
        best_with = min(run[index] for run in times["with"])
        overhead = 100 * (best_with - best_without) / best_without
        print(
            f"  {label:>4}: without related_articles {best_without:6.2f} s, "
            f"with {best_with:6.2f} s, overhead {overhead:+.1f} %"
        )
    # The difference of two builds is at the mercy of the machine's other work; the plugin's
    # share of the same build is not.
    shares = [plugin / (cpu - plugin) for _, cpu, plugin in times["with"]]
    plugin = min(run[2] for run in times["with"])
    print(
        f"  related_articles' own CPU in the builds with it: {plugin:.2f} s at best, "
        f"+{100 * min(shares):.1f} % to {100 * max(shares):.1f} % of the rest of the same build"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, one build each")
    parser.add_argument("--quality-size", type=int, help="articles for precision@3 (3000)")
    parser.add_argument("--sizes", help="comma-separated corpus sizes (1000,5000,10000)")
    parser.add_argument("--site-size", type=int, help="articles in the built site (1000)")
    parser.add_argument("--runs", type=int, help="builds with and without the plugin (3)")
    parser.add_argument("--inside-build", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.inside_build is not None:
        return inside_build(options.inside_build)
    quick = options.quick
    sizes = options.sizes or ("200,500,1000" if quick else "1000,5000,10000")

    # Other work on the machine slows every figure below: say how busy it was.
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start")
    quality(options.quality_size or (500 if quick else 3000))
    scale([int(size) for size in sizes.split(",")])
    site_build(options.site_size or (200 if quick else 1000), options.runs or (1 if quick else 3))
    print(f"machine: load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
