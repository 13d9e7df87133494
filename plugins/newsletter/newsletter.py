"""Newsletter: a signup form that posts to the owner's provider, and a weekly digest.

At start-up the settings become a SignupForm (providers.py) for partials/newsletter_form.html.
A generator then groups the published articles into weeks (weeks.py) and writes, for each
week with articles, /newsletter/<year>-<week>/ (the web version), email.html beside it (CSS
inlined, absolute links, the provider's unsubscribe merge tag) and email.txt, both with every
template tag from content made inert (template_tags.py), plus one RSS feed with an item per
digest, /newsletter/feed.xml, for the providers' RSS-to-email campaigns.
"""

import logging
import os
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from feedgenerator import Rss201rev2Feed
from pelican import signals
from pelican.generators import Generator

from blog_core import (
    SettingError,
    apply_defaults,
    build_moment,
    is_strict,
    is_web_address,
    plain_text,
    rendered_all_once,
    report_problem,
    site_timezone,
    with_feed_stylesheet,
)
from blog_core.parsed import html_facts

from .emails import absolute_url, absolute_urls, first_email_image, inline_css
from .providers import signup_form
from .template_tags import neutralise, neutralise_html, tag_pairs, with_live_tag
from .weeks import (
    WEEKDAYS,
    Week,
    group_by_week,
    italian_period,
    parse_schedule,
    week_by_id,
    week_of,
)

logger = logging.getLogger(__name__)

NEWSLETTER_DEFAULTS = {
    "NEWSLETTER_PROVIDER": None,
    "NEWSLETTER_ACTION_URL": None,
    "NEWSLETTER_IDS": {},
    "NEWSLETTER_FIELDS": {},
    "NEWSLETTER_UNSUBSCRIBE_TAG": None,
    "NEWSLETTER_PRIVACY_URL": "privacy/",
    "NEWSLETTER_CLOSING_DAY": "friday",
    "NEWSLETTER_CLOSING_TIME": "09:00",
    "NEWSLETTER_DEV_SITEURL": "http://localhost:8000",
    # The first day with digests ("2026-01-01"); None: every week with articles. A site that
    # imports ten years of posts does not want 520 back issues, nor to build them each time.
    "NEWSLETTER_START": None,
}
DIGEST_URL = "newsletter/{id}/"
FEED_SAVE_AS = "newsletter/feed.xml"


def setting(settings, name):
    value = settings.get(name, NEWSLETTER_DEFAULTS[name])
    return dict(value) if isinstance(value, dict) else value


def schedule_from(settings):
    """The weeks' Schedule from the settings; ValueError naming the setting when wrong."""
    day, at = (
        setting(settings, "NEWSLETTER_CLOSING_DAY"),
        setting(settings, "NEWSLETTER_CLOSING_TIME"),
    )
    if not isinstance(day, str) or day.lower() not in WEEKDAYS:
        raise SettingError(
            "NEWSLETTER_CLOSING_DAY",
            f"deve essere un giorno in inglese ({', '.join(WEEKDAYS)}), non {day!r}",
        )
    try:
        return parse_schedule(day, at, site_timezone(settings))
    except ValueError:
        raise SettingError(
            "NEWSLETTER_CLOSING_TIME", f'deve essere un\'ora come "09:00", non {at!r}'
        ) from None


def start_from(settings):
    """The date of NEWSLETTER_START, or None; SettingError naming the setting when wrong."""
    start = setting(settings, "NEWSLETTER_START")
    if start is None:
        return None
    if isinstance(start, datetime):
        return start.date()
    if isinstance(start, date):
        return start
    try:
        return date.fromisoformat(start)
    except (TypeError, ValueError):
        raise SettingError(
            "NEWSLETTER_START", f'deve essere una data come "2026-01-01", non {start!r}'
        ) from None


def form_from(settings):
    """The SignupForm the settings describe; SettingError (a ValueError) naming the setting."""
    return signup_form(
        setting(settings, "NEWSLETTER_PROVIDER"),
        setting(settings, "NEWSLETTER_ACTION_URL"),
        setting(settings, "NEWSLETTER_IDS"),
        setting(settings, "NEWSLETTER_FIELDS"),
        setting(settings, "NEWSLETTER_UNSUBSCRIBE_TAG"),
    )


def email_base(settings):
    """The address links in emails and in the digest feed start with."""
    return (settings.get("SITEURL") or setting(settings, "NEWSLETTER_DEV_SITEURL")).rstrip("/")


