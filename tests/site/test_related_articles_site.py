""" "Articoli correlati" after each article, as readers and authors see it in a real build."""

import shutil

import pytest
from content_headers import normalise
from pelican.settings import read_settings

from blog_core import BuildStopped
from sitebuild import (
    BLOG_SITE,
    ROOT,
    STRICT,
    build_site,
    run_module,
    write_article,
    write_default_bio,
)

NEWSLETTER = {
    "title": "Perché la newsletter conta più dei follower",
    "slug": "newsletter-conta",
    "date": "2026-11-02 09:00",
    "category": "Newsletter e email",
    "tags": "newsletter, email marketing, pmi",
    "summary": "Gli iscritti alla newsletter restano tuoi, i follower no.",
    "body": "La newsletter arriva agli iscritti senza algoritmi di mezzo. Un modulo di "
    "iscrizione in negozio fa crescere la lista email; ogni newsletter riporta i clienti.",
}
SUBJECT_LINES = {
    "title": "Oggetti delle email: farsi aprire senza promettere troppo",
    "slug": "oggetti-delle-email",
    "date": "2026-10-30 09:00",
    "category": "Newsletter e email",
    "tags": "newsletter, copywriting, email marketing",
    "summary": "L'oggetto decide se la newsletter viene aperta.",
    "body": "Gli iscritti leggono l'oggetto prima di tutto. Una newsletter con un oggetto "
    "chiaro viene aperta; una lista email curata risponde meglio.",
    "related": "spedizioni-e-resi",
}
SHIPPING = {
    "title": "Spedizioni e resi per la bottega online",
    "slug": "spedizioni-e-resi",
    "date": "2026-10-12 09:00",
    "category": "E-commerce",
    "tags": "e-commerce, logistica",
    "summary": "Costi, tempi e resi da decidere prima del primo ordine.",
    "body": "Il corriere ritira i pacchi; i resi si accettano entro quattordici giorni e "
    "l'imballaggio protegge la ceramica durante la spedizione.",
}
RETURNS = {
    "title": "Resi senza discussioni: le regole da scrivere",
    "slug": "regole-dei-resi",
    "date": "2026-10-20 09:00",
    "category": "E-commerce",
    "tags": "e-commerce, logistica, customer care",
    "summary": "Come scrivere le regole dei resi e delle spedizioni.",
    "body": "I resi e le spedizioni vanno scritti chiari: chi paga il corriere, come "
    "preparare l'imballaggio del pacco, in quanti giorni arriva il rimborso.",
}
# As close to the newsletter articles as can be, but never to be shown to readers.
DRAFT = {
    **NEWSLETTER,
    "title": "Bozza sulla newsletter",
    "slug": "bozza-newsletter",
    "status": "draft",
}
HIDDEN = {
    **NEWSLETTER,
    "title": "Articolo nascosto sulla newsletter",
    "slug": "nascosto-newsletter",
    "status": "hidden",
}
ARTICLES = [NEWSLETTER, SUBJECT_LINES, SHIPPING, RETURNS, DRAFT, HIDDEN]


def write_articles(content, articles=ARTICLES):
    for fields in articles:
        write_article(content, f"{fields['slug']}.md", **fields)


def make_content(folder, articles=ARTICLES):
    content = folder / "content"
    shutil.copytree(BLOG_SITE / "pages", content / "pages")
    # The articles' author has a bio, so the build is clean.
    write_default_bio(content)
    write_articles(content, articles)
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("related")
    return build_site(folder / "output", content=make_content(folder))


def related_items(site, slug):
    """(title, date, href) of each related article's card on /slug/: the lists' card
    (partials/article_card.html), its title an h3 under the section's h2."""
    section = site.soup(f"/{slug}/").select_one("section.related")
    if section is None:
        return []
    return [
        (normalise(card.h3.get_text()), card.time.get_text(), card.h3.a["href"])
        for card in section.select(".related__cards > *")
    ]


