"""A small site for the search tests: articles about shipping, and others that never say so."""

from sitebuild import build_site, write_article, write_default_bio, write_privacy_page

# The one page that runs script, and its scripts: Pagefind's interface and its start, both from
# the site itself (the published site's SITEURL before them).
SEARCH_PAGE = "cerca/index.html"
SEARCH_SCRIPTS = ("/static/js/search.js",)


def is_search_script(where, script):
    """Whether `script` (a tag of the page at `where`, relative to the output) is one of the
    search page's own."""
    src = script.get("src") or ""
    return where == SEARCH_PAGE and not script.string and src.endswith(SEARCH_SCRIPTS)


SHIPPING = {
    "spedizioni-gratuite.md": (
        "Spedizioni gratuite sopra i 50 euro: conviene?",
        "Le spedizioni gratuite fanno crescere il carrello medio, se la soglia è scelta bene.",
    ),
    "corrieri-a-confronto.md": (
        "Corrieri a confronto per la bottega online",
        "Tre corrieri e i loro prezzi: le spedizioni in 24 ore costano il doppio.",
    ),
}
OTHERS = {
    "scheda-google.md": (
        "La scheda Google aggiornata ogni settimana",
        "Orari, foto e risposte alle recensioni: la scheda porta telefonate in negozio.",
    ),
    "newsletter-di-quartiere.md": (
        "Una newsletter di quartiere per il negozio",
        "Una mail al mese ai clienti del quartiere, con le novità e un consiglio pratico.",
    ),
}


def search_site(output, content, **settings):
    """The site built with the project's settings (and `settings`) from a content folder of its
    own."""
    write_default_bio(content)
    write_privacy_page(content)
    for number, (name, (title, body)) in enumerate({**SHIPPING, **OTHERS}.items()):
        write_article(
            content,
            name,
            title=title,
            slug=name.removesuffix(".md"),
            body=body + "\n",
            date=f"2026-11-0{number + 2} 09:00",
            category="Vendere online" if name in SHIPPING else "Farsi trovare",
            tags="logistica, e-commerce" if name in SHIPPING else "negozio",
        )
    return build_site(output, content=content, **settings)
