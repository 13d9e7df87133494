"""The dev server's build process (blog_core.dev_session), in this process: a Session building a
copy of the blog fixture site, as the server asks it to after each save.

The fast render: a saved article whose header is unchanged is rendered from the last build's
context and written before its build starts, and the build then writes it exactly; anything
else is only built. Each test edits an article of its own, whatever the others did.
"""

import gzip
import hashlib
import json
import logging
import pickle
import shutil
import uuid
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pelican import signals

import search
from blog_core import dev_session
from blog_core.dev_session import Session
from sitebuild import (
    BLOG_SITE,
    FIXTURE_BUILD_MOMENT,
    ROOT,
    build_site,
    epoch,
    file_hashes,
    write_article,
)

REMOVED_SCRIPT = "«<script>» è stato tolto"


class Server:
    """What the server hears from the session, in order: each event, with the files of the
    watched pages as they were at that moment, and each build's start (Pelican's
    `initialized`)."""

    def __init__(self):
        self.heard = []
        self.watched = ()

    def write(self, line):
        pages = {page: page.read_text(encoding="utf-8") for page in self.watched if page.is_file()}
        self.heard.append(("event", json.loads(line), pages))

    def flush(self):
        pass

    def build_started(self, pelican):
        self.heard.append(("build", None, None))

    def listen(self, *pages):
        self.heard, self.watched = [], pages

    def order(self):
        return [(kind, event) for kind, event, _ in self.heard]

    def first_seen(self, page):
        """`page` as it was when the session first said anything."""
        return self.heard[0][2].get(page)


