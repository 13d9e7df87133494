"""compact_css: the theme's stylesheet reaches readers minified, with every rule it had."""

import re

from compact_css.compact_css import compact
from sitebuild import ROOT

SOURCE = ROOT / "theme" / "static" / "css" / "style.css"
# CSS under 20 KB (20,000 bytes, the strict reading), as readers download it (issue 16); the
# source keeps its comments.
CSS_BUDGET = 20_000


def selectors(css):
    """Each rule's selector (or at-rule's prelude), whitespace and comments aside."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return {re.sub(r"\s+", "", prelude) for prelude in re.findall(r"([^{};]+)\{", css)}


def declarations(css):
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return sorted(
        re.sub(r"\s+", "", re.sub(r"(?<![\w.#-])0\.(?=\d)", ".", part))
        for block in re.findall(r"\{([^{}]*)\}", css)
        for part in block.split(";")
        if part.strip()
    )


def test_the_built_stylesheet_is_the_themes_rules_without_comments_or_spaces(fixture_site):
    source = SOURCE.read_text(encoding="utf-8")
    built = fixture_site.path("/static/css/style.css").read_text(encoding="utf-8")
    assert "/*" in source and "/*" not in built and "\n  " not in built
    assert len(built.encode()) < 0.85 * len(source.encode())
    assert selectors(built) == selectors(source)
    assert declarations(built) == declarations(source)


def test_the_stylesheet_readers_download_is_within_its_budget(fixture_site):
    built = fixture_site.path("/static/css/style.css").read_bytes()
    assert len(built) < CSS_BUDGET, f"CSS {len(built)} bytes, budget {CSS_BUDGET}"


def test_zeros_before_a_point_go_but_strings_and_longer_numbers_stay():
    css = 'a{margin:0.25rem 10.5px -0.5em;content:"0.5"}b{width:calc(100% - 0.5rem)}'
    assert compact(css) == 'a{margin:.25rem 10.5px -0.5em;content:"0.5"}b{width:calc(100% - .5rem)}'


def test_compacting_twice_changes_nothing_more():
    once = compact(SOURCE.read_text(encoding="utf-8"))
    assert compact(once) == once
