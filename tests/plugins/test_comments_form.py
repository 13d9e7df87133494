"""comments with a comment server: the article's form, the page policy that lets it post, and the
adapter's checks of what a reader (or a bot) sends: fields, bot trap, time token."""

import pytest

from blog_core import BuildStopped
from comments.adapter import (
    Submission,
    isso_payload,
    issue_token,
    submission_from,
    token_problem,
)
from sitebuild import STRICT, build_site, write_article, write_privacy_page

SERVER = "https://commenti.bottega.example/commenti"
HOSTILE_TITLE = 'Vetrine "natalizie" & prezzi <sotto> i 10 €'
SECRET = b"k" * 32


def policy(soup):
    content = soup.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    return dict(part.strip().split(" ", 1) for part in content.split(";"))


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("comment-form")
    content = root / "content"
    write_privacy_page(content)
    write_article(
        content, "vetrine.md", title=HOSTILE_TITLE, date="2026-11-18 09:00", slug="vetrine"
    )
    write_article(content, "chiuso.md", title="Chiuso", date="2026-11-10 09:00", comments="no")
    settings = {"SITEURL": "https://bottega.example", "BUSINESS_EMAIL": "ciao@bottega.example"}
    with_server = build_site(root / "with", content, COMMENTS_SERVER_URL=SERVER + "/", **settings)
    without = build_site(root / "without", content, **settings)
    return with_server, without


def test_an_open_article_has_a_form_posting_to_the_servers_preview(sites):
    with_server, _ = sites
    soup = with_server.soup("/vetrine/")
    form = soup.select_one("section#commenti form.comment-form")
    assert form["method"] == "post"
    assert form["action"] == SERVER + "/anteprima"
    hidden = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    # The title is the reader-facing words, as text: the markup escaped, never live.
    # typogrify's curly quotes, as the page's title shows them.
    assert hidden == {
        "pagina": "/vetrine/",
        "titolo": "Vetrine “natalizie” & prezzi <sotto> i 10 €",
    }
    assert form.select_one("input[name=nome]").has_attr("required")
    assert form.select_one("textarea[name=testo]").has_attr("required")
    assert form.select_one("input[type=email]") is None, "the form never asks for an email"
    assert form.select_one(".form__note a")["href"] == "https://bottega.example/privacy/"
    trap = form.select_one(".form__trap input")
    assert trap["name"] == "promemoria" and trap["tabindex"] == "-1"
    pending = soup.select_one("#commento-in-attesa")
    assert "in attesa di approvazione" in pending.get_text()
    # Replying by email stays beside the form.
    assert soup.select_one("section#commenti a.comments__email")["href"].startswith("mailto:")


def test_a_closed_article_has_no_form(sites):
    with_server, _ = sites
    section = with_server.soup("/chiuso/").select_one("section#commenti")
    assert section.select_one("form") is None
    assert "chiusi" in section.get_text()


def test_the_policy_lets_forms_post_to_the_comment_host_only_when_there_is_one(sites):
    with_server, without = sites
    for url in ("/vetrine/", "/"):
        assert policy(with_server.soup(url))["form-action"] == (
            "'self' https://commenti.bottega.example"
        )
        assert policy(without.soup(url))["form-action"] == "'self'"
    assert without.soup("/vetrine/").select_one("form.comment-form") is None


def test_a_published_form_must_post_over_https(small_content, tmp_path):
    write_article(small_content, "saldi.md", title="I saldi")
    with pytest.raises(BuildStopped) as stopped:
        build_site(
            tmp_path / "out",
            small_content,
            **STRICT,
            COMMENTS_SERVER_URL="http://commenti.bottega.example",
        )
    assert "COMMENTS_SERVER_URL deve iniziare con https://" in str(stopped.value.code)


def form(**fields):
    values = {"pagina": "/vetrine/", "titolo": "Vetrine", "nome": "Marta", "testo": "Bella idea"}
    values.update(fields)
    return {name: [value] for name, value in values.items()}


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"nome": "  "}, "comment_problem_name"),
        ({"nome": "M" * 81}, "comment_problem_name_long"),
        ({"testo": "ok"}, "comment_problem_short"),
        ({"testo": "x" * 5001}, "comment_problem_long"),
        ({"sito": "javascript:alert(1)"}, "comment_problem_website"),
        ({"promemoria": "https://spam.example"}, "comment_problem_trap"),
        # The page the reader is sent back to is always a path of the site.
        ({"pagina": "https://evil.example/"}, "comment_problem_page"),
        ({"pagina": "//evil.example/"}, "comment_problem_page"),
        ({"pagina": "/x/\r\nLocation: https://evil.example"}, "comment_problem_page"),
        ({"pagina": "/\\evil.example"}, "comment_problem_page"),
    ],
)
def test_the_adapter_names_what_is_wrong_with_a_submission(fields, problem):
    assert submission_from(form(**fields)).problems == [problem]


def test_a_good_submission_goes_to_isso_without_anything_else():
    submission = submission_from(form(sito="https://marta.example", testo="  Bella idea\r\n"))
    assert submission.problems == []
    assert isso_payload(submission) == {
        "author": "Marta",
        "text": "Bella idea",
        "title": "Vetrine",
        "website": "https://marta.example",
    }


def test_the_time_token_holds_for_these_words_between_seconds_and_an_hour_after_the_preview():
    submission = Submission("/vetrine/", "Vetrine", "Marta", "", "Bella idea")
    token = issue_token(SECRET, submission, now=1000)

    def problem(at, token=token, submission=submission, secret=SECRET):
        return token_problem(secret, token, submission, at, min_seconds=3, max_seconds=3600)

    assert problem(1004) is None
    assert problem(1001) == "comment_problem_fast"
    assert problem(1000 + 3601) == "comment_problem_expired"
    changed = Submission("/vetrine/", "Vetrine", "Marta", "", "Compra qui: https://spam.example")
    assert problem(1004, submission=changed) == "comment_problem_changed"
    assert problem(1004, secret=b"another key") == "comment_problem_changed"
    # A token moved to another moment is forged: its signature no longer matches.
    assert problem(5000, token=token.replace("1000.", "4990.")) == "comment_problem_changed"
    assert problem(1004, token="") == "comment_problem_token"
    assert problem(1004, token="abc.def") == "comment_problem_token"
