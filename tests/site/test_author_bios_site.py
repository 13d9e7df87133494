"""Author bios in a real build: the box after each article, author pages, the index, mistakes."""

import json
import logging

import feedparser
import pytest
from pelican.settings import read_settings

from blog_core import BuildStopped
from sitebuild import ROOT, STRICT, BuiltSite, build_site, run_module, write_article, write_bio
from tasks import pelican

PORTRAIT = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img">'
    '<title>Ritratto</title><rect width="10" height="10" fill="#17613f"/></svg>'
)
FRANCA = {
    "Name": "Franca Leone",
    "Role": 'Social media "per davvero" & <PMI>',
    "Photo": "images/autori/franca-leone.svg",
    "Website": "https://francaleone.example",
    "Linkedin": "https://www.linkedin.com/in/esempio-franca-leone",
    "Mastodon": "https://mastodon.uno/@esempio_franca",
}
FRANCA_BIO = """\
Franca segue i social di forni e B&B in Puglia.

Ha scritto [la guida al forno]({filename}/articles/franca-1.md).
"""


def text(tag):
    """What a reader sees: typogrify's no-break spaces read as spaces."""
    return tag.get_text().replace("\xa0", " ")


def json_ld(soup):
    return [json.loads(tag.string) for tag in soup.select('script[type="application/ld+json"]')]


def messages(site, level=logging.WARNING):
    return [record.getMessage() for record in site.log_records if record.levelno == level]


@pytest.fixture
def two_authors(small_content):
    """Franca Leone (bio with photo, six articles) and Piero Gatti (no bio, one article)."""
    photo = small_content / "images" / "autori" / "franca-leone.svg"
    photo.parent.mkdir(parents=True)
    photo.write_text(PORTRAIT, encoding="utf-8")
    write_bio(small_content, "franca-leone", FRANCA, body=FRANCA_BIO)
    for day in range(1, 7):
        write_article(
            small_content,
            f"franca-{day}.md",
            title=f"Articolo {day} di Franca",
            date=f"2026-11-0{day} 09:00",
            author="Franca Leone",
        )
    write_article(small_content, "piero.md", title="Il corso di Piero", author="Piero Gatti")
    return small_content


@pytest.fixture
def built(tmp_path, two_authors):
    return build_site(tmp_path / "output", content=two_authors)


def test_the_author_box_shows_photo_name_role_and_the_way_to_the_bio_and_profiles(built):
    soup = built.soup("/articolo-3-di-franca/")
    box = soup.select_one("article .author-boxes .author-box")
    assert soup.select_one("#author-boxes-title").get_text() == "Chi ha scritto questo articolo"
    name = box.select_one(".author-box__name a")
    assert (name.get_text(), name["href"], name["rel"]) == (
        "Franca Leone",
        "/autori/franca-leone/",
        ["author"],
    )
    assert box.select_one(".author-box__role").get_text() == FRANCA["Role"]
    photo = box.select_one("img.author-photo")
    assert photo["src"] == "/images/autori/franca-leone.svg"
    assert built.exists(photo["src"])
    # The box is short: the bio and the profiles are on the author page it leads to.
    more = box.select_one(".author-box__more a")
    assert (text(more), more["href"]) == ("Tutti gli articoli di Franca Leone", name["href"])
    assert "forni e B&B in Puglia" not in text(box)
    assert box.select(".author-box__bio, .profile-links") == []
    page = built.soup(more["href"])
    assert "forni e B&B in Puglia" in text(page.select_one(".author-profile__bio"))
    links = page.select(".profile-links a")
    assert [(a.get_text(), a["aria-label"], a["href"]) for a in links] == [
        ("Sito web", "Sito web di Franca Leone", FRANCA["Website"]),
        ("LinkedIn", "Franca Leone su LinkedIn", FRANCA["Linkedin"]),
        ("Mastodon", "Franca Leone su Mastodon", FRANCA["Mastodon"]),
    ]
    assert all(a["rel"] == ["me", "noopener"] for a in links)


def test_links_in_the_bio_are_resolved(built):
    bio = built.soup("/autori/franca-leone/").select_one(".author-profile__bio")
    assert bio.select_one("a")["href"] == "/articolo-1-di-franca/"


