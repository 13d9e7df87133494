"""Older/newer article links follow the dates, and the ends of the chain have none."""

from pelican.settings import read_settings

from sitebuild import ROOT, build_site, write_article


def test_neighbours_follow_dates(tmp_path, small_content):
    for day, name in ((1, "primo"), (2, "secondo"), (3, "terzo")):
        write_article(
            small_content, f"{name}.md", title=name.capitalize(), date=f"2026-10-0{day} 09:00"
        )
    # Without related articles, which would show these neighbours instead (article_nav.html).
    plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    plugins = [name for name in plugins if name != "related_articles"]
    site = build_site(tmp_path / "out", content=small_content, PLUGINS=plugins)
    middle = site.soup("/secondo/")
    assert middle.select_one(".article-nav__older a")["href"] == "/primo/"
    assert middle.select_one(".article-nav__newer a")["href"] == "/terzo/"
    assert site.soup("/primo/").select_one(".article-nav__older") is None
    assert site.soup("/terzo/").select_one(".article-nav__newer") is None
