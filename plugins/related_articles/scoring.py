"""Which articles are closest to each article: shared rare tags, same category, similar text.

Pure Python and near-linear in the number of articles. Each article becomes its twenty or so most
telling word stems (TF-IDF over title, summary and text, Italian stop words dropped, Snowball
stems). Instead of comparing every pair, an inverted index over those stems, the tags and the
categories gives each article a bounded set of candidates with a cheap lower bound of their
score; the best of them get the exact score. Everything is sorted by key first, so the result
does not depend on the order the articles come in.
"""

import heapq
import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import compress
from operator import mul

import snowballstemmer

from .stopwords import ITALIAN_STOP_WORDS

DEFAULT_WEIGHTS = {"tags": 0.4, "category": 0.1, "text": 0.5}
# How much a word counts in the title and in the summary, against once in the text.
TITLE_WEIGHT = 3
SUMMARY_WEIGHT = 2
# Stems kept per article: enough to say what it is about, few enough to keep the index small.
TOP_TERMS = 20
# For finding candidates, each stem lists only the articles it weighs most in: the work per
# article stays the same however large the site (the exact score uses all the top stems).
POSTINGS_PER_STEM = 20
# Under a tag or category with many articles, the candidates are this many nearest in date on
# either side (a shared tag still counts in full in the exact score).
NEIGHBOURS = 10
# Candidates that get the exact score: this many best by the cheap lower bound, and as many by
# text alone.
SHORTLIST = 10
# Scores equal to this many decimals are ties, whatever the order of the floating-point sums.
PRECISION = 9

WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Document:
    """One published article, as plain text: `key` is its slug, `pins` the slugs it names."""

    key: str
    title: str = ""
    summary: str = ""
    body: str = ""
    tags: tuple[str, ...] = ()
    category: str = ""
    date: datetime | float = 0.0
    pins: tuple[str, ...] = ()
    # term_counts() of the document when already known (an unchanged article, last build).
    counts: tuple[tuple[str, ...], tuple[int, ...]] | None = None


class _StemCache(dict):
    """Token between spaces, as written -> its stems joined by spaces ("" for stop words).

    Looking up a token already seen stays in C. A new token is split into words by WORD (so
    "dell'agenzia," gives "agenz") and each new word is stemmed once per build: about 1 µs a
    word with PyStemmer (pinned; snowballstemmer uses its C code), tens of µs in pure Python.
    """

    def __init__(self):
        super().__init__()
        self.stemmer = snowballstemmer.stemmer("italian")
        self.words = dict.fromkeys(ITALIAN_STOP_WORDS, "")
        self.compound = set()

    def _stem(self, word):
        stem = self.words.get(word)
        if stem is None:
            useless = len(word) < 2 or word.isdigit()
            stem = self.words[word] = "" if useless else self.stemmer.stemWord(word)
        return stem

    def __missing__(self, token):
        stems = [stem for stem in map(self._stem, WORD.findall(token.lower())) if stem]
        value = self[token] = " ".join(stems)
        if len(stems) > 1:
            self.compound.add(value)
        return value


class Stemmer:
    """Italian text to Snowball stems, without stop words, numbers and single letters."""

    def __init__(self):
        # A site uses a few tens of thousands of distinct tokens in millions of words.
        self._cache = _StemCache()

    def stems(self, text):
        """The stems of `text` in reading order."""
        return " ".join(map(self._cache.__getitem__, text.split())).split()

    def counts(self, text, weighted=()):
        """Stem -> its count in `text`, plus weight x its count in each (text, weight) pair."""
        lookup = self._cache.__getitem__
        # Tokens are counted in C; Python only loops over the stems of the short texts.
        counts = Counter(map(lookup, text.split()))
        for extra, weight in weighted:
            for stem, count in Counter(map(lookup, extra.split())).items():
                counts[stem] += count * weight
        for value in self._cache.compound.intersection(counts):
            count = counts.pop(value)
            for stem in value.split():
                counts[stem] += count
        counts.pop("", None)
        return counts


def term_counts(doc, stemmer):
    """(stems, their counts) of a document's text, title and summary: two tuples take a
    fraction of a dict's memory, and 10,000 articles wait for the IDF. They depend on the
    document alone, whatever `stemmer` has seen before."""
    counts = stemmer.counts(doc.body, ((doc.title, TITLE_WEIGHT), (doc.summary, SUMMARY_WEIGHT)))
    return tuple(counts), tuple(counts.values())


