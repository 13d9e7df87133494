"""Related articles: the scoring an editor and a reader can see, and the plugin's settings."""

import json
import os
import random
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from related_articles.related_articles import configure, counted, on_cores
from related_articles.scoring import (
    Document,
    RelatedIndex,
    Stemmer,
    related,
    scored,
    term_counts,
)
from sitebuild import (
    BLOG_SITE,
    FIXTURE_BUILD_MOMENT,
    ROOT,
    PelicanSettingsStub,
    build_site,
    epoch,
    file_hashes,
    write_article,
)

DAY = datetime(2026, 11, 2, 9, 0)


def doc(key, days_old=0, **fields):
    """A document with nothing in common with any other unless the test says so."""
    return Document(key=key, date=DAY - timedelta(days=days_old), category=key, **fields)


NEWSLETTER = Document(
    key="newsletter",
    title="Perché una newsletter conta più di mille follower",
    summary="Gli iscritti alla newsletter restano tuoi: come costruire la lista email.",
    body="La lista email di una bottega cresce con un modulo di iscrizione in negozio. "
    "Ogni newsletter porta gli iscritti a tornare; l'oggetto dell'email decide l'apertura.",
    date=DAY,
)
EMAIL_SUBJECTS = Document(
    key="oggetti-email",
    title="Oggetti delle email: come farsi aprire",
    summary="L'oggetto decide se la newsletter viene aperta dagli iscritti.",
    body="Un oggetto chiaro porta gli iscritti ad aprire l'email. Provate due oggetti "
    "sulla stessa lista e guardate le aperture della newsletter.",
    date=DAY - timedelta(days=10),
)
SHIPPING = Document(
    key="spedizioni",
    title="Spedizioni e resi per la bottega online",
    summary="Costi, tempi, imballaggi e resi da decidere prima del primo ordine.",
    body="Il corriere ritira i pacchi due volte a settimana. I resi si accettano entro "
    "quattordici giorni; l'imballaggio protegge la ceramica durante la spedizione.",
    date=DAY - timedelta(days=5),
)


def test_a_rare_shared_tag_beats_a_common_one():
    documents = [
        doc("articolo", tags=("pmi", "gdpr")),
        doc("con-pmi", tags=("pmi",)),
        doc("con-gdpr", tags=("gdpr",)),
        *(doc(f"altro-{n}", days_old=n, tags=("pmi",)) for n in range(1, 8)),
    ]
    index = RelatedIndex(documents)
    assert index.score("articolo", "con-gdpr") > index.score("articolo", "con-pmi")
    assert related(documents)["articolo"][0] == "con-gdpr"


def test_the_same_category_counts():
    documents = [
        doc("articolo", tags=("instagram",)),
        doc("altra-categoria", tags=("instagram",)),
        Document(key="stessa-categoria", tags=("instagram",), category="articolo", date=DAY),
    ]
    assert related(documents)["articolo"][:2] == ["stessa-categoria", "altra-categoria"]


def test_similar_text_puts_the_article_on_the_same_subject_first():
    assert related([NEWSLETTER, EMAIL_SUBJECTS, SHIPPING])["newsletter"][0] == "oggetti-email"


def test_italian_stemming_joins_inflections_and_drops_stop_words():
    stems = Stemmer().stems
    assert stems("iscritto") == stems("iscritti")
    assert stems("iscrizione") == stems("iscrizioni")
    assert stems("negozio") == stems("negozi")
    assert stems("Newsletter") == stems("newsletter")
    # Elided articles and prepositions go with the other stop words, whatever the apostrophe.
    assert stems("dell'agenzia, gli iscritti e l’iscrizione") == stems(
        "agenzia iscritti iscrizione"
    )


def test_inflected_words_make_articles_related():
    singular = doc("uno", body="Il negozio raccoglie l'iscrizione del cliente alla newsletter.")
    plural = doc("due", body="I negozi raccolgono le iscrizioni dei clienti alle newsletter.")
    other = doc("tre", body="Il corriere ritira i pacchi e gestisce resi e imballaggi.")
    assert related([singular, plural, other], min_score=0.1)["uno"] == ["due"]