def configure(pelican):
    settings = apply_defaults(pelican.settings, NEWSLETTER_DEFAULTS, "NEWSLETTER_")
    privacy = settings["NEWSLETTER_PRIVACY_URL"]
    if not isinstance(privacy, str) or not privacy.strip("/") or " " in privacy:
        raise SettingError(
            "NEWSLETTER_PRIVACY_URL",
            'deve essere l\'indirizzo dell\'informativa, come "privacy/" o "https://…", '
            f"non {privacy!r}",
        )
    if not is_web_address(privacy):
        # A page of this site, written like Pelican's own URLs: "privacy/".
        settings["NEWSLETTER_PRIVACY_URL"] = privacy.lstrip("/")
    if not is_web_address(settings["NEWSLETTER_DEV_SITEURL"]):
        raise SettingError(
            "NEWSLETTER_DEV_SITEURL",
            f'deve essere un indirizzo come "http://localhost:8000", '
            f"non {settings['NEWSLETTER_DEV_SITEURL']!r}",
        )
    schedule_from(settings)
    start_from(settings)
    form = form_from(settings)
    # Without a provider the development form is a preview that says so; what readers get
    # must post somewhere real, over https.
    if form.is_preview and is_strict(settings):
        report_problem(
            settings,
            None,
            "NEWSLETTER_PROVIDER non è impostato, quindi il modulo di iscrizione non "
            "manderebbe gli indirizzi a nessun servizio. Collega il tuo in publishconf.py "
            "(README, sezione «Newsletter»).",
        )
    elif not form.is_preview and not form.action.startswith("https://"):
        report_problem(
            settings,
            None,
            f"NEWSLETTER_ACTION_URL deve iniziare con https://, perché il modulo invia "
            f"indirizzi email: {form.action}",
        )


@dataclass
class Digest:
    """One week's newsletter: the articles published in `week`, oldest first."""

    week: Week
    articles: list
    subject: str = ""
    period: str = ""
    image_of: dict = field(default_factory=dict)
    # False while the week is still open: its page is a preview, not yet in archive or feed.
    sent: bool = True

    @property
    def url(self):
        return DIGEST_URL.format(id=self.week.id)

    @property
    def save_as(self):
        return self.url + "index.html"

    @property
    def email_save_as(self):
        return self.url + "email.html"

    @property
    def text_save_as(self):
        return self.url + "email.txt"


