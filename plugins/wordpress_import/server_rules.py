"""The old addresses a static host cannot redirect (`?p=123`, `/feed/`), as nginx and Apache
rules, and the list of the others that plugins/old_addresses turns into pages. Pure functions.

A static host serves /?p=123 as the home page: only the web server sees the query.
"""

import yaml

from .files import encoded_path

HEADER = "# Vecchi indirizzi di WordPress e i nuovi, scritto da invoke import-wordpress.\n"


def redirects_yaml(redirects):
    """content/redirects.yaml: «vecchio: nuovo», one old address a line."""
    body = yaml.safe_dump(dict(redirects), allow_unicode=True, sort_keys=False, width=200)
    return (
        HEADER + "# Ognuno diventa una pagina che porta al nuovo (plugins/old_addresses).\n" + body
    )


def nginx_rules(ids, feed):
    """nginx: a map of ?p= and ?page_id= to the new addresses, and /feed/ to the feed."""
    lines = [
        HEADER.rstrip("\n"),
        "# Nel blocco http { }:",
        "map $arg_p$arg_page_id $wordpress_old_id {",
        '    default "";',
    ]
    lines += [f"    {post_id} {encoded_path(new)};" for post_id, new in ids]
    lines += [
        "}",
        "# Nel blocco server { } del sito:",
        "location = / {",
        "    if ($wordpress_old_id) { return 301 $wordpress_old_id; }",
        "    try_files /index.html =404;",
        "}",
        f"location ~ ^/feed/?$ {{ return 301 {encoded_path(feed)}; }}",
    ]
    return "\n".join(lines) + "\n"


def apache_rules(ids, feed):
    """Apache (.htaccess or the VirtualHost): the same, with mod_rewrite."""
    lines = [HEADER.rstrip("\n"), "RewriteEngine On"]
    for post_id, new in ids:
        lines += [
            f"RewriteCond %{{QUERY_STRING}} (^|&)(p|page_id)={post_id}(&|$)",
            f"RewriteRule ^$ {encoded_path(new)}? [R=301,L]",
        ]
    lines.append(f"RewriteRule ^feed/?$ {encoded_path(feed)} [R=301,L]")
    return "\n".join(lines) + "\n"
