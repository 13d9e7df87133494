"""Pictures, measured: what a site's photos add to its build, cold and warm.

Generates (seeded) N articles (benchmarks/scale.py's corpus) twice: as they are, and with a
photo drawn here for each of the first K articles, its featured image (`Image:`, `ImageAlt:`),
shown again in its text. Each photo is a 2400x1600 JPEG (shapes on a gradient, drawn with
Pillow, different for each article), as a blog's photos are once exported. The project builds
both with pelicanconf.py, every plugin on but the share cards (PICTURES_SHARE_CARDS = False),
and the articles without photos a third time with the share cards (one for each article and
page), in turns (A B C A B C):

  cold    no .cache/ at all (the content cache, the compiled templates, the pictures' derivatives)
  warm    the caches of one untimed build before, nothing changed

and prints every run, each figure's median and min-max, the time the photos and the cards add
pair by pair, the cold cost per photo, per derivative encoded and per card drawn, the cost of
drawing one card alone (in this process) and the cards' sizes, and the load average. Figures
only, no verdict. Usage: python benchmarks/pictures.py [--articles 300] [--images 300]
[--pairs 2] [--seed 7] (`invoke bench-pictures`).
"""

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from scale import (  # noqa: E402
    ROOT,
    cache_folders,
    corpus,
    files_in,
    load_average,
    one_build_at_a_time,
    paired_runs,
    print_times,
    run,
    spread,
    write_project_content,
)

from pictures import cards  # noqa: E402

# The theme's colours (theme/static/css/style.css): green, terracotta, sand, ink.
COLOURS = [(23, 97, 63), (178, 80, 46), (232, 214, 178), (40, 44, 52), (240, 236, 228)]
PHOTO_SIZE = (2400, 1600)


def draw_photo(path, rng):
    """A 2400x1600 JPEG: a gradient between two of the theme's colours and a few shapes."""
    top, bottom = rng.sample(COLOURS, 2)
    width, height = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 4):
        share = y / height
        colour = tuple(round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True))
        draw.rectangle((0, y, width, y + 4), fill=colour)
    for _ in range(rng.randint(6, 14)):
        x, y = rng.randrange(width), rng.randrange(height)
        size = rng.randint(80, 700)
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x, y, x + size, y + size * rng.uniform(0.4, 1.2)), fill=rng.choice(COLOURS))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=85)


def add_photos(content, count, seed):
    """The first `count` articles of `content` with a photo each, featured and in their text."""
    rng = random.Random(seed)
    for number in range(count):
        photo = content / "images" / f"foto-{number}.jpg"
        draw_photo(photo, rng)
        article = content / "articles" / f"a{number}.md"
        header, body = article.read_text(encoding="utf-8").split("\n\n", 1)
        alt = f"Forme colorate su uno sfondo sfumato, la foto numero {number}"
        header += f"\nImage: images/foto-{number}.jpg\nImageAlt: {alt}"
        body = body.replace("\n\n", f"\n\n![{alt}]({{static}}/images/foto-{number}.jpg)\n\n", 1)
        article.write_text(f"{header}\n\n{body}", encoding="utf-8")


def cache_name(content, with_cards):
    return f"cache-{content.name}{'-cards' if with_cards else ''}"


def build(content, output, cold, with_cards=False):
    """This project's build of `content`, with a cache of its own beside it (the pictures'
    derivatives too: a build removes those it did not use, so the sites cannot share one);
    `cold`: without it and without the compiled templates; `with_cards`: with the share
    cards of the articles without a photo."""
    cache = content.parent / cache_name(content, with_cards) / "content"
    command = [sys.executable, "-m", "pelican", str(content), "--settings", "pelicanconf.py"]
    command += ["--output", str(output), "--log-handler", "plain"]
    command += ["-e", f"BUILD_CACHE={json.dumps(str(cache))}"]
    command += [f"PICTURES_SHARE_CARDS={json.dumps(with_cards)}"]
    with one_build_at_a_time():
        shutil.rmtree(output, ignore_errors=True)
        if cold:
            shutil.rmtree(cache.parent, ignore_errors=True)
            for folder in cache_folders():
                shutil.rmtree(folder, ignore_errors=True)
        return run(command, ROOT)


def pictures_folder(content, with_cards=False):
    """Where the pictures plugin keeps the derivatives of `content`'s build: beside its cache."""
    return content.parent / cache_name(content, with_cards) / "pictures"


