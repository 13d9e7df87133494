"""Share cards: every article and page without a featured image is shared with a 1200x630 PNG
drawn in the theme's colours, shown in every list too; drawn once, cached, pruned, the same
bytes on every build; whatever the title holds, the card stays in its box."""

import io
import json
import random
import re
import shutil

import pytest
from bs4 import BeautifulSoup
from PIL import Image

import pictures.store as pictures_store
from blog_core import SettingError
from photos import photo
from pictures import cards
from pictures.pictures import check_colours
from sitebuild import OWNER_SITE, ROOT, build_site, file_hashes, write_article

SITEURL = "https://www.fioreria.example"
CARD_URL = re.compile(re.escape(SITEURL) + r"/images/cards/[0-9a-f]{24}\.png")
HOSTILE_TITLE = (
    "<script>alert(1)</script> Saldi 🎉 di fine stagione: שלום עולם مرحبا "
    "\u202eal contrario\u202c " + "e ancora una parola " * 14
)
WHATSAPP = "Ordinare un mazzo su WhatsApp: come funziona da noi"
PLANTS = "Tre piante da appartamento che perdonano le dimenticanze"


def rgb(colour):
    return tuple(int(colour[index : index + 2], 16) for index in (1, 3, 5))


def cache_files(root):
    folder = root / ".cache" / "pictures"
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*.png")}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The owner's site plus an article with a photo and one with a hostile title, built
    twice with one cache (a publish-like SITEURL); then again with a title changed; and once
    with the cards switched off."""
    root = tmp_path_factory.mktemp("cards")
    content = root / "content"
    shutil.copytree(OWNER_SITE, content)
    photo(content / "images" / "vetrina.jpg", (1400, 900))
    common = {"author": "Agnese Valli", "category": "Fiori e piante", "tags": "consigli"}
    write_article(
        content,
        "con-foto.md",
        title="Con foto",
        date="2026-11-05 09:00",
        image="images/vetrina.jpg",
        imagealt="La vetrina del negozio",
        **common,
    )
    write_article(
        content,
        "ostile.md",
        title=HOSTILE_TITLE,
        date="2026-11-06 09:00",
        authors="Agnese Valli, Marco Neri, Lucia Gatti",
        category="Fiori e piante",
        tags="consigli",
    )
    cache = root / ".cache" / "content"
    builds = {}
    for name in ("first", "second"):
        before = pictures_store.encoded
        builds[name] = build_site(root / name, content, BUILD_CACHE=str(cache), SITEURL=SITEURL)
        builds[name].encoded = pictures_store.encoded - before
    kept_before = cache_files(root)
    whatsapp = content / "articles" / "ordinare-un-mazzo-su-whatsapp.md"
    whatsapp.write_text(
        whatsapp.read_text(encoding="utf-8").replace(WHATSAPP, "Ordinare fiori su WhatsApp"),
        encoding="utf-8",
    )
    before = pictures_store.encoded
    builds["changed"] = build_site(
        root / "changed", content, BUILD_CACHE=str(cache), SITEURL=SITEURL
    )
    builds["changed"].encoded = pictures_store.encoded - before
    builds["off"] = build_site(
        root / "off", content, BUILD_CACHE=None, SITEURL=SITEURL, PICTURES_SHARE_CARDS=False
    )
    return {"kept_before": kept_before, "kept_after": cache_files(root), **builds}


def url_of(built, title):
    """The address of the article titled `title`, from the archive."""
    for link in built.soup("/archivio/").select(".archive-list a"):
        if link.get_text(" ", strip=True).replace("\xa0", " ") == title:
            return link["href"].removeprefix(SITEURL)
    raise AssertionError(f"{title} is not in the archive")


def share_tags(soup):
    def meta(attribute, name):
        found = soup.find("meta", attrs={attribute: name})
        return found["content"] if found else None

    return {
        "image": meta("property", "og:image"),
        "width": meta("property", "og:image:width"),
        "height": meta("property", "og:image:height"),
        "alt": meta("property", "og:image:alt"),
        "card": meta("name", "twitter:card"),
        "twitter_image": meta("name", "twitter:image"),
        "twitter_alt": meta("name", "twitter:image:alt"),
    }


def opened(built, url):
    return Image.open(built.output / url.removeprefix(SITEURL + "/"))


def titled_cards(soup, item=".card"):
    """{title: the list item} of a list page."""
    return {
        found.find(["h2", "h3"]).get_text(" ", strip=True).replace("\xa0", " "): found
        for found in soup.select(item)
    }


# -- pure functions --------------------------------------------------------------------------------


def test_the_card_colours_are_the_themes_light_palette():
    css = (ROOT / "theme" / "static" / "css" / "style.css").read_text(encoding="utf-8")
    light = re.search(r":root\s*\{(.*?)\}", css, re.DOTALL).group(1)
    properties = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", light))
    assert {name: properties[name] for name in cards.COLOURS} == cards.COLOURS


def test_only_what_the_font_draws_is_kept():
    characters = cards.font_characters(cards.TITLE_FONT)
    assert {ord(c) for c in "Perché «così» – l’ultimo…"} <= characters
    assert ord("🎉") not in characters and ord("ש") not in characters
    text = "Ciao 🎉\u00a0mondo \u202eal contrario\u202c שלום <b>e\u0301</b>\u200b!"
    assert cards.drawable(text, characters) == "Ciao mondo al contrario <b>é</b>!"
    assert cards.drawable("🎉 مرحبا", characters) == ""


def test_a_long_title_steps_down_to_four_lines_ending_with_an_ellipsis():
    font, leading, lines = cards.title_lines("Ciao")
    assert font.size == cards.TITLE_SIZES[0] and lines == ["Ciao"]
    font, leading, lines = cards.title_lines("una parola dopo l'altra " * 15)
    assert font.size == cards.TITLE_SIZES[-1] and len(lines) == cards.TITLE_LINES
    assert lines[-1].endswith("…") and not lines[-2].endswith("…")
    assert all(font.getlength(line) <= cards.TEXT_WIDTH for line in lines)
    # A word wider than the card is cut, never left to run off it.
    font, leading, lines = cards.title_lines("W" * 300)
    assert len(lines) == cards.TITLE_LINES and lines[-1].endswith("…")
    assert all(font.getlength(line) <= cards.TEXT_WIDTH for line in lines)


def test_titles_wrap_by_their_measured_width_word_by_word():
    # Lines are filled from the words' own widths: each fits as the font sets it, and the
    # next line's first word would not have fitted on it (summed widths can be some pixels
    # off the font's setting of the whole line: a line may end a little short).
    phrase = (
        "la scheda Google del negozio: dieci minuti a settimana che valgono più di un "
        "volantino, WhatsApp Business per il B&B, l’e-commerce della bottega, perché"
    )
    words = phrase.split(" ")
    picked = random.Random(15)
    for _ in range(150):
        title = " ".join(picked.choices(words, k=picked.randrange(3, 22)))
        font, _, lines = cards.title_lines(title)
        for line, following in zip(lines, [*lines[1:], None], strict=True):
            assert font.getlength(line) <= cards.TEXT_WIDTH, line
            if following is not None and not following.endswith(cards.ELLIPSIS):
                longer = f"{line} {following.split(' ')[0]}"
                assert font.getlength(longer) > cards.TEXT_WIDTH - 12, longer


def test_whatever_the_text_the_card_stays_in_its_box():
    text = cards.CardText(
        HOSTILE_TITLE + "W" * 200,
        "",  # no category
        ", ".join(f"Autore Numero {number}" for number in range(30)),
        "Un nome del sito lunghissimo " * 6,
    )
    with Image.open(io.BytesIO(cards.draw_card(text, cards.COLOURS))) as card:
        assert (card.format, card.size) == ("PNG", (cards.WIDTH, cards.HEIGHT))
        card = card.convert("RGB")
    background = rgb(cards.COLOURS["bg"])
    # Nothing in the margins, left and right, between the accent band and the footer.
    for x in [*range(0, cards.MARGIN - 8), *range(cards.WIDTH - cards.MARGIN + 8, cards.WIDTH)]:
        for y in range(cards.ACCENT_BAR, cards.FOOTER_TOP, 3):
            assert card.getpixel((x, y)) == background, (x, y)
    # No category: the space above the title is empty.
    band = card.crop((0, cards.ACCENT_BAR, cards.WIDTH, cards.TITLE_TOP - 8))
    assert band.getcolors() == [(band.width * band.height, background)]


def test_the_same_text_gives_the_same_bytes_and_a_changed_colour_another_key():
    text = cards.CardText("Titolo", "Categoria", "Anna", "Sito")
    assert cards.draw_card(text, cards.COLOURS) == cards.draw_card(text, cards.COLOURS)
    digests = ["0" * 64, "1" * 64]
    key = cards.card_key(text, cards.COLOURS, digests, "13.0.0")
    assert key == cards.card_key(text, dict(cards.COLOURS), digests, "13.0.0")
    assert key != cards.card_key(text, {**cards.COLOURS, "accent": "#000000"}, digests, "13.0.0")
    assert key != cards.card_key(text, cards.COLOURS, digests[::-1], "13.0.0")
    assert key != cards.card_key(text, cards.COLOURS, digests, "13.0.1")


@pytest.mark.parametrize(
    "colours",
    [["#ffffff"], {"sfondo": "#ffffff"}, {"accent": "verde"}, {"bg": "#fff"}, {"text": None}],
)
def test_a_bad_colour_setting_is_named(colours):
    with pytest.raises(SettingError) as stopped:
        check_colours(colours)
    assert stopped.value.setting == "PICTURES_SHARE_CARD_COLOURS"
    check_colours({"accent": "#0A3d2F"})  # some of them, in either case


# -- in a built site -------------------------------------------------------------------------------


def test_an_article_without_a_photo_is_shared_with_its_card(site):
    built = site["first"]
    soup = built.soup(url_of(built, PLANTS))
    tags = share_tags(soup)
    assert CARD_URL.fullmatch(tags["image"]), tags
    assert (tags["width"], tags["height"], tags["card"]) == ("1200", "630", "summary_large_image")
    assert tags["twitter_image"] == tags["image"]
    assert tags["alt"] == tags["twitter_alt"] == PLANTS
    with opened(built, tags["image"]) as card:
        assert (card.format, card.size) == ("PNG", (1200, 630))
        colours = {colour for _, colour in card.convert("RGB").getcolors(1200 * 630)}
    palette = {name: rgb(value) for name, value in cards.COLOURS.items()}
    assert {palette["bg"], palette["accent"], palette["soft"], palette["text"]} <= colours
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["image"] == [tags["image"]]
    # The card repeats the title: the article's own page does not show it.
    assert soup.select_one("img.article__image") is None


def test_pages_are_shared_with_their_card_too(site):
    tags = share_tags(site["first"].soup("/la-bottega/"))
    assert CARD_URL.fullmatch(tags["image"]) and tags["card"] == "summary_large_image"


def test_every_list_shows_the_card_scaled_lazily_with_an_empty_alt(site):
    built = site["first"]
    card_url = share_tags(built.soup(url_of(built, PLANTS)))["image"]
    for url in ("/", "/categoria/fiori-e-piante/", "/tag/consigli/", "/autori/agnese-valli/"):
        listed = titled_cards(built.soup(url))
        image = listed[PLANTS].select_one("img.card__image")
        assert image is not None, url
        assert image["src"] == card_url and image["alt"] == ""
        assert (image["width"], image["height"]) == ("1200", "630")
        assert image["loading"] == "lazy" and not image.has_attr("srcset")
        # Every article of the list has a picture.
        assert all(item.select_one("img.card__image") for item in listed.values()), url


def test_related_articles_and_the_digest_page_show_the_card(site):
    built = site["first"]
    shown = []
    for title in (WHATSAPP, "Con foto"):
        related = titled_cards(built.soup(url_of(built, title)), ".related__cards > *")
        shown += [
            (item.select_one("img.card__image"), share_tags(built.soup(url_of(built, name))))
            for name, item in related.items()
            if name != "Con foto"
        ]
    assert shown, "no related article without a photo"
    for image, tags in shown:
        assert image["src"] == tags["image"] and image["alt"] == ""
        assert image["loading"] == "lazy" and image["width"] == "1200"
    digests = [
        built.url_of(path) for path in (built.output / "newsletter").glob("*/index.html")
    ]  # fmt: skip
    listed = {}
    for url in digests:
        listed.update(titled_cards(built.soup(url)))
    image = listed[WHATSAPP].select_one("img.card__image")
    assert image["src"] == share_tags(built.soup(url_of(built, WHATSAPP)))["image"]


def test_the_email_shows_the_card_whole_at_600_px(site):
    built = site["first"]
    card_url = share_tags(built.soup(url_of(built, WHATSAPP)))["image"]
    found = {}
    for path in (built.output / "newsletter").glob("*/email.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for item in soup.select("td.item"):
            found[item.h2.get_text(strip=True).replace("\xa0", " ")] = item.img
    image = found[WHATSAPP]
    assert image["src"] == card_url  # absolute: mail clients have no base address
    assert (image["width"], image["height"], image["alt"]) == ("600", "315", "")
    assert found["Con foto"]["src"] == f"{SITEURL}/images/vetrina-600w.jpg"


def test_an_article_with_a_photo_keeps_it(site):
    built = site["first"]
    soup = built.soup(url_of(built, "Con foto"))
    assert share_tags(soup)["image"] == f"{SITEURL}/images/vetrina-1200x630.jpg"
    assert share_tags(soup)["alt"] == "La vetrina del negozio"
    assert soup.select_one("img.article__image")["srcset"]
    image = titled_cards(built.soup("/"))["Con foto"].select_one("img.card__image")
    assert image["src"] == f"{SITEURL}/images/vetrina.jpg" and image["srcset"]


def test_a_hostile_title_is_drawn_as_text_and_escaped_in_the_tags(site):
    built = site["first"]
    (url,) = [
        link["href"].removeprefix(SITEURL)
        for link in built.soup("/archivio/").select(".archive-list a")
        if "alert(1)" in link.get_text()
    ]
    html = built.html(url)
    assert "<script>alert" not in html
    tags = share_tags(BeautifulSoup(html, "lxml"))
    assert tags["alt"].startswith("<script>alert(1)</script> Saldi 🎉")
    with opened(built, tags["image"]) as card:
        assert (card.format, card.size) == ("PNG", (1200, 630))


def test_a_second_build_draws_nothing_and_writes_the_same_bytes(site):
    assert site["first"].encoded > 0 and site["second"].encoded == 0
    assert file_hashes(site["first"].output) == file_hashes(site["second"].output)


def test_a_changed_title_draws_a_new_card_and_the_old_one_is_pruned(site):
    assert site["changed"].encoded == 1
    gone = site["kept_before"] - site["kept_after"]
    new = site["kept_after"] - site["kept_before"]
    assert len(gone) == 1 and len(new) == 1
    first, changed = site["first"], site["changed"]
    old_url = share_tags(first.soup(url_of(first, WHATSAPP)))["image"]
    new_url = share_tags(changed.soup(url_of(changed, "Ordinare fiori su WhatsApp")))["image"]
    assert old_url != new_url and CARD_URL.fullmatch(new_url)
    # The one card drawn again is that article's: the others came from the cache.
    assert new_url.rsplit("/", 1)[1][:24] in new.pop()


def test_with_cards_off_an_article_without_a_photo_has_no_share_image(site):
    built = site["off"]
    tags = share_tags(built.soup(url_of(built, PLANTS)))
    assert tags["image"] is None and tags["card"] == "summary"
    listed = titled_cards(built.soup("/"))
    assert listed[PLANTS].select_one("img") is None
    assert listed["Con foto"].select_one("img.card__image") is not None
    assert not (built.output / "images" / "cards").exists()
