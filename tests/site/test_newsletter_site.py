"""The newsletter in real builds: the signup form, its pages, the weekly digests and their feed."""

import json
import logging
import re
import shutil

import feedparser
import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings

from blog_core import BuildStopped, check_site, validator
from newsletter_presets import PRESETS
from sitebuild import (
    BLOG_SITE,
    ROOT,
    BuiltSite,
    build_site,
    epoch,
    run_module,
    write_article,
    write_bio,
    write_default_bio,
)
from tasks import pelican

DEV_BASE = "http://localhost:8000"
# The author of the module's articles (one of them with Rita Galli too).
IVO = "Ivo Marchi"
HOSTILE_TITLE = 'Cos\'è il "SEO" & perché serve alle PMI <davvero>'
# Typogrify curls the quotes; everything else must survive as the author wrote it.
HOSTILE_TEXT = "Cos\u2019è il \u201cSEO\u201d & perché serve alle PMI <davvero>"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8ffff3f0005fe02fea7d6a4f70000000049454e44ae426082"
)


def text(tag):
    return tag.get_text().replace("\xa0", " ")


def messages(site, level=logging.WARNING):
    return [record.getMessage() for record in site.log_records if record.levelno == level]


def posted_fields(form):
    """What the browser sends: name -> value of every named field (the box counted as ticked)."""
    return {
        field["name"]: field.get("value", "")
        for field in form.select("input[name]")
        if field.get("type") != "submit"
    }


def email_soup(site, week):
    return BeautifulSoup(site.html(f"/newsletter/{week}/email.html"), "lxml")


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    """Four articles over three weeks, by two authors with bios; the fixture site's pages."""
    folder = tmp_path_factory.mktemp("newsletter-content")
    shutil.copytree(BLOG_SITE / "pages", folder / "pages")
    for name in ("Rita Galli", "Ivo Marchi"):
        write_bio(folder, name.lower().replace(" ", "-"), {"Name": name, "Role": "Redazione"})
    (folder / "images").mkdir()
    (folder / "images" / "vetrina.png").write_bytes(PNG)
    write_article(
        folder, "prima.md", title="La settimana prima", date="2026-01-08 18:00", author=IVO
    )
    write_article(
        folder,
        "lunedi.md",
        title="Il lunedì della bottega",
        date="2026-01-12 10:00",
        author=IVO,
        authors=f"Rita Galli, {IVO}",
        body="![La vetrina del negozio & il bancone]({static}/images/vetrina.png)\n\nTesto.",
        summary='Un riassunto con [un link]({filename}/articles/prima.md) e "virgolette".',
    )
    write_article(folder, "ostile.md", title=HOSTILE_TITLE, date="2026-01-16 08:59", author=IVO)
    write_article(folder, "nove.md", title="Venerdì alle nove", date="2026-01-16 09:00", author=IVO)
    return folder


@pytest.fixture(scope="module")
def site(tmp_path_factory, content):
    # Built after the last of the three weeks has closed: every digest is out.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch("2026-01-24 12:00"))
        return build_site(tmp_path_factory.mktemp("newsletter-site"), content=content)


@pytest.fixture(scope="module")
def preset_sites(tmp_path_factory, content):
    """The same content built once with each provider preset."""
    return {
        name: build_site(
            tmp_path_factory.mktemp(f"preset-{name}"),
            content=content,
            NEWSLETTER_PROVIDER=name,
            **settings,
        )
        for name, (settings, _action, _fields, _tag) in PRESETS.items()
    }


def test_the_newsletter_pages_exist_and_only_the_main_one_is_in_the_menu(site):
    assert text(site.soup("/newsletter/").h1) == "Newsletter"
    assert text(site.soup("/newsletter/grazie/").h1) == "Controlla la tua casella di posta"
    assert "link per confermare" in text(site.soup("/newsletter/grazie/").select_one("main"))
    assert text(site.soup("/newsletter/confermata/").h1) == "Iscrizione confermata"
    footer = {a["href"] for a in site.soup("/").select(".site-footer a")}
    assert "/newsletter/" in footer
    assert not {"/newsletter/grazie/", "/newsletter/confermata/"} & footer


def test_every_article_the_home_page_and_the_newsletter_page_have_one_form(site):
    urls = ["/", "/newsletter/"] + [
        a["href"] for a in site.soup("/archivio/").select(".archive-list a")
    ]
    assert len(urls) == 6
    for url in urls:
        forms = site.soup(url).select(".newsletter-signup form")
        assert len(forms) == 1, url
    # On an article the form comes after the text and the author box.
    article = site.soup("/venerdi-alle-nove/").select_one("article.article")
    order = [child.get("class", [None])[0] for child in article.find_all(recursive=False)]
    assert order.index("newsletter-signup") > order.index("author-boxes")
    assert site.soup("/chi-siamo/").select_one(".newsletter-signup") is None


