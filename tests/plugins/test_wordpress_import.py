"""The WordPress import's pure functions: reading an export, converting its HTML, planning files."""

import dataclasses
from zoneinfo import ZoneInfo

import markdown
import pytest
from pelican.settings import read_settings

from blog_core import read_header, slug_for_title
from blog_core.embeds import cards_for_embeds
from comments.data_files import comments_of, entries
from go_live_checks.checks import placeholders
from sitebuild import ROOT
from wordpress_export import EXPORT, PRIVATE
from wordpress_import import convert_post, original_image, read_export
from wordpress_import.convert import Site, wpautop
from wordpress_import.files import new_addresses, old_paths, plan_import, safe_old_path
from wordpress_import.wxr import Comment, ExportError, clean_xml

ROME = ZoneInfo("Europe/Rome")
OLD_SITE = Site(
    url="https://www.bararena-verona.it",
    paths={"/2024/03/05/perché-il-caffè": "articles/perche-il-caffe.md"},
    ids={"102": "articles/orari.md"},
    attachments={
        "7": (
            "https://www.bararena-verona.it/wp-content/uploads/2024/03/tazza-300x200.jpg",
            "Una tazzina",
            "Il primo caffè",
        ),
    },
)


@pytest.fixture(scope="module")
def export():
    return read_export(EXPORT.read_bytes())


@pytest.fixture(scope="module")
def settings():
    return read_settings(str(ROOT / "pelicanconf.py"))


@pytest.fixture(scope="module")
def plan(export, settings):
    urls = new_addresses(settings)
    return plan_import(export, lambda text: slug_for_title(text, settings), urls)


def planned(plan, place):
    return next(file for file in plan.files if file.place == place)


def test_the_export_is_read_despite_an_invalid_character_and_says_how_many(export):
    assert export.removed_characters == 1
    assert [post.id for post in export.posts] == ["101", "102", "103", "104", "105", "106"]
    assert [page.title for page in export.pages] == ["La nostra storia"]
    assert sorted(export.attachments) == ["201", "202", "203", "204"]
    assert export.site_url == "https://www.bararena-verona.it"
    saldi = export.posts[-1]
    assert saldi.content.endswith("tutto il giorno.</p>")  # the \x0b gone, the text kept


def test_control_characters_and_their_references_are_removed_and_counted():
    text, removed = clean_xml(b"<a>x\x0cy&#1;z&#x1F;&#10;</a>")
    assert text == "<a>xyz&#10;</a>"
    assert removed == 3


def test_an_export_that_is_not_one_is_named_in_italian():
    with pytest.raises(ExportError, match="alla riga 2"):
        read_export(b"<rss><channel>\n<item></channel></rss>")
    with pytest.raises(ExportError, match="non è un'esportazione di WordPress"):
        read_export(b"<html><body/></html>")
    with pytest.raises(ExportError, match="entità"):
        read_export(b'<!DOCTYPE rss [<!ENTITY a "aaaa">]><rss>&a;</rss>')


def test_authors_are_their_display_names_and_carry_no_email(export):
    assert {login: author.display_name for login, author in export.authors.items()} == {
        "elena.v": "Elena Vantini",
        "tommaso": "Tommaso Righetti",
    }


def test_no_email_or_ip_is_kept_in_the_data(export):
    assert {field.name for field in dataclasses.fields(Comment)}.isdisjoint(
        {"email", "ip", "author_email", "author_ip"}
    )
    kept = repr(export)
    for private in PRIVATE:
        assert private not in kept


def test_statuses_dates_in_rome_slugs_decoded_terms_and_meta(export):
    first, classic, draft, scheduled, private, _ = export.posts
    assert first.slug == "perché-il-caffè-del-mattino"
    assert first.date == first.date.replace(tzinfo=ROME)
    assert (first.date.hour, first.date.minute) == (9, 30)  # 08:30 GMT, winter time
    assert (scheduled.date.month, scheduled.date.hour) == (4, 8)  # 06:00 GMT, summer time
    # A draft has no GMT date: its local one is used.
    assert (draft.status, f"{draft.date:%Y-%m-%d %H:%M}") == ("draft", "2024-11-28 16:20")
    assert [scheduled.status, private.status, classic.status] == ["future", "private", "publish"]
    assert [term.name for term in first.categories] == ["Vita al banco", "Social e clienti"]
    assert [term.name for term in first.tags] == ["caffè"]
    assert first.meta["_thumbnail_id"] == "201"
    assert first.meta["_yoast_wpseo_metadesc"].startswith("Come abbiamo cambiato")
    assert "_edit_last" not in first.meta
    assert first.excerpt.startswith("Il primo caffè della giornata")


