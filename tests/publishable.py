"""A small content folder of the tests' own that passes every publishing check."""

from sitebuild import write_article, write_bio, write_privacy_page


def write_publishable_site(content, articles=()):
    """Into `content`: a privacy page, one author's bio and `articles` ((file, fields) pairs;
    by default two articles a week apart). Returns `content`."""
    write_privacy_page(content)
    # The digests link to the newsletter's own page, with its archive.
    (content / "pages" / "newsletter.md").write_text(
        "Title: Newsletter\nSlug: newsletter\nTemplate: newsletter\n\nOgni venerdì gli articoli.\n",
        encoding="utf-8",
    )
    write_bio(content, "luca-bianchi", {"Name": "Luca Bianchi", "Role": "Formatore"})
    for name, fields in articles or (
        ("banco.md", {"title": "Le foto del banco", "date": "2026-11-13 10:00"}),
        ("whatsapp.md", {"title": "Rispondere su WhatsApp", "date": "2026-11-20 08:59"}),
    ):
        write_article(content, name, **fields)
    return content