def test_an_author_without_a_bio_gets_a_plain_line_with_an_initials_avatar(built):
    box = built.soup("/il-corso-di-piero/").select_one(".author-box")
    assert box.select_one(".author-box__name a")["href"] == "/autori/piero-gatti/"
    assert box.select_one(".author-box__role") is None
    assert box.select_one(".author-box__bio") is None
    assert box.select_one(".profile-links") is None
    avatar = box.select_one("img.author-photo")["src"]
    assert avatar == "/autori/piero-gatti/avatar.svg"
    assert ">PG</text>" in built.html(avatar)


def test_a_missing_bio_is_a_warning_naming_the_article_and_the_author(built):
    warnings = messages(built)
    missing = [m for m in warnings if "Piero Gatti" in m]
    assert len(missing) == 1
    assert "piero.md" in missing[0]
    assert "authors/piero-gatti.md" in missing[0]
    assert not any("Franca Leone" in m for m in warnings)


def test_the_author_page_has_the_profile_and_the_articles_newest_first(built):
    soup = built.soup("/autori/franca-leone/")
    assert soup.h1.get_text() == "Franca Leone"
    assert soup.select_one(".author-profile__role").get_text() == FRANCA["Role"]
    assert "forni e B&B in Puglia" in text(soup.select_one(".author-profile__bio"))
    assert soup.select_one(".author-profile img.author-photo")["src"].endswith("franca-leone.svg")
    links = soup.select(".profile-links a")
    assert [a["rel"] for a in links] == [["me", "noopener"]] * 3
    titles = [text(a) for a in soup.select(".card__title a")]
    assert titles == [f"Articolo {day} di Franca" for day in (6, 5, 4, 3, 2)]

    second = built.soup("/autori/franca-leone/pagina/2/")
    assert [text(a) for a in second.select(".card__title a")] == ["Articolo 1 di Franca"]
    assert second.h1.get_text() == "Franca Leone"
    assert second.select_one(".author-profile__bio") is None


def test_the_author_page_links_its_atom_feed(built):
    soup = built.soup("/autori/franca-leone/")
    feed_link = soup.select_one('link[rel="alternate"][title="Franca Leone (Atom)"]')["href"]
    assert soup.select_one(f'.list-feeds a[href="{feed_link}"]') is not None
    feed = feedparser.parse(built.html(feed_link))
    assert not feed.bozo
    assert [entry.title.replace("\xa0", " ") for entry in feed.entries] == [
        f"Articolo {day} di Franca" for day in (6, 5, 4, 3, 2, 1)
    ]


def test_every_article_box_links_to_an_author_page_that_links_back(built):
    for slug in ("articolo-1-di-franca", "il-corso-di-piero"):
        author_url = built.soup(f"/{slug}/").select_one(".author-box__name a")["href"]
        pages = [author_url, author_url + "pagina/2/"]
        hrefs = {
            a["href"]
            for page in pages
            if built.exists(page)
            for a in built.soup(page).select(".card__title a")
        }
        assert f"/{slug}/" in hrefs


def test_the_authors_index_has_photo_role_and_count(built):
    items = built.soup("/autori/").select(".author-index__item")
    rows = [
        (
            item.select_one(".author-index__name a").get_text(),
            item.select_one(".author-index__role").get_text()
            if item.select_one(".author-index__role")
            else None,
            item.select_one(".author-index__count").get_text(),
            item.select_one("img.author-photo")["src"],
        )
        for item in items
    ]
    assert rows == [
        ("Franca Leone", FRANCA["Role"], "6 articoli", "/images/autori/franca-leone.svg"),
        ("Piero Gatti", None, "1 articolo", "/autori/piero-gatti/avatar.svg"),
    ]


def test_article_json_ld_has_a_complete_person(built):
    (posting,) = json_ld(built.soup("/articolo-2-di-franca/"))
    assert posting["author"] == [
        {
            "@type": "Person",
            "name": "Franca Leone",
            "url": "/autori/franca-leone/",
            "jobTitle": FRANCA["Role"],
            "image": "/images/autori/franca-leone.svg",
            "sameAs": [FRANCA["Website"], FRANCA["Linkedin"], FRANCA["Mastodon"]],
        }
    ]
    (plain,) = json_ld(built.soup("/il-corso-di-piero/"))
    assert plain["author"] == [
        {
            "@type": "Person",
            "name": "Piero Gatti",
            "url": "/autori/piero-gatti/",
            "image": "/autori/piero-gatti/avatar.svg",
        }
    ]


