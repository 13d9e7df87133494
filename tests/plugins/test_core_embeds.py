"""Embeds (blog_core.embeds): each provider's iframe and bare address becomes a link card to
the original page; anything else is left to the content policy, which removes and names it."""

import pytest
from bs4 import BeautifulSoup

from blog_core import SettingError
from blog_core.embeds import cards_for_embeds, embed_cards, embed_for
from blog_core.labels import theme_labels
from blog_core.sanitize import clean, removals
from sitebuild import ROOT

LABELS = theme_labels(ROOT / "theme")
SETTINGS = {"THEME": str(ROOT / "theme")}
YT = "dQw4w9WgXcQ"
PB = (
    "!1m18!1m12!1m3!1d2969.6!2d12.4922!3d41.8902!2m3!1f0!2f0!3f0!3m2!1i1024!2i768!4f13.1"
    "!3m3!1m2!1s0x132f61b6532013ad%3A0x28f1c82e908503c4!2sColosseo!5e0!3m2!1sit!2sit"
    "!4v1700000000000"
)
FB_POST = "https://www.facebook.com/bottegarossi/posts/10154009990506729"
FB_VIDEO = "https://www.facebook.com/bottegarossi/videos/10153231379946729/"
LI_URN = "urn:li:share:7012345678901234567"

# (iframe src, bare address WordPress writes on its own line, original page, provider, kind)
PROVIDERS = [
    (
        f"https://www.youtube.com/embed/{YT}?si=Xy12",
        f"https://www.youtube.com/watch?v={YT}",
        f"https://www.youtube.com/watch?v={YT}",
        "YouTube",
        "video",
    ),
    (
        f"https://www.youtube-nocookie.com/embed/{YT}?start=90",
        f"https://youtu.be/{YT}?t=90",
        f"https://www.youtube.com/watch?v={YT}&t=90s",
        "YouTube",
        "video",
    ),
    (
        "https://player.vimeo.com/video/76979871?h=8272103f6e&title=0",
        "https://vimeo.com/76979871/8272103f6e",
        "https://vimeo.com/76979871/8272103f6e",
        "Vimeo",
        "video",
    ),
    (
        "https://www.instagram.com/p/CxYz123AbC/embed/captioned/",
        "https://www.instagram.com/p/CxYz123AbC/",
        "https://www.instagram.com/p/CxYz123AbC/",
        "Instagram",
        "post",
    ),
    (
        "https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com"
        "%2Fbottegarossi%2Fposts%2F10154009990506729&width=500&show_text=true",
        FB_POST,
        FB_POST,
        "Facebook",
        "post",
    ),
    (
        "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com"
        "%2Fbottegarossi%2Fvideos%2F10153231379946729%2F&width=560",
        FB_VIDEO,
        FB_VIDEO,
        "Facebook",
        "video",
    ),
    (
        f"https://www.linkedin.com/embed/feed/update/{LI_URN}",
        f"https://www.linkedin.com/feed/update/{LI_URN}/",
        f"https://www.linkedin.com/feed/update/{LI_URN}/",
        "LinkedIn",
        "post",
    ),
    (
        f"https://www.google.com/maps/embed?pb={PB}",
        "https://maps.app.goo.gl/AbC123xyz",
        None,  # the embed's original is a search at its centre, the short link stays itself
        "Google Maps",
        "map",
    ),
]
ACTIONS = {
    "video": "Guarda su {}",
    "post": "Leggi il post su {}",
    "map": "Apri la mappa su {}",
}


def cards(html):
    """(href, title, action, note) of each card in `html`."""
    soup = BeautifulSoup(html, "lxml")
    return [
        (
            card.a["href"],
            card.select_one(".embed-card__title").get_text(),
            card.select_one(".embed-card__action").get_text(),
            card.select_one(".embed-card__note").get_text(),
        )
        for card in soup.select(".embed-card")
    ]


def assert_card(html, href, provider, kind, title=None):
    ((found_href, found_title, action, note),) = cards(html)
    assert found_href == href
    assert action == ACTIONS[kind].format(provider)
    assert note == f"Si apre il sito di {provider}: {provider} potrebbe usare cookie."
    if title is not None:
        assert found_title == title
    # What the content policy lets through, byte for byte: nothing of it is reported.
    assert clean(html) == html
    assert removals(html) == []
    assert "<iframe" not in html


