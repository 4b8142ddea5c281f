# Interface du projet : make demo, make test, make quality, make fix, make bench.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: install install-dev demo run worker test quality fix bench navigateur clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Deux étapes : l'application seule (make demo démarre plus vite), puis les outils de test.
# OpenFisca-France (estimation de l'aide au logement, docs/adr/0009) s'installe sans résolution :
# ses exigences (gunicorn<22, pytest<9) ne servent qu'à son API web et à ses tests.
$(VENV)/.installe: $(BIN)/python pyproject.toml requirements-openfisca.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -r requirements-openfisca.txt
	touch $@

$(VENV)/.installe-dev: $(VENV)/.installe
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@

install: $(VENV)/.installe ## Crée .venv et installe les dépendances épinglées de l'application

install-dev: $(VENV)/.installe-dev ## Ajoute les outils de développement et de test épinglés

navigateur: ## Installe Chromium (Debian) pour les tests navigateur
	@bash scripts/installer-chromium.sh

demo: install ## Installe, migre, charge les données de démo, lance serveur et worker
	$(MANAGE) migrate --no-input
	IML_DEMO=1 $(BIN)/iml demo
	@echo "Serveur : http://127.0.0.1:$(PORT)/"
	$(MANAGE) db_worker & WORKER=$$!; trap "kill $$WORKER" EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

run: install ## Lance le serveur de développement
	$(MANAGE) runserver 127.0.0.1:$(PORT)

worker: install ## Lance le worker des tâches de fond
	$(MANAGE) db_worker

test: install-dev navigateur ## Lance toute la suite (SQLite, ou PostgreSQL si DATABASE_URL)
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

quality: install-dev ## Format, lint, typage strict de regles/, migrations, check --deploy
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.prod DJANGO_SECRET_KEY=verification-deploiement-$$(date +%s)-0123456789abcdefghijklmnopqrstuvwxyz \
	  DJANGO_ALLOWED_HOSTS=iml.example.gouv.fr $(MANAGE) check --deploy --fail-level WARNING

fix: install-dev ## Corrige le format et le lint
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install-dev ## Mesures de vitesse et de mémoire
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest benchmarks --benchmark-only -p no:xdist

clean:
	rm -rf $(VENV) var/*.sqlite3*
