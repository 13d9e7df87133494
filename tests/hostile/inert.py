"""Whether a built site is inert: nothing in any output file can run, load or redirect.

Every HTML page, every attribute, the JSON-LD (parsed), the feeds (parsed, and the HTML inside
their entries), sitemap.xml (parsed as XML) and the digest emails (email.html, email.txt).
"""

import html
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import feedparser
from bs4 import BeautifulSoup
from search_site import is_search_script

ACTIVE_ELEMENTS = ("iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "srcset", "poster", "data", "cite")
BAD_SCHEME = re.compile(r"^\s*(javascript|data|vbscript)\s*:", re.IGNORECASE)
# What a provider's template engine would evaluate (Mailchimp, Brevo, Jinja, Liquid, Smarty…).
LIVE_TAG = re.compile(r"\{\{|\{%|\*\||\{\$|\[unsubscribe\]", re.IGNORECASE)


def html_problems(html, where, unsubscribe_tag=None):
    """What in one HTML document could run, load another page inside it, or redirect."""
    problems = []
    soup = BeautifulSoup(html, "lxml")
    for script in soup.find_all("script"):
        if is_search_script(where, script):
            continue
        if script.get("type") != "application/ld+json":
            problems.append(f"{where}: <script> {str(script)[:80]}")
            continue
        try:
            json.loads(script.string or "")
        except ValueError as error:
            problems.append(f"{where}: JSON-LD non valido ({error})")
        if "</" in (script.string or "").replace("<\\/", ""):
            problems.append(f"{where}: JSON-LD con «</» che chiuderebbe lo script")
    for element in soup.find_all(ACTIVE_ELEMENTS):
        problems.append(f"{where}: <{element.name}>")
    for meta in soup.find_all("meta"):
        if (meta.get("http-equiv") or "").lower() == "refresh":
            problems.append(f"{where}: meta refresh")
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            values = value if isinstance(value, list) else [value]
            if name.lower().startswith("on"):
                problems.append(f"{where}: {element.name}[{name}]")
            if name.lower() in URL_ATTRIBUTES or name.lower().endswith("href"):
                for item in values:
                    parts = item.split(",") if name == "srcset" else [item]
                    if any(BAD_SCHEME.match(part) for part in parts):
                        problems.append(f"{where}: {element.name}[{name}]={item[:60]}")
    if unsubscribe_tag is not None:
        problems += template_tag_problems(html, where, unsubscribe_tag)
    return problems


def template_tag_problems(text, where, unsubscribe_tag):
    """A live template tag, but for the one unsubscribe tag the site puts there itself."""
    rest = text.replace(unsubscribe_tag, "") if unsubscribe_tag else text
    return [f"{where}: tag di template vivo «{match[0]}»" for match in LIVE_TAG.finditer(rest)]


def feed_problems(data, where):
    problems = []
    parsed = feedparser.parse(data)
    if parsed.bozo:
        problems.append(f"{where}: il feed non si legge ({parsed.bozo_exception})")
    for entry in parsed.entries:
        for part in [entry.get("summary", ""), *(c.value for c in entry.get("content", []))]:
            problems += html_problems(part, f"{where} ({entry.get('title', '')[:30]})")
        if BAD_SCHEME.match(entry.get("link", "")):
            problems.append(f"{where}: link {entry.link[:60]}")
    return problems


def inert_problems(output, unsubscribe_tag):
    """Everything in the built folder `output` that is not inert, one line each."""
    output = Path(output)
    problems = []
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        where = path.relative_to(output).as_posix()
        data = path.read_bytes()
        if path.name == "email.txt":
            problems += template_tag_problems(data.decode(), where, unsubscribe_tag)
        elif path.suffix == ".html":
            tag = unsubscribe_tag if path.name == "email.html" else None
            problems += html_problems(data.decode(), where, tag)
        elif path.name == "sitemap.xml":
            try:
                ElementTree.fromstring(data)
            except ElementTree.ParseError as error:
                problems.append(f"{where}: non è XML ({error})")
        elif path.suffix == ".xml":
            problems += feed_problems(data, where)
            if where == "newsletter/feed.xml":  # what RSS-to-email campaigns paste into emails
                problems += template_tag_problems(html.unescape(data.decode()), where, "")
        elif path.suffix == ".svg" and re.search(rb"<script|\son\w+=", data, re.IGNORECASE):
            problems.append(f"{where}: SVG con codice")
    return problems