def test_list_shows_title_and_date_with_working_links(site):
    section = site.soup("/newsletter-conta/").select_one("section.related")
    assert section.h2.get_text() == "Articoli correlati"
    items = related_items(site, "newsletter-conta")
    assert items[0] == (
        normalise(SUBJECT_LINES["title"]),
        "30 ottobre 2026",
        "/oggetti-delle-email/",
    )
    for _, _, href in items:
        assert site.exists(href)
        assert href != "/newsletter-conta/"
    assert not site.warnings()


def test_pinned_article_comes_first(site):
    hrefs = [href for *_, href in related_items(site, "oggetti-delle-email")]
    assert hrefs[:2] == ["/spedizioni-e-resi/", "/newsletter-conta/"]


def test_shipping_articles_are_related_to_each_other_not_to_the_newsletter(site):
    hrefs = [href for *_, href in related_items(site, "regole-dei-resi")]
    assert hrefs[0] == "/spedizioni-e-resi/"
    assert "/newsletter-conta/" not in hrefs


def test_drafts_and_hidden_articles_are_never_listed(site):
    for slug in ("newsletter-conta", "oggetti-delle-email", "spedizioni-e-resi", "regole-dei-resi"):
        hrefs = [href for *_, href in related_items(site, slug)]
        assert "/bozza-newsletter/" not in hrefs
        assert "/nascosto-newsletter/" not in hrefs
    # The hidden article is published at its address, without a list of its own.
    assert site.exists("/nascosto-newsletter/")
    assert related_items(site, "nascosto-newsletter") == []


def test_no_section_when_nothing_reaches_the_minimum_score(tmp_path):
    site = build_site(
        tmp_path / "output", content=make_content(tmp_path), RELATED_ARTICLES_MIN_SCORE=0.99
    )
    html = site.html("/newsletter-conta/")
    assert "Articoli correlati" not in html
    assert 'class="related"' not in html
    # A pin is the editor's choice: it is shown whatever the score.
    assert [href for *_, href in related_items(site, "oggetti-delle-email")] == [
        "/spedizioni-e-resi/"
    ]


def test_theme_renders_without_the_plugin(tmp_path):
    plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    plugins = [name for name in plugins if name != "related_articles"]
    site = build_site(tmp_path / "output", content=make_content(tmp_path), PLUGINS=plugins)
    soup = site.soup("/newsletter-conta/")
    assert normalise(soup.h1.get_text()) == NEWSLETTER["title"]
    assert soup.select_one("section.related") is None


def test_two_builds_give_identical_pages(tmp_path):
    content = make_content(tmp_path)
    first = build_site(tmp_path / "first", content=content)
    second = build_site(tmp_path / "second", content=content)
    pages = [file.relative_to(first.output) for file in first.html_files()]
    assert pages == [file.relative_to(second.output) for file in second.html_files()]
    for page in pages:
        assert (first.output / page).read_bytes() == (second.output / page).read_bytes(), page


def build_with_pins(tmp_path, pins):
    content = make_content(tmp_path, [{**NEWSLETTER, "related": pins}, *ARTICLES[1:]])
    return content, content / "articles" / "newsletter-conta.md"


def related_line(source):
    """`path:line` of the Related field, found as an author would, reading the file."""
    lines = source.read_text(encoding="utf-8").splitlines()
    return f"{source}:{1 + next(n for n, line in enumerate(lines) if line.startswith('Related:'))}"


def pin_warnings(site):
    return [r.getMessage() for r in site.warnings() if "in Related c'è" in r.getMessage()]


