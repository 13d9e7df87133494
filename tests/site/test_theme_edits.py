"""A theme edit shows at the next build of the same process (a long-running dev server's),
although Jinja no longer checks a template's file at every include (`auto_reload` off): every
build makes Jinja environments of its own."""

import shutil

from sitebuild import ROOT, build_site, write_article


def test_an_edited_partial_shows_at_the_next_build_in_the_same_process(tmp_path, small_content):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    write_article(small_content, "uno.md", title="Un articolo")
    hook = theme / "templates" / "partials" / "extend_footer.html"
    labels = theme / "templates" / "partials" / "labels.html"

    first = build_site(tmp_path / "first", content=small_content, THEME=str(theme))
    assert "Link utili" in first.html("/un-articolo/")
    assert first.soup("/un-articolo/").find(id="hook") is None

    hook.write_text('<p id="hook">Aggiunto dal sito</p>\n', encoding="utf-8")
    labels.write_text(
        labels.read_text(encoding="utf-8").replace('"Link utili"', '"Altri link"'),
        encoding="utf-8",
    )
    second = build_site(tmp_path / "second", content=small_content, THEME=str(theme))
    page = second.soup("/un-articolo/")
    assert page.find(id="hook").get_text() == "Aggiunto dal sito"
    assert page.select_one(".site-footer nav")["aria-label"] == "Altri link"
