"""category_descriptions: a category's or tag's own words atop its page, sanitized, with each
mistake in a description file named by file and line."""

import pytest

from blog_core import BuildStopped
from category_descriptions.category_descriptions import SUMMARY_LENGTH, shortened
from sitebuild import STRICT, build_site, write_article


def write_description(content, folder, name, text):
    path = content / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def messages(site):
    return [record.getMessage() for record in site.log_records]


@pytest.fixture
def described(small_content):
    for number in (1, 2):
        write_article(
            small_content,
            f"vetrine-{number}.md",
            title=f"Vetrine di stagione, parte {number}",
            category="Negozi e vetrine",
            tags="allestimenti, pmi",
            date=f"2026-11-0{number} 09:00",
        )
    write_article(small_content, "corso.md", title="Un corso breve")  # Formazione, no file
    write_description(
        small_content,
        "categories",
        "negozi-e-vetrine.md",
        "Name: Negozi e vetrine\nSummary: Allestire la vetrina & farla fotografare.\n\n"
        "Come si allestisce una vetrina che la gente **fotografa** e condivide.\n\n"
        '<script>alert("x")</script><p onclick="rubare()">Un paragrafo con un gestore.</p>\n',
    )
    write_description(
        small_content,
        "tags",
        "allestimenti.md",
        "Gli allestimenti di negozio, stagione per stagione: "
        + "materiali e luci, " * 20
        + "fine.",
    )
    return small_content


def test_the_description_shows_on_the_first_page_of_its_category_sanitized(described, tmp_path):
    site = build_site(tmp_path / "output", described, DEFAULT_PAGINATION=1)
    page = site.soup("/categoria/negozi-e-vetrine/")
    intro = page.select_one(".list-intro")
    assert "fotografa" in intro.strong.get_text() and "gestore" in intro.get_text()
    html = site.html("/categoria/negozi-e-vetrine/")
    assert "<script" not in html and "onclick" not in html and "rubare" not in html
    assert page.select_one('meta[name="description"]')["content"] == (
        "Allestire la vetrina & farla fotografare."
    )
    # The cards follow it; the second page of the list is the articles alone.
    assert intro.find_next(class_="card") is not None
    assert site.soup("/categoria/negozi-e-vetrine/pagina/2/").select_one(".list-intro") is None
    # A category without a file has the usual page.
    assert site.soup("/categoria/formazione/").select_one(".list-intro") is None
    # The script the sanitizer took out is named, with its file.
    assert any("negozi-e-vetrine.md" in message for message in messages(site))


def test_a_tag_without_a_summary_is_described_by_the_start_of_its_text(described, tmp_path):
    site = build_site(tmp_path / "output", described)
    page = site.soup("/tag/allestimenti/")
    assert page.select_one(".list-intro").get_text().startswith("Gli allestimenti di negozio")
    summary = page.select_one('meta[name="description"]')["content"]
    assert summary.startswith("Gli allestimenti di negozio") and summary.endswith("…")
    assert len(summary) <= SUMMARY_LENGTH
    assert site.soup("/tag/pmi/").select_one(".list-intro") is None


def test_each_mistake_in_a_description_is_named_with_its_line(small_content, tmp_path):
    write_article(small_content, "saldi.md", title="I saldi", category="Negozi")
    write_description(
        small_content, "categories", "negozi.md", "Name: Negozi\nDescrizone: breve\n\nTesto.\n"
    )
    write_description(small_content, "categories", "vetrine.md", "Name: Negozi\n\nTesto.\n")
    write_description(small_content, "categories", "bar.md", "Le colazioni al bar.\n")
    site = build_site(tmp_path / "output", small_content)
    said = messages(site)
    assert any(
        "categories/negozi.md:2" in m and "«descrizone» non è un campo" in m and "Summary" in m
        for m in said
    ), said
    assert any(
        "categories/vetrine.md:1" in m and "corrisponde al file negozi.md" in m for m in said
    ), said
    assert any("categories/bar.md" in m and "negozi.md" in m for m in said), said
    # The wrong file describes nothing; the right one still shows.
    assert site.soup("/categoria/negozi/").select_one(".list-intro").get_text().strip() == "Testo."


def test_a_strict_build_stops_on_a_bad_description(small_content, tmp_path):
    write_article(small_content, "saldi.md", title="I saldi", category="Negozi")
    write_description(small_content, "categories", "negozi.md", "Nome: Negozi\n\nTesto.\n")
    with pytest.raises(BuildStopped) as stopped:
        build_site(tmp_path / "output", small_content, **STRICT)
    assert "categories/negozi.md:1" in str(stopped.value.code)


def test_description_files_are_never_articles_or_pages(described, tmp_path):
    site = build_site(tmp_path / "output", described, ARTICLE_PATHS=[""], PAGE_PATHS=["pages"])
    assert not site.exists("/negozi-e-vetrine/") and not site.exists("/allestimenti/")


def test_shortened_cuts_at_a_word():
    assert shortened("Breve.") == "Breve."
    text = "parola " * 40
    cut = shortened(text, 30)
    assert len(cut) <= 30 and cut.endswith("parola…")