def test_ties_go_to_the_newer_article_then_the_slug():
    documents = [
        doc("articolo", tags=("seo locale",)),
        doc("b-vecchio", days_old=30, tags=("seo locale",)),
        doc("d-nuovo", days_old=1, tags=("seo locale",)),
        doc("c-nuovo", days_old=1, tags=("seo locale",)),
    ]
    assert related(documents)["articolo"] == ["c-nuovo", "d-nuovo", "b-vecchio"]


def test_pinned_articles_come_first_in_their_order_and_count_toward_the_maximum():
    pinned = Document(**{**NEWSLETTER.__dict__, "pins": ("spedizioni", "terzo")})
    third = doc("terzo", days_old=40)
    documents = [pinned, EMAIL_SUBJECTS, SHIPPING, third]
    assert related(documents, max_count=3)["newsletter"] == ["spedizioni", "terzo", "oggetti-email"]
    assert related(documents, max_count=2)["newsletter"] == ["spedizioni", "terzo"]


def test_never_the_article_itself():
    twin = Document(**{**NEWSLETTER.__dict__, "key": "gemello"})
    lists = related([NEWSLETTER, twin])
    assert lists == {"gemello": ["newsletter"], "newsletter": ["gemello"]}
    assert related([NEWSLETTER]) == {"newsletter": []}
    with pytest.raises(ValueError, match="newsletter"):
        related([Document(**{**NEWSLETTER.__dict__, "pins": ("newsletter",)})])


def test_nothing_related_means_an_empty_list_not_filler():
    lists = related([NEWSLETTER, SHIPPING], min_score=0.15)
    assert lists == {"newsletter": [], "spedizioni": []}


def small_corpus(count=60, seed=7):
    """Articles on four subjects with overlapping tags, as a site that grew over time."""
    rng = random.Random(seed)
    subjects = [
        "newsletter iscritti lista email oggetto apertura modulo campagna",
        "spedizioni resi corriere pacco imballaggio ordine magazzino",
        "instagram foto post storie profilo follower calendario",
        "preventivo freelance cliente ore compenso contratto fattura",
    ]
    tags = ["pmi", "email marketing", "logistica", "instagram", "freelance", "contenuti"]
    documents = []
    for number in range(count):
        words = rng.choice(subjects).split()
        documents.append(
            Document(
                key=f"articolo-{number:02d}",
                title=" ".join(rng.sample(words, 3)),
                body=" ".join(rng.choice(words) for _ in range(40)),
                tags=tuple(rng.sample(tags, 2)),
                category=rng.choice(["Social media", "E-commerce", "Strategia"]),
                date=DAY - timedelta(days=rng.randrange(20)),
            )
        )
    return documents


def varied_corpus(count=200, seed=11, subjects=30):
    """Articles on many subjects, each with a vocabulary of its own and shared everyday words:
    an edit moves a few stems' postings, as on a real blog."""
    rng = random.Random(seed)
    syllables = ["ca", "ne", "sto", "ri", "mar", "ve", "lo", "ti", "gra", "pe", "su", "dio"]
    made = set()

    def word():
        # Consonants at the end: the stemmer keeps each word whole, no two subjects share one.
        while True:
            made_up = "".join(rng.choices(syllables, k=2)) + "".join(rng.choices("bdfgkz", k=2))
            if made_up not in made:
                made.add(made_up)
                return made_up

    subjects = [[word() for _ in range(25)] for _ in range(subjects)]
    everyday = [word() for _ in range(60)]
    tags = [f"tema-{number}" for number in range(15)]
    documents = []
    for number in range(count):
        own = rng.choice(subjects)
        body = [rng.choice(own if rng.random() < 0.4 else everyday) for _ in range(120)]
        documents.append(
            Document(
                key=f"pezzo-{number:03d}",
                title=" ".join(rng.sample(own, 3)),
                body=" ".join(body),
                tags=tuple(rng.sample(tags, 2)),
                category=f"rubrica-{number % 6}",
                date=DAY - timedelta(days=rng.randrange(400)),
            )
        )
    return documents, subjects, everyday


