"""blog_core.writing: pages written whole, chosen pages first, the rest deferred in order."""

import os

import pytest
from jinja2 import Template
from pelican import signals
from pelican.settings import DEFAULT_CONFIG

from blog_core.writing import SiteWriter, WholeFile


def test_a_page_replaces_the_old_one_only_once_it_is_whole(tmp_path):
    page = tmp_path / "index.html"
    page.write_text("la pagina di prima", encoding="utf-8")
    with WholeFile(str(page), "utf-8") as new:
        new.write("la pagina ")
        new.flush()
        # Half written: whoever reads the page now still gets the old one, whole.
        assert page.read_text(encoding="utf-8") == "la pagina di prima"
        new.write("nuova")
    assert page.read_text(encoding="utf-8") == "la pagina nuova"
    assert os.listdir(tmp_path) == ["index.html"]
    # The umask's modes, not a temporary file's 0600: rsync publishes them as they are.
    assert page.stat().st_mode & 0o777 == 0o666 & ~current_umask()


def test_a_write_that_fails_leaves_the_old_page_and_no_stray_file(tmp_path):
    page = tmp_path / "index.html"
    page.write_text("la pagina di prima", encoding="utf-8")
    with pytest.raises(RuntimeError), WholeFile(str(page), "utf-8") as new:
        new.write("mezza pag")
        raise RuntimeError("the template failed halfway")
    assert page.read_text(encoding="utf-8") == "la pagina di prima"
    assert os.listdir(tmp_path) == ["index.html"]


def current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


class Article:
    def __init__(self, source_path):
        self.source_path = source_path


@pytest.fixture(autouse=True)
def no_build_listens():
    """These writers write outside any build: the sitemap plugin, registered by an earlier build
    of the process, would keep their stand-in articles for the next build's sitemap."""
    with signals.content_written.muted():
        yield


def test_chosen_pages_first_then_the_callback_then_the_rest_in_order(tmp_path):
    settings = {**DEFAULT_CONFIG, "OUTPUT_PATH": str(tmp_path)}
    order, announced = [], []
    template = Template("{{ text }}")

    class Recording(SiteWriter):
        def _open_w(self, filename, encoding, override=False):
            order.append(os.path.relpath(filename, tmp_path))
            return super()._open_w(filename, encoding, override)

    writer = Recording(
        str(tmp_path),
        settings=settings,
        first_paths=["shown/index.html"],
        first_sources=[str(tmp_path / "saved.md")],
        on_first_pages=lambda complete: announced.append((complete, list(order))),
        whole_files=True,
    )
    context = {"localsiteurl": ""}
    for name, source in [
        ("a/index.html", "a.md"),
        ("saved/index.html", "saved.md"),
        ("b/index.html", "b.md"),
        ("shown/index.html", "c.md"),
        ("c/index.html", "d.md"),
    ]:
        article = Article(str(tmp_path / source))
        writer.write_file(name, template, context, article=article, text=name)
    # The chosen pages are written as they come; the rest wait for the generator's end.
    assert order == ["saved/index.html", "shown/index.html"]
    writer.generator_done()
    assert announced == [(True, ["saved/index.html", "shown/index.html"])]
    assert order[2:] == ["a/index.html", "b/index.html", "c/index.html"]
    assert (tmp_path / "b" / "index.html").read_text(encoding="utf-8") == "b/index.html"
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["index.html"] * 5


def test_without_chosen_pages_every_write_waits_for_the_generators_end(tmp_path):
    settings = {**DEFAULT_CONFIG, "OUTPUT_PATH": str(tmp_path)}
    announced = []
    writer = SiteWriter(str(tmp_path), settings=settings, on_first_pages=announced.append)
    writer.write_file("x/index.html", Template("x"), {"localsiteurl": ""})
    assert not (tmp_path / "x").exists()
    writer.generator_done()
    assert (tmp_path / "x" / "index.html").read_text(encoding="utf-8") == "x"
    assert announced == []


def test_after_a_build_the_pages_it_no_longer_writes_are_removed(tmp_path):
    from blog_core.dev_session import remove_stale

    def page(name, age):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name, encoding="utf-8")
        os.utime(path, (1_000_000 - age, 1_000_000 - age))
        return path

    written = page("saldi/index.html", 0)
    renamed = page("vecchio-indirizzo/index.html", 10)  # an article whose slug changed
    photo = page("images/foto.jpg", 10)  # copied, keeping its time
    stylesheet = page("static/css/style.css", 10)  # the theme's, copied too
    remove_stale(tmp_path, 1_000_000, ["static"], {os.path.normpath("images/foto.jpg")})
    assert written.is_file() and photo.is_file() and stylesheet.is_file()
    assert not renamed.exists() and not renamed.parent.exists()
