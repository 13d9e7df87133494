"""Reading a WordPress export (WXR) and turning its posts into this site's content files.

Not a Pelican plugin: it has no register() and is not in PLUGINS. `invoke import-wordpress`
(tasks.py) is its glue; everything here is a pure function over text and data objects.

- wxr: the export's posts, pages, attachments, authors, terms and comments (never an email or
  an IP address: they are dropped while reading);
- convert: a post's HTML as Markdown, with WordPress's blocks, shortcodes and embeds;
- files: the content files, comment data and old addresses the import writes;
- server_rules: content/redirects.yaml and the nginx and Apache rules for `?p=123` and /feed/;
- report: what the import did, in Italian, with `file:line` of what to fix.
"""

from .convert import Conversion, convert_post, original_image
from .wxr import Export, read_export

__all__ = ["Conversion", "Export", "convert_post", "original_image", "read_export"]