def test_the_form_asks_for_an_address_and_an_unticked_consent_linked_to_the_privacy_notice(site):
    soup = site.soup("/venerdi-alle-nove/")
    box = soup.select_one(".newsletter-signup")
    form = box.form
    assert form["method"] == "post"
    email = form.select_one("input[type=email]")
    assert email.has_attr("required") and email["autocomplete"] == "email"
    assert text(form.select_one(f'label[for="{email["id"]}"]')) == "Il tuo indirizzo email"
    consent = form.select_one("input[type=checkbox]")
    assert consent.has_attr("required") and not consent.has_attr("checked")
    label = form.select_one(f'label[for="{consent["id"]}"]')
    assert "informativa sulla privacy" in text(label)
    assert label.a["href"] == "/privacy/"
    assert site.exists(label.a["href"])
    assert "venerdì alle 9" in text(box.select_one(".newsletter-signup__frequency"))
    assert "confermare" in text(box)
    assert soup.find("script", src=True) is None
    assert all(s.get("type") == "application/ld+json" for s in soup.find_all("script"))


def test_the_honeypot_is_hidden_from_people_keyboards_and_screen_readers(site):
    form = site.soup("/").select_one(".newsletter-signup form")
    trap = form.select_one(".form__trap")
    assert trap["aria-hidden"] == "true"
    field = trap.select_one("input")
    assert (field["type"], field["tabindex"], field["autocomplete"], field["value"]) == (
        "text",
        "-1",
        "off",
        "",
    )
    css = site.html("/static/css/style.css")
    rule = re.search(r"\.form__trap\s*\{([^}]*)\}", css).group(1).replace(" ", "")
    assert "left:-10000px" in rule and "display:none" not in rule


def test_without_a_provider_the_form_is_a_preview_that_says_it_posts_nowhere(site):
    box = site.soup("/newsletter/").select_one(".newsletter-signup")
    note = box.select_one(".newsletter-signup__preview")
    assert "non invia nulla" in text(note) and "NEWSLETTER_PROVIDER" in text(note)
    assert not box.form.has_attr("action")
    button = box.form.select_one("button[type=submit]")
    assert button.has_attr("disabled")
    assert button["aria-describedby"] == note["id"]


@pytest.mark.parametrize("provider", PRESETS)
def test_each_preset_posts_its_providers_fields_to_its_action(preset_sites, provider):
    _settings, action, fields, _tag = PRESETS[provider]
    soup = preset_sites[provider].soup("/venerdi-alle-nove/")
    form = soup.select_one(".newsletter-signup form")
    assert form["action"] == action
    assert posted_fields(form) == fields
    assert soup.select_one(".newsletter-signup__preview") is None
    assert not form.select_one("button[type=submit]").has_attr("disabled")
    assert form.select_one("input[type=email]")["name"] == next(iter(fields))
    assert form.select_one(".form__trap input")["name"] in fields


@pytest.mark.parametrize("provider", PRESETS)
def test_each_presets_email_carries_its_unsubscribe_merge_tag(preset_sites, provider):
    tag = PRESETS[provider][3]
    site = preset_sites[provider]
    links = email_soup(site, "2026-03").select(".footer a")
    assert tag in [a["href"] for a in links]
    assert f"Cancellati dalla newsletter: {tag}" in site.html("/newsletter/2026-03/email.txt")


def test_preset_emails_are_valid_html_but_for_the_merge_tag(preset_sites, tmp_path):
    """The Nu Html Checker passes every email; a merge tag is a URL only once the provider sends."""
    emails = []
    for name, site in preset_sites.items():
        emails.append(tmp_path / f"{name}.html")
        shutil.copy(site.path("/newsletter/2026-03/email.html"), emails[-1])
    tags = "|".join(re.escape(tag) for _settings, _action, _fields, tag in PRESETS.values())
    merge_tag_href = re.compile(rf"Bad value “({tags})” for attribute “href” on element “a”")
    problems = validator.invalid_html(emails, shown_from=tmp_path)
    assert [problem for problem in problems if not merge_tag_href.search(problem)] == []
    # The merge tags are there, and the checker does see them.
    assert len(problems) == len(PRESETS)


