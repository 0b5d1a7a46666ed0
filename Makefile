# Two commands: `make site` (set up, extract, render, build site/) and `make test` (set up, run every test).
# Both are idempotent: the venv is rebuilt only when requirements.lock or pyproject.toml change, and only
# articles whose text changed are parsed again.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: site test test-fast serve bench clean golden evaluate screenshots

site: $(STAMP)
	$(PY) -m generator build --strict

test: $(STAMP)
	$(PY) -m pytest -q

# The rule and rendering tests alone (half a minute): no spaCy model (hidden from them), no site build, no browser.
test-fast: $(STAMP)
	PYTHONPATH=tests/no_model $(PY) -m pytest -q -m "not slow"

serve: $(STAMP)
	$(VENV)/bin/mkdocs serve

# Ratios against a floor measured in the same run, on a generated 1,000-article story (a few minutes; not a test).
bench: $(STAMP)
	$(PY) bench/run.py

evaluate: $(STAMP)
	$(PY) -m generator evaluate --gold tests/gold

# PNGs of the home, story, actors, timeline and a source page, desktop (1280 px) and phone (390 px), light and
# dark, in screenshots/ (kept out of git). Uses Debian's Chromium, installed with apt-get when missing and root.
screenshots: site
	$(PY) tools/screenshots.py --site site --out screenshots

# Refresh the golden Markdown pages after an intended rendering change; review the diff before committing.
golden: $(STAMP)
	UPDATE_GOLDEN=1 $(PY) -m pytest -q tests/test_render.py

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

clean:
	rm -rf site .explainer-cache $(VENV)