def test_unknown_slugs_are_named_with_file_line_and_a_guess_and_left_out(tmp_path):
    content, source = build_with_pins(tmp_path, "non-esiste, spedizione-e-resi")
    site = build_site(tmp_path / "output", content=content)
    where = related_line(source)
    assert pin_warnings(site) == [
        f"{where}: in Related c'è «non-esiste», ma nessun articolo pubblicato ha questo slug.",
        f"{where}: in Related c'è «spedizione-e-resi», ma nessun articolo pubblicato ha "
        "questo slug: forse intendevi «spedizioni-e-resi»?",
    ]
    # The development build still lists the closest articles, without the bad pins.
    hrefs = [href for *_, href in related_items(site, "newsletter-conta")]
    assert hrefs and "/non-esiste/" not in hrefs


def test_a_strict_build_stops_on_an_unknown_slug(tmp_path):
    content, source = build_with_pins(tmp_path, "non-esiste")
    with pytest.raises(BuildStopped):
        build_site(tmp_path / "output", content=content, **STRICT)


@pytest.mark.parametrize(
    ("pin", "reason"),
    [
        ("newsletter-conta", "cioè l'articolo stesso: togli questo slug."),
        (
            "bozza-newsletter",
            "che è una bozza o un articolo nascosto: i lettori non lo vedrebbero.",
        ),
        (
            "nascosto-newsletter",
            "che è una bozza o un articolo nascosto: i lettori non lo vedrebbero.",
        ),
    ],
)
def test_pinning_the_article_itself_a_draft_or_a_hidden_article_is_named(tmp_path, pin, reason):
    content, source = build_with_pins(tmp_path, pin)
    site = build_site(tmp_path / "output", content=content)
    assert pin_warnings(site) == [f"{related_line(source)}: in Related c'è «{pin}», {reason}"]
    hrefs = [href for *_, href in related_items(site, "newsletter-conta")]
    assert f"/{pin}/" not in hrefs


def test_more_pins_than_the_maximum_are_cut_with_a_warning(tmp_path):
    pins = "oggetti-delle-email, spedizioni-e-resi, regole-dei-resi"
    content, source = build_with_pins(tmp_path, pins)
    site = build_site(tmp_path / "output", content=content, RELATED_ARTICLES_MAX=2)
    hrefs = [href for *_, href in related_items(site, "newsletter-conta")]
    assert hrefs == ["/oggetti-delle-email/", "/spedizioni-e-resi/"]
    messages = [record.getMessage() for record in site.warnings()]
    cut = "Related elenca 3 articoli, ne mostro i primi 2 (RELATED_ARTICLES_MAX)"
    assert f"{related_line(source)}: {cut}" in messages


def test_pelican_command_fails_with_the_message_and_no_traceback(tmp_path):
    content, source = build_with_pins(tmp_path, "non-esiste")
    output = str(tmp_path / "output")
    run = run_module("pelican", str(content), "--settings", "publishconf.py", "--output", output)
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert f"{related_line(source)}: in Related c'è «non-esiste»" in output
    assert "Pubblicazione fermata:" in output
    assert "Traceback" not in output


# The fixture site (tests/sites/blog), as built for `make serve`.


def article_urls(site):
    soup = site.soup("/archivio/")
    return {a["href"] for a in soup.select(".archive-list a")}


def test_articles_list_only_other_published_articles(fixture_site):
    urls = article_urls(fixture_site)
    listed = 0
    for url in sorted(urls):
        section = fixture_site.soup(url).select_one("section.related")
        if section is None:
            continue
        hrefs = [a["href"] for a in section.select("h3 a")]
        assert 1 <= len(hrefs) <= 3
        assert url not in hrefs
        assert set(hrefs) <= urls
        listed += 1
    # Each fixture article shares tags, category or subject with at least one other, or pins one.
    assert listed == len(urls)


def test_the_two_articles_on_instagram_photos_recommend_each_other(fixture_site):
    ice_cream = "/la-gelateria-su-instagram-anche-in-inverno/"
    stories = "/le-storie-di-instagram-in-dieci-minuti-al-giorno/"
    for page, other in ((ice_cream, stories), (stories, ice_cream)):
        section = fixture_site.soup(page).select_one("section.related")
        assert section.select_one("h3 a")["href"] == other