def test_articles_are_grouped_into_weeks_closing_friday_at_nine(site):
    archive = site.soup("/newsletter/").select(".digest-archive__date a")
    assert [(a["href"], text(a)) for a in archive] == [
        ("/newsletter/2026-04/", "23 gennaio 2026"),
        ("/newsletter/2026-03/", "16 gennaio 2026"),
        ("/newsletter/2026-02/", "9 gennaio 2026"),
    ]
    titles = {
        a["href"]: [text(t) for t in site.soup(a["href"]).select(".card__title a")] for a in archive
    }
    assert titles == {
        "/newsletter/2026-04/": ["Venerdì alle nove"],
        "/newsletter/2026-03/": ["Il lunedì della bottega", HOSTILE_TEXT],
        "/newsletter/2026-02/": ["La settimana prima"],
    }
    web = site.soup("/newsletter/2026-03/")
    assert text(web.h1) == "La newsletter del 16 gennaio 2026"
    assert text(web.select_one(".article-meta")) == (
        "2 articoli pubblicati nella settimana 9–16 gennaio 2026"
    )


def test_newsletter_start_leaves_out_the_weeks_before_it(tmp_path, content, monkeypatch):
    """A site importing years of posts starts its digests on a day of its choosing."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2026-01-24 12:00"))
    later = build_site(tmp_path, content=content, NEWSLETTER_START="2026-01-16")
    archive = later.soup("/newsletter/").select(".digest-archive__date a")
    assert [a["href"] for a in archive] == ["/newsletter/2026-04/", "/newsletter/2026-03/"]
    weeks = sorted(p.parent.name for p in (tmp_path / "newsletter").glob("*/email.html"))
    assert weeks == ["2026-03", "2026-04"]
    # The articles of that week are still on the site, only without a back issue.
    assert later.exists("/la-settimana-prima/")


@pytest.mark.parametrize("start", ["16/01/2026", 20260116, "ieri"])
def test_a_newsletter_start_that_is_not_a_date_stops_naming_the_setting(start, tmp_path, content):
    with pytest.raises(BuildStopped) as stopped:
        build_site(tmp_path, content=content, NEWSLETTER_START=start)
    assert "NEWSLETTER_START deve essere una data come" in str(stopped.value)


def test_the_email_is_a_table_layout_with_inlined_css_and_absolute_links(site):
    soup = email_soup(site, "2026-03")
    assert soup.find("script") is None
    assert soup.find("link", rel="stylesheet") is None
    assert soup.body.table["role"] == "presentation"
    assert len(soup.select("td.item")) == 2
    button = soup.select_one("a.button")
    assert "background: #17613f" in button["style"]
    assert button["href"] == f"{DEV_BASE}/il-lunedi-della-bottega/"
    for tag in soup.find_all(["a", "img"]):
        url = tag.get("href") or tag["src"]
        assert url.startswith(DEV_BASE + "/"), url
    summary = soup.select_one(".item__summary a")
    assert summary["href"] == f"{DEV_BASE}/la-settimana-prima/"
    assert soup.select_one(".footer a")["href"] == f"{DEV_BASE}/newsletter/2026-03/"


def test_the_email_has_a_hidden_preheader_naming_the_other_articles(site):
    soup = email_soup(site, "2026-03")
    preheader = soup.select_one(".preheader")
    assert preheader is soup.body.find(True)
    assert "display: none" in preheader["style"]
    assert text(preheader).startswith(f"In questo numero anche: {HOSTILE_TEXT}")
    subject = "Il lunedì della bottega, e un altro articolo"
    assert soup.title.string == subject


def test_every_image_in_the_email_has_alt_text_and_a_full_address(site):
    images = email_soup(site, "2026-03").find_all("img")
    photo, card = [(image["src"], image["alt"]) for image in images]
    assert photo == (f"{DEV_BASE}/images/vetrina.png", "La vetrina del negozio & il bancone")
    assert site.exists("/images/vetrina.png")
    # The article without a picture: its drawn share card (plugin pictures), its alt empty
    # because its title, next to it, says what it shows.
    assert card[0].startswith(f"{DEV_BASE}/images/cards/") and card[1] == ""
    assert site.exists(card[0].removeprefix(DEV_BASE))


def test_the_text_version_lists_every_article_with_its_address(site):
    email = site.html("/newsletter/2026-03/email.txt")
    assert "<" not in email.replace("<davvero>", "")
    assert email.startswith("Bottega Digitale · La newsletter del 16 gennaio 2026\n")
    assert "1. Il lunedì della bottega\n   12 gennaio 2026 · di Rita Galli e Ivo Marchi" in (email)
    assert f"2. {HOSTILE_TEXT}\n" in email
    assert f"Leggi l’articolo: {DEV_BASE}/il-lunedi-della-bottega/" in email
    assert f"Leggi questa email sul sito: {DEV_BASE}/newsletter/2026-03/" in email
    assert all(len(line) <= 100 for line in email.splitlines() if "http" not in line)


def test_the_feed_has_one_item_per_digest_with_absolute_links(site):
    feed = feedparser.parse(site.path("/newsletter/feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Bottega Digitale: la newsletter"
    assert [(entry.link, entry.published) for entry in feed.entries] == [
        (f"{DEV_BASE}/newsletter/2026-04/", "Fri, 23 Jan 2026 09:00:00 +0100"),
        (f"{DEV_BASE}/newsletter/2026-03/", "Fri, 16 Jan 2026 09:00:00 +0100"),
        (f"{DEV_BASE}/newsletter/2026-02/", "Fri, 09 Jan 2026 09:00:00 +0100"),
    ]
    item = BeautifulSoup(feed.entries[1].description, "lxml")
    assert [a["href"] for a in item.select("h2 a")] == [
        f"{DEV_BASE}/il-lunedi-della-bottega/",
        f"{DEV_BASE}/cose-il-seo-perche-serve-alle-pmi-davvero/",
    ]
    page = site.soup("/newsletter/")
    assert page.select_one(".digest-archive .list-feeds a")["href"] == "/newsletter/feed.xml"
    feeds = page.select('link[rel="alternate"][type="application/rss+xml"]')
    link = next(feed for feed in feeds if feed["href"] == "/newsletter/feed.xml")
    assert link["title"] == "Feed RSS delle newsletter"


def test_a_hostile_title_is_right_in_the_web_digest_the_email_the_text_and_the_feed(site):
    web = site.soup("/newsletter/2026-03/")
    assert HOSTILE_TEXT in [text(a) for a in web.select(".card__title a")]
    assert web.find("davvero") is None

    email = email_soup(site, "2026-03")
    assert HOSTILE_TEXT in [text(a) for a in email.select("h2 a")]
    assert email.find("davvero") is None
    assert "&lt;davvero&gt;" in site.html("/newsletter/2026-03/email.html")

    assert f"2. {HOSTILE_TEXT}\n" in site.html("/newsletter/2026-03/email.txt")

    feed = feedparser.parse(site.path("/newsletter/feed.xml").read_bytes())
    (entry,) = [e for e in feed.entries if e.link.endswith("/2026-03/")]
    description = BeautifulSoup(entry.description, "lxml")
    assert HOSTILE_TEXT in [text(a) for a in description.select("h2 a")]
    assert description.find("davvero") is None


def test_a_hostile_first_title_is_right_in_the_subject_line(tmp_path, small_content):
    write_article(small_content, "ostile.md", title=HOSTILE_TITLE, date="2026-01-14 10:00")
    write_article(small_content, "altro.md", title="Un altro", date="2026-01-15 10:00")
    site = build_site(tmp_path / "output", content=small_content)
    subject = f"{HOSTILE_TEXT}, e un altro articolo"
    assert email_soup(site, "2026-03").title.string == subject
    assert "&lt;davvero&gt;" in site.html("/newsletter/2026-03/email.html").split("</title>")[0]
    feed = feedparser.parse(site.path("/newsletter/feed.xml").read_bytes())
    assert feed.entries[0].title == subject


def test_a_site_without_articles_has_an_empty_archive_and_an_empty_feed(tmp_path, small_content):
    site = build_site(tmp_path / "output", content=small_content)
    assert site.soup("/newsletter/").select_one(".digest-archive") is None
    assert site.soup("/newsletter/").select_one(".newsletter-signup form") is not None
    feed = feedparser.parse(site.path("/newsletter/feed.xml").read_bytes())
    assert not feed.bozo and feed.entries == []


def test_without_an_archive_page_the_digests_link_to_nothing_missing(tmp_path, small_content):
    # An owner who keeps the digests but has no newsletter pages, so none "Template: newsletter".
    for page in ("newsletter.md", "newsletter-grazie.md", "newsletter-confermata.md"):
        (small_content / "pages" / page).unlink()
    write_article(small_content, "uno.md", title="Uno")
    site = build_site(tmp_path / "output", content=small_content)
    week = next(site.output.glob("newsletter/*/index.html")).parent.name
    digest = site.soup(f"/newsletter/{week}/")
    assert digest.select(".digest__all, .digest .article__category") == []
    assert check_site(site.output, "", html=False) == []
    feed = feedparser.parse(site.path("/newsletter/feed.xml").read_bytes())
    assert feed.feed.link == "http://localhost:8000/"


def test_a_missing_privacy_page_is_a_warning_naming_the_setting(tmp_path, small_content):
    (small_content / "pages" / "privacy.md").unlink()
    write_article(small_content, "uno.md", title="Uno")
    site = build_site(tmp_path / "output", content=small_content)
    (warning,) = [m for m in messages(site) if "NEWSLETTER_PRIVACY_URL" in m]
    assert "privacy/" in warning and "content/pages/privacy.md" in warning


def test_a_bad_setting_stops_the_build_naming_it(tmp_path, small_content):
    with pytest.raises(BuildStopped) as stopped:
        build_site(tmp_path / "output", content=small_content, NEWSLETTER_PROVIDER="mailchump")
    assert stopped.value.code.startswith(
        "Impostazione da correggere: NEWSLETTER_PROVIDER deve essere uno tra"
    )


def test_the_publish_build_stops_without_a_provider_naming_the_setting(tmp_path, small_content):
    write_article(small_content, "uno.md", title="Uno", body="[Un link rotto](/manca/)")
    write_default_bio(small_content)
    with pytest.raises(BuildStopped) as stopped:
        build_site(
            tmp_path / "output",
            content=small_content,
            settings_file="publishconf.py",
            NEWSLETTER_PROVIDER=None,
        )
    # One stop for every problem: the provider and the article's own mistake are both listed.
    assert "ci sono 2 problemi da correggere" in stopped.value.code
    assert "  NEWSLETTER_PROVIDER non è impostato" in stopped.value.code
    assert "uno.md:8: il link «/manca/»" in stopped.value.code


def publish(content, output, *settings):
    """`pelican -s publishconf.py` as CI runs it, with `settings` as -e overrides."""
    extra = ["-e", *settings] if settings else []
    return run_module("pelican", str(content), "-s", "publishconf.py", "-o", str(output), *extra)


def test_the_publish_command_refuses_a_plain_http_action_without_a_traceback(
    tmp_path, small_content
):
    result = publish(
        small_content,
        tmp_path / "output",
        'NEWSLETTER_ACTION_URL="http://newsletter.bottegadigitale.example/iscrizione"',
    )
    assert result.returncode == 1
    both = result.stdout + result.stderr
    assert "Pubblicazione fermata: c'è un problema da correggere:" in both
    assert "\n  NEWSLETTER_ACTION_URL deve iniziare con https://" in both
    assert "Traceback" not in both


def test_the_publish_command_refuses_a_missing_provider(tmp_path, small_content):
    result = publish(small_content, tmp_path / "output", "NEWSLETTER_PROVIDER=null")
    assert result.returncode == 1
    assert "NEWSLETTER_PROVIDER non è impostato" in result.stdout + result.stderr


def test_the_theme_renders_without_the_plugin(tmp_path, content):
    plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    without = json.dumps([plugin for plugin in plugins if plugin != "newsletter"])
    output = tmp_path / "output"
    assert (
        pelican("pelicanconf.py", str(content), "-o", str(output), "-e", f"PLUGINS={without}") == 0
    )
    site = BuiltSite(output, [])
    assert site.soup("/venerdi-alle-nove/").select_one(".newsletter-signup") is None
    page = site.soup("/newsletter/")
    assert text(page.h1) == "Newsletter" and page.select_one(".digest-archive") is None
    assert not site.exists("/newsletter/2026-03/")


@pytest.mark.parametrize(
    ("built_at", "sent"),
    [("2026-01-23 08:59:59", False), ("2026-01-23 09:00:00", True)],
)
def test_a_week_reaches_archive_and_feed_only_once_it_has_closed(
    tmp_path, content, monkeypatch, built_at, sent
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(built_at))
    site = build_site(tmp_path / "output", content=content)
    archive = [a["href"] for a in site.soup("/newsletter/").select(".digest-archive__date a")]
    feed = feedparser.parse(site.path("/newsletter/feed.xml").read_bytes())
    links = [entry.link for entry in feed.entries]
    assert ("/newsletter/2026-04/" in archive) is sent
    assert (f"{DEV_BASE}/newsletter/2026-04/" in links) is sent
    assert "/newsletter/2026-03/" in archive
    # The week under way is still there to preview, saying when it goes out.
    preview = site.soup("/newsletter/2026-04/").select_one(".digest__preview")
    if sent:
        assert preview is None
    else:
        assert text(preview).startswith("Settimana in corso: questa newsletter parte il 23 gennaio")
    assert site.exists("/newsletter/2026-04/email.html")
