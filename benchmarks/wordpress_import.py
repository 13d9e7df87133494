"""What `invoke import-wordpress` costs on a large blog: a generated export of N posts (block
and classic content, a figure, a gallery, a video, a shortcode, links between posts, two
comments each), imported into a copy of the project with --dry-run off.

Prints the time to read the export, to plan the files (the conversion to Markdown) and the
whole task as an author runs it. Usage: python benchmarks/wordpress_import.py [--posts 1000]
"""

# ruff: noqa: E501 - the generated export's lines are as long as WordPress writes them

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins"), str(ROOT / "tests")]
from pelican.settings import read_settings  # noqa: E402

from blog_core import slug_for_title  # noqa: E402
from wordpress_import import read_export  # noqa: E402
from wordpress_import.files import new_addresses, plan_import  # noqa: E402

SITE = "https://www.blog-di-prova.it"
WORDS = [
    "bottega",
    "cliente",
    "vetrina",
    "caffè",
    "orari",
    "banco",
    "ordine",
    "prezzo",
    "social",
    "foto",
    "corso",
    "settimana",
    "recensione",
    "preventivo",
    "sito",
    "mappa",
    "spedizione",
    "reso",
    "laboratorio",
    "artigiano",
]
BLOCK = """<!-- wp:paragraph -->
<p>{text} <a href="{site}/?p={other}">un altro articolo</a>.</p>
<!-- /wp:paragraph -->
<!-- wp:image {{"id":9001}} -->
<figure class="wp-block-image"><img src="{site}/wp-content/uploads/2024/01/foto-1024x683.jpg" alt="Una foto del banco"/><figcaption>Il banco</figcaption></figure>
<!-- /wp:image -->
<!-- wp:embed -->
<figure class="wp-block-embed wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=M7lc1UVf-VE
</div></figure>
<!-- /wp:embed -->"""
CLASSIC = """{text}
Una riga dopo.

[gallery ids="9001"]

[contact-form-7 id="1" title="Contatti"]

{text}"""
COMMENT = """<wp:comment><wp:comment_id>{id}</wp:comment_id><wp:comment_author>Lettore {id}</wp:comment_author>
<wp:comment_author_email>lettore{id}@posta.invalid</wp:comment_author_email><wp:comment_author_IP>10.0.0.1</wp:comment_author_IP>
<wp:comment_date_gmt>2024-01-02 10:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[{text}]]></wp:comment_content>
<wp:comment_approved>{approved}</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>"""


def sentence(rng, words=40):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def export_text(posts, seed=7):
    rng = random.Random(seed)
    items = []
    for number in range(1, posts + 1):
        body = (BLOCK if number % 2 else CLASSIC).format(
            text=sentence(rng), site=SITE, other=rng.randint(1, posts)
        )
        comments = "".join(
            COMMENT.format(id=number * 10 + n, text=sentence(rng, 15), approved=n % 2)
            for n in range(2)
        )
        items.append(
            f"""<item><title>Articolo {number}: {sentence(rng, 5)}</title>
<link>{SITE}/2024/01/0{1 + number % 9}/articolo-{number}/</link><dc:creator>autore{number % 5}</dc:creator>
<content:encoded><![CDATA[{body}]]></content:encoded><excerpt:encoded><![CDATA[{sentence(rng, 12)}]]></excerpt:encoded>
<wp:post_id>{number}</wp:post_id><wp:post_date_gmt>2024-01-0{1 + number % 9} 08:00:00</wp:post_date_gmt>
<wp:post_name>articolo-{number}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="cat-{number % 7}">Categoria {number % 7}</category>
<category domain="post_tag" nicename="tag-{number % 11}">tag {number % 11}</category>{comments}</item>"""
        )
    authors = "".join(
        f"<wp:author><wp:author_login>autore{n}</wp:author_login>"
        f"<wp:author_display_name>Autore Numero {n}</wp:author_display_name></wp:author>"
        for n in range(5)
    )
    attachment = (
        "<item><title>foto</title><wp:post_id>9001</wp:post_id><wp:post_type>attachment"
        f"</wp:post_type><wp:attachment_url>{SITE}/wp-content/uploads/2024/01/foto.jpg"
        "</wp:attachment_url><wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key>"
        "<wp:meta_value>2024/01/foto.jpg</wp:meta_value></wp:postmeta></item>"
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Prova</title><link>{SITE}</link>
<wp:base_blog_url>{SITE}</wp:base_blog_url>{authors}{attachment}{"".join(items)}</channel></rss>"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    options = parser.parse_args()
    from sitebuild import copy_project

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        export = folder / "esportazione.xml"
        export.write_text(export_text(options.posts), encoding="utf-8")
        size = export.stat().st_size / 1_000_000
        settings = read_settings(str(ROOT / "pelicanconf.py"))
        started = time.perf_counter()
        data = read_export(export.read_bytes())
        read = time.perf_counter() - started
        urls = new_addresses(settings)
        started = time.perf_counter()
        plan = plan_import(data, lambda text: slug_for_title(text, settings), urls)
        planned = time.perf_counter() - started
        (folder / "content" / "articles").mkdir(parents=True)
        project = copy_project(folder / "project", content=folder / "content")
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "invoke", "import-wordpress", str(export)],
            cwd=project,
            check=True,
            capture_output=True,
        )
        task = time.perf_counter() - started
        written = sum(1 for _ in (project / "content" / "articles").glob("*.md"))
        shutil.rmtree(project)
    print(f"Esportazione: {options.posts} post, {size:.1f} MB")
    print(f"  lettura del file XML:          {read:6.2f} s")
    print(f"  conversione in Markdown:       {planned:6.2f} s ({len(plan.files)} file)")
    print(f"  invoke import-wordpress intero: {task:6.2f} s ({written} articoli scritti)")


if __name__ == "__main__":
    main()
