"""Old addresses: the list read with its mistakes' lines, the pages and `_redirects` written."""

import pytest
from bs4 import BeautifulSoup

from blog_core import BuildStopped
from old_addresses.pages import address_problem, output_place, read_redirects, redirects_file
from sitebuild import STRICT, build_site, write_article, write_default_bio, write_privacy_page


def test_the_list_is_read_and_each_mistake_names_its_line():
    pairs, problems = read_redirects(
        "# commento\n/2024/03/05/vecchio/: /nuovo/\n/../../etc/: /nuovo/\n"
        "/2024/03/05/vecchio/: /altro/\nsenza-barra/: /nuovo/\n"
    )
    assert pairs == [("/2024/03/05/vecchio/", "/nuovo/")]
    assert [problem.line for problem in problems] == [3, 4, 5]
    assert "compare due volte" in problems[1].message
    assert read_redirects("- /a/\n")[1][0].message.startswith("il file deve essere")


@pytest.mark.parametrize(
    "path", ["/a/../b/", "/a\\b/", '/a"b/', "/a b/", "/a/<script>/", "//altro-sito.it/", "a/"]
)
def test_an_address_that_could_leave_the_site_or_break_the_page_is_refused(path):
    assert address_problem(path) is not None


def test_pages_go_where_the_old_address_is_served_and_redirects_are_encoded():
    assert output_place("/2024/03/perché/") == "2024/03/perché/index.html"
    assert output_place("/feed") == "feed/index.html"
    assert output_place("/vecchio.html") == "vecchio.html"
    assert redirects_file([("/perché/", "/perche/")], "https://www.sito.it") == (
        "/perch%C3%A9/ https://www.sito.it/perche/ 301\n"
    )


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    content = tmp_path_factory.mktemp("old-addresses") / "content"
    write_privacy_page(content)
    write_default_bio(content)
    write_article(content, "caffe.md", title="Il caffè del mattino", slug="caffe-del-mattino")
    (content / "redirects.yaml").write_text(
        "/2024/03/05/perché-il-caffè/: /caffe-del-mattino/\n/feed/: /feed/atom.xml\n",
        encoding="utf-8",
    )
    return content


def test_each_old_address_is_a_page_that_leads_to_the_new_one_without_script(content, tmp_path):
    site = build_site(tmp_path / "output", content, **STRICT, SITEURL="https://www.bar.it")
    page = BeautifulSoup(site.html("/2024/03/05/perché-il-caffè/"), "html.parser")
    target = "https://www.bar.it/caffe-del-mattino/"
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={target}"
    assert page.find("link", rel="canonical")["href"] == target
    assert page.find("a", href=target)
    assert page.find("script") is None
    assert page.html["lang"] == "it"
    assert (
        "default-src 'none'"
        in page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    )
    assert site.exists("/caffe-del-mattino/")
    assert (site.output / "_redirects").read_text(encoding="utf-8") == (
        f"/2024/03/05/perch%C3%A9-il-caff%C3%A8/ {target} 301\n"
        "/feed/ https://www.bar.it/feed/atom.xml 301\n"
    )
    # A second build into the same folder replaces its own pages, and repeats no line.
    again = build_site(tmp_path / "output", content, **STRICT, SITEURL="https://www.bar.it")
    assert not again.warnings()
    assert len((again.output / "_redirects").read_text(encoding="utf-8").splitlines()) == 2


def test_an_old_address_that_is_a_page_of_the_site_is_named_not_overwritten(content, tmp_path):
    redirects = content / "redirects.yaml"
    kept = redirects.read_text(encoding="utf-8")
    redirects.write_text(kept + "/caffe-del-mattino/: /feed/atom.xml\n", encoding="utf-8")
    try:
        with pytest.raises(BuildStopped):
            build_site(tmp_path / "output", content, **STRICT)
        site = build_site(tmp_path / "relaxed", content)
    finally:
        redirects.write_text(kept, encoding="utf-8")
    assert "Il caffè del mattino" in site.html("/caffe-del-mattino/")
    assert any(
        "«/caffe-del-mattino/» è già un indirizzo del sito" in record.getMessage()
        for record in site.warnings()
    )
