"""The hostile corpus: what guest authors, pull requests and WordPress imports really send.

Each case is a few files to add to a small publishable site (tests/publishable.py) and its
exact outcome: the problems it must raise, each as (file, line, words of the message), or none
for what the site accepts as it is. Every case, refused or accepted, must build in development
and leave the built site inert (tests/hostile/inert.py). Written by us, for these tests.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    name: str
    point: int  # the point it belongs to (12: "Content from any author cannot hurt")
    files: dict[str, str]
    # (file under content/, line, words the message contains); empty: accepted as it is.
    problems: tuple[tuple[str, int, str], ...] = ()
    # {file under content/: target under the outside folder}: symbolic links to make.
    symlinks: dict[str, str] = field(default_factory=dict)


def article(title, fields=(), body="Un paragrafo qualsiasi sul lavoro della bottega.", **header):
    """An article whose header lines are fixed: 1 Title … 6 Summary, then `fields` from line 7;
    its body starts on line 8 + len(fields)."""
    values = {
        "Date": "2026-11-18 09:00",
        "Category": "Sicurezza",
        "Tags": "pmi, sicurezza",
        "Author": "Luca Bianchi",
        "Summary": "Un articolo della raccolta ostile.",
        **header,
    }
    lines = [f"Title: {title}", *(f"{key}: {value}" for key, value in values.items()), *fields]
    return "\n".join(lines) + "\n\n" + body + "\n"


def page(title, fields=(), body="Una pagina del sito."):
    """A page: 1 Title, then `fields` from line 2; its body starts on line 3 + len(fields)."""
    return "\n".join([f"Title: {title}", *fields]) + "\n\n" + body + "\n"


def bio(fields, body="Scrive di vetrine e clienti per le piccole botteghe.", name="Luca Bianchi"):
    """An author's bio: 1 Name, 2 Role, then `fields` from line 3; its body after a blank."""
    return "\n".join([f"Name: {name}", "Role: Formatore", *fields]) + "\n\n" + body + "\n"


BODY = 8  # the first body line of an article without extra fields
A = "articles/"
REMOVED_FRAME = "il sito non carica dentro le sue pagine contenuti di altri siti"
REMOVED_PROGRAM = "negli articoli non si eseguono programmi"
REMOVED_URL = "è stato tolto: un link o un'immagine può solo iniziare con https://"
HANDLER = "fa eseguire un programma al browser del lettore"
ARTICLES_ONLY_SLUG = "non si usa negli articoli: l'indirizzo viene dal titolo"

