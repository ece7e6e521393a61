# Shimbun: the two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
BENCH_ARGS ?=

.PHONY: demo dev test install browser lint format check bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Shimbun needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed

# The demo runs as production does (DEBUG off: the site's own error pages,
# compressed static files) but over plain HTTP on this machine. Its secret key
# is made once and kept inside the virtualenv. With no mail server assumed,
# notification e-mail is printed by the worker unless EMAIL_BACKEND says otherwise.
DEMO_MAIL = EMAIL_BACKEND=$${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}
DEMO_ENV = DEBUG=0 SERVE_MEDIA=1 SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 \
	SECURE_HSTS_SECONDS=0 SECRET_KEY="$$(cat $(VENV)/demo-secret-key)" \
	SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(DEMO_MAIL)

# The background worker (renditions of new uploads) runs beside the server
# and is stopped by its PID when the server stops.
WITH_WORKER = $(BIN)/python manage.py db_worker --no-reload & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT; trap 'exit 130' INT TERM;

$(VENV)/demo-secret-key: | $(BIN)/python
	@$(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

## Set everything up and serve the demo newsroom on http://$(HOST):$(PORT)/
demo: install $(VENV)/demo-secret-key
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@$(DEMO_ENV) $(BIN)/python manage.py collectstatic --noinput -v 0
	@echo ""
	@echo "  Shimbun demo: http://$(HOST):$(PORT)/"
	@echo "  Admin:        http://$(HOST):$(PORT)/admin/  (log in with a demo login above)"
	@echo "  (make dev serves the same site with DEBUG on, for development)"
	@echo ""
	$(DEMO_ENV) $(WITH_WORKER) $(DEMO_ENV) $(BIN)/python manage.py runserver --noreload $(HOST):$(PORT)

## The same site for development: DEBUG on (Django's debug pages), auto-reload
dev: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(DEMO_MAIL) $(WITH_WORKER) \
	SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(DEMO_MAIL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

## Run the whole test suite (browser tests run when Chromium is installed)
test: install
	$(BIN)/python -m pytest -n auto --dist worksteal $(PYTEST_ARGS)

## Debian's Chromium for the browser tests (apt-get; run as root or with sudo)
browser:
	@if [ -x /usr/bin/chromium ]; then /usr/bin/chromium --version; else \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation && \
	  /usr/bin/chromium --version; fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

## Time the public pages at 100x the demo, on a throwaway database (scripts/benchmark.py)
bench: install
	$(BIN)/python scripts/benchmark.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
