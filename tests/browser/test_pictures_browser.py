"""What a reader's browser makes of the pictures: at 360 and 1280 px it picks a WebP candidate
that fits the image as shown (not the widest), a drawn share card is shown whole at the list's
width, and no image makes the page scroll sideways."""

import shutil

import pytest

from photos import photo
from sitebuild import OWNER_SITE, build_site, write_article


@pytest.fixture(scope="module")
def pictures_url(tmp_path_factory, serve):
    root = tmp_path_factory.mktemp("pictures-browser")
    content = root / "content"
    shutil.copytree(OWNER_SITE, content)
    photo(content / "images" / "vetrina.jpg", (4000, 3000), orientation=6, gps=True)
    photo(content / "images" / "mazzo.png", (1000, 700))
    write_article(
        content,
        "vetrina.md",
        title="La vetrina",
        author="Agnese Valli",
        image="images/vetrina.jpg",
        imagealt="La vetrina del negozio",
        body="""
        Testo prima della foto.

        ![Un mazzo di fiori]({static}/images/mazzo.png)

        Testo dopo la foto.
        """,
    )
    built = build_site(root / "output", content, BUILD_CACHE=None)
    with serve(built.output) as url:
        yield url


CARDS = """() => [...document.querySelectorAll("img.card__image:not([srcset])")].map(img => ({
    current: img.currentSrc,
    shown: [img.getBoundingClientRect().width, img.getBoundingClientRect().height],
    natural: [img.naturalWidth, img.naturalHeight],
}))"""
CHOSEN = """() => [...document.querySelectorAll("img[srcset]")].map(img => ({
    current: img.currentSrc,
    shown: img.getBoundingClientRect().width,
    complete: img.complete && img.naturalWidth > 0,
}))"""


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("url", ["/la-vetrina/", "/"])
def test_the_browser_picks_a_fitting_candidate_and_nothing_overflows(
    browser, pictures_url, width, url
):
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        page.goto(pictures_url + url)
        # Lazy images load when they come near the screen: scroll through the page.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_function(
            "[...document.querySelectorAll('img[srcset]')].every(i => i.complete)"
        )
        images = page.evaluate(CHOSEN)
        # The article: its featured image and the PNG of its text; the home page: its card.
        assert len(images) == (2 if url == "/la-vetrina/" else 1)
        for image in images:
            assert image["complete"], image
            assert image["current"].endswith(".webp"), image
            chosen = int(image["current"].rsplit("-", 1)[1].removesuffix("w.webp"))
            # Enough pixels for the image as shown, and not the widest when a smaller one does.
            assert chosen >= image["shown"], image
            assert chosen < 2 * image["shown"] or chosen == 480, image
            assert image["shown"] <= width
        if url == "/":
            # The owner's three articles have no photo: their drawn cards, whole, scaled.
            page.wait_for_function(
                "[...document.querySelectorAll('img.card__image')].every(i => i.complete)"
            )
            drawn = page.evaluate(CARDS)
            assert len(drawn) == 3
            for card in drawn:
                assert "/images/cards/" in card["current"] and card["natural"] == [1200, 630]
                shown_width, shown_height = card["shown"]
                assert 0 < shown_width <= width
                assert abs(shown_height - shown_width * 630 / 1200) < 1.5, card
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width
    finally:
        page.close()


def test_tapping_an_image_of_the_text_opens_it_full_size(browser, pictures_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True)
    page = context.new_page()
    try:
        page.goto(pictures_url + "/la-vetrina/")
        image = page.locator(".article__body img").first
        shown = image.evaluate("img => img.getBoundingClientRect().width")
        image.tap()
        page.wait_for_url("**/images/mazzo.png")
        natural = page.evaluate("document.images[0].naturalWidth")
        assert natural == 1000 and natural > shown
    finally:
        context.close()
