"""The tests' WordPress export (tests/wordpress/): its paths and every private value in it."""

from sitebuild import ROOT

EXPORT = ROOT / "tests" / "wordpress" / "esportazione.xml"
UPLOADS = ROOT / "tests" / "wordpress" / "uploads"
# Every commenter's and author's email and IP address in the test export: none may be imported.
PRIVATE = (
    "giorgio.edicola@posta-privata.it",
    "93.41.207.18",
    "sandra.in.attesa@posta-privata.it",
    "79.12.88.3",
    "promo@occhiali-scontati-spam.it",
    "185.220.101.47",
    "46.252.30.9",
    "151.38.12.240",
    "posta-bararena.it",
)
