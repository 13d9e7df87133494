"""A digest built with each preset from an article full of every engine's tags: the email and
its text carry none of them live, only the preset's own unsubscribe tag, once, in the footer."""

import shutil
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from newsletter_presets import PRESETS, live_tags
from sitebuild import BLOG_SITE, build_site, epoch, write_article, write_bio

ZWNJ = "\u200c"
# Every preset engine's tags, as an author might paste them.
TAGS = (
    "{{ contact.FIRSTNAME }} *|FNAME|* {$name} [UNSUBSCRIBE] %%email%% "
    "{% if x %}sì{% endif %} {{{ raw }}} {# nota #} {if $vip}"
)
# The same in a Markdown field, where * would make emphasis.
TAGS_MARKDOWN = TAGS.replace("*", r"\*")
TITLE = f"Sconti {TAGS} per tutti"
AUTHOR = "Ivo Marchi {{ autore }}"
CATEGORY = "Offerte *|CAT|* {{ cat }}"
ALT = "Vetrina {{ contact.CITY }} *|MC:SUBJECT|*"
# Links that would send each subscriber's address to another host once the engine fills them.
IMAGE = "https://img.example/*|EMAIL|*/foto.png"
LINK = "https://altro.example/?e=*|EMAIL|*&n={{contact.EMAIL}}&m=*%7CEMAIL%7C*&k=%7B%7Bx%7D%7D"


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tags-content")
    shutil.copytree(BLOG_SITE / "pages", folder / "pages")
    write_bio(folder, "ivo-marchi-autore", {"Name": AUTHOR, "Role": "Redazione"})
    write_article(
        folder,
        "ostile.md",
        title=TITLE,
        date="2026-01-14 10:00",
        author=AUTHOR,
        category=CATEGORY,
        tags="pmi, offerte {$x}",
        summary=f"Riassunto {TAGS_MARKDOWN} con [il link]({LINK}) fine.",
        body=f"![{ALT}]({IMAGE})\n\nCorpo {TAGS_MARKDOWN}\n",
    )
    return folder


@pytest.fixture(scope="module")
def sites(tmp_path_factory, content):
    """The hostile article's week, closed, built once with each preset."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch("2026-01-24 12:00"))
        return {
            name: build_site(
                tmp_path_factory.mktemp(f"tags-{name}"),
                content=content,
                NEWSLETTER_PROVIDER=name,
                **settings,
            )
            for name, (settings, _action, _fields, _tag) in PRESETS.items()
        }


def read(site, name):
    return site.html(f"/newsletter/2026-03/{name}")


def visible(tag):
    """What a subscriber reads: the non-joiners are invisible, the no-break spaces spaces."""
    return tag.get_text().replace(ZWNJ, "").replace("\xa0", " ")


@pytest.mark.parametrize("provider", PRESETS)
def test_no_tag_from_content_is_live_in_the_email_or_its_text(sites, provider):
    tag = PRESETS[provider][3]
    site = sites[provider]
    email, text = read(site, "email.html"), read(site, "email.txt")
    # The article did reach both files, its tags broken by an invisible non-joiner.
    assert f"Sconti {{{ZWNJ}{{ contact.FIRSTNAME" in email
    assert f"1. Sconti {{{ZWNJ}{{ contact.FIRSTNAME" in text
    assert live_tags(email, is_html=True, allowed=tag) == []
    assert live_tags(text, is_html=False, allowed=tag) == []


@pytest.mark.parametrize("provider", PRESETS)
def test_the_presets_unsubscribe_tag_is_live_once_where_the_template_puts_it(sites, provider):
    tag = PRESETS[provider][3]
    site = sites[provider]
    email, text = read(site, "email.html"), read(site, "email.txt")
    assert email.count(tag) == 1
    footer = BeautifulSoup(email, "lxml").select(".footer a")
    assert [a["href"] for a in footer].count(tag) == 1
    assert text.count(tag) == 1
    assert f"\nCancellati dalla newsletter: {tag}\n" in text


@pytest.mark.parametrize("provider", PRESETS)
def test_the_subscriber_still_reads_every_word_as_the_author_wrote_it(sites, provider):
    site = sites[provider]
    soup = BeautifulSoup(read(site, "email.html"), "lxml")
    assert visible(soup.title) == TITLE
    assert visible(soup.select_one("h2 a")) == TITLE
    assert visible(soup.select_one(".item__category")) == CATEGORY
    assert visible(soup.select_one(".item__meta")).endswith(f"di {AUTHOR}")
    assert visible(soup.select_one(".preheader")).startswith(f"Riassunto {TAGS} con il link")
    summary = soup.select_one(".item__summary")
    assert visible(summary) == f"Riassunto {TAGS} con il link fine."
    image = soup.select_one("img.item__image")
    assert image["alt"].replace(ZWNJ, "") == ALT
    # The links still lead to the same addresses, but for an invisible character.
    assert unquote(image["src"]).replace(ZWNJ, "") == unquote(IMAGE)
    assert unquote(summary.a["href"]).replace(ZWNJ, "") == unquote(LINK)

    text = read(site, "email.txt").replace(ZWNJ, "")
    assert f"\n1. {TITLE}\n" in text
    assert f"· di {AUTHOR}\n" in text
    assert f"Riassunto {TAGS} con il link fine." in " ".join(text.split())
