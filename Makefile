# Thin bootstrap: create .venv from the pinned files, then hand over to the invoke tasks in tasks.py.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-installed
PUBLISH_STAMP := $(VENV)/.publish-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: serve build check publish test clean

serve: $(SITE_STAMP)
	$(BIN)/invoke livereload

build: $(SITE_STAMP)
	$(BIN)/invoke build

# Checking and publishing need the feed parser and the pinned Nu Html Checker (on Java).
check: $(PUBLISH_STAMP)
	$(BIN)/invoke check

publish: $(PUBLISH_STAMP)
	$(BIN)/invoke publish

test: $(DEV_STAMP)
	$(BIN)/invoke test

clean:
	rm -rf output anteprima .cache $(VENV)

# Reinstall whenever a pinned file changes.
$(SITE_STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Serve Python 3.11 o successivo (trovato: $$($(PYTHON) --version))."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(PUBLISH_STAMP): requirements-publish.txt plugins/blog_core/validator.py $(SITE_STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-publish.txt
	$(BIN)/invoke install-validator
	touch $@

$(DEV_STAMP): requirements-dev.txt requirements-comments.txt $(PUBLISH_STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@