def text_vectors(documents, top_terms=None, earlier=None):
    """Per document, its `top_terms` stems by TF x IDF, as an L2-normalised dict.

    `earlier`: the TextVectors of the same documents in the same order, maybe with other
    texts; a vector is taken from it when its text (its counts, the very objects) and the
    document frequency of each of its stems are unchanged, as it would come out the same."""
    top_terms = top_terms or TOP_TERMS
    stemmer = Stemmer()
    counts = [doc.counts or term_counts(doc, stemmer) for doc in documents]
    if earlier is not None and (len(earlier.counts), earlier.top_terms) != (len(counts), top_terms):
        earlier = None
    if earlier is None:
        frequency = Counter()
        for stems, _ in counts:
            frequency.update(stems)
        moved = None
        idf = None
    else:
        # The document frequencies of the stems of the edited texts, before and after.
        frequency = Counter(earlier.frequency)
        touched = set()
        for position, now in enumerate(counts):
            before = earlier.counts[position]
            if now is not before:
                frequency.subtract(before[0])
                frequency.update(now[0])
                touched.update(before[0], now[0])
        moved = {stem for stem in touched if frequency[stem] != earlier.frequency.get(stem, 0)}
        idf = dict(earlier.idf)
        for stem in moved:
            if frequency[stem] <= 0:
                del frequency[stem]
                del idf[stem]
    total = len(documents) + 1
    if idf is None:
        idf = {stem: math.log(total / df) for stem, df in frequency.items()}
    else:
        idf.update((stem, math.log(total / frequency[stem])) for stem in moved if stem in frequency)
    vectors = []
    for position, (stems, tfs) in enumerate(counts):
        unchanged = moved is not None and counts[position] is earlier.counts[position]
        if unchanged and moved.isdisjoint(stems):
            vectors.append(earlier.vectors[position])
            continue
        # Raw counts, not 1 + log: a word an article uses once weighs little next to its subject
        # (measured: precision@3 0.99 against 0.88 on the benchmark corpus).
        weights = list(map(mul, tfs, map(idf.__getitem__, stems)))
        # Comparing bare floats is cheap: keep the pairs at or above the top_terms-th weight,
        # then sort those few; equal weights go by the stem itself, never by a hash.
        cutoff = heapq.nlargest(top_terms, weights)[-1] if len(weights) > top_terms else 0.0
        pairs = compress(zip(weights, stems, strict=True), map(cutoff.__le__, weights))
        top = sorted(pairs, reverse=True)[:top_terms]
        norm = math.sqrt(sum(weight * weight for weight, _ in top)) or 1.0
        # A stem of this article alone counts in its norm but can never match another.
        vectors.append({stem: weight / norm for weight, stem in top if frequency[stem] > 1})
    return TextVectors(vectors, counts, frequency, idf, top_terms)


@dataclass
class TextVectors:
    """text_vectors()'s vectors, with what the next call needs to compute only some again."""

    vectors: list
    counts: list
    frequency: Counter
    idf: dict
    top_terms: int


