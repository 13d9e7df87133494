"""The fixture site's authors: a complete box after every article, author pages, the index."""

from collections import Counter
from pathlib import Path

from content_headers import read_header, split_list

from sitebuild import BLOG_SITE

ARTICLES = [
    header
    for header in map(read_header, sorted((BLOG_SITE / "articles").glob("*.md")))
    if header.get("status") != "draft"
]
BIOS = {path.stem: read_header(path) for path in (BLOG_SITE / "authors").glob("*.md")}


def authors_of(header):
    return split_list(header.get("authors") or header["author"])


def article_urls(site):
    """The published articles' pages: not the local previews of drafts (draft_preview)."""
    return [
        site.url_of(file)
        for file in site.html_files()
        if site.soup(site.url_of(file)).select_one("article.article .author-boxes")
        and not site.url_of(file).startswith("/anteprima/")
    ]


def test_every_fixture_author_has_a_bio_with_role_and_profiles():
    names = {name for header in ARTICLES for name in authors_of(header)}
    assert {bio["name"] for bio in BIOS.values()} == names
    for slug, bio in BIOS.items():
        assert bio.get("role"), slug
        profiles = [key for key in bio if key not in ("name", "role", "photo")]
        assert len(profiles) >= 2, slug
    # One photo: the others get the initials avatar.
    assert sum("photo" in bio for bio in BIOS.values()) == 1


def test_every_article_ends_with_a_complete_box_for_each_author(fixture_site):
    urls = article_urls(fixture_site)
    assert len(urls) == len(ARTICLES)
    for url in urls:
        soup = fixture_site.soup(url)
        boxes = soup.select(".author-box")
        shown = [box.select_one(".author-box__name a").get_text() for box in boxes]
        expected = [a.get_text() for a in soup.select(".article__header .article-meta__authors a")]
        assert shown == expected, url
        for box in boxes:
            assert box.select_one(".author-box__role").get_text().strip(), url
            # The bio and the profiles are on the author page the box links to.
            profile = fixture_site.soup(box.select_one(".author-box__more a")["href"])
            assert len(profile.select_one(".author-profile__bio").get_text(strip=True)) > 80, url
            assert len(profile.select(".profile-links a")) >= 2, url
            assert fixture_site.exists(box.select_one("img.author-photo")["src"]), url
            assert fixture_site.exists(box.select_one(".author-box__name a")["href"]), url


def test_the_authors_index_lists_everyone_with_role_photo_and_count(fixture_site):
    counts = Counter(name for header in ARTICLES for name in authors_of(header))
    items = fixture_site.soup("/autori/").select(".author-index__item")
    shown = {
        item.select_one(".author-index__name a").get_text(): item.select_one(
            ".author-index__count"
        ).get_text()
        for item in items
    }
    assert shown == {
        name: f"{count} articol{'o' if count == 1 else 'i'}" for name, count in counts.items()
    }
    for item in items:
        assert item.select_one(".author-index__role").get_text().strip()
        assert fixture_site.exists(item.select_one("img.author-photo")["src"])


def test_each_author_page_links_back_to_every_article_of_theirs(fixture_site):
    for item in fixture_site.soup("/autori/").select(".author-index__item"):
        page = item.select_one(".author-index__name a")["href"]
        linked = set()
        while page:
            soup = fixture_site.soup(page)
            linked |= {a["href"] for a in soup.select(".card__title a")}
            next_link = soup.select_one('.pagination a[rel="next"]')
            page = next_link["href"] if next_link else None
        name = item.select_one(".author-index__name a").get_text()
        expected = {
            url
            for url in article_urls(fixture_site)
            if name in [a.get_text() for a in fixture_site.soup(url).select(".author-box__name a")]
        }
        assert linked == expected, name


def test_photos_and_avatars_are_real_images(fixture_site):
    sources = {img["src"] for img in fixture_site.soup("/autori/").select("img.author-photo")}
    assert any(src.startswith("/images/autori/") for src in sources)
    assert any(src.endswith("/avatar.svg") for src in sources)
    for src in sources:
        assert Path(fixture_site.path(src)).read_text(encoding="utf-8").lstrip().startswith("<svg")
