"""Older/newer article links follow the dates, and the ends of the chain have none."""

from sitebuild import build_site, write_article


def test_neighbours_follow_dates(tmp_path, small_content):
    for day, name in ((1, "primo"), (2, "secondo"), (3, "terzo")):
        write_article(
            small_content, f"{name}.md", title=name.capitalize(), date=f"2026-10-0{day} 09:00"
        )
    site = build_site(tmp_path / "out", content=small_content)
    middle = site.soup("/secondo/")
    assert middle.select_one(".article-nav__older a")["href"] == "/primo/"
    assert middle.select_one(".article-nav__newer a")["href"] == "/terzo/"
    assert site.soup("/primo/").select_one(".article-nav__older") is None
    assert site.soup("/terzo/").select_one(".article-nav__newer") is None