def test_the_author_page_carries_a_profile_page(built):
    (profile,) = json_ld(built.soup("/autori/franca-leone/"))
    assert profile["@type"] == "ProfilePage"
    assert profile["url"] == "/autori/franca-leone/"
    person = profile["mainEntity"]
    assert (person["@type"], person["name"], person["jobTitle"]) == (
        "Person",
        "Franca Leone",
        FRANCA["Role"],
    )
    assert person["description"].startswith("Franca segue i social di forni e B&B in Puglia.")


def test_bios_are_never_content_of_their_own(built):
    assert not (built.output / "authors").exists()
    assert not list(built.output.rglob("*.md"))
    feed = feedparser.parse(built.html("/feed/atom.xml"))
    assert len(feed.entries) == 7
    assert all("forni e B&B" not in entry.get("summary", "") for entry in feed.entries)
    sitemap = built.html("/sitemap.xml")
    assert "authors/" not in sitemap
    home = built.soup("/")
    assert "Franca segue" not in home.select_one("main").get_text()


def test_a_bio_for_nobody_is_a_warning_naming_the_file(tmp_path, two_authors):
    write_bio(two_authors, "pinco-pallino", {"Name": "Pinco Pallino"})
    site = build_site(tmp_path / "output", content=two_authors)
    orphans = [m for m in messages(site) if "pinco-pallino.md" in m]
    assert len(orphans) == 1
    assert "Pinco Pallino" in orphans[0]
    assert not site.exists("/autori/pinco-pallino/")


def test_mistakes_in_a_bio_are_named_with_file_line_and_field(tmp_path, two_authors):
    write_bio(
        two_authors,
        "franca-leone",
        {
            "Name": "Franca Leone",
            "Linkdin": "https://www.linkedin.com/in/esempio-franca-leone",
            "Instagram": "instagram.com/esempio.franca",
            "Photo": "images/autori/non-esiste.jpg",
        },
    )
    site = build_site(tmp_path / "output", content=two_authors)
    bio = two_authors / "authors" / "franca-leone.md"
    problems = [m for m in messages(site) if str(bio) in m]
    assert [problem.split(" ", 2)[:2] for problem in problems] == [
        [f"{bio}:2:", "«linkdin»"],
        [f"{bio}:3:", "«Instagram»:"],
        [f"{bio}:4:", "«Photo»:"],
    ]
    assert messages(site, logging.ERROR) == []
    # The development build goes on without the bad fields.
    box = site.soup("/articolo-1-di-franca/").select_one(".author-box")
    assert box.select_one(".profile-links") is None
    assert box.select_one("img.author-photo")["src"] == "/autori/franca-leone/avatar.svg"


def test_a_name_that_does_not_match_the_file_name_is_an_error(tmp_path, two_authors):
    (two_authors / "authors" / "franca-leone.md").rename(two_authors / "authors" / "franca.md")
    site = build_site(tmp_path / "output", content=two_authors)
    (problem,) = [m for m in messages(site) if "«Name»" in m]
    assert problem.startswith(f"{two_authors}/authors/franca.md:1: «Name»: «Franca Leone»")
    assert "franca-leone.md" in problem


def test_strict_build_stops_on_a_missing_bio_after_listing_every_problem(
    tmp_path, two_authors, caplog
):
    write_article(two_authors, "silvio.md", title="Il negozio di Silvio", author="Silvio Rota")
    with pytest.raises(BuildStopped) as stopped:
        build_site(tmp_path / "output", content=two_authors, **STRICT)
    assert stopped.value.code.startswith("Pubblicazione fermata: ci sono 2 problemi")
    errors = sorted(r.getMessage() for r in caplog.records if r.levelno == logging.ERROR)
    articles, authors = two_authors / "articles", two_authors / "authors"
    assert errors == [
        f"{articles}/{name}.md:4: {author} non ha una scheda autore: crea "
        f"{authors}/{slug}.md con «Name: {author}» e due righe di bio."
        for name, author, slug in [
            ("piero", "Piero Gatti", "piero-gatti"),
            ("silvio", "Silvio Rota", "silvio-rota"),
        ]
    ]


def test_the_publish_command_exits_non_zero_without_a_traceback(tmp_path, two_authors):
    output = str(tmp_path / "output")
    result = run_module("pelican", str(two_authors), "-s", "publishconf.py", "-o", output)
    assert result.returncode == 1
    both = result.stdout + result.stderr
    assert "piero.md:4: Piero Gatti non ha una scheda autore" in both
    assert "Pubblicazione fermata: c'è un problema da correggere:\n  " in both
    assert "Traceback" not in both