def added(with_photos, without):
    """The seconds the photos (or cards) add, pair by pair: wall and CPU."""
    walls = [a.wall - b.wall for a, b in zip(with_photos, without, strict=True)]
    cpus = [a.cpu - b.cpu for a, b in zip(with_photos, without, strict=True)]
    return walls, cpus


def part(name, options, plain, photos, folder, cold):
    print(f"\n{name}", flush=True)
    if not cold:
        build(plain, folder / "out-plain", cold=True)
        build(photos, folder / "out-photos", cold=True)
        build(plain, folder / "out-cards", cold=True, with_cards=True)
    runs = paired_runs(
        options.pairs,
        {
            "without photos": lambda: build(plain, folder / "out-plain", cold=cold),
            "with photos": lambda: build(photos, folder / "out-photos", cold=cold),
            "without photos, with cards": lambda: build(
                plain, folder / "out-cards", cold=cold, with_cards=True
            ),
        },
    )
    print_times(runs)
    walls, cpus = added(runs["with photos"], runs["without photos"])
    print(
        f"  what {options.images} photos add, pair by pair: wall {spread(walls, '+.2f', ' s')}; "
        f"CPU {spread(cpus, '+.2f', ' s')}"
    )
    card_walls, card_cpus = added(runs["without photos, with cards"], runs["without photos"])
    print(
        f"  what the share cards add, pair by pair: wall {spread(card_walls, '+.2f', ' s')}; "
        f"CPU {spread(card_cpus, '+.2f', ' s')}"
    )
    return walls, cpus, card_walls, card_cpus


def card_drawing(articles):
    """Each article's card drawn here, one after the other: the CPU milliseconds each takes
    and its bytes, medians and ranges."""
    milliseconds, sizes = [], []
    for article in articles:
        text = cards.CardText(article["title"], article["category"], article["author"], "Blog")
        started = time.process_time()
        data = cards.draw_card(text, cards.COLOURS)
        milliseconds.append((time.process_time() - started) * 1000)
        sizes.append(len(data) / 1000)
    print(
        f"  one card drawn alone ({len(articles)} titles, in this process): CPU "
        f"{spread(milliseconds, '.1f', ' ms')}; {spread(sizes, '.1f', ' kB')}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300, help="articles (300)")
    parser.add_argument("--images", type=int, default=300, help="articles with a photo (300)")
    parser.add_argument("--pairs", type=int, default=2, help="paired runs of each part (2)")
    parser.add_argument("--seed", type=int, default=7, help="the corpus's seed (7)")
    options = parser.parse_args()
    options.images = min(options.images, options.articles)
    articles = corpus(options.articles, options.seed)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        plain, photos = folder / "content-plain", folder / "content-photos"
        write_project_content(plain, articles)
        write_project_content(photos, articles)
        add_photos(photos, options.images, options.seed)
        size = sum(path.stat().st_size for path in (photos / "images").iterdir()) / 2**20
        print(
            f"{options.articles} generated articles (seed {options.seed}), {options.images} of "
            f"them with a {PHOTO_SIZE[0]}x{PHOTO_SIZE[1]} JPEG photo ({size:.1f} MiB in all), "
            f"featured and in the text; {load_average()}"
        )
        walls, cpus, card_walls, card_cpus = part(
            "cold: no .cache/ (content, templates, the pictures' derivatives), no output",
            options,
            plain,
            photos,
            folder,
            cold=True,
        )
        derivatives = files_in(pictures_folder(photos)) - 1  # its facts.json aside
        if options.images and derivatives:
            per_photo = statistics.median(walls) / options.images
            print(
                f"  derivatives encoded: {derivatives}; "
                f"cold cost per photo: {per_photo * 1000:.0f} ms wall, "
                f"{statistics.median(cpus) / options.images * 1000:.0f} ms CPU "
                f"({statistics.median(walls) / derivatives * 1000:.0f} ms wall per derivative)"
            )
        drawn = sum(1 for _ in pictures_folder(plain, with_cards=True).rglob("*.png")) or 1
        print(
            f"  share cards drawn: {drawn}; cold cost per card: "
            f"{statistics.median(card_walls) / drawn * 1000:.1f} ms wall, "
            f"{statistics.median(card_cpus) / drawn * 1000:.1f} ms CPU"
        )
        card_drawing(articles)
        print(f"  {load_average()}")
        part(
            "warm: the caches of one untimed build before, nothing changed, no output",
            options,
            plain,
            photos,
            folder,
            cold=False,
        )
        print(f"  {load_average()}")


if __name__ == "__main__":
    main()
