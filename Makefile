# Two commands: `make run` serves the site, `make test` runs every test.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
STAMP := $(VENV)/.installed

.PHONY: run test install setup lint format bench clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

setup: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_seed
	$(PY) manage.py load_sample_content
	$(PY) manage.py search_index update
	$(PY) manage.py ensure_admin
	$(PY) manage.py collectstatic --noinput --verbosity 0

# The task worker (e-mail, text extraction, search indexes, imports) runs beside the server;
# Ctrl-C stops both (the trap also stops the worker if the server exits by itself).
run: setup
	@echo "Portal: http://$(HOST):$(PORT)/   panel redakcji: http://$(HOST):$(PORT)/admin/"
	@$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(PY) manage.py runserver --noreload $(HOST):$(PORT)

test: install
	@mkdir -p var
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit -q -r site search bench -x '*/migrations/*' --severity-level high

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install
	@for script in bench/[!_]*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) var/static
