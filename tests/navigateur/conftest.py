"""Tests navigateur : Playwright (API synchrone) pilote le Chromium de Debian (/usr/bin/chromium).

`make test` installe Chromium s'il manque (scripts/installer-chromium.sh) ; `playwright install`
n'est jamais utilisé (aucun téléchargement). Voir docs/tests-navigateur.md.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

# L'API synchrone de Playwright fait tourner une boucle asyncio dans le fil des tests : sans ce
# réglage, l'ORM (appelé par les fixtures pendant que le navigateur est ouvert) lève
# SynchronousOnlyOperation.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("IML_CHROMIUM", "/usr/bin/chromium"))
#: Sans les options « background-networking », Chromium attend le réseau fermé et se bloque.
OPTIONS_CHROMIUM = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Exposé dans la page avant tout script : une violation CSP devient une erreur de console.
SCRIPT_CSP = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(
    `Violation CSP : ${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`
  );
});
"""


@pytest.fixture(scope="session")
def navigateur():
    """Un Chromium par processus de test (chaque worker xdist a le sien)."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium est introuvable ({CHROMIUM}) : les tests navigateur en ont besoin. "
            "Installez-le avec « make navigateur » (scripts/installer-chromium.sh, "
            "paquet Debian chromium) ; `playwright install` ne sert pas ici.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=OPTIONS_CHROMIUM)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def _connexions_fermees_apres_chaque_requete(django_db_setup):
    """Chromium garde ses connexions HTTP ouvertes (keep-alive) : chaque fil du live_server
    garderait alors sa connexion à la base (CONN_MAX_AGE) et PostgreSQL refuserait de supprimer
    la base de test à la fin. Pendant les tests navigateur, chaque requête ferme la sienne."""
    from django.db import connections

    anciens = {alias: connections.settings[alias].get("CONN_MAX_AGE") for alias in connections}
    for alias in connections:
        connections.settings[alias]["CONN_MAX_AGE"] = 0
    yield
    for alias, age in anciens.items():
        connections.settings[alias]["CONN_MAX_AGE"] = age


@pytest.fixture(scope="session")
def contexte_navigateur(navigateur, live_server, _connexions_fermees_apres_chaque_requete):
    """Contexte partagé par les tests d'un processus : son cache HTTP garde les fichiers du DSFR
    d'un test à l'autre. Les cookies (donc la session Django) sont vidés avant chaque test."""
    contexte = navigateur.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    contexte.set_default_timeout(10_000)
    contexte.add_init_script(SCRIPT_CSP)
    yield contexte
    contexte.close()


@pytest.fixture
def erreurs_console():
    """Erreurs de console, exceptions JavaScript et violations CSP de la page du test."""
    return []


@pytest.fixture
def page(contexte_navigateur, erreurs_console):
    """Une page neuve, sans cookie, sur le serveur de test (live_server).

    À la fin du test, toute erreur de console (dont les violations CSP et les ressources
    introuvables) ou exception JavaScript fait échouer le test.
    """
    contexte_navigateur.clear_cookies()
    page = contexte_navigateur.new_page()
    page.on(
        "console",
        lambda m: (
            erreurs_console.append(f"{m.type} {page.url} : {m.text}") if m.type == "error" else None
        ),
    )
    page.on("pageerror", lambda e: erreurs_console.append(f"exception {page.url} : {e}"))
    yield page
    if not page.is_closed():
        page.wait_for_load_state("load")  # les ressources encore en route peuvent échouer
        page.close()
    if erreurs_console:
        pytest.fail("Erreurs dans la console du navigateur :\n" + "\n".join(erreurs_console))


@pytest.fixture
def demo(transactional_db, django_db_serialized_rollback):
    """La distribution de démonstration (comme la fixture `distribution` de tests/conftest.py).

    live_server impose une base transactionnelle, vidée après chaque test : le « serialized
    rollback » de Django y remet au début de chaque test ce que les migrations y avaient mis
    (territoires, barèmes…).
    """
    from iml.comptes.demo import PERSONAS, charger_comptes
    from iml.comptes.models import Territoire, Utilisateur
    from iml.comptes.territoires import charger_territoires

    # Quand un test transactionnel sans live_server a précédé dans le même processus, le
    # « serialized rollback » ne remet pas les territoires (base SQLite en mémoire partagée avec
    # le fil du live_server) : on les recharge, comme la migration 0002 (idempotent).
    if not Territoire.objects.exists():
        charger_territoires(Territoire)
    organisations = charger_comptes()
    personas = {
        p.email.split("@")[0].split(".")[0]: Utilisateur.objects.get(email=p.email)
        for p in PERSONAS
    }
    return SimpleNamespace(org=SimpleNamespace(**organisations), **personas)
