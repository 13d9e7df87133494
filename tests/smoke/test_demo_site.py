"""The shipped sample is the project's demo: with DEMO_SITE it publishes and says so on every
page; without it, it refuses to go live and names each thing to fix. Once an owner has made the
site theirs (`invoke setup` removes DEMO_SITE and the sample's files), only the first holds."""

import pytest

from blog_core.problems import PROBLEM
from go_live_checks.sample import SAMPLE_FILES, is_shipped_sample
from sitebuild import SAMPLE_CONTENT, build_site


@pytest.mark.skipif(
    not is_shipped_sample(SAMPLE_CONTENT), reason="content/ is the owner's, not the shipped sample"
)
def test_the_sample_without_the_demo_setting_names_each_thing_to_fix(tmp_path):
    with pytest.raises(SystemExit) as stopped:
        build_site(tmp_path, SAMPLE_CONTENT, settings_file="publishconf.py", DEMO_SITE=False)
    found = [r.getMessage() for r in stopped.value.log_records if getattr(r, PROBLEM, False)]
    sample_files = [m for m in found if "è un file dell’esempio" in m]
    assert len(sample_files) == len(SAMPLE_FILES)
    for words in (
        "privacy.md:4: c’è ancora l’avviso «Modello da adattare»",
        "privacy.md:12: «[RAGIONE SOCIALE DEL TITOLARE]» è uno spazio del modello",
        "contatti.md:4: «example.com» è un indirizzo di esempio",
        "(BUSINESS_VAT_NUMBER) è ancora quella dell’esempio",
        "il modulo della newsletter invia a «newsletter.bottegadigitale.example»",
    ):
        assert any(words in message for message in found), (words, found)
