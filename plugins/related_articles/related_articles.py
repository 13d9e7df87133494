"""Related articles after each article: the slugs pinned with `Related:`, then the closest ones."""

import math
from dataclasses import replace

from pelican import signals

from blog_core import (
    ARTICLE,
    HeaderField,
    SettingError,
    apply_defaults,
    computed_once,
    did_you_mean,
    digest_of_text,
    notice,
    plain_text,
    positive_integer,
    report_problem,
    text_digest,
    work_on_read,
)
from blog_core.workers import can_fork, in_workers

from .scoring import DEFAULT_WEIGHTS, Document, Stemmer, scored, term_counts

HEADER_FIELDS = (HeaderField("Related", (ARTICLE,), aliases=("correlati", "correlato")),)

RELATED_ARTICLES_DEFAULTS = {
    "RELATED_ARTICLES_MAX": 3,
    "RELATED_ARTICLES_MIN_SCORE": 0.15,
    "RELATED_ARTICLES_WEIGHTS": DEFAULT_WEIGHTS,
}


def _is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def configure(pelican):
    settings = apply_defaults(pelican.settings, RELATED_ARTICLES_DEFAULTS, "RELATED_ARTICLES_")
    positive_integer(settings, "RELATED_ARTICLES_MAX")

    name = "RELATED_ARTICLES_MIN_SCORE"
    value = settings[name]
    if not _is_number(value) or value < 0:
        raise SettingError(name, f"deve essere un numero maggiore o uguale a 0, non {value!r}")

    name = "RELATED_ARTICLES_WEIGHTS"
    value = settings[name]
    example = ", ".join(f'"{key}": {weight}' for key, weight in DEFAULT_WEIGHTS.items())
    if (
        not isinstance(value, dict)
        or set(value) != set(DEFAULT_WEIGHTS)
        or not all(_is_number(weight) and weight >= 0 for weight in value.values())
        or not any(value.values())
    ):
        raise SettingError(
            name,
            "deve dare un peso maggiore o uguale a 0 a tags, category e text "
            f"(non tutti 0), per esempio {{{example}}}, non {value!r}",
        )


def pinned_slugs(article):
    value = article.metadata.get("related", "")
    slugs = value if isinstance(value, list) else str(value).split(",")
    return list(dict.fromkeys(slug.strip() for slug in slugs if slug.strip()))


def pin_problems(article, slugs, published, unpublished):
    """{slug: Italian message} for the pins that do not name another published article."""
    problems = {}
    for slug in slugs:
        where = f"in Related c'è «{slug}»"
        if slug == article.slug:
            problems[slug] = f"{where}, cioè l'articolo stesso: togli questo slug."
        elif slug in unpublished:
            problems[slug] = (
                f"{where}, che è una bozza o un articolo nascosto: i lettori non lo vedrebbero."
            )
        elif slug not in published:
            guess = did_you_mean(slug, sorted(published))
            hint = f": forse intendevi «{guess}»?" if guess else "."
            problems[slug] = f"{where}, ma nessun articolo pubblicato ha questo slug{hint}"
    return problems


# Scoring is worth forking for from this many articles on (a fork costs a few milliseconds,
# 1,000 articles about 0.7 s of scoring).
ARTICLES_PER_WORKER = 100