class RelatedIndex:
    """Everything needed to score any two documents and to find each one's candidates."""

    def __init__(self, documents, weights=None, earlier=None):
        """`earlier`: an index of documents with the same fields but maybe other texts, whose
        work on the fields is taken as it is."""
        self.weights = {**DEFAULT_WEIGHTS, **(weights or {})}
        self.docs = docs = sorted(documents, key=lambda doc: doc.key)
        self.fields = [(doc.key, doc.tags, doc.category, doc.date, doc.pins) for doc in docs]
        self.same_fields = earlier is not None and (earlier.fields, earlier.weights) == (
            self.fields,
            self.weights,
        )
        if self.same_fields:
            for name in FIELD_WORK:
                setattr(self, name, getattr(earlier, name))
        else:
            self._work_on_fields(docs)
        self.shortlists = None  # set by scored(): each position's, for the next scored()

        # The same documents in the same order as `earlier`'s: its vectors where they stay.
        self.text = text_vectors(docs, earlier=earlier.text if self.same_fields else None)
        self.vectors = self.text.vectors
        # The index outlives the build's scoring (scored's `earlier`): the texts are in the
        # vectors now, and 5,000 articles' would stay in memory for nothing.
        self.docs = [replace(doc, title="", summary="", body="", counts=None) for doc in docs]
        postings = {}
        for index, vector in enumerate(self.vectors):
            for stem, weight in vector.items():
                postings.setdefault(stem, []).append((-weight, index))
        self.postings = {
            stem: [
                (index, -weight) for weight, index in heapq.nsmallest(POSTINGS_PER_STEM, entries)
            ]
            for stem, entries in postings.items()
        }

    def _work_on_fields(self, docs):
        """Everything the scores need of the documents but their text (FIELD_WORK)."""
        self.keys = [doc.key for doc in docs]
        if len(set(self.keys)) != len(docs):
            raise ValueError("every document needs its own key")
        self.position_of = {key: index for index, key in enumerate(self.keys)}
        for doc in docs:
            for pin in doc.pins:
                if pin not in self.position_of or pin == doc.key:
                    raise ValueError(f"{doc.key}: pinned {pin!r} is not another document")
        count = len(docs)

        # Newer first on equal scores: a dense rank of the dates, higher is newer.
        date_rank = {date: rank for rank, date in enumerate(sorted({doc.date for doc in docs}))}
        self.newness = [date_rank[doc.date] for doc in docs]
        by_date = sorted(range(count), key=lambda index: (self.newness[index], index))

        self.tag_members = {}
        self.category_members = {}
        for index in by_date:
            for tag in docs[index].tags:
                self.tag_members.setdefault(tag, []).append(index)
            self.category_members.setdefault(docs[index].category, []).append(index)
        # A rare shared tag says more than a common one: each tag weighs its IDF, squared as in
        # a cosine, so that two documents with the same tags score 1.
        self.tag_weight = {
            tag: math.log((count + 1) / len(members)) ** 2
            for tag, members in self.tag_members.items()
        }
        self.tag_sets = [frozenset(doc.tags) for doc in docs]
        self.tag_norms = [
            math.sqrt(sum(self.tag_weight[tag] for tag in tags)) for tags in self.tag_sets
        ]
        # Where each document sits among the members of a large tag or category.
        self.member_position = {
            (kind, name): {index: position for position, index in enumerate(members)}
            for kind, table in (("tag", self.tag_members), ("category", self.category_members))
            for name, members in table.items()
            if len(members) > 2 * NEIGHBOURS + 1
        }

    def _mates(self, kind, name, members, index):
        """All members of a small group; the NEIGHBOURS nearest in date either side otherwise."""
        positions = self.member_position.get((kind, name))
        if positions is None:
            return members
        position = positions[index]
        return members[max(0, position - NEIGHBOURS) : position + NEIGHBOURS + 1]

    def _lower_bounds(self, index):
        """(text, total): candidate -> lower bound of its text score and of its whole score."""
        w_tags, w_category, w_text = (self.weights[k] for k in ("tags", "category", "text"))
        doc = self.docs[index]
        text = {}
        if w_text:
            for stem, weight in self.vectors[index].items():
                for other, other_weight in self.postings[stem]:
                    text[other] = text.get(other, 0.0) + weight * other_weight
            text.pop(index, None)
        total = {other: w_text * value for other, value in text.items()}
        if w_tags:
            norms = self.tag_norms
            for tag in doc.tags:
                share = w_tags * self.tag_weight[tag] / norms[index]
                for other in self._mates("tag", tag, self.tag_members[tag], index):
                    total[other] = total.get(other, 0.0) + share / norms[other]
        if w_category:
            members = self.category_members[doc.category]
            for other in self._mates("category", doc.category, members, index):
                total[other] = total.get(other, 0.0) + w_category
        total.pop(index, None)
        return text, total

    def _score(self, index, other):
        vector, other_vector = self.vectors[index], self.vectors[other]
        # fsum is exact: the order of a set never changes the last digit.
        text = math.fsum(
            [vector[stem] * other_vector[stem] for stem in vector.keys() & other_vector]
        )
        score = self.weights["text"] * text
        shared = self.tag_sets[index] & self.tag_sets[other]
        if shared:
            shared_weight = math.fsum([self.tag_weight[tag] for tag in shared])
            norms = self.tag_norms[index] * self.tag_norms[other]
            score += self.weights["tags"] * shared_weight / norms
        if self.docs[index].category == self.docs[other].category:
            score += self.weights["category"]
        # Scores equal to PRECISION decimals are ties.
        return round(score, PRECISION)

    def score(self, key, other_key):
        """How related two documents are: from 0 to the sum of the weights."""
        return self._score(self.position_of[key], self.position_of[other_key])

    def related(self, key, max_count=3, min_score=0.0):
        """The keys related to `key`: its pins in order, then the best scores above min_score."""
        return self.related_and_shortlist(key, max_count, min_score)[0]

    def related_and_shortlist(self, key, max_count=3, min_score=0.0):
        """(related(key), the positions of the documents that got the exact score)."""
        index = self.position_of[key]
        pins = list(dict.fromkeys(self.docs[index].pins))
        wanted = max_count - len(pins)
        if wanted <= 0:
            return pins[:max_count], ()
        text, total = self._lower_bounds(index)
        # The best by text alone too, so that tags and category do not crowd out a close text.
        # nlargest is stable and the bounds were filled in a fixed order: no hash decides.
        shortlist = dict.fromkeys(heapq.nlargest(SHORTLIST, total, key=total.__getitem__))
        shortlist.update(dict.fromkeys(heapq.nlargest(SHORTLIST, text, key=text.__getitem__)))
        for pin in pins:
            shortlist.pop(self.position_of[pin], None)
        newness, score = self.newness, self._score
        ranked = [(-score(index, other), -newness[other], other) for other in shortlist]
        best = heapq.nsmallest(wanted, (r for r in ranked if r[0] < 0 and -r[0] >= min_score))
        return pins + [self.keys[other] for _, _, other in best], tuple(shortlist)

    def may_differ_from(self, earlier):
        """The positions whose list may differ from `earlier`'s (an index with the same fields):
        a document's list is made from its vector, the postings of its stems and the vectors of
        its shortlist, so it stays while none of those changed."""
        pairs = enumerate(zip(self.vectors, earlier.vectors, strict=True))
        changed = {index for index, (vector, before) in pairs if vector != before}
        stems = self.postings.keys() | earlier.postings.keys()
        moved = {stem for stem in stems if self.postings.get(stem) != earlier.postings.get(stem)}
        again = set(changed)
        for index, vector in enumerate(self.vectors):
            if index not in again and (
                not moved.isdisjoint(vector) or not changed.isdisjoint(earlier.shortlists[index])
            ):
                again.add(index)
        return again


