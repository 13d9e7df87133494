"""Mistakes in an article are reported with the file named (strict mode is a later issue)."""

from sitebuild import build_site, write_article


def test_broken_internal_link_is_reported_with_its_file(tmp_path, small_content):
    write_article(
        small_content,
        "con-link-rotto.md",
        body="Leggi anche [questo]({filename}/articles/non-esiste.md).",
        title="Con un link rotto",
    )
    # Built twice: the second build must report the mistake again, not stay silent.
    for attempt in ("prima", "seconda"):
        site = build_site(tmp_path / attempt, content=small_content)
        messages = [record.getMessage() for record in site.warnings()]
        assert any("non-esiste.md" in message for message in messages), messages
