"""Every page carries the policy of _headers in a <meta> tag, for hosts that ignore _headers."""

import pytest
from bs4 import BeautifulSoup
from security_policy import HEADER_ONLY_DIRECTIVES, directives, headers_for, headers_for_every_page

from sitebuild import BLOG_SITE, FIXTURE_BUILD_MOMENT, STRICT, build_site, epoch


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The fixture blog built as for publishing, with a newsletter provider the forms post to."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch(FIXTURE_BUILD_MOMENT))
        return build_site(tmp_path_factory.mktemp("csp-meta"), content=BLOG_SITE, **STRICT)


def meta_policies(soup):
    return [
        meta
        for meta in soup.find_all("meta")
        if meta.get("http-equiv", "").lower() == "content-security-policy"
    ]


def test_the_headers_policy_has_something_a_meta_tag_cannot_carry(site):
    policy = directives(
        dict(headers_for_every_page(site.output / "_headers"))["Content-Security-Policy"]
    )
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'", "https://newsletter.bottegadigitale.example"]


def test_every_page_starts_its_head_with_the_policy_of_headers(site):
    def expected(page):
        """The policy _headers gives the page's path (the search page has its own), less what
        only a header can carry."""
        relative = page.relative_to(site.output).as_posix()
        path = "/" + relative.removesuffix("index.html")
        policies = [
            v
            for n, v in headers_for(site.output / "_headers", path)
            if n == "Content-Security-Policy"
        ]
        assert len(policies) == 1, path
        header = directives(policies[0])
        return {k: v for k, v in header.items() if k not in HEADER_ONLY_DIRECTIVES}

    # Every HTML file but the digest emails, which mail clients read and a CSP does not reach.
    pages = sorted(page for page in site.output.rglob("*.html") if page.name != "email.html")
    wrong = {}
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        found = meta_policies(soup)
        head = soup.head.find_all(recursive=False)
        if len(found) != 1:
            wrong[page] = f"{len(found)} policies"
        # A <meta> policy covers only what follows it: right after the charset, before anything.
        elif not head[0].has_attr("charset") or head[1] is not found[0]:
            wrong[page] = f"policy not right after the charset: {[tag.name for tag in head[:3]]}"
        elif directives(found[0]["content"]) != expected(page):
            wrong[page] = found[0]["content"]
    assert wrong == {}
    relative = {page.relative_to(site.output).as_posix() for page in pages}
    # Every kind of page was walked: lists, articles, pages, the 404, the newsletter's digests.
    assert {"index.html", "404.html", "newsletter/index.html", "tag/index.html"} <= relative
    assert any(path.startswith("newsletter/2026-") for path in relative)