# What RelatedIndex works out from the documents' fields alone.
FIELD_WORK = (
    "keys",
    "position_of",
    "newness",
    "tag_members",
    "category_members",
    "tag_weight",
    "tag_sets",
    "tag_norms",
    "member_position",
)


def related(documents, max_count=3, min_score=0.0, weights=None, share_out=None):
    """Key -> keys of the related documents, for every document.

    `share_out(keys, work)`, when given, returns work(part) for parts of `keys` (each a dict),
    done where it likes (other processes): each document's list depends on the index alone.

    score = tags x (IDF-weighted cosine of the tags) + category x (1 if the same category)
            + text x (cosine of the text vectors); ties go to the newer document, then the key.
    """
    return scored(documents, max_count, min_score, weights, share_out).lists


def scored(documents, max_count=3, min_score=0.0, weights=None, share_out=None, earlier=None):
    """related()'s work, its lists in `.lists`. With `earlier`, what scored() gave for other
    documents: when only some texts changed, the documents whose list cannot have changed keep
    theirs (the dev server's build after a save: a few lists scored instead of every one)."""
    options = (max_count, min_score)
    if earlier is not None and earlier.options != options:
        earlier = None
    index = RelatedIndex(documents, weights, earlier.index if earlier else None)
    if not index.same_fields:
        earlier = None  # other fields: every list again

    def work(keys):
        return {key: index.related_and_shortlist(key, max_count, min_score) for key in keys}

    if earlier is None:
        keys = index.keys
    else:
        again = index.may_differ_from(earlier.index)
        keys = [key for position, key in enumerate(index.keys) if position in again]
    if share_out is None or earlier is not None and len(keys) < len(index.keys) // 4:
        found = work(keys)
    else:
        found = {}
        for part in share_out(keys, work):
            found.update(part)
    if earlier is not None:
        for position, key in enumerate(index.keys):
            if key not in found:
                found[key] = (earlier.lists[key], earlier.index.shortlists[position])
    index.shortlists = [found[key][1] for key in index.keys]
    return Scored(index, options, {key: found[key][0] for key in index.keys})


@dataclass
class Scored:
    """related()'s lists, with what the next scored() call needs to score again only some."""

    index: RelatedIndex
    options: tuple
    lists: dict