def edited(documents, subjects, everyday, rng):
    """The documents after one author's save: a text grown, cut, rewritten, or its fields."""
    documents = documents[:]
    position = rng.randrange(len(documents))
    doc = documents[position]
    kind = rng.choice(["grow", "new word", "cut", "rewrite", "title", "tags", "two"])
    if kind == "grow":
        doc = replace(doc, body=doc.body + " " + " ".join(rng.choices(rng.choice(subjects), k=30)))
    elif kind == "new word":
        doc = replace(doc, body=doc.body + f" parolanuova{rng.randrange(10**6)}")
    elif kind == "cut":
        doc = replace(doc, body=" ".join(doc.body.split()[:20]))
    elif kind == "rewrite":
        doc = replace(doc, body=documents[rng.randrange(len(documents))].body)
    elif kind == "title":
        doc = replace(doc, title=" ".join(rng.choices(everyday, k=4)))
    elif kind == "tags":
        doc = replace(doc, tags=("tema-0", "nuovo-tema"))
    else:
        other = (position + 7) % len(documents)
        documents[other] = replace(documents[other], body=documents[other].body + " fine")
        doc = replace(doc, body=doc.body + " " + " ".join(rng.choices(everyday, k=10)))
    documents[position] = doc
    return documents


def assert_as_from_scratch(again, documents):
    """The lists and what the next scoring starts from: those of scoring from scratch."""
    from_scratch = scored(documents)
    assert again.lists == from_scratch.lists
    assert again.index.shortlists == from_scratch.index.shortlists


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_scoring_again_after_edits_gives_the_lists_of_scoring_from_scratch(seed):
    documents, subjects, everyday = varied_corpus(seed=seed)
    rng = random.Random(seed)
    earlier = scored(documents)
    assert earlier.lists == related(documents) and any(earlier.lists.values())
    for _ in range(10):
        documents = edited(documents, subjects, everyday, rng)
        again = scored(documents, earlier=earlier, share_out=on_cores(1))
        assert_as_from_scratch(again, documents)
        earlier = again
    # Other options, or the articles in another order: the same lists as from scratch.
    assert scored(documents, max_count=2, earlier=earlier).lists == related(documents, max_count=2)
    shuffled = documents[::-1]
    assert scored(shuffled, earlier=earlier).lists == related(documents)


def with_counts(documents, known):
    """The documents with their term counts, as the plugin hands them over: the same objects
    (kept in `known` by text) for the texts that did not change."""
    stemmer = Stemmer()
    carried = []
    for doc in documents:
        text = (doc.title, doc.summary, doc.body)
        if text not in known:
            known[text] = term_counts(doc, stemmer)
        carried.append(replace(doc, counts=known[text]))
    return carried


@pytest.mark.parametrize("seed", [4, 5])
def test_text_vectors_kept_from_the_last_scoring_are_those_of_scoring_from_scratch(seed):
    documents, subjects, everyday = varied_corpus(seed=seed)
    rng = random.Random(seed)
    known = {}
    earlier = scored(with_counts(documents, known))
    for _ in range(12):
        documents = edited(documents, subjects, everyday, rng)
        again = scored(with_counts(documents, known), earlier=earlier)
        from_scratch = scored(documents)
        assert again.index.vectors == from_scratch.index.vectors
        assert again.lists == from_scratch.lists
        assert again.index.shortlists == from_scratch.index.shortlists
        assert again.index.text.frequency == from_scratch.index.text.frequency
        assert again.index.text.idf == from_scratch.index.text.idf
        earlier = again
    # A word no other text has changes one vector: every other one is taken as it was.
    position = 17
    saved = replace(documents[position], body=documents[position].body + " parolanuovaqx")
    documents = [*documents[:position], saved, *documents[position + 1 :]]
    again = scored(with_counts(documents, known), earlier=earlier)
    kept = [
        now is before
        for now, before in zip(again.index.vectors, earlier.index.vectors, strict=True)
    ]
    assert kept.count(False) == 1 and not kept[again.index.position_of[saved.key]]
    assert again.index.vectors == scored(documents).index.vectors


