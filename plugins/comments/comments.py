"""Readers' comments as content: the approved ones in content/comments/<slug>.yaml, rendered at
build time under "Commenti" after the article, with their count on the article and its cards
and in its JSON-LD; a reader replies by email (a `mailto:` link), and every article ends with a
"Ti è stato utile?" email link for feedback.

Each file belongs to the article with that slug. Its comments are Markdown, read with a narrower
allowlist than articles (blog_core.sanitize.clean_comment): paragraphs, emphasis, lists, quotes,
code and links marked `nofollow ugc`. No reader's email or IP address is ever read or written.
Comments close COMMENTS_CLOSE_AFTER_DAYS after the article's date, or when it says `Comments: no`.
"""

import os
from dataclasses import dataclass
from datetime import timedelta

import markdown
from feedgenerator import Atom1Feed
from markupsafe import Markup
from pelican import signals
from pelican.generators import ArticlesGenerator, Generator

from blog_core import (
    ARTICLE,
    HeaderField,
    SettingError,
    apply_defaults,
    build_moment,
    content_folder,
    is_strict,
    is_web_address,
    origin_of,
    plain_text,
    read_content_file,
    report_problem,
    site_zone,
    theme_label,
)
from blog_core.sanitize import clean_comment
from blog_core.text import did_you_mean
from blog_core.typography import typogrify

from .data_files import comments_of, entries, every_comment

COMMENTS_DEFAULTS = {
    "COMMENTS_PATH": "comments",
    # Where "Rispondi via email" and the feedback link write; None: the site's BUSINESS_EMAIL.
    "COMMENTS_EMAIL": None,
    # Days after an article's date when it stops taking comments; None: never.
    "COMMENTS_CLOSE_AFTER_DAYS": None,
    # "Ti è stato utile? Scrivici cosa migliorare" at the end of every article.
    "COMMENTS_FEEDBACK": True,
    # Each article's comments as an Atom feed, beside its page; None: no feeds.
    "COMMENTS_FEED_SAVE_AS": "{slug}/commenti.xml",
    # The comment server's address (adapter.py behind nginx, "https://www.example.it/commenti"):
    # with it, open articles get a comment form posting there. None: replies by email only.
    "COMMENTS_SERVER_URL": None,
    # The self-hosted Isso that `invoke comments-sync` reads approved comments from; None: none.
    "COMMENTS_ISSO_URL": None,
}


def yes_or_no(value):
    answer = value.strip().lower()
    if answer in ("sì", "si", "yes", "true", "on"):
        return True
    if answer in ("no", "false", "off"):
        return False
    raise ValueError(f"«Comments» vale «sì» o «no», non «{value}».")


HEADER_FIELDS = (HeaderField("Comments", (ARTICLE,), yes_or_no, aliases=("commenti",)),)


def configure(pelican):
    settings = apply_defaults(pelican.settings, COMMENTS_DEFAULTS, "COMMENTS_")
    content_folder(settings, "COMMENTS_PATH")
    days = settings["COMMENTS_CLOSE_AFTER_DAYS"]
    if days is not None and (isinstance(days, bool) or not isinstance(days, int) or days <= 0):
        raise SettingError(
            "COMMENTS_CLOSE_AFTER_DAYS", f"deve essere un numero di giorni, o None, non {days!r}"
        )
    feed = settings["COMMENTS_FEED_SAVE_AS"]
    if feed is not None and (not isinstance(feed, str) or "{slug}" not in feed):
        raise SettingError(
            "COMMENTS_FEED_SAVE_AS", f"deve contenere {{slug}}, o essere None, non {feed!r}"
        )
    if not isinstance(settings["COMMENTS_FEEDBACK"], bool):
        raise SettingError("COMMENTS_FEEDBACK", "deve essere True o False")
    server = settings["COMMENTS_SERVER_URL"]
    if server is not None:
        if not is_web_address(server):
            raise SettingError(
                "COMMENTS_SERVER_URL",
                f'deve essere un indirizzo come "https://www.example.it/commenti", non {server!r}',
            )
        settings["COMMENTS_SERVER_URL"] = server.rstrip("/")
        # What readers get must send their words over https.
        if is_strict(settings) and not server.startswith("https://"):
            report_problem(
                settings,
                None,
                f"COMMENTS_SERVER_URL deve iniziare con https://, perché il modulo dei commenti "
                f"invia quello che i lettori scrivono: {server}",
            )


def comment_html(text):
    """A comment's Markdown as the page shows it: sanitized, links marked as the reader's, with
    the article's typography (curly quotes and apostrophes, no lone last word)."""
    return Markup(typogrify(clean_comment(markdown.markdown(text, output_format="html"))))