@pytest.fixture(scope="module")
def dev(tmp_path_factory):
    """A Session over a copy of tests/sites/blog, its first build done, and what it tells the
    server."""
    project = tmp_path_factory.mktemp("dev-session")
    shutil.copytree(BLOG_SITE, project / "content")
    server = Server()
    signals.initialized.connect(server.build_started, weak=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(project)  # the session's stamp and the problems' paths, as in a checkout
        patch.setenv("SOURCE_DATE_EPOCH", epoch(FIXTURE_BUILD_MOMENT))
        arguments = ["--settings", str(ROOT / "pelicanconf.py"), "--output", "anteprima"]
        session = Session([*arguments, "content"], server)
        assert session.build()
        yield project, session, server
    signals.initialized.disconnect(server.build_started)


def article_files(project, slug):
    return (
        project / "content" / "articles" / f"{slug}.md",
        project / "anteprima" / slug / "index.html",
    )


def body(html):
    return str(BeautifulSoup(html, "lxml").select_one(".article__body"))


def without_body(html):
    soup = BeautifulSoup(html, "lxml")
    soup.select_one(".article__body").decompose()
    return str(soup)


def test_a_body_edit_is_on_the_page_before_the_build_which_then_writes_it_exactly(dev, tmp_path):
    project, session, server = dev
    slug = "la-gelateria-su-instagram-anche-in-inverno"
    source, page = article_files(project, slug)
    before = page.read_text(encoding="utf-8")
    server.listen(page)
    source.write_text(
        source.read_text(encoding="utf-8")
        + "\n\nIl gusto *pistacchiosalato* piace anche a gennaio.\n",
        encoding="utf-8",
    )
    assert session.build([str(source)], ["index.html"])
    # The page, then the build, which says no "first" of its own: the server reloads the
    # browser at once, and again once the build is done.
    assert server.order() == [("event", {"first": False}), ("build", None)]
    fast = server.first_seen(page)
    assert "<em>pistacchiosalato</em>" in body(fast)
    # The rest of the page is the last build's until the build (related articles, reading time).
    assert without_body(fast) == without_body(before)
    built = page.read_text(encoding="utf-8")
    assert body(fast) == body(built)
    # After the build: the very bytes of an ordinary build of the edited site, that page and
    # every other file (the sitemap lists the page once: the fast render told it nothing).
    fresh = build_site(tmp_path / "fresh", project / "content")
    assert page.read_bytes() == fresh.path(f"/{slug}/").read_bytes()
    assert file_hashes(project / "anteprima") == file_hashes(fresh.output)


def test_a_page_and_a_draft_saved_together_are_rendered_ahead_too(dev):
    project, session, server = dev
    page_source = project / "content" / "pages" / "chi-siamo.md"
    page = project / "anteprima" / "chi-siamo" / "index.html"
    draft_source, _ = article_files(project, "appunti-sul-programma-fedelta-digitale")
    draft = project / "anteprima" / "anteprima" / "appunti-sul-programma-fedelta-digitale"
    draft = draft / "index.html"
    for source, line in ((page_source, "Siamo anche a Bari."), (draft_source, "Punti doppi.")):
        source.write_text(source.read_text(encoding="utf-8") + f"\n\n{line}\n", encoding="utf-8")
    server.listen(page, draft)
    assert session.build([str(page_source), str(draft_source)], [])
    assert server.order() == [("event", {"first": False}), ("build", None)]
    fast_page, fast_draft = server.first_seen(page), server.first_seen(draft)
    page_body = BeautifulSoup(fast_page, "lxml").select_one(".page__body")
    assert "Siamo anche a" in page_body.get_text()
    assert page_body == BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one(
        ".page__body"
    )
    # The draft with its preview banner, as the build writes it.
    assert "Punti" in body(fast_draft)
    assert body(fast_draft) == body(draft.read_text(encoding="utf-8"))
    banner = BeautifulSoup(fast_draft, "lxml").select_one(".preview-banner__status")
    assert banner.get_text() == "Bozza: non pubblicata"


def test_a_new_title_is_only_built_at_its_new_address(dev):
    project, session, server = dev
    source, page = article_files(
        project, "farsi-trovare-su-google-maps-cinque-controlli-da-fare-ogni-mese"
    )
    server.listen(page)
    text = source.read_text(encoding="utf-8")
    assert "Title: Farsi trovare su Google Maps" in text
    source.write_text(
        text.replace("Title: Farsi trovare su Google Maps", "Title: Farsi trovare su Maps", 1),
        encoding="utf-8",
    )
    assert session.build([str(source)], [])
    # No page ahead: the build starts, then announces its own first pages.
    assert server.order()[0] == ("build", None)
    assert [kind for kind, _ in server.order()].count("event") == 1
    moved = project / "anteprima" / "farsi-trovare-su-maps-cinque-controlli-da-fare-ogni-mese"
    title = BeautifulSoup((moved / "index.html").read_text(encoding="utf-8"), "lxml").h1
    assert (
        title.get_text().replace("\xa0", " ")
        == "Farsi trovare su Maps: cinque controlli da fare ogni mese"
    )
    assert not page.exists()  # the old address went with the build


def test_a_hostile_body_is_cleaned_on_the_fast_page_as_the_build_cleans_it(dev, caplog):
    project, session, server = dev
    source, page = article_files(project, "le-storie-di-instagram-in-dieci-minuti-al-giorno")
    server.listen(page)
    hostile = (
        '\n\nUn paragrafo con trappole.<script>alert("rubato")</script>\n\n'
        '<img src="x.png" alt="x" onerror="alert(1)"> <a href="javascript:alert(2)">clic</a>\n'
    )
    source.write_text(source.read_text(encoding="utf-8") + hostile, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert session.build([str(source)], [])
    assert server.order() == [("event", {"first": False}), ("build", None)]
    fast = body(server.first_seen(page))
    assert "trappole" in fast
    assert "<script" not in fast and "onerror" not in fast and "javascript:" not in fast
    assert fast == body(page.read_text(encoding="utf-8"))
    # The problem is named once, by the build: not by the read ahead of it as well.
    assert sum(REMOVED_SCRIPT in record.getMessage() for record in caplog.records) == 1


def test_a_new_article_or_a_saved_template_is_only_built(dev):
    project, session, server = dev
    new = write_article(
        project / "content", "nuovo-arrivo.md", title="Un nuovo arrivo", author="Elisa Marchetti"
    )
    server.listen(project / "anteprima" / "un-nuovo-arrivo" / "index.html")
    assert session.build([str(new)], [])
    assert server.order()[0] == ("build", None)
    assert (project / "anteprima" / "un-nuovo-arrivo" / "index.html").is_file()
    # An article saved together with a template: the page needs the new template.
    source, page = article_files(project, "perche-la-prima-email-e-quella-che-si-legge-di-piu")
    source.write_text(
        source.read_text(encoding="utf-8") + "\n\nUna rigaaggiunta in più.\n", encoding="utf-8"
    )
    server.listen(page)
    template = ROOT / "theme" / "templates" / "article.html"
    assert session.build([str(source), str(template)], [])
    assert server.order()[0] == ("build", None)
    assert "rigaaggiunta" in page.read_text(encoding="utf-8")


def test_a_fast_render_that_fails_leaves_the_build_to_write_the_page(dev, monkeypatch, caplog):
    project, session, server = dev
    source, page = article_files(
        project, "chi-risponde-ai-messaggi-formare-il-personale-del-negozio-in-due-pomeriggi"
    )

    def broken(known, content):
        raise RuntimeError("a template the last build could render, and this one cannot")

    monkeypatch.setattr(dev_session, "render", broken)
    server.listen(page)
    source.write_text(
        source.read_text(encoding="utf-8") + "\n\nRisposta entrosera stessa.\n", encoding="utf-8"
    )
    with caplog.at_level(logging.INFO):
        assert session.build([str(source)], [])
    assert server.order()[0] == ("build", None)
    assert "entrosera" in page.read_text(encoding="utf-8")
    assert not [
        r for r in caplog.records if r.levelno >= logging.INFO and r.name == dev_session.__name__
    ]


def fail_while_building(generators):
    raise RuntimeError("a plugin that breaks on the new text")


def test_a_build_that_stops_after_a_fast_render_puts_the_last_good_page_back(dev, capsys):
    project, session, server = dev
    source, page = article_files(project, "spedire-dal-negozio-quanto-costa-davvero-un-pacco")
    good = page.read_bytes()
    server.listen(page)
    source.write_text(
        source.read_text(encoding="utf-8") + "\n\nCorriere nuovoarrivato oggi.\n", encoding="utf-8"
    )
    signals.all_generators_finalized.connect(fail_while_building)
    try:
        assert not session.build([str(source)], [])
    finally:
        signals.all_generators_finalized.disconnect(fail_while_building)
    assert "nuovoarrivato" in server.first_seen(page)  # shown at once ...
    assert page.read_bytes() == good  # ... and the last good page back once the build stopped
    assert "la costruzione si è fermata" in capsys.readouterr().err
    # The next save builds from the last good build again.
    assert session.build([str(source)], [])
    assert "nuovoarrivato" in page.read_text(encoding="utf-8")


def test_unchanged_emails_are_only_touched_and_a_changed_one_is_written_whole(dev):
    project, session, server = dev
    source = write_article(
        project / "content",
        "vetrina-di-natale.md",
        title="La vetrina di Natale in tre sere",
        date="2026-02-25 09:00",
        summary="Luci, prezzi e un cartello scritto a mano.",
    )
    assert session.build([str(source)], [])
    emails = sorted((project / "anteprima").glob("newsletter/**/email.*"))
    before = {email: (email.stat(), email.read_text(encoding="utf-8")) for email in emails}
    assert any("La vetrina di Natale" in text for _, text in before.values())
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("tre sere", "quattro sere", 1), encoding="utf-8")
    assert session.build([str(source)], [])
    changed = []
    for email, (status, text) in before.items():
        now = email.stat()
        assert now.st_mtime_ns > status.st_mtime_ns  # written by this build, for the clean-up
        if email.read_text(encoding="utf-8") == text:
            assert now.st_ino == status.st_ino  # only touched
        else:
            assert now.st_ino != status.st_ino  # a new file renamed over the old one
            assert "La vetrina di Natale in quattro sere" in email.read_text(encoding="utf-8")
            changed.append(email.name)
    # Its week's email.html and email.txt, and no other.
    assert sorted(changed) == ["email.html", "email.txt"]
    # And a build with nothing changed touches them all again.
    inodes = {email: email.stat().st_ino for email in emails}
    assert session.build([], [])
    assert {email: email.stat().st_ino for email in emails} == inodes


def test_serving_saves_the_caches_once_the_server_has_heard_done(dev):
    project, session, server = dev
    source = write_article(
        project / "content",
        "cartello-in-vetrina.md",
        title="Il cartello in vetrina che fa entrare",
        date="2026-03-03 09:00",
        summary="Poche parole, scritte grandi, cambiate ogni settimana.",
    )
    # A text no earlier run of the tests saved (the cache folder is the checkout's).
    with source.open("a", encoding="utf-8") as text:
        text.write(f"\nScritto da {uuid.uuid4().hex}.\n")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    caches = Path(session.last.generators[0].settings["BUILD_CACHE"])

    def knows_the_article():
        # The content cache's files on disk: the entries by file, each with its file's digest.
        for cache in caches.glob("*.pickle"):
            entries = pickle.loads(cache.read_bytes())
            if entries.get("articles/cartello-in-vetrina.md", (None,))[0] == digest:
                return True
        return False

    heard_done = []
    write = server.write

    def write_and_look(line):
        write(line)
        if json.loads(line).get("done"):
            heard_done.append(knows_the_article())

    server.listen()
    server.write = write_and_look
    try:
        session.serve([json.dumps({"changed": [str(source)], "pages": []}) + "\n"])
    finally:
        server.write = write
        session.serving = False
    # Not yet when the server heard "done" (the browser reloads then), saved right after.
    assert heard_done == [False]
    assert knows_the_article()


def indexed_texts(output):
    """The texts in the search index of `output` (Pagefind's fragments: gzip, then JSON)."""
    texts = []
    for fragment in (output / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        texts.append(json.loads(data)["content"])
    return texts


def test_serving_indexes_for_search_after_done_and_only_when_a_text_changed(dev):
    project, session, server = dev
    output = project / "anteprima"
    search.wait_for_index(output)  # an earlier test's serving
    word = f"parola{uuid.uuid4().hex[:8]}"
    source = write_article(
        project / "content",
        "insegna-luminosa.md",
        title="L'insegna luminosa, accesa la sera",
        date="2026-03-10 09:00",
        body=f"Un'insegna accesa fino alle dieci: {word}.\n",
    )
    index_at_done = []
    write = server.write

    def write_and_look(line):
        write(line)
        if json.loads(line).get("done"):
            index_at_done.append(any(word in text for text in indexed_texts(output)))

    server.listen()
    server.write = write_and_look
    try:
        request = json.dumps({"changed": [str(source)], "pages": []}) + "\n"
        session.serve([request])
        search.wait_for_index(output)
        # Not in the index when the browser reloads: indexing is after "done", in the background.
        assert index_at_done == [False]
        assert any(word in text for text in indexed_texts(output))
        entry = output / "pagefind" / "pagefind-entry.json"
        stamp = entry.stat().st_mtime_ns
        # A save that changes no indexed text (a build with nothing changed) indexes nothing,
        # and the clean-up of the preview keeps the index.
        session.serve([json.dumps({"changed": [], "pages": []}) + "\n"])
        search.wait_for_index(output)
        assert entry.stat().st_mtime_ns == stamp
        assert any(word in text for text in indexed_texts(output))
        assert not (output / ".pagefind-nuovo").exists()
    finally:
        server.write = write
        session.serving = False