def test_comments_keep_their_status_kind_and_parent(export):
    comments = {comment.id: comment for comment in export.posts[0].comments}
    assert {key: (c.status, c.kind) for key, c in comments.items()} == {
        "11": ("approved", "comment"),
        "12": ("approved", "comment"),
        "13": ("hold", "comment"),
        "14": ("spam", "comment"),
        "15": ("approved", "pingback"),
    }
    assert comments["12"].parent == "11"
    assert comments["11"].website == "https://www.edicolamazzini-vr.it"
    assert f"{comments['11'].date:%H:%M}" == "07:55"


def test_block_editor_markers_are_dropped_and_a_figure_is_an_image_on_its_own_line():
    result = convert_post(
        "<!-- wp:paragraph -->\n<p>Il banco alle sette.</p>\n<!-- /wp:paragraph -->\n"
        '<!-- wp:image {"id":7} -->\n<figure class="wp-block-image"><img src="https://www.'
        'bararena-verona.it/wp-content/uploads/2024/03/banco-1024x683.jpg" alt="Il banco"/>'
        "<figcaption>Prima dell'apertura</figcaption></figure>\n<!-- /wp:image -->",
        OLD_SITE,
    )
    assert "wp:" not in result.markdown
    assert result.markdown.splitlines() == [
        "Il banco alle sette.",
        "",
        '![Il banco]({static}/wp-content/uploads/2024/03/banco.jpg "Prima dell\'apertura")',
    ]
    assert result.notes == []


def test_a_caption_keeps_the_alt_and_becomes_the_title_outside_any_paragraph():
    html_text = markdown.markdown(
        convert_post(
            'Prima.\n\n[caption id="attachment_7" width="300"]<a href="https://www.bararena-'
            'verona.it/wp-content/uploads/2024/03/tazza.jpg"><img src="https://www.bararena-'
            'verona.it/wp-content/uploads/2024/03/tazza-300x200.jpg" alt="Una tazzina" /></a> '
            "Il primo caffè[/caption]\n\nDopo.",
            OLD_SITE,
        ).markdown
    )
    assert (
        '<p><img alt="Una tazzina" src="{static}/wp-content/uploads/2024/03/tazza.jpg" '
        'title="Il primo caffè" /></p>'
    ) in html_text  # Markdown's own paragraph of an image alone: the figure the site makes
    assert "<p>Prima.</p>" in html_text and "<p>Dopo.</p>" in html_text


def test_a_gallery_becomes_a_list_of_images_and_a_missing_one_is_noted():
    result = convert_post('[gallery ids="7,99"]', OLD_SITE)
    assert result.markdown.splitlines()[0] == (
        '- ![Una tazzina]({static}/wp-content/uploads/2024/03/tazza.jpg "Il primo caffè")'
    )
    assert [message for _, message in result.notes] == [
        "la galleria nomina immagini che l'esportazione non contiene (id 99)."
    ]
    block = convert_post(
        '<figure class="wp-block-gallery"><figure class="wp-block-image"><img src="/wp-content'
        '/uploads/a-150x150.png" alt="A"></figure><figure class="wp-block-image"><img src="/wp'
        '-content/uploads/b.png" alt="B"><figcaption>Bi</figcaption></figure></figure>',
        OLD_SITE,
    )
    assert block.markdown.splitlines() == [
        "- ![A]({static}/wp-content/uploads/a.png)",
        '- ![B]({static}/wp-content/uploads/b.png "Bi")',
    ]


@pytest.mark.parametrize(
    "content",
    [
        '<figure class="wp-block-embed is-provider-youtube wp-block-embed-youtube"><div class="'
        'wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=M7lc1UVf-VE\n</div></figure>',
        "[embed]https://www.youtube.com/watch?v=M7lc1UVf-VE[/embed]",
        "Prima riga.\n\nhttps://www.youtube.com/watch?v=M7lc1UVf-VE\n\nUltima.",
        '<p><iframe src="https://www.youtube.com/embed/M7lc1UVf-VE" width="560"></iframe></p>',
    ],
)
def test_every_form_of_a_video_becomes_the_address_alone_that_the_site_makes_a_card_of(
    content, settings
):
    result = convert_post(content, OLD_SITE)
    assert "https://www.youtube.com/watch?v=M7lc1UVf-VE" in result.markdown.splitlines()
    card = cards_for_embeds(settings, markdown.markdown(result.markdown))
    assert "embed-card" in card and "<iframe" not in card


def test_an_unknown_shortcode_is_left_out_and_noted_at_its_line():
    result = convert_post(
        'Prenota qui.\n\n[contact-form-7 id="12" title="Prenota"]\n\nGrazie [[gallery]].',
        OLD_SITE,
    )
    assert result.markdown == "Prenota qui.\n\nGrazie [gallery].\n"
    assert len(result.notes) == 1
    line, message = result.notes[0]
    assert line == 3  # the line that took the removed paragraph's place
    assert "[contact-form-7]" in message


