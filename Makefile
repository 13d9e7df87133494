# Thin bootstrap: create .venv from the pinned files, then hand over to the invoke tasks in tasks.py.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: serve build publish test clean

serve: $(SITE_STAMP)
	$(BIN)/invoke livereload

build: $(SITE_STAMP)
	$(BIN)/invoke build

# Publishing checks the built site with the test tools (HTML validator, feed parser).
publish: $(DEV_STAMP)
	$(BIN)/invoke publish

test: $(DEV_STAMP)
	$(BIN)/invoke test

clean:
	rm -rf output $(VENV)

# Reinstall whenever a pinned file changes.
$(SITE_STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Serve Python 3.11 o successivo (trovato: $$($(PYTHON) --version))."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DEV_STAMP): requirements-dev.txt $(SITE_STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@
