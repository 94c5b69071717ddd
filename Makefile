# The two commands of the README are `make demo` and `make test`; the rest are their parts.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# Parallel test workers: one per core.
WORKERS ?= auto

.PHONY: demo test install chromium migrate seed serve lint check-migrations pytest messages clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

## make demo: set up, migrate, seed the demo on SQLite and serve it at http://127.0.0.1:8000
demo: install migrate seed serve

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: install
	$(BIN)/python manage.py seed_demo

serve: install
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## make test: set up and run every check and test (ruff, migrations, pytest incl. browser tests)
test: install chromium lint check-migrations pytest

# The browser journeys drive Debian's chromium (Playwright's own browser download is not used).
CHROMIUM ?= /usr/bin/chromium
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "The browser tests need Debian's chromium at $(CHROMIUM)."; \
	    echo "Install it as root: sudo apt-get install -y chromium   (then run make test again)"; \
	    exit 1; \
	  fi; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-migrations: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

pytest: install chromium
	$(BIN)/pytest -n $(WORKERS) -q

## make messages: refresh and compile the French catalogue after changing interface text
messages: install
	$(BIN)/python manage.py makemessages -l fr --ignore=.venv --ignore=staticfiles --ignore=benchmarks
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

## make bench: the benchmark at scale (benchmarks/README.md): PostgreSQL, full scale, ~5 min
BENCH_ARGS ?= --database postgres --scale full
.PHONY: bench
bench: install
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

## make cluster-rush: the deadline rush on a cluster of network namespaces on this machine
## (two application hosts, PostgreSQL, a worker, S3, haproxy; benchmarks/README.md). Root.
CLUSTER_ARGS ?=
.PHONY: cluster-rush
cluster-rush: install
	@if [ "$$(id -u)" != "0" ]; then echo "make cluster-rush builds network namespaces: run it as root."; exit 1; fi
	@command -v haproxy >/dev/null 2>&1 || { \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy; }
	@test -x /usr/lib/postgresql/15/bin/postgres || { \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15; }
	@# moto's S3 server: the `cluster` extra of pyproject.toml
	@$(BIN)/python -c "import moto.server, flask" 2>/dev/null || \
	  $(BIN)/python -m pip install --quiet "moto[server]>=5,<6"
	$(BIN)/python -m benchmarks.cluster $(CLUSTER_ARGS)