def test_a_word_in_brackets_is_the_authors_and_an_enclosing_shortcode_keeps_its_text():
    result = convert_post(
        "<p>Il prezzo [nota] è fermo. [ruoli]Solo per i soci.[/ruoli] [vc_row]</p>", OLD_SITE
    )
    assert result.markdown == "Il prezzo [nota] è fermo. Solo per i soci.\n"
    assert [message.split(" di WordPress")[0] for _, message in result.notes] == [
        "lo shortcode [ruoli]",
        "lo shortcode [vc_row]",
    ]


def test_links_to_old_posts_become_filename_links_and_images_their_originals():
    result = convert_post(
        '<p><a href="https://www.bararena-verona.it/?p=102">orari</a>, <a href="https://'
        'www.bararena-verona.it/2024/03/05/perch%C3%A9-il-caff%C3%A8/">caffè</a>, <a href="'
        'https://www.altro-sito.it/2024/03/05/perch%C3%A9-il-caff%C3%A8/">altro</a>.</p>',
        OLD_SITE,
    )
    assert result.markdown.strip() == (
        "[orari]({filename}/articles/orari.md), [caffè]({filename}/articles/perche-il-caffe.md), "
        "[altro](https://www.altro-sito.it/2024/03/05/perch%C3%A9-il-caff%C3%A8/)."
    )
    assert original_image("https://x.it/wp-content/uploads/2024/03/a-1024x683.jpg") == (
        "https://x.it/wp-content/uploads/2024/03/a.jpg"
    )
    assert original_image("/uploads/la-2048x1365-1024x683.webp") == "/uploads/la-2048x1365.webp"


def test_wpautop_makes_paragraphs_of_classic_text_and_keeps_blocks():
    assert wpautop("Uno\ndue.\n\n<ul><li>a</li></ul>\n\n\nTre.") == (
        "<p>Uno<br>\ndue.</p>\n\n<ul><li>a</li></ul>\n\n<p>Tre.</p>"
    )


def test_a_post_file_has_every_header_field_from_the_export(plan):
    text = planned(plan, "articles/perche-il-caffe-del-mattino.md").text
    fields = {entry.key: entry.value for entry in read_header(text)}
    assert fields == {
        "title": "Perché il caffè del mattino vale più della vetrina",
        "date": "2024-03-05 09:30",
        "modified": "2024-03-08 18:10",
        "slug": "perche-il-caffe-del-mattino",
        "category": "Vita al banco",
        "tags": "Social e clienti, caffè",
        "author": "Elena Vantini",
        "summary": "Il primo caffè della giornata conta più dell'insegna: tre piccoli "
        "cambiamenti al banco che i clienti hanno notato subito.",
        "image": "wp-content/uploads/2024/03/copertina-caffe.jpg",
        "imagealt": "Una tazzina di caffè sul bancone di marmo, vista dall'alto",
    }


def test_the_yoast_description_is_the_summary_without_an_excerpt_and_drafts_stay_drafts(plan):
    classic = dict(
        (e.key, e.value) for e in read_header(planned(plan, "articles/orari-di-apertura.md").text)
    )
    assert classic["summary"].startswith("Gli orari del Bar Arena da novembre")
    for place in ("articles/le-offerte-di-natale-da-finire.md", "articles/turni-di-dicembre.md"):
        assert ("status", "draft") in [
            (e.key, e.value) for e in read_header(planned(plan, place).text)
        ]
    scheduled = {
        e.key: e.value for e in read_header(planned(plan, "articles/menu-di-primavera.md").text)
    }
    assert scheduled["date"] == "2031-04-01 08:00" and "status" not in scheduled


def test_a_title_with_a_line_break_adds_no_field_and_a_slug_cannot_leave_its_folder(plan):
    hostile = next(file for file in plan.files if "Saldi di fine estate" in file.text)
    assert hostile.place == "articles/pelicanconf.md"
    header = read_header(hostile.text)
    assert [entry.key for entry in header] == ["title", "date", "slug", "category", "author"]
    assert header[0].value == "Saldi di fine estate Status: hidden"
    assert all(".." not in old for old, _ in plan.redirects)
    assert not safe_old_path("/2024/09/02/../../pelicanconf/")
    assert not safe_old_path("/a\\b/")


def test_the_notes_name_the_line_of_the_written_file(plan):
    orari = planned(plan, "articles/orari-di-apertura.md")
    lines = orari.text.splitlines()
    ((line, message),) = orari.notes
    assert "[contact-form-7]" in message
    assert lines[line - 1] == "Grazie a tutti per la pazienza durante i lavori."
    caffe = planned(plan, "articles/perche-il-caffe-del-mattino.md")
    category_note = next(n for n in caffe.notes if "categorie" in n[1])
    assert caffe.text.splitlines()[category_note[0] - 1] == "Category: Vita al banco"