@pytest.mark.parametrize(("src", "bare", "original", "provider", "kind"), PROVIDERS)
def test_each_providers_iframe_becomes_a_card_with_its_title(src, bare, original, provider, kind):
    html = (
        f'<iframe width="560" height="315" src="{src.replace("&", "&amp;")}" '
        'title="Come aprire la scheda Google" frameborder="0" allowfullscreen></iframe>'
    )
    original = original or embed_for(src).url
    assert_card(embed_cards(html, LABELS), original, provider, kind, "Come aprire la scheda Google")


@pytest.mark.parametrize(("src", "bare", "original", "provider", "kind"), PROVIDERS)
def test_each_providers_address_alone_in_its_paragraph_becomes_a_card(
    src, bare, original, provider, kind
):
    html = f"<p>Prima.</p>\n<p>{bare.replace('&', '&amp;')}</p>\n<p>Dopo.</p>"
    converted = embed_cards(html, LABELS)
    assert_card(converted.split("\n", 1)[1].rsplit("\n", 1)[0], original or bare, provider, kind)
    assert converted.startswith("<p>Prima.</p>\n") and converted.endswith("\n<p>Dopo.</p>")


@pytest.mark.parametrize(
    ("url", "original", "kind"),
    [
        (f"https://youtu.be/{YT}", f"https://www.youtube.com/watch?v={YT}", "video"),
        (f"https://m.youtube.com/shorts/{YT}", f"https://www.youtube.com/watch?v={YT}", "video"),
        (
            "https://www.youtube.com/embed/videoseries?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
            "https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
            "video",
        ),
        ("https://vimeo.com/channels/staffpicks/76979871", "https://vimeo.com/76979871", "video"),
        (
            "https://www.instagram.com/reel/CxYz123AbC/embed",
            "https://www.instagram.com/reel/CxYz123AbC/",
            "video",
        ),
        (
            "https://www.facebook.com/watch/?v=10153231379946729&ref=sharing",
            "https://www.facebook.com/watch/?v=10153231379946729",
            "video",
        ),
        ("https://fb.watch/aBc123/", "https://fb.watch/aBc123/", "video"),
        (
            "https://www.linkedin.com/feed/update/urn:li:activity:7012345678901234567/",
            "https://www.linkedin.com/feed/update/urn:li:activity:7012345678901234567/",
            "post",
        ),
        (
            "https://www.google.it/maps/place/Bottega+Rossi/@45.46,9.19,17z",
            "https://www.google.it/maps/place/Bottega+Rossi/@45.46,9.19,17z",
            "map",
        ),
        # Google's older embed code and its Embed API: a search for the same place.
        (
            "https://maps.google.it/maps?q=Via+Roma+1,+Milano&output=embed",
            "https://www.google.com/maps/search/?api=1&query=Via%20Roma%201%2C%20Milano",
            "map",
        ),
        (
            "https://www.google.com/maps/embed/v1/place?key=K&q=Piazza+Duomo,Milano",
            "https://www.google.com/maps/search/?api=1&query=Piazza%20Duomo%2CMilano",
            "map",
        ),
    ],
)
def test_more_addresses_of_each_provider_lead_to_their_original(url, original, kind):
    embed = embed_for(url)
    assert (embed.url, embed.kind) == (original, kind)


def write_labels(theme, text):
    labels = theme / "templates" / "partials" / "labels.html"
    labels.parent.mkdir(parents=True, exist_ok=True)
    labels.write_text(text, encoding="utf-8")


def test_a_theme_without_the_cards_words_is_named_when_an_embed_needs_them(tmp_path):
    settings = {"THEME": str(tmp_path)}
    write_labels(tmp_path, '{% set embed_providers = {"youtube": "YouTube"} %}')
    # An article with nothing to embed never asks for them ...
    assert cards_for_embeds(settings, "<p>Testo.</p>") == "<p>Testo.</p>"
    # ... one with an embed gets the label's name.
    with pytest.raises(SettingError, match="«embed_default_title» in templates/partials/labels"):
        cards_for_embeds(settings, f"<p>https://youtu.be/{YT}</p>")
    write_labels(
        tmp_path,
        (ROOT / "theme/templates/partials/labels.html")
        .read_text()
        .replace('"vimeo": "Vimeo", ', ""),
    )
    with pytest.raises(SettingError, match="embed_providers\\['vimeo'\\]"):
        cards_for_embeds(settings, f"<p>https://youtu.be/{YT}</p>")


