"""Pictures: content images sized, lazy and with a WebP srcset, EXIF gone; featured images on
the article, its cards and its share tags; derivatives cached; the author's mistakes named."""

import json
import logging
import os
import shutil
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings
from PIL import Image

import pictures.store as pictures_store
from blog_core import BuildStopped, SettingError
from blog_core.validator import invalid_html
from photos import GPS, ORIENTATION, photo
from pictures.images import Derivative, encode, read_facts, srcset_widths
from pictures.markup import figure, image_tags, replace_tags, start_tag, with_attributes
from pictures.pictures import check_static_format
from sitebuild import (
    OWNER_SITE,
    ROOT,
    STRICT,
    BuiltSite,
    build_site,
    file_hashes,
    run_module,
    write_article,
)

SITEURL = "https://www.fioreria.example"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">'
    '<rect width="400" height="200" fill="#17613f"/></svg>'
)


def make_site(root):
    """An owner's site plus images: a 4000x3000 phone photo turned 90 degrees with GPS, a PNG
    narrower than the srcset's widest, an SVG, and articles using them."""
    content = root / "content"
    shutil.copytree(OWNER_SITE, content)
    images = content / "images"
    photo(images / "vetrina.jpg", (4000, 3000), orientation=6, gps=True)
    photo(images / "mazzo.png", (1000, 700))
    photo(images / "piccola.jpg", (900, 600))
    (images / "schema.svg").write_text(SVG, encoding="utf-8")
    outside = photo(root / "fuori" / "privata.jpg", (1600, 1200), gps=True)
    photo(images / "autori" / "agnese.jpg", (800, 600), orientation=6, gps=True)
    bio = content / "authors" / "agnese-valli.md"
    bio.write_text(
        bio.read_text(encoding="utf-8").replace("Role:", "Photo: images/autori/agnese.jpg\nRole:"),
        encoding="utf-8",
    )
    os.symlink(outside, images / "collegata.jpg")
    write_article(
        content,
        "foto-dal-telefono.md",
        title="Foto dal telefono",
        author="Agnese Valli",
        category="Bottega",
        tags="foto",
        date="2026-11-10 09:00",
        body="""
        Prima foto.

        ![La vetrina del negozio]({static}/images/vetrina.jpg)

        ![Un mazzo di fiori]({static}/images/mazzo.png)

        ![Uno schema]({static}/images/schema.svg)

        """,
    )
    write_article(
        content,
        "fuori.md",
        title="Fuori",
        author="Agnese Valli",
        category="Bottega",
        tags="foto",
        date="2026-11-09 09:00",
        body="""
        ![Un link che esce](/../fuori/privata.jpg)

        ![Un collegamento]({static}/images/collegata.jpg)

        ![Un altro che esce]({static}/../fuori/privata.jpg)
        """,
    )
    write_article(
        content,
        "didascalie.md",
        title="Didascalie",
        author="Agnese Valli",
        category="Bottega",
        tags="foto",
        date="2026-11-08 09:00",
        body="""
        Le foto della settimana.

        ![Il banco dei fiori]({static}/images/mazzo.png "Il banco <b>di marzo</b> & i fiori")

        ![Una foto da fuori](https://foto.example.org/a.jpg "Una serra, <script>alert(1)</script>")

        Nel testo ![un fiore]({static}/images/mazzo.png "Non una didascalia") resta com'è.
        """,
    )
    write_article(
        content,
        "schema-e-foto.md",
        title="Schema e foto",
        author="Agnese Valli",
        category="Bottega",
        tags="schemi",
        date="2026-11-07 09:00",
        body="""
        ![Uno schema]({static}/images/schema.svg)

        ![Un mazzo di fiori]({static}/images/mazzo.png)
        """,
    )
    write_article(
        content,
        "con-copertina.md",
        title="Con copertina",
        author="Agnese Valli",
        category="Bottega",
        tags="foto",
        date="2026-11-11 09:00",
        image="images/vetrina.jpg",
        imagealt="La vetrina <con> i fiori & le piante",
        body="""
        Testo.

        ![Un mazzo]({static}/images/mazzo.png)
        """,
    )
    return content


