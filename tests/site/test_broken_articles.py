"""The corpus of broken articles (tests/broken_articles/): one file per mistake an author makes.

Each file is checked for its exact messages, `file:line: message`, in three ways an author
meets them: a strict build of that file alone (publishing stops, every message an error), the
development build of the whole corpus (the same messages as warnings, the site still built),
and the real `invoke check` and `invoke build` commands (exit codes, no traceback).
"""

import logging
import re
import shutil
from pathlib import Path

import pytest

from blog_core.problems import BuildStopped, stop_message
from sitebuild import BLOG_SITE, STRICT, build_site, copy_project, run_module, write_bio

CORPUS = Path(__file__).resolve().parent.parent / "broken_articles"
FIELDS = (
    "Title, Slug, Status, Summary, Lang, Translation, Template, Save_as, Url, Date, Modified, "
    "Category, Tags, Author, Authors, Source, Image, ImageAlt, Related, Toc, Comments."
)
ALT_HELP = (
    "non ha un testo alternativo: scrivi tra le parentesi quadre cosa mostra, per esempio "
    "![Il banco del mercato con i cartellini dei prezzi]"
)
# file -> [(line, message)], in the order the build reports them; {content} is content/.
EXPECTED = {
    "senza-titolo.md": [(1, "manca il titolo: aggiungi in cima una riga «Title: …».")],
    "titolo-vuoto.md": [(1, "il titolo è vuoto: scrivilo dopo «Title:».")],
    "titolo-con-html.md": [
        (
            1,
            "il titolo contiene HTML («<em>»): un titolo è solo testo, e sul sito, nei "
            "risultati di Google e nei social il tag comparirebbe così com'è. Toglilo.",
        )
    ],
    "data-impossibile.md": [
        (
            2,
            "la data «2026-02-30 09:00» non è completa o non esiste: scrivila come "
            "AAAA-MM-GG HH:MM, per esempio «2026-11-27 09:00».",
        )
    ],
    "data-a-meta.md": [
        (
            2,
            "la data «2026-11» non è completa o non esiste: scrivila come AAAA-MM-GG HH:MM, "
            "per esempio «2026-11-27 09:00».",
        )
    ],
    "campo-tag.md": [
        (
            4,
            "«tag» non è un campo che il sito conosce, quindi viene ignorato. Forse intendevi "
            f"«Tags:»? I campi possibili sono: {FIELDS}",
        )
    ],
    # The misspelt field is ignored, so the article falls back to the site's AUTHOR, who has
    # no bio in this corpus: both are named, the cause first.
    "campo-autore.md": [
        (
            5,
            "«autore» non è un campo che il sito conosce, quindi viene ignorato. Forse intendevi "
            f"«Author:»? I campi possibili sono: {FIELDS}",
        ),
        (
            1,
            "Redazione Bottega Digitale non ha una scheda autore: crea "
            "{content}/authors/redazione-bottega-digitale.md con «Name: Redazione Bottega "
            "Digitale» e due righe di bio.",
        ),
    ],
    "autore-senza-scheda.md": [
        (
            5,
            "Marta Gallo non ha una scheda autore: crea {content}/authors/marta-gallo.md con "
            "«Name: Marta Gallo» e due righe di bio.",
        )
    ],
    "correlato-sconosciuto.md": [
        (
            7,
            "in Related c'è «vetrine-online-per-il-negozio-di-quartire», ma nessun articolo "
            "pubblicato ha questo slug: forse intendevi "
            "«vetrine-online-per-il-negozio-di-quartiere»?",
        )
    ],
    "link-filename-rotto.md": [
        (
            8,
            "il link «{{filename}}/articles/guida-al-tono.md» porta a "
            "content/articles/guida-al-tono.md, che non esiste. Controlla il nome del file.",
        )
    ],
    "link-static-rotto.md": [
        (
            8,
            "il link «{{static}}/documenti/listino-2026.pdf» porta a "
            "content/documenti/listino-2026.pdf, che non esiste.",
        )
    ],
    "link-interno-rotto.md": [
        (
            8,
            "il link «/chi-siamo-noi/» non porta a nessuna pagina del sito (/chi-siamo-noi/): "
            "controlla l'indirizzo, o per un articolo scrivi {{filename}}/articles/"
            "nome-del-file.md.",
        )
    ],
    "link-a-file-markdown.md": [
        (
            8,
            "il link «vetrine-online.md» punta a un file Markdown, che sul sito non esiste: "
            "scrivi «{{filename}}vetrine-online.md» e il sito userà l'indirizzo dell'articolo.",
        )
    ],
    "immagine-mancante.md": [
        (
            8,
            "manca l'immagine «{{static}}/images/banco-mercato.jpg»: il file "
            "content/images/banco-mercato.jpg non esiste. Controlla il nome o mettila in "
            "content/images/.",
        )
    ],
    "immagine-senza-alt.md": [
        (
            8,
            "l'immagine «{{static}}/images/forno-griglia-instagram.svg» "
            f"{ALT_HELP}({{{{static}}}}/images/forno-griglia-instagram.svg). Serve a chi usa un "
            "lettore di schermo e a chi non vede caricare l'immagine.",
        )
    ],
    # Saved as Latin-1 (Windows' Notepad "ANSI"): Pelican alone stops with a UnicodeDecodeError.
    "codifica-windows.md": [
        (
            8,
            "il file non è salvato in UTF-8, quindi le lettere accentate non si leggono (la "
            "prima è in questa riga): salvalo di nuovo scegliendo la codifica UTF-8 (in molti "
            "editor: Salva con nome → Codifica → UTF-8).",
        )
    ],
    "stesso-slug.md": [
        (
            2,
            "ha lo stesso indirizzo /vetrine-online-per-il-negozio-di-quartiere/ di "
            "{content}/articles/vetrine-online.md: cambia il titolo o aggiungi "
            "«Slug: un-indirizzo-diverso».",
        )
    ],
    "stesso-indirizzo-di-una-pagina.md": [
        (
            1,
            "ha lo stesso indirizzo /chi-siamo/ di {content}/pages/chi-siamo.md: cambia il "
            "titolo o aggiungi «Slug: un-indirizzo-diverso».",
        )
    ],
}
# Not a mistake: an article dated ahead waits for its day, and the author is told when.
FUTURE = (
    "data-futura.md",
    2,
    "è datato 1 dicembre 2099 alle 09:00: comparirà sul sito con la prima pubblicazione da quel "
    "momento in poi (ogni venerdì alle 9 ce n'è una). Se non è pronto, aggiungi «Status: draft».",
)
# The author the corpus files name, who has a bio, and the image one shows without alt text.
CORPUS_AUTHOR, CORPUS_AUTHOR_SLUG = "Luca Bianchi", "luca-bianchi"
CORPUS_IMAGE = "forno-griglia-instagram.svg"
PICTURE = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>'
# The one article the corpus refers to (its slug is reused, pinned and linked to).
SHOP_WINDOWS = f"""\
Title: Vetrine online per il negozio di quartiere
Date: 2026-11-02 09:00
Category: Negozi online
Tags: e-commerce, pmi
Author: {CORPUS_AUTHOR}
Summary: Una pagina con orari, foto e mappa.

Una vetrina online è la prima cosa che un cliente vede, prima ancora della porta.
"""


