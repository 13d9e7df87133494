"""The search plugin's glue: its settings, the dev server's digest, a Pagefind that fails."""

import sys
import threading
import time

import pytest
from search_site import search_site

import search.search as search_plugin
from blog_core import BuildStopped
from sitebuild import STRICT, build_site, write_article, write_default_bio


def test_a_search_address_outside_the_site_is_a_setting_error(tmp_path):
    content = tmp_path / "content"
    write_default_bio(content)
    write_article(content, "prova.md")
    with pytest.raises(BuildStopped) as stopped:
        build_site(tmp_path / "output", content, SEARCH_URL="/cerca/")
    assert "SEARCH_URL" in str(stopped.value.code)
    with pytest.raises(BuildStopped) as stopped:
        build_site(tmp_path / "output", content, SEARCH_PAGINA="cerca/")
    assert "SEARCH_PAGINA" in str(stopped.value.code)


class _Content:
    def __init__(self, url, title, body):
        self.url, self.title, self._content = url, title, body


class _Generator:
    def __init__(self, *articles):
        self.articles = list(articles)


def test_the_dev_servers_digest_moves_with_an_address_a_title_or_a_body_only():
    def digest(url="a/", title="Spedizioni", body="<p>Le spedizioni</p>"):
        texts = search_plugin.indexed_texts([_Generator(_Content(url, title, body))])
        return search_plugin.indexed_digest(texts)

    assert digest() == digest()
    assert (
        len({digest(), digest(url="b/"), digest(title="Resi"), digest(body="<p>I resi</p>")}) == 4
    )


def test_a_pagefind_that_fails_stops_a_strict_build_naming_it(tmp_path, monkeypatch):
    failing = [sys.executable, "-c", "import sys; sys.exit('errore finto di Pagefind')"]
    monkeypatch.setattr(search_plugin, "search_index_command", lambda output: list(failing))
    with pytest.raises(BuildStopped) as stopped:
        search_site(tmp_path / "output", tmp_path / "content", **STRICT)
    message = str(stopped.value.code)
    assert "l'indice della ricerca (Pagefind) non si è potuto costruire" in message
    assert "errore finto di Pagefind" in message
    assert "Traceback" not in message


def test_a_save_while_the_dev_index_is_written_never_waits_and_is_indexed_after(
    tmp_path, monkeypatch
):
    started, release, indexed = threading.Event(), threading.Event(), []

    def slow_index(output, background=False):
        indexed.append(index.wanted)
        started.set()
        release.wait(5)
        (tmp_path / "pagefind").mkdir(exist_ok=True)

    monkeypatch.setattr(search_plugin, "replace_index", slow_index)
    index = search_plugin.DevIndex()
    index.want(str(tmp_path), "first")
    assert started.wait(5)
    moment = time.monotonic()
    index.want(str(tmp_path), "second")  # the author saved again meanwhile
    index.want(str(tmp_path), "third")
    assert time.monotonic() - moment < 0.5
    release.set()
    index.wait()
    # The one being written, then once more for the latest texts: not once per save.
    assert indexed == ["first", "third"]
    assert index.indexed == "third"
    index.want(str(tmp_path), "third")  # nothing changed: nothing indexed
    index.wait()
    assert indexed == ["first", "third"]
