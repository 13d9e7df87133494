"""Publish settings: the development settings plus the public address and where to upload."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

# --- Il tuo sito: `invoke setup` riscrive le righe fino a «fine» (README, "Fai tuo il sito") ---
# The address readers use; CI or a host may override it without editing this file.
SITEURL = os.environ.get("SITEURL", "https://www.bottegadigitale.example").rstrip("/")
# The sample is the project's demo: it may go live, and every page says it is a demo. Without
# this line the go-live checks refuse what is still the sample's (placeholders, .example
# addresses, the sample's articles and authors, missing business details). `invoke setup`
# removes it.
DEMO_SITE = True
# The signup form must post somewhere real, over https: without a provider publishing stops.
# EXAMPLE values on a reserved .example address, so nobody's address ever leaves the sample
# site: put your own provider here (README, "Newsletter").
NEWSLETTER_PROVIDER = "generic"
NEWSLETTER_ACTION_URL = "https://newsletter.bottegadigitale.example/iscrizione"
NEWSLETTER_FIELDS = {"email": "email", "consent": "consenso", "honeypot": "sito_web"}
NEWSLETTER_UNSUBSCRIBE_TAG = "{{ unsubscribe_url }}"
# --- fine ---
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
# Never the preview's folder (anteprima/), which the dev server may be showing.
OUTPUT_PATH = "output"
DELETE_OUTPUT_DIRECTORY = True
# What readers get must be complete: every mistake in content/ (a header, a link, an image,
# a bio, a Related slug) is an error, all are listed, then the build stops.
BUILD_PROBLEMS_STRICT = True
# Drafts and scheduled articles are previewed only locally (draft_preview refuses here anyway).
DRAFT_PREVIEW = False
# ... and it must be the owner's: no sample left, no placeholders, the business details given.
GO_LIVE_CHECKS_ENABLED = True

# Where `invoke publish --upload` mirrors output/ with rsync, for a host other than GitHub Pages,
# e.g. "blog@server.example:/var/www/blog/"; empty: no upload. The environment may override it.
PUBLISH_RSYNC_TARGET = os.environ.get("PUBLISH_RSYNC_TARGET", "").strip()

# Readers' comments: by email on any host; with a comment server of your own (Isso behind
# plugins/comments/adapter.py, README "With a comment server") also through a form on each
# article. Its address, and Isso's for `invoke comments-sync`:
# COMMENTS_SERVER_URL = "https://www.example.it/commenti"
# COMMENTS_ISSO_URL = "https://www.example.it/isso"