def test_the_title_falls_back_to_the_providers_name_and_a_generic_one_is_ignored():
    html = (
        f'<iframe src="https://www.youtube.com/embed/{YT}" title="YouTube video player"></iframe>'
    )
    assert cards(embed_cards(html, LABELS))[0][1] == "Video su YouTube"
    assert cards(embed_cards("<p>https://vimeo.com/76979871</p>", LABELS))[0][1] == "Video su Vimeo"
    assert cards(embed_cards(f"<p>{FB_POST}</p>", LABELS))[0][1] == "Post su Facebook"
    # A map's place name is its title.
    html = f'<iframe src="https://www.google.com/maps/embed?pb={PB}"></iframe>'
    ((href, title, _, _),) = cards(embed_cards(html, LABELS))
    assert (href, title) == (
        "https://www.google.com/maps/search/?api=1&query=41.8902%2C12.4922",
        "Colosseo",
    )


def test_a_title_with_markup_is_text_on_the_card():
    html = (
        f'<iframe src="https://www.youtube.com/embed/{YT}" '
        'title="Prezzi &amp; &quot;offerte&quot; &lt;img src=x onerror=alert(1)&gt;"></iframe>'
    )
    converted = embed_cards(html, LABELS)
    assert cards(converted)[0][1] == 'Prezzi & "offerte" <img src=x onerror=alert(1)>'
    assert "<img" not in converted and clean(converted) == converted


@pytest.mark.parametrize(
    "html",
    [
        # Markdown's <https://…> and WordPress's shortcode.
        f'<p><a href="https://youtu.be/{YT}">https://youtu.be/{YT}</a></p>',
        f"<p>[embed]https://youtu.be/{YT}[/embed]</p>",
        f'<p>[embed width="640"]https://youtu.be/{YT}[/embed]</p>',
        # The iframe inside its own paragraph, and an old scheme-relative embed code.
        f'<p><iframe src="https://www.youtube.com/embed/{YT}"></iframe></p>',
        f'<iframe src="//www.youtube.com/embed/{YT}"></iframe>',
    ],
)
def test_the_other_ways_wordpress_writes_an_embed(html):
    assert_card(
        embed_cards(html, LABELS), f"https://www.youtube.com/watch?v={YT}", "YouTube", "video"
    )


def test_gutenbergs_embed_block_keeps_its_figure_and_caption():
    html = (
        '<figure class="wp-block-embed is-type-video is-provider-youtube">'
        f'<div class="wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v={YT}\n</div>'
        "<figcaption>La presentazione</figcaption></figure>"
    )
    converted = embed_cards(html, LABELS)
    soup = BeautifulSoup(converted, "lxml")
    assert soup.select_one("figure > .embed-card a")["href"] == (
        f"https://www.youtube.com/watch?v={YT}"
    )
    assert soup.figcaption.get_text() == "La presentazione"
    assert clean(converted) == converted


def test_an_iframe_inside_a_sentence_becomes_an_inline_card_the_paragraph_keeps():
    html = (
        '<p>Guarda qui <iframe src="https://player.vimeo.com/video/76979871"></iframe> e poi.</p>'
    )
    converted = embed_cards(html, LABELS)
    assert converted.startswith('<p>Guarda qui <span class="embed-card ')
    assert converted.endswith("</span> e poi.</p>")
    assert cards(converted)[0][0] == "https://vimeo.com/76979871"
    assert clean(converted) == converted


@pytest.mark.parametrize(
    "html",
    [
        # An iframe from any other host: left for the content policy to remove and name.
        '<iframe src="https://evil.example/embed/x"></iframe>',
        '<iframe src="https://www.typeform.com/to/abc"></iframe>',
        # A known address with srcdoc, which a browser shows instead of src.
        f'<iframe src="https://www.youtube.com/embed/{YT}" srcdoc="&lt;b&gt;x&lt;/b&gt;"></iframe>',
        # Lookalike hosts, a user name or a port before the host, a backslash browsers read
        # as a slash.
        f'<iframe src="https://www.youtube.com.evil.example/embed/{YT}"></iframe>',
        f'<iframe src="https://evil-youtube.com/embed/{YT}"></iframe>',
        f'<iframe src="https://www.youtube.com@evil.example/embed/{YT}"></iframe>',
        f'<iframe src="https://www.youtube.com:8080/embed/{YT}"></iframe>',
        f'<iframe src="https://evil.example\\@www.youtube.com/embed/{YT}"></iframe>',
        # Other schemes.
        f'<iframe src="javascript:alert(1)//www.youtube.com/embed/{YT}"></iframe>',
        f'<iframe src="data:text/html,https://www.youtube.com/embed/{YT}"></iframe>',
        # A Facebook embed whose post is on another host.
        '<iframe src="https://www.facebook.com/plugins/post.php?'
        'href=https%3A%2F%2Fevil.example%2Fposts%2F1"></iframe>',
        # A map embed with nothing to point the original at.
        '<iframe src="https://www.google.com/maps/embed?pb=!1m2!5e0"></iframe>',
    ],
)
def test_an_iframe_that_is_not_a_known_embed_is_removed_and_named_as_before(html):
    assert embed_cards(html, LABELS) == html
    assert "<iframe" not in clean(html)
    assert [r.message.split(":")[0] for r in removals(html)] == ["«<iframe>» è stato tolto"]


