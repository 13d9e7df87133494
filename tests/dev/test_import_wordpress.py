"""`invoke import-wordpress` on a realistic export, in a copy of the project: what it writes,
what it reports, running it twice, --dry-run, and the imported site built and checked."""

import functools
import os
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from bs4 import BeautifulSoup
from publishable import write_publishable_site

from blog_core import BuildStopped
from sitebuild import STRICT, build_site, copy_project, file_hashes, run_module
from wordpress_export import EXPORT, PRIVATE, UPLOADS

# What the report says is to fix in the test export: the rest of the site must build clean.
MISSING_IMAGE = "content/wp-content/uploads/2019/06/vecchio-bancone.jpg"
# A site that is ready to go live but for what the import left: valid business details.
LIVE = {
    **STRICT,
    "GO_LIVE_CHECKS_ENABLED": True,
    "DEMO_SITE": False,
    "BUSINESS_NAME": "Bar Arena di Elena Vantini",
    "BUSINESS_VAT_NUMBER": "01234567897",
    "BUSINESS_ADDRESS": "Piazza Bra 1, 37121 Verona",
    "BUSINESS_EMAIL": "info@bararena-verona.it",
    "NEWSLETTER_ACTION_URL": "https://newsletter.bararena-verona.it/iscrizione",
}


def new_project(root):
    content = write_publishable_site(root / "content")
    return copy_project(root / "project", content=content)


