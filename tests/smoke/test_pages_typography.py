"""The sample's pages in content/pages write Italian typography: ’ for the apostrophe and « »
for quotes, as the theme does. Only while content/ is the shipped sample: an owner's own way of
writing must never stop their tests (and their deploys).

Typogrify would print a typewriter ' as ’ anyway, but a straight "…" as English “ ”: the
message names each place so it can be written right once, in the file.
"""

import pytest
from typography import markdown_mistakes

from go_live_checks.sample import is_shipped_sample
from sitebuild import ROOT, SAMPLE_CONTENT


@pytest.mark.skipif(not is_shipped_sample(SAMPLE_CONTENT), reason="content/ is the owner's")
def test_pages_write_italian_apostrophes_and_quotes():
    found = []
    for path in sorted((SAMPLE_CONTENT / "pages").glob("*.md")):
        found += markdown_mistakes(path, path.relative_to(ROOT))
    assert found == [], 'scrivi ’ al posto di \' e «…» al posto di “…” o "…":\n' + "\n".join(found)