@pytest.mark.parametrize(
    "html",
    [
        # An address inside a sentence is an ordinary link or text.
        f"<p>Guarda https://www.youtube.com/watch?v={YT} prima di venire.</p>",
        f'<p>Il <a href="https://youtu.be/{YT}">video</a> del corso.</p>',
        f"<li>https://youtu.be/{YT}</li>",
        # A link whose text is the video and whose target is another site.
        f'<p><a href="https://evil.example/">https://youtu.be/{YT}</a></p>',
        # Not http(s), lookalikes, a page of the provider that is not a video or a post.
        f"<p>javascript:alert(1)//www.youtube.com/watch?v={YT}</p>",
        f"<p>data:text/html,https://youtu.be/{YT}</p>",
        f"<p>https://www.youtube.com.evil.example/watch?v={YT}</p>",
        f"<p>https://youtu.be.evil.example/{YT}</p>",
        "<p>https://www.youtube.com/@bottegarossi</p>",
        "<p>https://www.instagram.com/bottegarossi/</p>",
        "<p>https://www.linkedin.com/in/anna-rossi/</p>",
        "<p>https://www.facebook.com/bottegarossi</p>",
        "<p>https://www.google.com/search?q=maps</p>",
        f'<p>https://www.youtube.com/watch?v={YT}"onmouseover="alert(1)</p>',
        # Code shows an embed, it does not make one.
        f"<pre><code>&lt;iframe src=&quot;https://www.youtube.com/embed/{YT}&quot;&gt;</code></pre>",
    ],
)
def test_what_is_not_an_embed_stays_as_it_is(html):
    assert embed_cards(html, LABELS) == html


def test_the_card_links_only_to_the_original_never_to_an_embed_or_cdn_host():
    html = "\n".join(
        f'<iframe src="{src.replace("&", "&amp;")}"></iframe>\n<p>{bare.replace("&", "&amp;")}</p>'
        for src, bare, *_ in PROVIDERS
    )
    converted = embed_cards(html, LABELS)
    soup = BeautifulSoup(converted, "lxml")
    assert len(soup.select(".embed-card")) == 2 * len(PROVIDERS)
    urls = [value for tag in soup.find_all(True) for value in tag.attrs.values()]
    for embed_host in ("/embed", "youtube-nocookie", "player.vimeo", "/plugins/", "ytimg", "fbcdn"):
        assert not any(embed_host in str(url) for url in urls), embed_host
    assert {a["rel"] == ["external", "noopener"] for a in soup.select(".embed-card a")} == {True}


def test_the_cards_words_come_from_the_themes_labels(tmp_path):
    write_labels(
        tmp_path,
        '{% set embed_providers = {"youtube": "YouTube", "vimeo": "Vimeo", '
        '"instagram": "Instagram", "facebook": "Facebook", "linkedin": "LinkedIn", '
        '"google_maps": "Google Maps"} %}'
        "{% macro embed_default_title(kind, provider) %}A {{ provider }} video{% endmacro %}"
        "{% macro embed_action(kind, provider) %}Watch on {{ provider }}{% endmacro %}"
        "{% macro embed_note(provider) %}Opens {{ provider }}'s site.{% endmacro %}",
    )
    converted = cards_for_embeds({"THEME": str(tmp_path)}, f"<p>https://youtu.be/{YT}</p>")
    assert cards(converted) == [
        (
            f"https://www.youtube.com/watch?v={YT}",
            "A YouTube video",
            "Watch on YouTube",
            "Opens YouTube's site.",
        )
    ]
    assert cards_for_embeds(SETTINGS, f"<p>https://youtu.be/{YT}</p>") == embed_cards(
        f"<p>https://youtu.be/{YT}</p>", LABELS
    )