def import_wordpress(project, *args):
    env = {key: value for key, value in os.environ.items() if key != "SITEURL"}
    return subprocess.run(
        [sys.executable, "-m", "invoke", "import-wordpress", str(EXPORT), *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    project = new_project(tmp_path_factory.mktemp("wordpress"))
    result = import_wordpress(project, "--uploads", str(UPLOADS))
    return project, result


def test_the_import_writes_articles_pages_bios_comments_and_images(imported):
    project, result = imported
    assert result.returncode == 0, result.stderr
    content = project / "content"
    for place in (
        "articles/perche-il-caffe-del-mattino.md",
        "articles/orari-di-apertura.md",
        "articles/le-offerte-di-natale-da-finire.md",
        "articles/menu-di-primavera.md",
        "articles/turni-di-dicembre.md",
        "pages/la-nostra-storia.md",
        "authors/elena-vantini.md",
        "authors/tommaso-righetti.md",
        "comments/perche-il-caffe-del-mattino.yaml",
        # Images at their old addresses, the originals of the resized variants.
        "wp-content/uploads/2024/03/copertina-caffe.jpg",
        "wp-content/uploads/2024/03/banco-mattino.jpg",
        "wp-content/uploads/2023/11/lavagna-orari.jpg",
        "wp-content/uploads/2023/11/dehors-estate.jpg",
    ):
        assert (content / place).is_file(), place
    assert not list(content.rglob("*1024x683*"))
    assert (content / "wp-content/uploads/2024/03/banco-mattino.jpg").read_bytes() == (
        UPLOADS / "2024/03/banco-mattino.jpg"
    ).read_bytes()


def test_the_report_is_italian_and_names_what_to_fix_with_file_and_line(imported):
    project, result = imported
    report = result.stdout
    assert "Traceback" not in report + result.stderr
    assert (
        "Importati: 6 articoli, 1 file di commenti, 1 pagina, 2 schede autore, 1 elenco dei "
        "vecchi indirizzi, 2 file di regole per il server, 4 immagini."
    ) in report
    assert "Dal file ho tolto 1 carattere di controllo" in report
    assert "1 spam, 1 in attesa di approvazione, 1 pingback o trackback" in report
    orari = (project / "content/articles/orari-di-apertura.md").read_text(encoding="utf-8")
    line = next(
        number
        for number, text in enumerate(orari.splitlines(), 1)
        if text.startswith("Grazie a tutti")
    )
    assert f"content/articles/orari-di-apertura.md:{line}: lo shortcode [contact-form-7]" in report
    assert f"{MISSING_IMAGE}: l'immagine manca nella cartella degli upload" in report
    assert "content/authors/elena-vantini.md:3: scrivi la biografia" in report
    assert report.rstrip().endswith(
        "Prossimo passo: .venv/bin/invoke check (controlla il sito importato come prima di "
        "pubblicarlo)."
    )


def test_no_email_or_ip_reaches_any_written_file_or_the_report(imported, tmp_path):
    project, result = imported
    written = [path for path in (project / "content").rglob("*") if path.is_file()]
    texts = [path.read_bytes().decode("utf-8", errors="replace") for path in written]
    site = build_site(tmp_path / "output", project / "content")
    texts += [
        path.read_bytes().decode("utf-8", errors="replace")
        for path in site.output.rglob("*")
        if path.is_file()
    ]
    texts.append(result.stdout + result.stderr)
    for private in PRIVATE:
        assert not any(private in text for text in texts), private


def test_running_it_again_duplicates_nothing_and_overwrites_nothing(tmp_path):
    project = new_project(tmp_path)
    assert import_wordpress(project, "--uploads", str(UPLOADS)).returncode == 0
    article = project / "content/articles/orari-di-apertura.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nUna riga mia.\n", "utf-8")
    before = file_hashes(project / "content")
    again = import_wordpress(project, "--uploads", str(UPLOADS))
    assert again.returncode == 0, again.stderr
    assert file_hashes(project / "content") == before
    assert "Importati: nessun file nuovo." in again.stdout
    assert "nessun doppione" in again.stdout
    assert (
        "content/articles/orari-di-apertura.md: esiste già ed è diverso: non l'ho sostituito "
        "(--force lo fa)"
    ) in again.stdout
    forced = import_wordpress(project, "--uploads", str(UPLOADS), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "Una riga mia." not in article.read_text(encoding="utf-8")
    assert "Importati: 1 articolo." in forced.stdout


def test_a_dry_run_writes_nothing_and_prints_the_report(tmp_path):
    project = new_project(tmp_path)
    before = file_hashes(project)
    result = import_wordpress(project, "--uploads", str(UPLOADS), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert file_hashes(project) == before
    assert "Prova (--dry-run): non ho scritto nessun file" in result.stdout
    assert "Da importare: 6 articoli" in result.stdout


def test_an_uploads_folder_that_does_not_exist_is_named(tmp_path):
    project = new_project(tmp_path)
    before = file_hashes(project)
    result = import_wordpress(project, "--uploads", str(tmp_path / "uploads"))
    assert result.returncode == 1
    assert f"La cartella {tmp_path / 'uploads'} non esiste" in result.stderr
    assert file_hashes(project) == before


def test_a_file_that_is_not_an_export_is_named_without_a_traceback(tmp_path):
    project = new_project(tmp_path)
    broken = tmp_path / "rotto.xml"
    broken.write_text("<rss><channel>\n<item>\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "import-wordpress", str(broken)],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{broken}: alla riga 3 il file non è XML valido" in result.stderr


def test_the_imported_site_builds_and_only_the_reported_items_stop_going_live(imported, tmp_path):
    project, _ = imported
    content = project / "content"
    # The reported missing image is the one thing the strict build stops on.
    with pytest.raises(BuildStopped):
        build_site(tmp_path / "strict", content, **STRICT)
    # Once the owner puts it back, the site builds strictly; going live still needs the bios.
    missing = project / MISSING_IMAGE
    missing.parent.mkdir(parents=True)
    missing.write_bytes((UPLOADS / "2024/03/banco-mattino.jpg").read_bytes())
    try:
        site = build_site(tmp_path / "output", content, **STRICT)
        with pytest.raises(BuildStopped) as stop:
            build_site(tmp_path / "live", content, **LIVE)
    finally:
        missing.unlink()
    errors = sorted(
        record.getMessage() for record in stop.value.log_records if record.levelname == "ERROR"
    )
    assert [error.split(": ", 1)[0] for error in errors] == [
        f"{content}/authors/elena-vantini.md:3",
        f"{content}/authors/tommaso-righetti.md:3",
    ]
    assert "scrivi al suo posto due o tre frasi su chi è l’autore" in errors[0]
    article = site.soup("perche-il-caffe-del-mattino/index.html")
    assert article.find("h1").get_text(strip=True).startswith("Perché il caffè del mattino")
    assert article.select_one(".embed-card a[href='https://www.youtube.com/watch?v=M7lc1UVf-VE']")
    assert article.find("a", href="/orari-di-apertura/")
    assert article.find(
        "img", alt="Il banco del bar alle sette e mezza, con le tazzine in fila sulla macchina"
    )
    comments = [c.get_text(" ", strip=True) for c in article.select(".comment")]
    assert any("Giorgio, edicola di via Mazzini" in text for text in comments)
    assert not any("Occhiali" in text or "Sandra" in text for text in comments)
    assert not (site.output / "turni-di-dicembre").exists()
    assert (site.output / "wp-content/uploads/2024/03/copertina-caffe.jpg").is_file()
    assert "Elena Vantini" in site.soup("autori/elena-vantini/index.html").get_text()


def served(folder):
    """A real HTTP server for the built `folder` on 127.0.0.1, in a thread."""
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def follow(base, path):
    """(the final page's address, its soup): the redirect pages' meta refresh followed."""
    address = base + path
    for _ in range(3):
        with urllib.request.urlopen(address, timeout=10) as response:
            assert response.status == 200
            body = response.read().decode("utf-8")
        soup = BeautifulSoup(body, "html.parser") if "<html" in body[:200] else None
        refresh = soup and soup.find("meta", attrs={"http-equiv": "refresh"})
        if not refresh:
            return address, soup, body
        address = urllib.parse.urljoin(address, refresh["content"].split("url=", 1)[1])
    raise AssertionError(f"{path}: too many redirects")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/2024/03/05/perch%C3%A9-il-caff%C3%A8-del-mattino/", "/perche-il-caffe-del-mattino/"),
        ("/2024/03/perch%c3%a9-il-caff%c3%a8-del-mattino/", "/perche-il-caffe-del-mattino/"),
        ("/2023/11/20/orari-di-apertura/", "/orari-di-apertura/"),
        ("/category/social/", "/tag/social-e-clienti/"),
        ("/author/tommaso/", "/autori/tommaso-righetti/"),
        ("/feed/", "/feed/atom.xml"),
    ],
)
def test_old_addresses_lead_to_the_new_ones_over_http(imported_site, old, new):
    base = imported_site
    address, _, body = follow(base, old)
    assert address == base + new
    assert body.strip()


@pytest.fixture(scope="module")
def imported_site(imported, tmp_path_factory):
    project, _ = imported
    site = build_site(tmp_path_factory.mktemp("served") / "output", project / "content")
    server = served(site.output)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_server_rules_name_every_published_post_by_its_old_id(imported):
    project, _ = imported
    nginx = (project / "wordpress-nginx.conf").read_text(encoding="utf-8")
    apache = (project / "wordpress-apache.conf").read_text(encoding="utf-8")
    assert "    101 /perche-il-caffe-del-mattino/;" in nginx
    assert "    110 /la-nostra-storia/;" in nginx
    assert "    105 " not in nginx  # a private post has no public address
    assert "location ~ ^/feed/?$ { return 301 /feed/atom.xml; }" in nginx
    assert "RewriteCond %{QUERY_STRING} (^|&)(p|page_id)=102(&|$)" in apache
    assert "RewriteRule ^$ /orari-di-apertura/? [R=301,L]" in apache


def test_invoke_check_finds_only_what_the_import_reported(imported):
    project, result = imported
    checked = run_module("invoke", "check", cwd=project)
    assert checked.returncode == 1, checked.stdout[-2000:]
    said = checked.stdout + checked.stderr
    problems = [
        line.strip().split(": ", 1)[0]
        for line in said.split("Pubblicazione fermata", 1)[1].splitlines()
        if line.startswith("  content/")
    ]
    assert problems, said[-2000:]
    # Each one names a file and line the import's report already told the author to fix.
    for problem in problems:
        place = problem.rsplit(":", 1)[0]
        assert place in result.stdout, problem
    assert MISSING_IMAGE.split("/")[-1] in said
