"""The go-live checks' pure functions: what still says "sample" in a text or a setting."""

from go_live_checks.checks import (
    placeholders,
    provider_host,
    reserved_hosts,
    template_notices,
    vat_number_problem,
)


def test_placeholders_are_capitals_in_brackets_not_links_or_footnotes():
    text = (
        "Il titolare è [RAGIONE SOCIALE DEL TITOLARE], con sede in [INDIRIZZO].\n"
        "Un [link](https://www.sito.it) e una nota[^1] e [Contatti]({filename}/pages/c.md).\n"
        "[SE NOMINATO, INDICARE QUI IL DPO; ALTRIMENTI ELIMINARE QUESTO PARAGRAFO.]\n"
        "Un acronimo tra parentesi [PMI](https://www.sito.it/pmi) resta un link.\n"
    )
    assert placeholders(text) == [
        (1, "[RAGIONE SOCIALE DEL TITOLARE]"),
        (1, "[INDIRIZZO]"),
        (3, "[SE NOMINATO, INDICARE QUI IL DPO; ALTRIMENTI ELIMINARE QUESTO PARAGRAFO.]"),
    ]


def test_the_template_notice_is_found_by_its_words():
    assert template_notices("Titolo\n\n> **Modello da adattare.** Questo testo…\n") == [3]
    assert template_notices("Un testo finito.\n") == []


def test_reserved_hosts_in_links_and_email_addresses_but_not_real_ones():
    text = (
        "Scrivi a [redazione@example.com](mailto:redazione@example.com).\n"
        "Il sito https://www.bottega.example/ e https://servizio.test/x\n"
        "Il vero https://www.example-ferramenta.it e info@exampleshop.com restano.\n"
    )
    assert reserved_hosts(text) == [
        (1, "example.com"),
        (1, "example.com"),
        (2, "www.bottega.example"),
        (2, "servizio.test"),
    ]


def test_a_partita_iva_has_eleven_digits_and_a_right_check_digit():
    assert vat_number_problem("01234567897") is None
    assert vat_number_problem("IT 01234567897") is None
    assert "l’ultima cifra di controllo" in vat_number_problem("01234567890")
    assert "l’ultima cifra di controllo" in vat_number_problem("00000000000")
    assert "sono 11 cifre" in vat_number_problem("1234")


def test_a_provider_on_a_reserved_host_is_named():
    assert provider_host("https://newsletter.bottega.example/iscrizione") == (
        "newsletter.bottega.example"
    )
    assert provider_host("https://bottega.us21.list-manage.com/subscribe/post") is None
    assert provider_host(None) is None
