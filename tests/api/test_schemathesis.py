"""L'API passée au crible par schemathesis (issue 8, point 2) : des requêtes tirées du document
OpenAPI, valides et invalides, au nom d'un opérateur (direction) et de l'État (DDETS).

Aucune réponse 5xx ; chaque statut rendu est documenté ; chaque réponse suit son schéma.
Exemples bornés et tirage déterministe (`derandomize`) : aucun aléa d'une exécution à l'autre.
L'application est appelée en WSGI, dans le processus : aucun réseau.

Le greffon pytest de schemathesis ne suit pas pytest 9 (`Function._nodeid`) : les stratégies
de chaque opération sont tirées ici avec hypothesis.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from iml.api import dossiers as vues_dossiers
from tests.api.matrice_api import parc
from tests.api.outils import jeton, le, monde

pytestmark = pytest.mark.django_db

VERIFICATIONS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXEMPLES = 20
MODES = [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]


@pytest.fixture(scope="module")
def connexions_gardees():
    """L'application est appelée en WSGI : à la fin de chaque requête, Django ferme les
    connexions « périmées », dont celle de la transaction du test sur PostgreSQL (« the
    connection is closed »). Le client de test de Django retire ces signaux ; on fait de même."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def operations(django_db_blocker, connexions_gardees):
    with django_db_blocker.unblock():
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    return {
        f"{o.method.upper()} {o.path}": o for o in (r.ok() for r in schema.get_all_operations())
    }


@pytest.fixture
def monde_ouvert(distribution, monkeypatch):
    """Le 20/02/2019 : l'appel d'Ille-et-Vilaine est ouvert aux dépôts."""
    monkeypatch.setattr(vues_dossiers, "maintenant", lambda: le("2019-02-20"))
    return monde(distribution)


OPERATIONS = [
    "GET /api/appels",
    "GET /api/appels/{id}",
    "GET /api/dossiers",
    "GET /api/dossiers/{id}",
    "POST /api/appels/{id}/dossiers",
    "GET /api/parc/logements",
    "GET /api/parc/logements/{id}",
    "POST /api/parc/logements",
    "PATCH /api/parc/logements/{id}",
    "GET /api/parc/bailleurs",
    "GET /api/pilotage/tableau-de-bord",
    "GET /api/pilotage/tableaux/{nom}",
    "GET /api/pilotage/montee-en-charge",
    "GET /api/pilotage/statistiques",
]


def test_le_document_openapi_a_ses_quatorze_operations(operations):
    assert set(operations) == set(OPERATIONS)


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.value)
@pytest.mark.parametrize("nom", OPERATIONS)
@pytest.mark.parametrize("persona", ["helene", "claire"])
def test_aucune_erreur_serveur_et_des_statuts_documentes(
    operations, distribution, monde_ouvert, nom, mode, persona
):
    """Hélène dirige le Relais (dépose sur l'appel ouvert) ; Claire instruit à la DDETS 35."""
    operation = operations[nom]
    porteur = f"Bearer {jeton(getattr(distribution, persona))}"
    ouvert = {"id": monde_ouvert.appel35.pk} if "{id}" in nom else None
    if "/parc/" in nom and ouvert:  # le logement du Relais, que dirige Hélène
        ouvert = {"id": parc(distribution).logement_relais.pk}

    @settings(
        max_examples=EXEMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(mode), sur_l_appel_ouvert=st_booleens())
    def crible(case, sur_l_appel_ouvert):
        if ouvert and sur_l_appel_ouvert and mode is schemathesis.GenerationMode.POSITIVE:
            case.path_parameters = {**(case.path_parameters or {}), **ouvert}
        # Le jeton de la persona remplace l'en-tête tiré du schéma de sécurité.
        case.headers = {**(case.headers or {}), "Authorization": porteur}
        case.call_and_validate(checks=VERIFICATIONS)

    crible()


def st_booleens():
    from hypothesis import strategies

    return strategies.booleans()