CASES = (
    # 1. One content policy where HTML enters.
    Case(
        "script-nel-testo",
        1,
        {A + "script.md": article("Script nel testo", body="<script>alert('ciao')</script>")},
        ((A + "script.md", BODY, "«<script>» è stato tolto: " + REMOVED_PROGRAM),),
    ),
    Case(
        "iframe-srcdoc",
        1,
        {A + "srcdoc.md": article("Iframe srcdoc", body='<iframe srcdoc="<b>x</b>"></iframe>')},
        ((A + "srcdoc.md", BODY, "«<iframe>» è stato tolto: " + REMOVED_FRAME),),
    ),
    Case(
        "immagine-onerror",
        1,
        {
            A + "onerror.md": article(
                "Immagine onerror",
                body='<img src="https://foto.example/x.jpg" alt="x" onerror="alert(1)">',
            )
        },
        ((A + "onerror.md", BODY, "l'attributo «onerror» di «<img>» è stato tolto: " + HANDLER),),
    ),
    Case(
        "object-ed-embed",
        1,
        {
            A + "object.md": article(
                "Object ed embed",
                body='<object data="x.swf"></object>\n\n<embed src="x.swf">',
            )
        },
        (
            (A + "object.md", BODY, "«<object>» è stato tolto"),
            (A + "object.md", BODY + 2, "«<embed>» è stato tolto"),
        ),
    ),
    Case(
        "modulo-password",
        1,
        {
            A + "modulo.md": article(
                "Modulo con password",
                body='<form action="https://raccolta.example/rubare">\n'
                '<input type="password" name="p">\n</form>',
            )
        },
        (
            (A + "modulo.md", BODY, "«<form>» è stato tolto: un articolo non può raccogliere dati"),
            (A + "modulo.md", BODY + 1, "«<input>» è stato tolto"),
        ),
    ),
    Case(
        "meta-refresh",
        1,
        {
            A + "refresh.md": article(
                "Meta refresh",
                body='<meta http-equiv="refresh" content="0;url=https://altrove.example/">',
            )
        },
        ((A + "refresh.md", BODY, "«<meta>» è stato tolto: cambierebbe l'aspetto"),),
    ),
    Case(
        "base-href",
        1,
        {A + "base.md": article("Base href", body='<base href="https://altrove.example/">')},
        ((A + "base.md", BODY, "«<base>» è stato tolto"),),
    ),
    Case(
        "svg-in-linea-con-script",
        1,
        {A + "svg.md": article("SVG in linea", body="<svg><script>alert(1)</script></svg>")},
        (
            (A + "svg.md", BODY, "«<svg>» è stato tolto"),
            (A + "svg.md", BODY, "«<script>» è stato tolto"),
        ),
    ),
    Case(
        "file-svg-con-script",
        1,
        {
            "images/logo-attivo.svg": '<svg xmlns="http://www.w3.org/2000/svg">'
            "<script>alert(1)</script></svg>\n",
            A + "logo.md": article(
                "Logo attivo", body="![Il logo]({static}/images/logo-attivo.svg)"
            ),
        },
        (("images/logo-attivo.svg", None, "è un'immagine SVG che contiene codice (<script)"),),
    ),
    Case(
        "link-javascript",
        1,
        {A + "js.md": article("Link javascript", body="[Clicca qui](javascript:alert(1))")},
        ((A + "js.md", BODY, "l'indirizzo «javascript:alert(1)» " + REMOVED_URL),),
    ),
    Case(
        "immagine-data",
        1,
        {
            A + "data.md": article(
                "Immagine data", body="![Punto](data:text/html;base64,PHNjcmlwdD4=)"
            )
        },
        ((A + "data.md", BODY, "l'indirizzo «data:text/html;base64,PHNjcmlwdD4=» "),),
    ),
    Case(
        "summary-con-script-e-onerror",
        1,
        {
            A + "summary.md": article(
                "Sommario ostile",
                Summary='Da leggere <img src="https://foto.example/x.jpg" alt="x" '
                'onerror="alert(1)"><script>x()</script>',
            )
        },
        (
            (A + "summary.md", 6, "l'attributo «onerror» di «<img>» è stato tolto"),
            (A + "summary.md", 6, "«<script>» è stato tolto"),
        ),
    ),
    Case(
        "summary-con-link-javascript",
        1,
        {
            A + "summary-js.md": article(
                "Sommario con link", Summary="Leggi [qui](javascript:alert(1))."
            )
        },
        ((A + "summary-js.md", 6, "l'indirizzo «javascript:alert(1)» "),),
    ),
    Case(
        "stile-e-link-al-foglio",
        1,
        {
            A + "stile.md": article(
                "Stile",
                body='<style>body{display:none}</style>\n\n<link rel="stylesheet" '
                'href="https://altrove.example/x.css">\n\n<p style="color:red">Rosso</p>',
            )
        },
        (
            (A + "stile.md", BODY, "«<style>» è stato tolto"),
            (A + "stile.md", BODY + 2, "«<link>» è stato tolto"),
            (A + "stile.md", BODY + 4, "l'attributo «style» di «<p>» è stato tolto"),
        ),
    ),
    Case(
        "pagina-con-iframe",
        1,
        {
            "pages/contatti.md": page(
                "Contatti", body='<iframe src="https://altrove.example/"></iframe>'
            )
        },
        (("pages/contatti.md", 3, "«<iframe>» è stato tolto"),),
    ),
    Case(
        "scheda-autore-con-script",
        1,
        {"authors/luca-bianchi.md": bio((), body="Formatore.<script>alert(1)</script>")},
        (("authors/luca-bianchi.md", 4, "«<script>» è stato tolto"),),
    ),
    # 2. Embeds: a card with a link to the original, no request to the other host.
    Case(
        "iframe-di-youtube",
        2,
        {
            A + "video.md": article(
                "Il video del banco",
                body='<iframe width="560" height="315" '
                'src="https://www.youtube.com/embed/k3Vb7xQ2mTs" title="Fotografare il banco" '
                'allow="autoplay; encrypted-media" allowfullscreen></iframe>',
            )
        },
    ),
    Case(
        "link-di-vimeo-da-solo",
        2,
        {A + "vimeo.md": article("Il video su Vimeo", body="https://vimeo.com/76979871")},
    ),
    Case(
        "mappa-di-google",
        2,
        {
            A + "mappa.md": article(
                "Dove siamo", body="[embed]https://maps.app.goo.gl/Zq8rTb3VwXy[/embed]"
            )
        },
    ),
    Case(
        "iframe-sconosciuto",
        2,
        {
            A + "sondaggio.md": article(
                "Sondaggio", body='<iframe src="https://sondaggi.example/widget"></iframe>'
            )
        },
        ((A + "sondaggio.md", BODY, "«<iframe>» è stato tolto"),),
    ),
    # 3. Header fields that touch addresses or templates.
    Case(
        "save-as-headers",
        3,
        {A + "headers.md": article("Sopra headers", ("Save_as: _headers", "Url: _headers"))},
        (
            (A + "headers.md", 7, "«Save_as: _headers» " + ARTICLES_ONLY_SLUG),
            (A + "headers.md", 8, "«Url: _headers» " + ARTICLES_ONLY_SLUG),
        ),
    ),
    Case(
        "save-as-home",
        3,
        {A + "home.md": article("Sopra la home", ("Save_as: index.html",))},
        ((A + "home.md", 7, "«Save_as: index.html» " + ARTICLES_ONLY_SLUG),),
    ),
    Case(
        "url-di-un-altro-host",
        3,
        {A + "altrove.md": article("Url altrove", ("Url: //evil.example/",))},
        ((A + "altrove.md", 7, "«Url: //evil.example/» " + ARTICLES_ONLY_SLUG),),
    ),
    Case(
        "slug-indirizzo-completo",
        3,
        {A + "slug-url.md": article("Slug completo", ("Slug: https://evil.example",))},
        ((A + "slug-url.md", 7, "«Slug: https://evil.example» è un indirizzo completo"),),
    ),
    Case(
        "slug-di-una-lista",
        3,
        {A + "autori.md": article("Slug autori", ("Slug: autori",))},
        ((A + "autori.md", 7, "«Slug: autori» è l'indirizzo di una parte del sito (/autori/)"),),
    ),
    Case(
        "slug-con-e-commerciale",
        3,
        {A + "offerte.md": article("Prezzi e offerte", ("Slug: prezzi&offerte",))},
        (
            (
                A + "offerte.md",
                7,
                "«Slug: prezzi&offerte» può contenere solo lettere minuscole",
            ),
        ),
    ),
    Case(
        "template-in-un-articolo",
        3,
        {A + "modello.md": article("Modello", ("Template: ../../pelicanconf",))},
        ((A + "modello.md", 7, "«Template: ../../pelicanconf» non si usa negli articoli"),),
    ),
    Case(
        "pagina-template-inesistente",
        3,
        {"pages/speciale.md": page("Speciale", ("Template: vetrina-speciale",))},
        (
            (
                "pages/speciale.md",
                2,
                "«Template: vetrina-speciale» non è un modello di pagina del tema",
            ),
        ),
    ),
    Case(
        "pagina-template-fuori-dal-tema",
        3,
        {"pages/fuori.md": page("Fuori", ("Template: ../../../etc/passwd",))},
        (("pages/fuori.md", 2, "non è un modello di pagina del tema"),),
    ),
    Case(
        "pagina-save-as-fuori",
        3,
        {"pages/su.md": page("Su", ("Save_as: ../../fuori.html", "Url: ../../fuori.html"))},
        (("pages/su.md", 2, "«Save_as: ../../fuori.html» porta fuori dalla cartella del sito"),),
    ),
    Case(
        "pagina-save-as-robots",
        3,
        {"pages/robots.md": page("Robot", ("Save_as: robots.txt", "Url: robots.txt"))},
        (("pages/robots.md", 2, "«Save_as: robots.txt» non è l'indirizzo di una pagina"),),
    ),
    Case(
        "pagina-save-as-lista",
        3,
        {"pages/tag.md": page("Lista", ("Save_as: tag/index.html", "Url: tag/"))},
        (
            (
                "pages/tag.md",
                2,
                "«Save_as: tag/index.html» prenderebbe il posto di un file del sito",
            ),
        ),
    ),
    Case(
        "pagina-404-falsa",
        3,
        {"pages/falsa.md": page("Falsa", ("Save_as: 404.html", "Url: 404.html"))},
        (("pages/falsa.md", 2, "«Save_as: 404.html» prenderebbe il posto"),),
    ),
    Case(
        "pagina-url-da-solo",
        3,
        {"pages/sola.md": page("Sola", ("Url: https://evil.example/",))},
        (("pages/sola.md", 2, "«Url: https://evil.example/» da solo non sposta la pagina"),),
    ),
    Case(
        "lingua-e-traduzione",
        3,
        {A + "lingua.md": article("In inglese", ("Lang: en", "Translation: true"))},
        (
            (A + "lingua.md", 7, "«Lang: en» non serve: il sito è in una sola lingua"),
            (A + "lingua.md", 8, "«Translation: true» non serve"),
        ),
    ),
    # 4. URLs from content.
    Case(
        "fonte-javascript",
        4,
        {A + "fonte.md": article("Fonte javascript", ("Source: javascript:alert(1)",))},
        ((A + "fonte.md", 7, "«javascript:alert(1)» non è un indirizzo web"),),
    ),
    Case(
        "fonte-senza-schema",
        4,
        {A + "fonte-rel.md": article("Fonte relativa", ("Source: //evil.example/post",))},
        ((A + "fonte-rel.md", 7, "«//evil.example/post» non è un indirizzo web"),),
    ),
    Case(
        "profilo-javascript",
        4,
        {
            "authors/giulia-verdi.md": bio(("Website: javascript:alert(1)",), name="Giulia Verdi"),
            A + "giulia.md": article("Di Giulia", Author="Giulia Verdi"),
        },
        (("authors/giulia-verdi.md", 3, "«javascript:alert(1)» non è un indirizzo web"),),
    ),
    Case(
        "titolo-con-e-commerciale",
        4,
        {A + "ricette.md": article("Prezzi & offerte: <b>tutto</b> in sitemap")},
        ((A + "ricette.md", 1, "il titolo contiene HTML («<b>»)"),),
    ),
    # 5. Symbolic links and files outside content/.
    Case(
        "collegamento-a-un-file",
        5,
        {},
        (("images/chiave.jpg", None, "è un collegamento simbolico"),),
        symlinks={"images/chiave.jpg": "id_rsa"},
    ),
    Case(
        "collegamento-a-una-cartella",
        5,
        {},
        ((A + "importati", None, "è un collegamento simbolico"),),
        symlinks={A + "importati": "articoli"},
    ),
    Case(
        "static-fuori-da-content",
        5,
        {
            A + "conf.md": article(
                "Configurazione", body="[Le impostazioni]({static}../../pelicanconf.py)"
            )
        },
        ((A + "conf.md", BODY, "esce dalla cartella content/"),),
    ),
    # 6. Template tags of the providers' engines, written as text: shown, never evaluated.
    Case(
        "tag-di-template-nel-titolo-e-nel-testo",
        6,
        {
            A + "tag-template.md": article(
                "Offerte {{ 7*7 }} per *|FNAME|*",
                body="Scrivi {% if cliente %} e {$email} o [UNSUBSCRIBE] per vedere "
                "{{ contact.FIRSTNAME }}.",
                Summary="Il riassunto con *|EMAIL|* e {{ params.sconto }}.",
                Tags="pmi, {{ tag }}",
            )
        },
    ),
    # 8. No traceback from content.
    Case(
        "nul-nel-titolo",
        8,
        {A + "nul.md": article("Titolo\x00con un NUL")},
        ((A + "nul.md", 1, "c'è un carattere di controllo invisibile (U+0000)"),),
    ),
    Case(
        "controllo-nel-testo",
        8,
        {A + "campanello.md": article("Campanello", body="Un testo\x07 con un campanello.")},
        ((A + "campanello.md", BODY, "(U+0007)"),),
    ),
    Case(
        "data-anno-uno",
        8,
        {A + "antico.md": article("Antico", Date="0001-01-01")},
        ((A + "antico.md", 2, "«Date: 0001-01-01» è fuori dagli anni di un articolo"),),
    ),
    Case(
        "titolo-di-5000-caratteri",
        8,
        {A + "lungo.md": article("Parola " * 714 + "fine")},
        ((A + "lungo.md", 1, "il titolo dà un indirizzo di 5002 caratteri, troppi"),),
    ),
    Case(
        "titolo-uguale-a-una-lista",
        8,
        {A + "tag.md": article("Tag")},
        ((A + "tag.md", 1, "il titolo dà l'indirizzo /tag/, che è di una parte del sito"),),
    ),
    # 9. Nothing silently dropped or mangled.
    Case(
        "estensione-maiuscola",
        9,
        {A + "vetrina.MD": article("Vetrina in maiuscolo")},
        ((A + "vetrina.MD", None, "non viene letto: il sito legge solo i file che finiscono in"),),
    ),
    Case(
        "doppia-estensione",
        9,
        {A + "vetrina.md.txt": article("Vetrina doppia")},
        ((A + "vetrina.md.txt", None, "Rinominalo in «vetrina.md»"),),
    ),
    Case(
        "yaml-con-parentesi",
        9,
        {
            A + "yaml.md": "---\nTitle: Vetrine in YAML\nDate: 2026-11-18 09:00\n"
            "Category: Sicurezza\nTags: [vetrina, negozio]\nAuthor: Luca Bianchi\n"
            "Summary: Scritto come in Jekyll.\n---\n\nTesto.\n"
        },
        ((A + "yaml.md", 5, "«tags: [vetrina, negozio]» è una lista scritta come in YAML"),),
    ),
    Case(
        "yaml-con-trattini",
        9,
        {
            A + "yaml-lista.md": "---\nTitle: Vetrine in lista\nDate: 2026-11-18 09:00\n"
            "Category: Sicurezza\nAuthor: Luca Bianchi\nSummary: Scritto come in Hugo.\n"
            "Tags:\n  - vetrina\n  - negozio\n---\n\nTesto.\n"
        },
        ((A + "yaml-lista.md", 8, "questa lista è scritta come in YAML"),),
    ),
    Case(
        "slug-che-differiscono-per-maiuscole",
        9,
        {
            A + "estate.md": article("Estate", ("Slug: vetrina-estiva",), Date="2026-11-17 09:00"),
            A + "estate-bis.md": article("Estate bis", ("Slug: Vetrina-Estiva",)),
        },
        (
            (A + "estate-bis.md", 7, "«Slug: Vetrina-Estiva» può contenere solo lettere minuscole"),
            (A + "estate-bis.md", 7, "ha lo stesso indirizzo /vetrina-estiva/ di"),
        ),
    ),
    Case(
        "save-as-in-maiuscolo",
        9,
        {
            "pages/chi-siamo-bis.md": page(
                "Chi siamo bis", ("Save_as: Chi-Siamo/index.html", "Url: Chi-Siamo/")
            ),
        },
        (("pages/chi-siamo-bis.md", 2, "scrivi un percorso in minuscolo"),),
    ),
    Case(
        "slug-a-larghezza-zero",
        9,
        {A + "zero.md": article("Zero", ("Slug: prezzi\u200boggi",))},
        ((A + "zero.md", 7, "contiene caratteri invisibili"),),
    ),
    Case(
        "slug-con-controllo-bidirezionale",
        9,
        {A + "bidi.md": article("Bidi", ("Slug: offerte\u202efdp",))},
        ((A + "bidi.md", 7, "Scrivi «Slug: offertefdp»"),),
    ),
    Case(
        "tag-senza-lettere",
        9,
        {A + "segni.md": article("Solo segni", Tags="!!!, vetrina")},
        ((A + "segni.md", 4, "il tag «!!!» non ha lettere né cifre"),),
    ),
    Case(
        "categoria-senza-lettere",
        9,
        {A + "categoria.md": article("Categoria di segni", Category="???")},
        ((A + "categoria.md", 3, "la categoria «???» non ha lettere né cifre"),),
    ),
    Case(
        "modified-illeggibile",
        9,
        {A + "modificato.md": article("Modificato", ("Modified: ieri sera",))},
        ((A + "modificato.md", 7, "la data «ieri sera» non è completa"),),
    ),
    Case(
        "titolo-con-minore-e-maggiore",
        9,
        {A + "seo.md": article('Cos\'è il "SEO" & perché serve alle PMI <davvero>')},
    ),
)