class NewsletterGenerator(Generator):
    """Weekly digests of the published articles: web page, email HTML and text, RSS feed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.env.filters["absolute_urls"] = absolute_urls
        self.env.filters["absolute_url"] = absolute_url
        self.folders = set()  # the output folders write() has made

    def generate_context(self):
        self.form = form_from(self.settings)
        self.base = email_base(self.settings)
        self.labels = self.env.get_template("partials/labels.html").make_module()
        self.schedule = schedule_from(self.settings)
        self.moment = build_moment()
        self.digests = []
        start = start_from(self.settings)
        for week, articles in group_by_week(self.context.get("articles", []), self.schedule):
            if start and week.closes.date() < start:
                continue
            first = plain_text(articles[0].title)
            subject = plain_text(self.labels.digest_subject(first, len(articles)))
            sent = week.closes <= self.moment
            self.digests.append(Digest(week, articles, subject, italian_period(week), sent=sent))
        self.context["newsletter_form"] = self.form
        # The archive and the feed list a week once it has closed: an RSS-to-email campaign
        # must never send a week that is still filling up.
        self.context["newsletter_digests"] = [digest for digest in self.digests if digest.sent]
        self.context["newsletter_feed_url"] = FEED_SAVE_AS
        # The page that lists the digests (Template: newsletter), if the site has one: the
        # digests link back to it, and to nothing when it does not exist.
        pages = [*self.context.get("pages", []), *self.context.get("hidden_pages", [])]
        archive = next((page for page in pages if page.template == "newsletter"), None)
        self.archive_url = archive.url if archive else None
        self.context["newsletter_archive_url"] = self.archive_url
        self.check_privacy_page()

    def check_privacy_page(self):
        privacy = self.settings["NEWSLETTER_PRIVACY_URL"]
        if is_web_address(privacy):
            return
        pages = [*self.context.get("pages", []), *self.context.get("hidden_pages", [])]
        if any(page.url == privacy for page in pages):
            return
        report_problem(
            self.settings,
            None,
            f"NEWSLETTER_PRIVACY_URL è «{privacy}», ma nessuna pagina ha questo indirizzo: il "
            "modulo di iscrizione deve portare all'informativa privacy (content/pages/privacy.md).",
        )

    def generate_output(self, writer):
        digest_template = self.get_template("newsletter_digest")
        email_template = self.get_template("newsletter_email")
        text_template = self.env.get_template("newsletter_email.txt")
        emails = []
        for digest in self.digests:
            digest.image_of = {
                article.slug: self.email_image(article) for article in digest.articles
            }
            writer.write_file(
                digest.save_as,
                digest_template,
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=digest.url,
                digest=digest,
            )
            emails.extend(self.email_files(digest, email_template, text_template))
        # Rendered again only when the digest, its articles or the site changed; on every core.
        texts = rendered_all_once(self.settings, self.context, [job for _, job in emails])
        for (name, _), text in zip(emails, texts, strict=True):
            self.write(writer, name, text)
        self.write_feed(writer)

    def email_image(self, article):
        """The teaser image of an article's email, (src, alt, width, height): the one the
        pictures plugin made for mail clients (`email_image`, a 600 px JPEG or PNG) if it is
        on, else the first image of the text email clients can show (without a size)."""
        made = getattr(article, "email_image", None)
        if made is not None:
            return made.src, made.alt, made.width, made.height
        found = self.first_image(article)
        return (*found, None, None) if found else None

    def first_image(self, article):
        """(src, alt) of the article's first image email clients can show, or None."""
        # An article whose text has no image has none once published either: the parse of the
        # text that link_checks reads too tells, without parsing the published HTML again.
        if not html_facts(article._content, self.settings).images:
            return None
        return first_email_image(html_facts(article.content, self.settings).images)

    def email_files(self, digest, email_template, text_template):
        """[(file, (call, render))] of email.html and email.txt: the provider's engine reads
        them, so no tag from content stays live there, only the unsubscribe tag the template
        puts in the footer."""
        email = {**self.context, "digest": digest, "base": self.base}

        def render(template, unsubscribe_tag):
            form = replace(self.form, unsubscribe_tag=unsubscribe_tag)
            return template.render({**email, "form": form})

        tag = self.form.unsubscribe_tag
        call = (digest, self.base, self.form)

        def html():
            return with_live_tag(lambda t: inline_css(render(email_template, t)), tag, as_html=True)

        def text():
            return with_live_tag(lambda t: render(text_template, t), tag, as_html=False)

        return [
            (digest.email_save_as, (("newsletter email.html", *call), html)),
            (digest.text_save_as, (("newsletter email.txt", *call), text)),
        ]

    def write(self, writer, name, text):
        path = os.path.join(self.output_path, name)
        folder = os.path.dirname(path)
        if folder not in self.folders:  # email.html and email.txt share theirs
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        write_text = getattr(writer, "write_text", None)  # blog_core's writer
        if write_text is not None:
            write_text(path, text)
        else:
            with open(path, "w", encoding="utf-8") as output:
                output.write(text)
        logger.info('Writing "%s"', path)

    def write_feed(self, writer):
        item_template = self.env.get_template("partials/newsletter_feed_item.html")
        feed = Rss201rev2Feed(
            title=plain_text(self.labels.newsletter_feed_title(self.settings["SITENAME"])),
            link=f"{self.base}/{self.archive_url or ''}",
            description=plain_text(self.labels.newsletter_frequency),
            language="it",
            feed_url=f"{self.base}/{FEED_SAVE_AS}",
        )
        sent = [digest for digest in self.digests if digest.sent]
        # An RSS-to-email campaign pastes each item into an email: no live tag there either.
        extra = tag_pairs(self.form.unsubscribe_tag)
        for digest in sent[: self.settings.get("FEED_MAX_ITEMS") or None]:
            link = f"{self.base}/{digest.url}"
            item = item_template.render({**self.context, "digest": digest, "base": self.base})
            feed.add_item(
                title=neutralise(digest.subject, extra),
                link=link,
                unique_id=link,
                pubdate=digest.week.closes,
                description=neutralise_html(item, extra),
            )
        self.write(
            writer, FEED_SAVE_AS, with_feed_stylesheet(feed.writeString("utf-8"), self.settings)
        )


def get_generators(pelican):
    return NewsletterGenerator


@dataclass(frozen=True)
class WeekSummary:
    """What `invoke newsletter` prints of one week: its digest, or None when it has no articles."""

    week: Week
    period: str
    digest: Digest | None
    site_url: str


def week_summary(generators, week_id=None):
    """The digest of week `week_id` ("2026-47"; default: the week under way) in a build read by
    BlogPelican.read(); ValueError when `week_id` is not a week."""
    newsletter = next(g for g in generators if isinstance(g, NewsletterGenerator))
    if week_id:
        week = week_by_id(week_id, newsletter.schedule)
    else:
        week = week_of(newsletter.moment, newsletter.schedule)
    digest = next((d for d in newsletter.digests if d.week == week), None)
    return WeekSummary(
        week, italian_period(week), digest, f"{newsletter.base}/{DIGEST_URL.format(id=week.id)}"
    )


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(get_generators)