def test_an_article_that_insists_on_its_subject_enters_the_list_of_one_that_did_not_change():
    # Only the weights of words the article already had change: every other text vector is the
    # same, and the other article's list changes through the postings of its words alone.
    documents, _, _ = varied_corpus(count=300, subjects=6)
    earlier = scored(documents)
    index = earlier.index
    subject = documents[0]
    own = set(subject.body.split()) & set(subject.title.split())
    outsider = next(
        doc
        for position, doc in enumerate(sorted(documents, key=lambda doc: doc.key))
        if doc.key != subject.key
        and own <= set(doc.body.split())
        and position not in index.shortlists[index.position_of[subject.key]]
    )
    insisting = replace(outsider, body=outsider.body + (" " + " ".join(sorted(own))) * 60)
    documents = [insisting if doc is outsider else doc for doc in documents]
    again = scored(documents, earlier=earlier)
    position = index.position_of[subject.key]
    assert again.index.vectors[position] == index.vectors[position]
    assert index.position_of[insisting.key] in again.index.shortlists[position]
    assert_as_from_scratch(again, documents)


def test_after_one_text_changes_only_the_lists_it_can_change_are_scored(monkeypatch):
    documents, _, _ = varied_corpus(count=300)
    earlier = scored(documents)
    asked = []
    score_one = RelatedIndex.related_and_shortlist

    def counting(index, key, *args):
        asked.append(key)
        return score_one(index, key, *args)

    monkeypatch.setattr(RelatedIndex, "related_and_shortlist", counting)
    # A word no other article has: its text vector changes, and a few others' lists may.
    saved = replace(documents[120], body=documents[120].body + " parolanuovabz")
    documents = [*documents[:120], saved, *documents[121:]]
    again = scored(documents, earlier=earlier)
    scored_again = asked[:]
    assert again.lists == related(documents[::-1])
    assert saved.key in scored_again
    assert len(scored_again) < len(documents) // 4


def test_the_same_lists_when_the_articles_are_scored_on_two_cores():
    documents = small_corpus(count=240)
    share_out, parts = on_cores(2), []

    def recorded(keys, work):
        parts.extend(share_out(keys, work))
        return parts

    assert related(documents, share_out=recorded) == related(documents)
    assert len(parts) == 2  # two workers, half the articles each


def test_same_lists_whatever_the_order_the_articles_come_in():
    documents = small_corpus()
    expected = related(documents)
    assert any(expected.values())
    for seed in range(5):
        shuffled = documents[:]
        random.Random(seed).shuffle(shuffled)
        assert related(shuffled) == expected


def test_same_lists_in_every_process_whatever_the_hash_seed():
    script = (
        "import json, sys; sys.path[:0] = ['plugins', 'tests']\n"
        "from related_articles.scoring import related\n"
        "from plugins.test_related_articles import small_corpus\n"
        "print(json.dumps(related(small_corpus())))\n"
    )
    outputs = []
    for hash_seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        run = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        outputs.append(json.loads(run.stdout))
    assert outputs[0] == outputs[1] == outputs[2] == related(small_corpus())


def test_settings_get_their_defaults():
    pelican = PelicanSettingsStub()
    configure(pelican)
    assert pelican.settings["RELATED_ARTICLES_MAX"] == 3
    assert pelican.settings["RELATED_ARTICLES_MIN_SCORE"] == 0.15
    assert pelican.settings["RELATED_ARTICLES_WEIGHTS"] == {
        "tags": 0.4,
        "category": 0.1,
        "text": 0.5,
    }


