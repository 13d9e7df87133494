"""On a host that sends no security headers (GitHub Pages), the pages' <meta> policy alone stops
whatever script a sanitizer bug would let into a page."""

import re
import shutil

import pytest

pytestmark = pytest.mark.browser

# What a sanitizer bug could let through: an inline script, an inline event handler and a
# script file of the site's own (a content author can put files under the site's address).
INJECTED = (
    "<script>window.ran = (window.ran || []).concat('script'); document.title = 'ran';</script>"
    '<img src="manca.png" alt="" onerror="window.ran = (window.ran || []).concat(\'onerror\')">'
    '<script src="/injected.js"></script>'
)
SCRIPT_FILE = "window.ran = (window.ran || []).concat('file');\n"
POLICY_TAG = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\n')


@pytest.fixture(scope="module")
def injected_site(features_site, serve, tmp_path_factory):
    """A copy of the features site with the injection in its article and in a page, each as
    `<name>-con-csp.html` and as a `<name>-senza-csp.html` twin without the <meta> policy."""
    folder = tmp_path_factory.mktemp("injected") / "site"
    shutil.copytree(features_site.output, folder)
    (folder / "injected.js").write_text(SCRIPT_FILE, encoding="utf-8")
    pages = {}
    for name, page in (
        ("article", folder / "i-numeri-del-primo-trimestre-della-bottega-online" / "index.html"),
        ("page", folder / "privacy" / "index.html"),
    ):
        html = page.read_text(encoding="utf-8")
        assert html.count("<body>") == 1 and len(POLICY_TAG.findall(html)) == 1
        html = html.replace("<body>", "<body>" + INJECTED, 1)
        protected = page.with_name(f"{name}-con-csp.html")
        protected.write_text(html, encoding="utf-8")
        page.with_name(f"{name}-senza-csp.html").write_text(
            POLICY_TAG.sub("", html), encoding="utf-8"
        )
        pages[name] = "/" + protected.relative_to(folder).as_posix()
    with serve(folder) as url:
        yield url, pages


def load(browser, url):
    """The page at `url` once loaded: what the injection ran, the title, the console's refusals,
    and the response's own Content-Security-Policy header."""
    page = browser.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    response = page.goto(url)
    page.wait_for_load_state("load")
    ran = sorted(page.evaluate("window.ran || []"))
    title = page.title()
    page.close()
    refused = [text for text in messages if "Content Security Policy" in text]
    return ran, title, refused, response.headers.get("content-security-policy")


@pytest.mark.parametrize("name", ["article", "page"])
def test_the_meta_policy_alone_runs_no_injected_script(browser, injected_site, name):
    url, pages = injected_site
    ran, title, refused, header = load(browser, url + pages[name])
    assert header is None  # the server sends no policy: only the <meta> tag protects the page
    assert ran == []
    assert title != "ran"
    # The browser says why: the inline script, the handler and the file were each refused.
    assert len(refused) >= 3 and all("script-src 'none'" in text for text in refused)


@pytest.mark.parametrize("name", ["article", "page"])
def test_without_the_meta_policy_the_injection_runs(browser, injected_site, name):
    # The same page without its <meta> tag: the injection is live, so the test above can fail.
    url, pages = injected_site
    ran, title, refused, _ = load(browser, url + pages[name].replace("-con-csp", "-senza-csp"))
    assert ran == ["file", "onerror", "script"]
    assert title == "ran"
    assert refused == []
