"""Embeds in a built site: an article and a page with WordPress's embeds get link cards to the
originals, nothing that loads from the providers, and no problem but for an unknown iframe."""

import logging
import shutil

import pytest

from sitebuild import BLOG_SITE, build_site, write_article, write_default_bio

YT = "dQw4w9WgXcQ"
# Line 8 is the body's first line (write_article: a six-field header and a blank line).
YOUTUBE_IFRAME = (
    f'<iframe width="560" height="315" src="https://www.youtube.com/embed/{YT}?si=a1" '
    'title="Il corso di marzo" frameborder="0" allow="autoplay; encrypted-media" '
    "allowfullscreen></iframe>"
)
FACEBOOK_IFRAME = (
    '<iframe src="https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com'
    '%2Fbottegarossi%2Fposts%2F10154009990506729&amp;width=500" width="500" height="600">'
    "</iframe>"
)
LINKEDIN = (
    "https://www.linkedin.com/posts/bottega-rossi_marketing-activity-7012345678901234567-AbCd"
)
ARTICLE_BODY = f"""\
Il video del corso, la pagina Facebook e la mappa del negozio.

{YOUTUBE_IFRAME}

https://vimeo.com/76979871

<https://www.instagram.com/p/CxYz123AbC/>

{FACEBOOK_IFRAME}

[embed]{LINKEDIN}[/embed]

<figure class="wp-block-embed is-provider-youtube"><div class="wp-block-embed__wrapper">
https://youtu.be/{YT}
</div><figcaption>La seconda lezione</figcaption></figure>

<iframe src="https://widget.sondaggi.example/embed/42" title="Sondaggio"></iframe>

Per un video qualunque, come https://youtu.be/{YT}, basta il link.
"""
UNKNOWN_IFRAME_LINE = 24
MAP = (
    "https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d2969.6!2d12.4922!3d41.8902!2m3"
    "!1f0!2f0!3f0!3m2!1i1024!2i768!4f13.1!3m3!1m2!1s0x132f61b6532013ad%3A0x28f1c82e908503c4"
    "!2sBottega%20Rossi!5e0!3m2!1sit!2sit!4v1700000000000"
)
PAGE = f"""\
Title: Dove siamo

Ci trovi in centro.

<iframe src="{MAP}" width="600" height="450" style="border:0;" loading="lazy"></iframe>
"""
# (original page, provider, title) of each card, in the order of the article.
ARTICLE_CARDS = [
    (f"https://www.youtube.com/watch?v={YT}", "YouTube", "Il corso di marzo"),
    ("https://vimeo.com/76979871", "Vimeo", "Video su Vimeo"),
    ("https://www.instagram.com/p/CxYz123AbC/", "Instagram", "Post su Instagram"),
    (
        "https://www.facebook.com/bottegarossi/posts/10154009990506729",
        "Facebook",
        "Post su Facebook",
    ),
    (
        f"{LINKEDIN}/",
        "LinkedIn",
        "Post su LinkedIn",
    ),
    (f"https://www.youtube.com/watch?v={YT}", "YouTube", "Video su YouTube"),
]
# Hosts a browser would load an embed, a thumbnail or a script from.
EMBED_HOSTS = (
    "youtube-nocookie",
    "youtube.com/embed",
    "ytimg",
    "player.vimeo",
    "vimeocdn",
    "cdninstagram",
    "instagram.com/embed",
    "/plugins/",
    "fbcdn",
    "connect.facebook",
    "linkedin.com/embed",
    "licdn",
    "maps/embed",
    "gstatic",
    "googleapis",
    "sondaggi.example",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = tmp_path_factory.mktemp("embeds") / "content"
    shutil.copytree(BLOG_SITE / "pages", content / "pages")
    (content / "pages" / "dove-siamo.md").write_text(PAGE, encoding="utf-8")
    write_default_bio(content)
    write_article(content, "video.md", title="Il corso in video", body=ARTICLE_BODY)
    return build_site(tmp_path_factory.mktemp("embeds-site"), content=content)


def card_parts(card):
    return (
        card.a["href"],
        card.select_one(".embed-card__title").get_text(),
        # typogrify joins a paragraph's last two words with a no-break space.
        card.get_text(" ", strip=True).replace("\xa0", " "),
    )


def test_each_embed_is_a_card_with_a_link_to_the_original(site):
    body = site.soup("/il-corso-in-video/").select_one(".article__body")
    found = [card_parts(card) for card in body.select(".embed-card")]
    assert [(href, title) for href, title, _ in found] == [
        (href, title) for href, _, title in ARTICLE_CARDS
    ]
    for (_, provider, _), (_, _, text) in zip(ARTICLE_CARDS, found, strict=True):
        assert f"su {provider}" in text and f"Si apre il sito di {provider}" in text
    for link in body.select(".embed-card a"):
        assert link["rel"] == ["external", "noopener"]
    # Gutenberg's caption stays under its card; an address in a sentence stays a sentence.
    assert body.select_one("figure .embed-card + figcaption").get_text() == "La seconda lezione"
    assert f"come https://youtu.be/{YT}, basta il" in body.get_text()


def test_a_page_gets_its_map_card_too(site):
    (card,) = site.soup("/dove-siamo/").select(".page__body .embed-card")
    href, title, text = card_parts(card)
    assert href == "https://www.google.com/maps/search/?api=1&query=41.8902%2C12.4922"
    assert title == "Bottega Rossi"
    assert "Apri la mappa su Google Maps" in text


def test_nothing_on_any_page_loads_from_a_provider(site):
    for file in site.output.rglob("*.html"):
        soup = site.soup(site.url_of(file))
        assert soup.find_all(["iframe", "embed", "object"]) == [], file
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                value = " ".join(value) if isinstance(value, list) else value
                for host in EMBED_HOSTS:
                    assert host not in value, (file, tag.name, name, value)


def test_only_the_unknown_iframe_is_reported_on_its_own_line(site):
    problems = [
        record.getMessage()
        for record in site.log_records
        if record.levelno >= logging.WARNING and "content" in record.getMessage()
    ]
    assert len(problems) == 1, problems
    assert problems[0].endswith(
        f"articles/video.md:{UNKNOWN_IFRAME_LINE}: «<iframe>» è stato tolto: il sito non "
        "carica dentro le sue pagine contenuti di altri siti. Per un video, un post o una mappa "
        "scrivi il link all'originale su una riga da solo."
    ), problems[0]