def test_only_approved_comments_are_written_with_replies_and_no_private_data(plan):
    data = planned(plan, "comments/perche-il-caffe-del-mattino.yaml").text
    found, problems = entries(data)
    threads, more_problems = comments_of(found, ROME)
    assert problems == more_problems == []
    assert [(c.id, c.name) for c in threads] == [("wp-11", "Giorgio, edicola di via Mazzini")]
    assert [(c.id, c.parent) for c in threads[0].replies] == [("wp-12", "wp-11")]
    assert "*brioche integrale*" in threads[0].replies[0].text
    assert plan.counts["spam"] == plan.counts["in_attesa"] == plan.counts["pingback"] == 1
    everything = "\n".join(file.text for file in plan.files)
    for private in PRIVATE:
        assert private not in everything


def test_each_author_gets_a_bio_with_a_placeholder_the_go_live_check_finds(plan):
    bio = planned(plan, "authors/elena-vantini.md")
    assert read_header(bio.text)[0].value == "Elena Vantini"
    assert placeholders(bio.text) == [(3, "[BIOGRAFIA DA SCRIVERE]")]


def test_old_addresses_lead_to_the_new_ones(plan, export):
    redirects = dict(plan.redirects)
    new = "/perche-il-caffe-del-mattino/"
    assert redirects["/2024/03/05/perché-il-caffè-del-mattino/"] == new
    assert redirects["/2024/03/perché-il-caffè-del-mattino/"] == new
    assert redirects["/category/vita-al-banco/"] == "/categoria/vita-al-banco/"
    assert redirects["/category/social/"] == "/tag/social-e-clienti/"
    assert redirects["/author/elena.v/"] == "/autori/elena-vantini/"
    assert redirects["/feed/"] == "/feed/atom.xml"
    # Drafts, private and scheduled posts have no public address to lead to.
    assert "/2024/11/30/turni-di-dicembre/" not in redirects
    assert old_paths(export.pages[0]) == ["/la-nostra-storia/"]


SMALL_EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><link>https://www.bottega-lana.it</link>
<item><title>Appunti per il personale</title><dc:creator>anna</dc:creator>
<content:encoded><![CDATA[<p>Solo per noi.</p>]]></content:encoded>
<wp:post_id>5</wp:post_id><wp:post_date_gmt>2024-02-01 09:00:00</wp:post_date_gmt>
<wp:post_name>appunti</wp:post_name><wp:status>private</wp:status><wp:post_type>post</wp:post_type>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>9</wp:meta_value></wp:postmeta>
<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>Piera</wp:comment_author>
<wp:comment_date_gmt>2024-02-02 09:00:00</wp:comment_date_gmt>
<wp:comment_content>Va bene.</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved></wp:comment>
</item>
<item><title>foto</title><wp:post_id>9</wp:post_id><wp:post_type>attachment</wp:post_type>
<wp:attachment_url>https://www.altrove.it/foto.jpg</wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key>
<wp:meta_value>../../../pelicanconf.py</wp:meta_value></wp:postmeta>
</item></channel></rss>"""


def test_a_private_posts_comments_stay_out_and_an_attachment_cannot_name_a_file_outside(settings):
    urls = new_addresses(settings)
    small = plan_import(
        read_export(SMALL_EXPORT.encode()), lambda text: slug_for_title(text, settings), urls
    )
    assert [file.place for file in small.files] == ["articles/appunti.md"]
    assert small.skipped == [
        ("Appunti per il personale", "commenti lasciati fuori (1): l'articolo non è pubblicato")
    ]
    header = {entry.key: entry.value for entry in read_header(small.files[0].text)}
    assert "image" not in header and header["status"] == "draft"
    assert small.images == {}


def test_the_old_listing_pages_lead_home(settings):
    posts = "".join(
        f"<item><title>Articolo {n}</title><wp:post_id>{n}</wp:post_id>"
        f"<wp:post_date_gmt>2024-01-{n:02d} 09:00:00</wp:post_date_gmt>"
        f"<wp:post_name>articolo-{n}</wp:post_name><wp:status>publish</wp:status>"
        "<wp:post_type>post</wp:post_type></item>"
        for n in range(1, 26)
    )
    export = read_export(
        f'<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>{posts}</channel></rss>'.encode()
    )
    urls = new_addresses(settings)
    redirects = plan_import(export, lambda text: slug_for_title(text, settings), urls).redirects
    # WordPress shows ten posts a page: 25 posts made /page/2/ and /page/3/.
    assert [pair for pair in redirects if pair[0].startswith("/page/")] == [
        ("/page/2/", "/"),
        ("/page/3/", "/"),
    ]
    assert ("/2024/01/05/articolo-5/", "/articolo-5/") in redirects