def on_cores(workers):
    """scoring.related's share_out: the keys shared out over `workers` forked processes; in
    this one when there are few, or when a worker fails."""

    def share_out(keys, work):
        count = min(workers, len(keys) // ARTICLES_PER_WORKER)
        if count < 2 or not can_fork():
            return [work(keys)]
        results = in_workers([keys[number::count] for number in range(count)], work)
        if any(not isinstance(result, dict) for result in results):
            return [work(keys)]
        return results

    return share_out


# Each article's term counts in the last build of this process, by its title, summary and text
# digest: the dev server's next build counts again only the articles that changed (the plain
# text and the stems of 1,000 articles: a third of the scoring). The stemmer keeps the stems of
# the words it has seen.
_last_counts = {}
_stemmer = Stemmer()
# The scoring of the last build of this process that scored: the next scores again only the
# articles whose list a changed text can change (scoring.scored).
_last_scored = {}
# The counts the processes reading the files worked out (blog_core.work_on_read), by the same
# key, until this build's scoring asks.
_read_ahead = {}


def count_on_read(settings):
    """Each file's term counts worked out by the process that reads it."""
    return count_read, _read_ahead.update


def count_read(content, metadata):
    title, summary = metadata.get("title", ""), metadata.get("summary", "")
    if not isinstance(title, str) or not isinstance(summary, str):
        return {}
    document = Document(
        key="", title=plain_text(title), summary=plain_text(summary), body=plain_text(content)
    )
    # The key counted() looks for: the article's title, Summary and the digest of its text.
    return {(title, summary, digest_of_text(content)): term_counts(document, _stemmer)}


def counted(documents):
    """[(key, make)] -> the documents make() gives, each with its term counts."""
    counts = {}
    made = []
    for key, make in documents:
        known = _last_counts.get(key) or _read_ahead.pop(key, None)
        document = make(known is None)
        if known is None:
            known = term_counts(document, _stemmer)
        counts[key] = known
        made.append(replace(document, counts=known))
    _last_counts.clear()
    _last_counts.update(counts)
    _read_ahead.clear()
    return made


def link_related(generator):
    settings = generator.settings
    published = {}
    for article in generator.articles:
        # Two articles with one slug are an author's mistake (content_checks names it); the
        # second gets no list rather than stopping the build here.
        published.setdefault(article.slug, article)
    articles = list(published.values())
    unpublished = {article.slug for article in generator.drafts + generator.hidden_articles}
    unpublished -= published.keys()
    limit = settings["RELATED_ARTICLES_MAX"]

    pins = {}
    for article in articles:
        slugs = pinned_slugs(article)
        problems = pin_problems(article, slugs, published, unpublished)
        for message in problems.values():
            report_problem(settings, article.source_path, message, fields=("related",))
        # A bad pin is left out, so the development build still shows the list.
        slugs = [slug for slug in slugs if slug not in problems]
        if len(slugs) > limit:
            notice(
                article.source_path,
                f"Related elenca {len(slugs)} articoli, ne mostro i primi {limit} "
                "(RELATED_ARTICLES_MAX)",
                fields=("related",),
            )
        pins[article.slug] = tuple(slugs)

    def document(article, with_text):
        return Document(
            key=article.slug,
            title=plain_text(article.title),
            # Not article.summary: without a Summary field it would render the content now,
            # before every link target is known.
            summary=plain_text(article.metadata.get("summary", "")),
            body=plain_text(article._content) if with_text else "",
            tags=tuple(tag.name for tag in getattr(article, "tags", [])),
            category=article.category.name,
            date=article.date,
            pins=pins[article.slug],
        )

    digests = {article.slug: text_digest(article) for article in articles}

    def documents():
        return counted(
            (
                (article.title, article.metadata.get("summary", ""), digests[article.slug]),
                lambda with_text, article=article: document(article, with_text),
            )
            for article in articles
        )

    options = {
        "max_count": limit,
        "min_score": settings["RELATED_ARTICLES_MIN_SCORE"],
        "weights": settings["RELATED_ARTICLES_WEIGHTS"],
    }
    # Every pair of articles scored: kept between builds while no article's fields or text
    # changed (the text by its digest: the same text gives the same plain text).
    inputs = [
        (
            article.slug,
            article.title,
            article.metadata.get("summary", ""),
            digests[article.slug],
            [tag.name for tag in getattr(article, "tags", [])],
            article.category.name,
            article.date,
            pins[article.slug],
        )
        for article in articles
    ]
    workers = settings.get("BUILD_WORKERS", 1)

    def score():
        done = scored(
            documents(), **options, share_out=on_cores(workers), earlier=_last_scored.get("")
        )
        _last_scored[""] = done
        return done.lists

    chosen = computed_once(settings, "related_articles", (inputs, options), score)
    for article in generator.articles:
        same = published[article.slug] is article
        article.related_articles = [published[s] for s in chosen[article.slug]] if same else []
    # Drafts, hidden articles and translations get no list and are never in one.
    others = (
        generator.drafts,
        generator.drafts_translations,
        generator.hidden_articles,
        generator.hidden_translations,
        generator.translations,
    )
    for article in (article for group in others for article in group):
        article.related_articles = []


def register():
    signals.initialized.connect(configure)
    signals.article_generator_finalized.connect(link_related)
    work_on_read.connect(count_on_read)
