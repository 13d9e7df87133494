"""Old addresses and the pages that lead from them to the new ones. Pure functions.

The list is a YAML mapping in content/ (`/2024/03/05/vecchio-articolo/: /nuovo-articolo/`),
written by `invoke import-wordpress` or by hand. Each old address becomes a small page that a
browser follows without any script (meta refresh), that search engines read as the new page's
copy (rel=canonical), and that a reader can follow by hand (a plain link); and a line of
`_redirects`, the file Netlify and Cloudflare Pages read for real 301 redirects.
"""

import html
import re
from urllib.parse import quote

import yaml

from blog_core.fields import Problem

# Marks a page as this plugin's, so the next build replaces it instead of naming it.
GENERATOR = '<meta name="generator" content="old_addresses">'
# Nothing to load: the page is text and a link (a meta refresh is not a fetch CSP governs).
POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'"
# An old address is a path of plain segments: no `..`, no backslash, no quote or bracket, so
# the page it becomes stays inside the site and its name needs no escaping.
# What stays as it is in an address a host receives; accented letters are percent-encoded.
SAFE = "/-._~!$&()*+,;=:@%"
UNSAFE = re.compile(r"[\x00-\x20\x7f\\\"'<>`?#]")


def address_problem(path):
    """Why `path` cannot be an address of the site, or None."""
    if not isinstance(path, str) or not path.startswith("/"):
        return (
            f"«{path}» non è un indirizzo del sito: scrivilo da «/», per esempio "
            "/2024/03/articolo/."
        )
    parts = path.strip("/").split("/")
    if UNSAFE.search(path) or any(part in (".", "..") for part in parts) or "//" in path:
        return (
            f"«{path}» contiene caratteri che un indirizzo non può avere (spazi, .., virgolette)."
        )
    return None


def read_redirects(text):
    """([(old, new)], problems) of a redirects file: a YAML mapping of old address to new."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [], [Problem(mark.line + 1 if mark else 1, "il file non è YAML valido.")]
    if root is None:
        return [], []
    if not isinstance(root, yaml.MappingNode):
        return [], [Problem(1, "il file deve essere un elenco «vecchio indirizzo: nuovo».")]
    pairs, problems, seen = [], [], set()
    for key, value in root.value:
        line = key.start_mark.line + 1
        if not isinstance(key, yaml.ScalarNode) or not isinstance(value, yaml.ScalarNode):
            problems.append(Problem(line, "ogni riga è «vecchio indirizzo: nuovo indirizzo»."))
            continue
        old, new = str(key.value), str(value.value)
        problem = address_problem(old) or address_problem(new.split("#")[0])
        if problem:
            problems.append(Problem(line, problem))
        elif old in seen:
            problems.append(Problem(line, f"«{old}» compare due volte: tienine una."))
        else:
            seen.add(old)
            pairs.append((old, new))
    return pairs, problems


def output_place(old):
    """Where the page for `old` is written in the output: <old>/index.html (or <old> itself
    when it names a file, `/feed.xml`)."""
    relative = old.strip("/")
    if old.endswith("/") or "." not in relative.rsplit("/", 1)[-1]:
        return f"{relative}/index.html" if relative else "index.html"
    return relative


def redirect_page(target, words):
    """The page that leads to `target` (an absolute or root-relative address)."""
    address = html.escape(target, quote=True)
    return (
        "<!doctype html>\n"
        '<html lang="it">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        f"{GENERATOR}\n"
        f"<title>{html.escape(words['title'])}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={address}">\n'
        f'<link rel="canonical" href="{address}">\n'
        '<meta name="robots" content="noindex">\n'
        "</head>\n<body>\n"
        f'<p>{html.escape(words["text"])} <a href="{address}">{address}</a></p>\n'
        "</body>\n</html>\n"
    )


def is_redirect_page(text):
    """Whether `text` is a page redirect_page() wrote."""
    return GENERATOR in text


def redirects_file(pairs, siteurl=""):
    """The `_redirects` lines: one 301 per old address, as a host receives it (encoded)."""
    return "".join(
        f"{quote(old, safe=SAFE)} {siteurl}{quote(new, safe=SAFE + '#')} 301\n"
        for old, new in pairs
    )