def test_strict_build_passes_when_every_author_has_a_valid_bio(tmp_path, two_authors):
    write_bio(two_authors, "piero-gatti", {"Name": "Piero Gatti", "Role": "Formatore"})
    site = build_site(tmp_path / "output", content=two_authors, **STRICT)
    assert messages(site) == [] and messages(site, logging.ERROR) == []
    assert (
        site.soup("/il-corso-di-piero/").select_one(".author-box__role").get_text() == "Formatore"
    )


def test_the_theme_renders_without_the_plugin(tmp_path, two_authors):
    # Its own process: a plugin stays connected for the life of the process that loaded it.
    plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    without = json.dumps([plugin for plugin in plugins if plugin != "author_bios"])
    output = tmp_path / "output"
    extra = ["-o", str(output), "-e", f"PLUGINS={without}"]
    assert pelican("pelicanconf.py", str(two_authors), *extra) == 0
    site = BuiltSite(output, [])
    box = site.soup("/il-corso-di-piero/").select_one(".author-box")
    assert box.select_one(".author-box__name a")["href"] == "/autori/piero-gatti/"
    assert box.select_one("img") is None
    assert site.soup("/autori/").select_one(".author-index__name a").get_text() == "Franca Leone"


def test_names_and_roles_with_quotes_and_ampersands_are_escaped_everywhere(tmp_path, small_content):
    name = 'Nina D\'Amico & "Soci"'
    write_bio(
        small_content,
        "nina-damico-soci",
        {"Name": name, "Role": "Grafica <freelance>", "Instagram": "https://instagram.example/n"},
    )
    write_article(small_content, "nina.md", title="Le vetrine di Nina", author=name)
    site = build_site(tmp_path / "output", content=small_content)
    soup = site.soup("/le-vetrine-di-nina/")
    assert text(soup.select_one(".author-box__name a")) == name
    assert text(soup.select_one(".author-box__role")) == "Grafica <freelance>"
    profile = site.soup(soup.select_one(".author-box__name a")["href"])
    assert profile.select_one(".profile-links a")["aria-label"] == f"{name} su Instagram"
    (posting,) = json_ld(soup)
    assert (posting["author"][0]["name"], posting["author"][0]["jobTitle"]) == (
        name,
        "Grafica <freelance>",
    )
    assert "<freelance>" not in site.html("/le-vetrine-di-nina/")


def test_a_heavy_photo_gets_a_warning_with_the_size_to_aim_for(tmp_path, two_authors):
    photo = two_authors / "images" / "autori" / "franca-leone.svg"
    photo.write_text(PORTRAIT.replace("</svg>", "<!--" + "x" * 300_000 + "--></svg>"))
    site = build_site(tmp_path / "output", content=two_authors)
    heavy = [m for m in messages(site) if "«Photo»" in m]
    assert len(heavy) == 1
    assert "authors/franca-leone.md" in heavy[0] and "293 KB" in heavy[0]
    assert "400 px" in heavy[0]


def test_an_article_can_link_a_bio_file_to_reach_the_author_page(tmp_path, two_authors):
    write_article(
        two_authors,
        "intervista.md",
        title="Intervista",
        body="Ne parla [Franca]({filename}/authors/franca-leone.md).",
    )
    site = build_site(tmp_path / "output", content=two_authors)
    link = site.soup("/intervista/").select_one(".article__body a")
    assert link["href"] == "/autori/franca-leone/"
    assert not any("franca-leone.md" in m for m in messages(site))


def test_a_bio_saved_in_another_encoding_is_named_and_the_build_goes_on(tmp_path, two_authors):
    bio = two_authors / "authors" / "franca-leone.md"
    bio.write_bytes("Name: Franca Leone\nRole: Più social, meno ansia\n".encode("latin-1"))
    site = build_site(tmp_path / "output", content=two_authors)
    (problem,) = [m for m in messages(site) if "franca-leone.md" in m]
    assert problem.startswith(f"{bio}:2: il file non è salvato in UTF-8")
    # Without a readable bio, Franca's articles get the plain box.
    assert site.soup("/articolo-1-di-franca/").select_one(".author-box") is not None
