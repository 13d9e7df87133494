"""The site's own pages in content/pages (the sample's, or the owner's in their place) write
Italian typography: ’ for the apostrophe and « » for quotes, as the theme does.

Typogrify would print a typewriter ' as ’ anyway, but a straight "…" as English “ ”: the
message names each place so it can be written right once, in the file.
"""

from typography import markdown_mistakes

from sitebuild import ROOT, SAMPLE_CONTENT


def test_pages_write_italian_apostrophes_and_quotes():
    found = []
    for path in sorted((SAMPLE_CONTENT / "pages").glob("*.md")):
        found += markdown_mistakes(path, path.relative_to(ROOT))
    assert found == [], 'scrivi ’ al posto di \' e «…» al posto di “…” o "…":\n' + "\n".join(found)