@pytest.mark.parametrize(
    ("name", "bad"),
    [
        ("RELATED_ARTICLES_MAX", 0),
        ("RELATED_ARTICLES_MAX", -1),
        ("RELATED_ARTICLES_MAX", "3"),
        ("RELATED_ARTICLES_MAX", True),
        ("RELATED_ARTICLES_MIN_SCORE", -0.1),
        ("RELATED_ARTICLES_MIN_SCORE", "0.2"),
        ("RELATED_ARTICLES_MIN_SCORE", float("nan")),
        ("RELATED_ARTICLES_WEIGHTS", {"tags": 1}),
        ("RELATED_ARTICLES_WEIGHTS", {"tags": -1, "category": 0.5, "text": 0.5}),
        ("RELATED_ARTICLES_WEIGHTS", {"tags": 0, "category": 0, "text": 0}),
        ("RELATED_ARTICLES_WEIGHTS", {"tags": 0.4, "category": 0.1, "testo": 0.5}),
        ("RELATED_ARTICLES_WEIGHTS", [0.4, 0.1, 0.5]),
    ],
)
def test_a_bad_setting_is_named_in_the_error(name, bad):
    with pytest.raises(ValueError, match=name):
        configure(PelicanSettingsStub(**{name: bad}))


def test_counts_kept_from_an_earlier_build_give_the_same_lists():
    documents = small_corpus()
    # Counted by a stemmer that has seen the others first: the counts are each document's own.
    seasoned = Stemmer()
    for document in reversed(documents):
        term_counts(document, seasoned)
    known = [replace(doc, body="", counts=term_counts(doc, seasoned)) for doc in documents]
    assert related(known) == related(documents)


def test_the_next_build_counts_again_only_the_articles_that_changed():
    documents = small_corpus(count=10)
    asked = []

    def entries(documents):
        def make(document):
            def made(with_text):
                asked.append((document.key, with_text))
                return document if with_text else replace(document, body="")

            return made

        return [((doc.key, doc.body), make(doc)) for doc in documents]

    counted(entries(documents))
    assert [with_text for _, with_text in asked] == [True] * 10
    asked.clear()
    edited = replace(documents[3], body=documents[3].body + " vetrina vetrina")
    changed = [*documents[:3], edited, *documents[4:]]
    again = counted(entries(changed))
    assert [key for key, with_text in asked if with_text] == [edited.key]
    assert related(again) == related(changed)


def test_the_processes_that_read_the_files_count_their_words(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(FIXTURE_BUILD_MOMENT))
    content = tmp_path / "content"
    shutil.copytree(BLOG_SITE, content)
    for number in range(30):  # enough files to be read by two workers
        write_article(
            content,
            f"vetrina-{number}.md",
            title=f"La vetrina numero {number}",
            author="Elisa Marchetti",
            date=f"2026-02-{number % 27 + 1:02d} 09:00",
            tags="vetrine" if number % 2 else "vetrine, clienti",
            body=f"La vetrina {number} cambia con le stagioni: luci, prezzi e cartelli.\n",
        )
    plugin = sys.modules[counted.__module__]
    serial = build_site(tmp_path / "serial", content, BUILD_CACHE=None, BUILD_WORKERS=1)
    plugin._last_counts.clear()  # as a new process
    counts_here = []
    real = plugin.term_counts
    monkeypatch.setattr(plugin, "term_counts", lambda *args: counts_here.append(1) or real(*args))
    cache = str(tmp_path / "cache")
    parallel = build_site(tmp_path / "parallel", content, BUILD_CACHE=cache, BUILD_WORKERS=2)
    assert file_hashes(parallel.output) == file_hashes(serial.output)
    # Counted by the workers that read them (a worker's counts stay in that worker).
    assert len(counts_here) < 3
    plugin._last_counts.clear()
    build_site(tmp_path / "again", content, BUILD_CACHE=None, BUILD_WORKERS=1)
    assert len(counts_here) > 30  # counted here when read here