def lines(names, content):
    """The expected `path:line: message` lines for `names`, with `content` as content/."""
    return [
        f"{content}/articles/{name}:{line}: " + message.format(content=content)
        for name in names
        for line, message in EXPECTED[name]
    ]


def make_content(folder, names):
    """The fixture site's pages, the image and the bio the corpus files need, the shop-window
    article, then `names`."""
    content = folder / "content"
    shutil.copytree(BLOG_SITE / "pages", content / "pages")
    (content / "images").mkdir()
    (content / "images" / CORPUS_IMAGE).write_text(PICTURE, encoding="utf-8")
    write_bio(content, CORPUS_AUTHOR_SLUG, {"Name": CORPUS_AUTHOR, "Role": "Formatore"})
    articles = content / "articles"
    articles.mkdir()
    (articles / "vetrine-online.md").write_text(SHOP_WINDOWS, encoding="utf-8")
    for name in names:
        shutil.copy(CORPUS / name, articles / name)
    return content


def reported(records, level):
    return [r.getMessage() for r in records if r.levelno == level]


def test_the_corpus_has_one_file_per_mistake_and_nothing_else():
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted([*EXPECTED, FUTURE[0]])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_mistake_stops_a_strict_build_with_its_exact_message(tmp_path, name, caplog):
    content = make_content(tmp_path, [name])
    with pytest.raises(BuildStopped) as stopped:
        build_site(tmp_path / "output", content=content, **STRICT)
    assert reported(caplog.records, logging.ERROR) == lines([name], content)
    assert stopped.value.code == stop_message(lines([name], content))


def test_a_future_article_is_announced_and_does_not_stop_publishing(tmp_path):
    name, line, message = FUTURE
    content = make_content(tmp_path, [name])
    site = build_site(tmp_path / "output", content=content, **STRICT)
    assert reported(site.log_records, logging.WARNING) == [
        f"{content}/articles/{name}:{line}: {message}"
    ]
    assert reported(site.log_records, logging.ERROR) == []
    assert not site.exists("/le-vendite-di-natale-del-prossimo-secolo/")


def test_the_development_build_warns_about_every_mistake_and_still_builds(tmp_path):
    content = make_content(tmp_path, [*EXPECTED, FUTURE[0]])
    site = build_site(tmp_path / "output", content=content)
    name, line, message = FUTURE
    expected = [*lines(EXPECTED, content), f"{content}/articles/{name}:{line}: {message}"]
    # Every problem and the notice; the build's own line counts them (below).
    warnings = reported(site.log_records, logging.WARNING)
    assert sorted(warnings) == sorted(expected)
    assert reported(site.log_records, logging.ERROR) == []
    # What can be shown is shown: a broken link is a warning, not a missing page.
    assert site.exists("/rispondere-alle-recensioni-negative/")
    assert site.exists("/vetrine-online-per-il-negozio-di-quartiere/")


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("broken")
    content = make_content(folder, [*EXPECTED, FUTURE[0]])
    return copy_project(folder / "project", content=content)


def test_invoke_check_lists_every_mistake_and_exits_1(broken_project):
    result = run_module("invoke", "check", cwd=broken_project)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    count = sum(len(problems) for problems in EXPECTED.values())
    summary = output.split(f"Pubblicazione fermata: ci sono {count} problemi da correggere:\n")[1]
    # The final list: each problem on one line, whatever the terminal's width.
    assert sorted(summary.splitlines()[:count]) == sorted(
        f"  {line}" for line in lines(EXPECTED, "content")
    )
    assert "Traceback" not in output


def test_invoke_build_shows_the_same_mistakes_and_exits_0(broken_project):
    result = run_module("invoke", "build", cwd=broken_project)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    for expected in lines(EXPECTED, "content"):
        assert expected in output
    count = sum(len(problems) for problems in EXPECTED.values())
    # The build's one line, last: how long it took and how many problems are listed above.
    line = re.search(r"^Sito aggiornato in \d+,\d s: (.*)$", output, re.MULTILINE)
    assert line and line[1] == f"{count} problemi da correggere, vedi sopra", output
    assert "ERROR" not in output and "Traceback" not in output
    assert (broken_project / "anteprima" / "chi-siamo" / "index.html").is_file()