def cache_files(cache):
    folder = cache.parent / "pictures"
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site built twice with one cache (a publish-like SITEURL), then a third time with a
    photo deleted."""
    root = tmp_path_factory.mktemp("pictures")
    content = make_site(root)
    cache = root / ".cache" / "content"
    builds = {}
    for name in ("first", "second"):
        before = pictures_store.encoded
        builds[name] = build_site(root / name, content, BUILD_CACHE=str(cache), SITEURL=SITEURL)
        builds[name].encoded = pictures_store.encoded - before
    kept_before = cache_files(cache)
    (content / "images" / "piccola.jpg").unlink()
    build_site(root / "third", content, BUILD_CACHE=str(cache), SITEURL=SITEURL)
    return {
        "root": root,
        "content": content,
        "cache": cache,
        "kept_before": kept_before,
        "kept_after": cache_files(cache),
        **builds,
    }


def output_file(built, url):
    return built.output / url.removeprefix(SITEURL + "/")


def candidates(img):
    return [
        (address, int(width.removesuffix("w")))
        for address, width in (part.split() for part in img["srcset"].split(","))
    ]


def body_images(built, url):
    return built.soup(url).select(".article__body img")


# -- pure functions --------------------------------------------------------------------------------


def test_srcset_widths_never_exceed_the_source():
    widths = [480, 800, 1200, 1600]
    assert srcset_widths(4000, widths) == [480, 800, 1200, 1600]
    assert srcset_widths(1600, widths) == [480, 800, 1200, 1600]
    assert srcset_widths(1000, widths) == [480, 800, 1000]
    assert srcset_widths(300, widths) == [300]


def test_only_image_start_tags_change_and_values_are_escaped():
    html = '<p>Uno &amp; due</p>\n<p><img alt="a &quot;b&quot;" src="x.jpg"></p><p>fine</p>'
    (tag,) = image_tags(html)
    assert html[tag.start : tag.end].startswith("<img") and html[tag.end :].startswith("</p>")
    new = start_tag(with_attributes(tag, {"srcset": 'y.webp 1w, "><script>', "alt": None}))
    rewritten = replace_tags(html, {tag: new})
    assert rewritten.startswith("<p>Uno &amp; due</p>\n<p>")
    assert rewritten.endswith("</p><p>fine</p>")
    assert "<script>" not in rewritten and "&#34;&gt;&lt;script&gt;" in rewritten
    assert "alt=" not in rewritten


def test_only_an_image_alone_in_a_plain_paragraph_can_be_a_figure():
    html = (
        '<p>\n<img src="a.jpg" title="Sola">\n</p>'
        '<p><a href="/x/"><img src="b.jpg" title="In un link"></a></p>'
        '<p>Testo <img src="c.jpg" title="Nella frase"></p>'
        '<p class="nota"><img src="d.jpg" title="Con una classe"></p>'
        '<p><img src="e.jpg" title="Una"><img src="f.jpg" title="Due"></p>'
    )
    alone, *others = image_tags(html)
    assert html[alone.paragraph.start : alone.paragraph.end] == (
        '<p>\n<img src="a.jpg" title="Sola">\n</p>'
    )
    assert [tag.paragraph for tag in others] == [None] * 5
    rewritten = replace_tags(html, {alone.paragraph: figure('<img src="a.jpg">', "Sola & <b>")})
    assert rewritten.startswith(
        '<figure class="figure"><img src="a.jpg"><figcaption>Sola &amp; &lt;b&gt;</figcaption>'
        "</figure><p><a"
    )


def test_the_encoder_turns_the_photo_and_drops_its_metadata(tmp_path):
    source = photo(tmp_path / "telefono.jpg", (400, 300), orientation=6, gps=True)
    with Image.open(source) as stored:
        assert stored.getexif().get_ifd(GPS) and stored.getexif()[ORIENTATION] == 6
    assert read_facts(source).width == 300  # as shown: turned
    data = source.read_bytes()
    for derivative in (Derivative(200, "WEBP", 80), Derivative(200, "JPEG", 80)):
        out = tmp_path / f"out{derivative.extension}"
        out.write_bytes(encode(data, derivative))
        with Image.open(out) as image:
            assert image.size == (200, 267)
            assert not image.getexif() and "xmp" not in image.info
        assert encode(data, derivative) == out.read_bytes()  # the same bytes every time


# -- content images in a built site ----------------------------------------------------------------


def test_the_first_image_is_fetched_first_and_the_others_wait(site):
    images = body_images(site["first"], "/foto-dal-telefono/")
    first, png, svg = images
    assert first["fetchpriority"] == "high"
    assert not first.has_attr("loading") and not first.has_attr("decoding")
    for img in (png, svg):
        assert img["loading"] == "lazy" and img["decoding"] == "async"
        assert not img.has_attr("fetchpriority")


def test_a_turned_phone_photo_is_sized_as_shown_with_real_webp_candidates(site):
    built = site["first"]
    first = body_images(built, "/foto-dal-telefono/")[0]
    # 4000x3000 turned by its EXIF: shown 3000x4000, published at most 1600 wide.
    assert (first["width"], first["height"]) == ("1600", "2133")
    assert first["sizes"] == "(min-width: 45rem) 42.5rem, 92vw"
    found = candidates(first)
    assert [width for _, width in found] == [480, 800, 1200, 1600]
    for address, width in found:
        assert address.startswith(SITEURL + "/images/vetrina-")
        with Image.open(output_file(built, address)) as image:
            assert image.format == "WEBP" and image.width == width
            assert image.height == round(4000 * width / 3000)


def test_the_published_photo_has_no_exif_and_its_top_where_it_belongs(site):
    built = site["first"]
    first = body_images(built, "/foto-dal-telefono/")[0]
    assert first["src"] == SITEURL + "/images/vetrina.jpg"
    with Image.open(output_file(built, first["src"])) as image:
        assert image.format == "JPEG" and image.size == (1600, 2133)
        assert not image.getexif() and "exif" not in image.info
        # The dark corner was the stored top-left; turned by 90 degrees it is the top-right.
        rgb = image.convert("RGB")
        assert max(rgb.getpixel((1590, 10))) < 60 and min(rgb.getpixel((10, 10))[:1]) > 150
    original = (site["content"] / "images" / "vetrina.jpg").read_bytes()
    assert all(path.read_bytes() != original for path in built.output.rglob("*.jpg"))


def test_a_png_narrower_than_the_widest_gets_its_own_width(site):
    built = site["first"]
    png = body_images(built, "/foto-dal-telefono/")[1]
    assert (png["width"], png["height"]) == ("1000", "700")
    assert [width for _, width in candidates(png)] == [480, 800, 1000]
    with Image.open(output_file(built, png["src"])) as image:
        assert image.format == "PNG" and image.size == (1000, 700)


def test_an_svg_stays_as_it_is_but_lazy(site):
    svg = body_images(site["first"], "/foto-dal-telefono/")[2]
    assert svg["src"] == SITEURL + "/images/schema.svg"
    assert not svg.has_attr("srcset") and not svg.has_attr("width")
    output = site["first"].output / "images"
    assert (output / "schema.svg").read_text(encoding="utf-8") == SVG
    assert not list(output.glob("schema-*"))


def test_a_static_photo_no_article_shows_is_published_without_its_exif(site):
    with Image.open(site["first"].output / "images" / "piccola.jpg") as image:
        assert image.size == (900, 600) and not image.getexif()


def test_images_outside_content_are_never_read(site):
    built = site["first"]
    escaping = body_images(built, "/fuori/")
    assert [img["src"] for img in escaping] == [
        "/../fuori/privata.jpg",
        "{static}/images/collegata.jpg",  # Pelican's own link, left as it is: no such file
        "{static}/../fuori/privata.jpg",
    ]
    for img in escaping:
        assert not img.has_attr("srcset") and not img.has_attr("width")
        assert not img.has_attr("loading")
    private = (site["root"] / "fuori" / "privata.jpg").read_bytes()
    names = {path.name for path in built.output.rglob("*")}
    assert "collegata.jpg" not in names and not any(name.startswith("privata") for name in names)
    assert all(path.read_bytes() != private for path in built.output.rglob("*.jpg"))
    assert not any(record.levelno > logging.WARNING for record in built.log_records)


def test_a_titled_image_alone_in_its_paragraph_is_a_figure_with_its_caption(site):
    built = site["first"]
    soup = built.soup("/didascalie/")
    figures = soup.select(".article__body figure.figure")
    assert len(figures) == 2
    ours, outside = figures
    (image,) = ours.select("img")
    assert image["alt"] == "Il banco dei fiori" and not image.has_attr("title")
    assert image["width"] == "1000" and image.has_attr("srcset")  # still one of ours
    assert ours.figcaption.get_text() == "Il banco <b>di marzo</b> & i fiori"
    # Not about the file: an image of another site gets its caption too, escaped.
    assert outside.img["src"] == "https://foto.example.org/a.jpg"
    assert not outside.img.has_attr("srcset") and not outside.img.has_attr("title")
    assert outside.figcaption.get_text() == "Una serra, <script>alert(1)</script>"
    html = built.html("/didascalie/")
    assert "<script>alert" not in html and "<b>di marzo" not in html
    # Nothing is left of the paragraphs; an image inside a sentence keeps its title.
    assert all(figure.parent.name != "p" for figure in figures)
    (inline,) = soup.select(".article__body p img")
    assert inline["title"] == "Non una didascalia" and inline.parent.parent.name == "p"


def test_images_of_content_open_full_size_and_other_links_stay_as_they_are(small_content):
    images = small_content / "images"
    photo(images / "vetrina.jpg", (2400, 1600))
    (images / "schema.svg").write_text(SVG, encoding="utf-8")
    write_article(
        small_content,
        "grandezza-piena.md",
        title="A grandezza piena",
        body="""
        ![La vetrina a marzo]({static}/images/vetrina.jpg "La vetrina, rifatta")

        Lo schema: ![Il calendario della settimana]({static}/images/schema.svg) e il resto.

        [![Il sito del fornitore]({static}/images/vetrina.jpg)](https://fornitore.example/)

        ![Una foto da fuori](https://foto.example.org/a.jpg)

        ![]({static}/images/schema.svg)
        """,
    )
    built = build_site(small_content.parent / "output", small_content)
    body = built.soup("/a-grandezza-piena/").select_one(".article__body")
    links = {a["href"]: a for a in body.select("a.image-link")}
    # The photo's link is its src, the largest copy the site writes (not the 2400 px original).
    assert set(links) == {"/images/vetrina.jpg", "/images/schema.svg"}
    photo_link, diagram_link = links["/images/vetrina.jpg"], links["/images/schema.svg"]
    assert photo_link.parent.name == "figure" and photo_link.img["src"] == "/images/vetrina.jpg"
    assert photo_link.img["alt"] == "La vetrina a marzo" and photo_link.img.has_attr("srcset")
    assert diagram_link.parent.name == "p" and diagram_link.img["alt"].startswith("Il calendario")
    with Image.open(built.output / "images" / "vetrina.jpg") as written:
        assert written.width == 1600
    # A linked image keeps its one link; another site's image and one without alt get none.
    (supplier,) = body.select('a[href="https://fornitore.example/"]')
    assert supplier.img and "image-link" not in supplier.get("class", [])
    assert body.select_one('img[src="https://foto.example.org/a.jpg"]').parent.name == "p"
    (unnamed,) = [img for img in body.select("img") if not img.get("alt")]
    assert unnamed.parent.name == "p"

    plain = build_site(
        small_content.parent / "plain", small_content, PICTURES_FULL_SIZE_LINKS=False
    )
    assert not plain.soup("/a-grandezza-piena/").select("a.image-link")


def test_an_image_tag_knows_whether_it_is_inside_a_link_already():
    html = '<p><a href="/x/"><img src="a.jpg"></a> <img src="b.jpg"><a/><img src="c.jpg"></p>'
    assert [tag.linked for tag in image_tags(html)] == [True, False, True]


# -- the cache ------------------------------------------------------------------------------------


def test_a_second_build_encodes_nothing_and_writes_the_same_bytes(site):
    assert site["first"].encoded > 0 and site["second"].encoded == 0
    assert file_hashes(site["first"].output) == file_hashes(site["second"].output)


def test_derivatives_live_in_the_cache_and_are_linked_into_the_output(site):
    kept = site["kept_before"]
    webp = {name for name in kept if name.endswith(".webp")}
    assert len(webp) == 7  # 480/800/1200/1600 of the photo, 480/800/1000 of the PNG
    src = output_file(site["second"], body_images(site["second"], "/foto-dal-telefono/")[1]["src"])
    stored = [site["cache"].parent / "pictures" / name for name in kept]
    assert any(os.path.samefile(src, path) for path in stored if path.suffix == ".png")


def test_what_a_build_no_longer_uses_is_pruned(site):
    gone = site["kept_before"] - site["kept_after"]
    assert len(gone) == 1 and gone.pop().endswith(".jpg")
    assert site["kept_after"] - site["kept_before"] == set()
    facts = json.loads((site["cache"].parent / "pictures" / "facts.json").read_text())
    assert not any(path.endswith("piccola.jpg") for path in facts["files"])


# -- featured images -------------------------------------------------------------------------------


def test_the_featured_image_opens_its_article_and_the_texts_images_wait(site):
    soup = site["first"].soup("/con-copertina/")
    image = soup.select_one(".article > img.article__image")
    assert image is not None and image["fetchpriority"] == "high"
    assert not image.has_attr("loading")
    assert image["alt"] == "La vetrina <con> i fiori & le piante"
    assert (image["width"], image["height"]) == ("1600", "2133")
    assert [width for _, width in candidates(image)] == [480, 800, 1200, 1600]
    assert "<con>" not in site["first"].html("/con-copertina/")
    (text_image,) = soup.select(".article__body img")
    assert text_image["loading"] == "lazy" and not text_image.has_attr("fetchpriority")


def test_cards_show_the_featured_image_lazily(site):
    for url in ("/", "/categoria/bottega/", "/tag/foto/", "/autori/agnese-valli/"):
        cards = site["first"].soup(url).select(".card")
        titled = {
            card.select_one(".card__title").get_text(strip=True).replace("\xa0", " "): card
            for card in cards
        }
        image = titled["Con copertina"].select_one("img.card__image")
        assert image is not None, url
        # The list's first picture is fetched at once, the others as the reader scrolls.
        if cards[0] is titled["Con copertina"]:
            assert image["fetchpriority"] == "high" and not image.has_attr("loading"), url
        else:
            assert image["loading"] == "lazy" and not image.has_attr("fetchpriority"), url
        assert image["alt"].startswith("La vetrina")
        assert image["src"] == SITEURL + "/images/vetrina.jpg"
        # No featured image: its drawn share card (tests/plugins/test_share_cards.py), not
        # the text's photo.
        drawn = titled["Foto dal telefono"].select_one("img.card__image")
        assert drawn["src"].startswith(SITEURL + "/images/cards/") and drawn["alt"] == ""
        assert not drawn.has_attr("srcset")


def test_share_tags_point_at_an_absolute_1200x630_jpeg(site):
    built = site["first"]
    soup = built.soup("/con-copertina/")
    og_image = soup.select_one('meta[property="og:image"]')["content"]
    assert og_image == SITEURL + "/images/vetrina-1200x630.jpg"
    assert soup.select_one('meta[name="twitter:image"]')["content"] == og_image
    assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    assert soup.select_one('meta[property="og:image:alt"]')["content"].startswith("La vetrina")
    with Image.open(output_file(built, og_image)) as image:
        assert image.format == "JPEG" and image.size == (1200, 630) and not image.getexif()
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["image"] == [og_image, SITEURL + "/images/vetrina.jpg"]


def titled_items(soup, item, title):
    """The `item` elements of `soup` whose title (a link's text) is `title`."""
    return [
        found
        for found in soup.select(item)
        if found.find("a", string=lambda text: text and text.replace("\xa0", " ") == title)
    ]


def test_related_articles_and_the_digest_page_show_the_featured_image(site):
    built = site["first"]
    related = titled_items(
        built.soup("/foto-dal-telefono/"), ".related__cards > *", "Con copertina"
    )
    assert related, "Con copertina is not among the related articles"
    image = related[0].select_one("img.card__image")
    assert image["loading"] == "lazy" and not image.has_attr("fetchpriority")
    assert (image["width"], image["height"]) == ("1600", "2133")
    assert [width for _, width in candidates(image)] == [480, 800, 1200, 1600]
    assert image["alt"] == "La vetrina <con> i fiori & le piante"
    (digest,) = [
        path for path in (built.output / "newsletter").glob("*/index.html")
        # The card's title, as typogrify writes it.
        if "Con&nbsp;copertina" in path.read_text(encoding="utf-8")
    ]  # fmt: skip
    url = "/" + digest.parent.relative_to(built.output).as_posix() + "/"
    (card,) = titled_items(built.soup(url), ".card", "Con copertina")
    image = card.select_one("img.card__image")
    assert image["loading"] == "lazy" and image["srcset"] and image["width"] == "1600"


def test_an_author_photo_comes_as_square_thumbnails_without_exif(site):
    built = site["first"]
    profile = built.soup("/autori/agnese-valli/").select_one(".author-profile img.author-photo")
    # The page's first image: fetched first, never lazy.
    assert profile["fetchpriority"] == "high" and not profile.has_attr("loading")
    assert (profile["width"], profile["height"], profile["sizes"]) == ("128", "128", "128px")
    assert profile["src"] == SITEURL + "/images/autori/agnese-192x192.jpg"
    found = candidates(profile)
    assert [width for _, width in found] == [96, 192]
    for address, size in found:
        with Image.open(output_file(built, address)) as image:
            assert image.format == "JPEG" and image.size == (size, size)
            assert not image.getexif() and "exif" not in image.info
    (listed,) = built.soup("/autori/").select(".author-index img.author-photo")
    assert listed["fetchpriority"] == "high" and listed["sizes"] == "72px"
    boxed = built.soup("/con-copertina/").select_one(".author-box img.author-photo")
    assert boxed["loading"] == "lazy" and boxed["srcset"] == profile["srcset"]
    assert (boxed["width"], boxed["sizes"]) == ("64", "64px")
    # ... and the byline's, at the head of the article, is smaller still.
    byline = built.soup("/con-copertina/").select_one(".article-meta img.author-photo")
    assert byline["srcset"] == profile["srcset"]
    assert (byline["width"], byline["sizes"]) == ("40", "40px")


def email_images(built):
    """{article title: its teaser <img>} of the digest emails."""
    found = {}
    for path in (built.output / "newsletter").glob("*/email.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for item in soup.select("td.item"):
            title = item.h2.get_text(strip=True).replace("\xa0", " ")
            found[title] = item.select_one("img.item__image")
    return found


def test_the_email_shows_a_600_px_jpeg_or_png_never_webp(site):
    built = site["first"]
    images = email_images(built)
    expected = {
        # The featured image, turned as shown: 3000x4000.
        "Con copertina": ("vetrina-600w.jpg", "JPEG", 600, 800),
        # No featured image: the text's first image, a PNG kept a PNG (1000x700).
        "Didascalie": ("mazzo-600w.png", "PNG", 600, 420),
        "Foto dal telefono": ("vetrina-600w.jpg", "JPEG", 600, 800),
        # Mail clients show no SVG: the first image they can show.
        "Schema e foto": ("mazzo-600w.png", "PNG", 600, 420),
    }
    for title, (name, image_format, width, height) in expected.items():
        image = images[title]
        assert image["src"] == f"{SITEURL}/images/{name}", title
        assert (image["width"], image["height"]) == (str(width), str(height))
        assert not image.has_attr("srcset") and not image.has_attr("loading")
        with Image.open(output_file(built, image["src"])) as made:
            assert made.format == image_format and made.size == (width, height)
            assert not made.getexif()
    assert images["Con copertina"]["alt"] == "La vetrina <con> i fiori & le piante"
    # An image the site does not make keeps the newsletter's own choice, unsized.
    assert not images["Fuori"].has_attr("width")


def test_the_newsletter_feed_for_rss_to_email_has_the_same_600_px_images(site):
    feed = ElementTree.parse(site["first"].output / "newsletter" / "feed.xml")
    images = [
        img
        for description in feed.iter("description")
        for img in BeautifulSoup(description.text or "", "html.parser").select("img")
    ]
    found = {(img["src"], img.get("width"), img.get("height")) for img in images}
    assert (f"{SITEURL}/images/vetrina-600w.jpg", "600", "800") in found
    assert (f"{SITEURL}/images/mazzo-600w.png", "600", "420") in found
    assert not any(img["src"].endswith(".webp") or img.has_attr("srcset") for img in images)


def test_lists_and_emails_show_one_picture_per_article_none_from_its_summary(tmp_path):
    # Without a Summary field, the summary is the text's first 50 words: with its images.
    content = tmp_path / "content"
    shutil.copytree(OWNER_SITE, content)
    photo(content / "images" / "banco.jpg", (1600, 1000))
    photo(content / "images" / "cesto.png", (1300, 900))
    body = """
        ![Il banco del mercato]({static}/images/banco.jpg)

        Prima foto, poi il testo.

        ![Un cesto]({static}/images/cesto.png "Il cesto")
        """
    for name, image in (("con-foto", "images/cesto.png"), ("senza-foto", None)):
        path = write_article(content, f"{name}.md", title=name, category="Bottega", body=body)
        fields = f"Image: {image}\nImageAlt: Un cesto\n" if image else ""
        text = path.read_text(encoding="utf-8").replace("Summary: Un articolo di prova.\n", fields)
        path.write_text(text, encoding="utf-8")
    built = build_site(tmp_path / "output", content, SITEURL=SITEURL)
    assert len(built.soup("/senza-foto/").select(".article__body img")) == 2
    for url in ("/", "/categoria/bottega/"):
        cards = [card for card in built.soup(url).select(".card") if "foto" in card.get_text()]
        assert len(cards) == 2, url
        for card in cards:
            assert not card.select(".card__summary img, .card__summary figure"), url
            assert len(card.select("img")) == 1, url
            assert card.select_one(".card__summary").get_text(strip=True).startswith("Prima foto")
    items = [
        item
        for path in (built.output / "newsletter").glob("*/email.html")
        for item in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select("td.item")
        if "foto" in item.get_text()
    ]
    assert len(items) == 2
    for item in items:
        assert not item.select(".item__summary img, .item__summary figure")
        assert len(item.select("img")) == 1


def test_an_article_without_a_featured_image_is_shared_with_its_card_not_a_text_photo(site):
    soup = site["first"].soup("/foto-dal-telefono/")
    og_image = soup.select_one('meta[property="og:image"]')["content"]
    assert og_image.startswith(SITEURL + "/images/cards/") and og_image.endswith(".png")
    assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["image"] == [og_image]


# -- the author's mistakes -------------------------------------------------------------------------


def line_with(path, start):
    """The number of the first line of `path` that starts with `start`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


def picture_problems(records, level):
    return sorted(
        record.getMessage()
        for record in records
        if record.levelno == level and record.name == "blog_core"
    )


@pytest.fixture(scope="module")
def mistakes(tmp_path_factory):
    """A strict (publishing) build of articles with each mistake, stopped; what it said."""
    root = tmp_path_factory.mktemp("pictures-mistakes")
    content = root / "content"
    shutil.copytree(OWNER_SITE, content)
    photo(content / "images" / "grande.jpg", (1300, 900))
    photo(content / "images" / "stretta.jpg", (900, 600))
    common = {"author": "Agnese Valli", "category": "Bottega", "tags": "foto"}
    paths = {
        "missing": write_article(
            content,
            "manca.md",
            title="Manca",
            image="images/non-esiste.jpg",
            imagealt="x",
            **common,
        ),
        "no_alt": write_article(
            content, "senza-alt.md", title="Senza alt", image="images/grande.jpg", **common
        ),
        "narrow": write_article(
            content,
            "stretta.md",
            title="Stretta",
            image="{static}/images/stretta.jpg",
            imagealt="Una foto stretta",
            **common,
        ),
        "draft": write_article(
            content,
            "bozza.md",
            title="Bozza",
            status="draft",
            image="images/ancora-da-fare.jpg",
            imagealt="x",
            **common,
        ),
        "heavy": write_article(
            content,
            "pesante.md",
            title="Pesante",
            body="Testo.\n\nAncora testo.\n\n![Una foto grande]({static}/images/grande.jpg)\n",
            **common,
        ),
    }
    with pytest.raises(BuildStopped) as stopped:
        build_site(
            root / "output",
            content,
            BUILD_CACHE=None,
            PICTURES_MAX_BYTES=2_000,
            **STRICT,
        )
    return paths, stopped.value


def test_a_missing_image_and_a_missing_alt_stop_publishing_with_their_line(mistakes):
    paths, stopped = mistakes
    errors = picture_problems(stopped.log_records, logging.ERROR)
    missing, no_alt = paths["missing"], paths["no_alt"]
    assert errors == sorted(
        [
            f"{missing}:{line_with(missing, 'Image:')}: «Image: images/non-esiste.jpg»: il file "
            "content/images/non-esiste.jpg non esiste (o è fuori da content/). Metti la foto in "
            "content/images/ e scrivi per esempio «Image: images/nome-della-foto.jpg».",
            f"{no_alt}:{line_with(no_alt, 'Image:')}: l'immagine di copertina non ha un testo "
            "alternativo: aggiungi sotto «Image:» una riga «ImageAlt: …» che dica cosa mostra la "
            "foto, per chi usa un lettore di schermo e per chi non la vede caricare.",
        ]
    )
    assert "ci sono 2 problemi da correggere" in stopped.code
    # A draft's missing image is told, but does not stop publishing.
    draft = paths["draft"]
    assert any(
        message.startswith(f"{draft}:{line_with(draft, 'Image:')}: «Image: images/ancora-da-")
        for message in picture_problems(stopped.log_records, logging.WARNING)
    )


def test_a_narrow_or_heavy_image_is_a_warning_with_its_line(mistakes):
    paths, stopped = mistakes
    warnings = picture_problems(stopped.log_records, logging.WARNING)
    narrow, heavy, no_alt = paths["narrow"], paths["heavy"], paths["no_alt"]
    assert (
        f"{narrow}:{line_with(narrow, 'Image:')}: l'immagine di copertina è larga 900 px, meno "
        "di 1200: nell'anteprima dei link condivisi (Facebook, WhatsApp, LinkedIn) apparirà "
        "sfocata. Usa una foto larga almeno 1200 px."
    ) in warnings
    heavy_lines = [
        message.split(": ", 1)[0]
        for message in warnings
        if "più di 0,0 MB (PICTURES_MAX_BYTES)" in message
    ]
    assert sorted(heavy_lines) == sorted(
        [
            f"{heavy}:{line_with(heavy, '![Una foto grande]')}",
            f"{no_alt}:{line_with(no_alt, 'Image:')}",
            f"{narrow}:{line_with(narrow, 'Image:')}",
        ]
    )


def test_the_theme_renders_without_the_plugin(tmp_path):
    """In a process of its own: Pelican's signals keep the receivers of every plugin an earlier
    build in this process registered."""
    content = tmp_path / "content"
    shutil.copytree(OWNER_SITE, content)
    photo(content / "images" / "grande.jpg", (1300, 900))
    write_article(
        content,
        "copertina.md",
        title="Copertina",
        author="Agnese Valli",
        image="images/grande.jpg",
        imagealt="Una foto",
        body="![Una foto]({static}/images/grande.jpg)",
    )
    write_article(content, "senza-foto.md", title="Senza foto", author="Agnese Valli")
    plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    others = json.dumps([name for name in plugins if name != "pictures"])
    output = tmp_path / "output"
    result = run_module(
        "pelican", str(content), "-s", "pelicanconf.py", "-o", str(output),
        "-e", f"PLUGINS={others}", "BUILD_CACHE=null",
    )  # fmt: skip
    assert result.returncode == 0 and "Traceback" not in result.stdout + result.stderr
    soup = BuiltSite(output, []).soup("/copertina/")
    assert soup.select_one(".article__title") is not None
    assert soup.select_one("img.article__image") is None
    assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary"
    (image,) = soup.select(".article__body img")
    assert not image.has_attr("srcset") and image["src"] == "/images/grande.jpg"
    # No share card either: the card list shows no picture, the share tags none.
    site = BuiltSite(output, [])
    assert site.soup("/senza-foto/").select_one('meta[property="og:image"]') is None
    assert site.soup("/").select("main img") == []


def test_pages_with_pictures_are_valid_html(site):
    built = site["first"]
    urls = ("/foto-dal-telefono/", "/con-copertina/", "/didascalie/", "/autori/agnese-valli/", "/")
    pages = [built.path(url) for url in urls]
    assert invalid_html(pages, shown_from=built.output) == []


def test_images_follow_static_files_saved_under_another_folder(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(OWNER_SITE, content)
    photo(content / "images" / "banco.jpg", (1600, 1000))
    write_article(
        content,
        "banco.md",
        title="Il banco",
        image="images/banco.jpg",
        imagealt="Il banco del mercato",
        body="![Il banco]({static}/images/banco.jpg)\n",
    )
    built = build_site(
        tmp_path / "output",
        content,
        SITEURL=SITEURL,
        STATIC_URL="statici/{path}",
        STATIC_SAVE_AS="statici/{path}",
    )
    soup = built.soup("/il-banco/")
    addresses = [soup.select_one('meta[property="og:image"]')["content"]]
    for image in soup.select('img[src*="banco"]'):
        addresses.append(image["src"])
        addresses += [candidate.split()[0] for candidate in image["srcset"].split(",")]
    assert len(addresses) > 8
    for address in addresses:
        assert address.startswith(f"{SITEURL}/statici/images/banco"), address
        assert output_file(built, address).is_file(), address
    assert not (built.output / "images" / "banco.jpg").exists()


@pytest.mark.parametrize("name", ["STATIC_URL", "STATIC_SAVE_AS"])
def test_a_static_address_made_of_more_than_its_path_is_named(name):
    for value in ("{path}", "statici/{path}"):
        check_static_format(name, value)
    with pytest.raises(SettingError) as stopped:
        check_static_format(name, "{date:%Y}/{path}")
    assert stopped.value.setting == name