class CommentsGenerator(Generator):
    """Reads content/comments/*.yaml."""

    def generate_context(self):
        # For the pages' policy (partials/content_policy.html): the one host forms may post to.
        self.context["comments_server_origin"] = origin_of(
            self.settings["COMMENTS_SERVER_URL"] or ""
        )
        self.comment_files = {}
        folder = self.settings["COMMENTS_PATH"]
        for relative in sorted(self.get_files([folder], extensions=("yaml", "yml"))):
            self.read_comments(relative)

    def read_comments(self, relative):
        source_path = os.path.join(self.path, relative)
        text = read_content_file(self.settings, source_path)
        if text is None:
            return
        found, problems = entries(text)
        threads, more = comments_of(found, site_zone(self.settings))
        for problem in [*problems, *more]:
            report_problem(self.settings, source_path, problem.message, line=problem.line)
        for comment in every_comment(threads):
            comment.html = comment_html(comment.text)
        slug = os.path.splitext(os.path.basename(relative))[0]
        self.comment_files[slug] = (source_path, threads)

    def generate_output(self, writer):
        save_as = self.settings["COMMENTS_FEED_SAVE_AS"]
        for article in getattr(self, "commented", ()):
            path = os.path.join(self.output_path, save_as.format(slug=article.slug))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as feed:
                feed.write(comments_feed(article, self.settings))


def comments_feed(article, settings):
    """The Atom feed of an article's comments, newest first: each one's name, date and text."""
    base = (settings.get("FEED_DOMAIN") or settings.get("SITEURL") or "").rstrip("/")
    page = f"{base}/{article.url}"
    title = plain_text(article.title)
    feed = Atom1Feed(
        title=f"{settings['SITENAME']}: {title} ({article.comment_count})",
        link=page,
        description=plain_text(article.summary),
        language="it",
        feed_url=f"{base}/{article.comments_feed}",
    )
    anchor = theme_label(settings["THEME"], "comment_anchor")
    for item in sorted(every_comment(article.comments), key=lambda item: item.date, reverse=True):
        feed.add_item(
            title=item.name,
            link=f"{page}#{anchor}{item.id}",
            unique_id=f"{page}#{anchor}{item.id}",
            description=str(item.html),
            author_name=item.name,
            pubdate=item.date,
        )
    return feed.writeString("utf-8")


@dataclass(frozen=True)
class CommentForm:
    """Where partials/comment_form.html posts an article's comments, and what it names."""

    action: str
    page: str  # the article's address under SITEURL, which the server sends the reader back to
    title: str


def comment_form(article, server):
    return CommentForm(f"{server}/anteprima", "/" + article.url, plain_text(article.title))


def get_generators(pelican):
    return CommentsGenerator


def is_open(article, settings):
    """Whether the article takes comments: its `Comments:` field, else its age."""
    try:
        chosen = yes_or_no(str(article.metadata["comments"]))
    except (KeyError, ValueError):
        chosen = None  # none, or a value content_checks has named
    if chosen is False:
        return False
    days = settings["COMMENTS_CLOSE_AFTER_DAYS"]
    if chosen is True or days is None:
        return True
    return build_moment() <= article.date + timedelta(days=days)


def attach_comments(generators):
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    comments = next(g for g in generators if isinstance(g, CommentsGenerator))
    settings = comments.settings
    address = settings["COMMENTS_EMAIL"] or settings.get("BUSINESS_EMAIL") or None
    server = settings["COMMENTS_SERVER_URL"]
    by_slug = {article.slug: article for article in [*articles.articles, *articles.translations]}
    for article in by_slug.values():
        _source, threads = comments.comment_files.get(article.slug, (None, []))
        article.comments = threads
        article.comment_count = len(every_comment(threads))
        article.comments_open = bool(address or server) and is_open(article, settings)
        article.comments_email = address
        article.comments_form = comment_form(article, server) if server else None
        article.feedback_email = address if settings["COMMENTS_FEEDBACK"] else None
        feed = settings["COMMENTS_FEED_SAVE_AS"]
        article.comments_feed = feed.format(slug=article.slug) if feed and threads else None
    comments.commented = [article for article in by_slug.values() if article.comments_feed]
    for slug, (source_path, _threads) in sorted(comments.comment_files.items()):
        if slug not in by_slug:
            guess = did_you_mean(slug, by_slug)
            hint = f" Forse è {guess}.yaml?" if guess else ""
            report_problem(
                settings,
                source_path,
                f"nessun articolo pubblicato ha l'indirizzo «{slug}», quindi questi commenti non "
                f"compaiono: il file si chiama come l'articolo.{hint}",
            )


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(attach_comments)
