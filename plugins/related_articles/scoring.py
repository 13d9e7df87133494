"""Which articles are closest to each article: shared rare tags, same category, similar text.

Pure Python and near-linear in the number of articles. Each article becomes its few dozen most
telling word stems (TF-IDF over title, summary and text, Italian stop words dropped, Snowball
stems); an inverted index over those stems, the tags and the categories finds the candidates of
each article without comparing every pair. Everything is sorted by key first, so the result does
not depend on the order the articles come in.
"""

import heapq
import math
import re
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter

import snowballstemmer

from .stopwords import ITALIAN_STOP_WORDS

DEFAULT_WEIGHTS = {"tags": 0.4, "category": 0.1, "text": 0.5}
# How much a word counts in the title and the summary compared with the same word in the text.
FIELD_WEIGHTS = {"title": 3, "summary": 2, "body": 1}
# Stems kept per article: enough to say what it is about, few enough to keep the index small.
TOP_TERMS = 30
# A stem among the top stems of more articles than this tells little apart and would make the
# work grow with the square of the site; it is left out of the text score for every article.
MAX_POSTINGS = 300
# Category mates, and mates under a tag this common, considered as candidates: the nearest in
# date on either side. Shared tags still count in full for every candidate.
NEIGHBOURS = 25
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


class Stemmer:
    """Italian words to Snowball stems; stop words, numbers and single letters to ""."""

    def __init__(self):
        self._stemmer = snowballstemmer.stemmer("italian")
        # A site uses a few tens of thousands of distinct words in millions of tokens.
        self._cache = {}

    def stem(self, word):
        stem = self._cache.get(word)
        if stem is None:
            useless = word in ITALIAN_STOP_WORDS or len(word) < 2 or word.isdigit()
            stem = "" if useless else self._stemmer.stemWord(word)
            self._cache[word] = stem
        return stem

    def stems(self, text):
        """The stems of `text` in reading order, without stop words."""
        return [s for s in map(self.stem, WORD.findall(text.lower())) if s]

    def counts(self, fields):
        """Stem -> weighted count over (text, weight) pairs."""
        counts = {}
        for text, weight in fields:
            words = {}
            for word in WORD.findall(text.lower()):
                words[word] = words.get(word, 0) + 1
            for word, count in words.items():
                stem = self.stem(word)
                if stem:
                    counts[stem] = counts.get(stem, 0) + count * weight
        return counts


def text_vectors(documents, top_terms=TOP_TERMS):
    """Per document, its `top_terms` stems by sublinear TF x IDF, as an L2-normalised dict."""
    stemmer = Stemmer()
    counts = [
        stemmer.counts(
            (
                (doc.title, FIELD_WEIGHTS["title"]),
                (doc.summary, FIELD_WEIGHTS["summary"]),
                (doc.body, FIELD_WEIGHTS["body"]),
            )
        )
        for doc in documents
    ]
    frequency = {}
    for doc_counts in counts:
        for stem in doc_counts:
            frequency[stem] = frequency.get(stem, 0) + 1
    total = len(documents) + 1
    # A stem found in one article only can never make two articles similar.
    idf = {stem: math.log(total / df) for stem, df in frequency.items() if df > 1}
    vectors = []
    for doc_counts in counts:
        weights = [
            (stem, (1.0 + math.log(count)) * idf[stem])
            for stem, count in doc_counts.items()
            if stem in idf
        ]
        # nlargest is stable: equal weights keep the order of the text, not of a hash.
        top = heapq.nlargest(top_terms, weights, key=itemgetter(1))
        norm = math.sqrt(sum(weight * weight for _, weight in top)) or 1.0
        vectors.append({stem: weight / norm for stem, weight in top})
    return vectors


class RelatedIndex:
    """Everything needed to score any two documents and to find each one's candidates."""

    def __init__(self, documents, weights=None):
        self.weights = {**DEFAULT_WEIGHTS, **(weights or {})}
        self.docs = docs = sorted(documents, key=lambda doc: doc.key)
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

        self.vectors = text_vectors(docs)
        self.postings = {}
        for index, vector in enumerate(self.vectors):
            for stem, weight in vector.items():
                self.postings.setdefault(stem, []).append((index, weight))

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

    def _text_scores(self, index):
        """Other document -> cosine of the text vectors, over the stems not too common."""
        scores = {}
        for stem, weight in self.vectors[index].items():
            entries = self.postings[stem]
            if len(entries) > MAX_POSTINGS:
                continue
            for other, other_weight in entries:
                scores[other] = scores.get(other, 0.0) + weight * other_weight
        return scores

    def _score(self, index, other, text_score):
        score = self.weights["text"] * text_score
        shared = self.tag_sets[index] & self.tag_sets[other]
        if shared:
            shared_weight = sum(self.tag_weight[tag] for tag in shared)
            score += (
                self.weights["tags"]
                * shared_weight
                / (self.tag_norms[index] * self.tag_norms[other])
            )
        if self.docs[index].category == self.docs[other].category:
            score += self.weights["category"]
        return round(score, PRECISION)

    def score(self, key, other_key):
        """How related two documents are: from 0 to the sum of the weights."""
        index, other = self.position_of[key], self.position_of[other_key]
        return self._score(index, other, self._text_scores(index).get(other, 0.0))

    def related(self, key, max_count=3, min_score=0.0):
        """The keys related to `key`: its pins in order, then the best scores above min_score."""
        index = self.position_of[key]
        doc = self.docs[index]
        text_scores = self._text_scores(index) if self.weights["text"] else {}
        candidates = set(text_scores)
        if self.weights["tags"]:
            for tag in doc.tags:
                candidates.update(self._mates("tag", tag, self.tag_members[tag], index))
        if self.weights["category"]:
            members = self.category_members[doc.category]
            candidates.update(self._mates("category", doc.category, members, index))
        candidates.discard(index)
        pins = list(dict.fromkeys(doc.pins))
        candidates.difference_update(self.position_of[pin] for pin in pins)

        ranked = []
        for other in candidates:
            score = self._score(index, other, text_scores.get(other, 0.0))
            if score > 0 and score >= min_score:
                ranked.append((-score, -self.newness[other], other))
        best = heapq.nsmallest(max(0, max_count - len(pins)), ranked)
        return (pins + [self.keys[other] for _, _, other in best])[:max_count]


def related(documents, max_count=3, min_score=0.0, weights=None):
    """Key -> keys of the related documents, for every document.

    score = tags x (IDF-weighted cosine of the tags) + category x (1 if the same category)
            + text x (cosine of the text vectors); ties go to the newer document, then the key.
    """
    index = RelatedIndex(documents, weights)
    return {key: index.related(key, max_count, min_score) for key in index.keys}
