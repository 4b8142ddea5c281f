"""Fixtures communes : la distribution de démonstration (personas nommés), et des appels et
dossiers menés à leur état par les services (`tests/appels/factories.py`)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from iml.comptes.models import Utilisateur


def construire_distribution() -> SimpleNamespace:
    """Organisations et personas de la démonstration, par clé et par prénom."""
    from iml.comptes.demo import PERSONAS, charger_comptes

    organisations = charger_comptes()
    personas = {
        p.email.split("@")[0].split(".")[0]: Utilisateur.objects.get(email=p.email)
        for p in PERSONAS
    }
    return SimpleNamespace(org=SimpleNamespace(**organisations), **personas)


@pytest.fixture
def distribution(db):
    """Organisations et personas de la démonstration, par clé et par prénom."""
    return construire_distribution()


@pytest.fixture(scope="module")
def distribution_preparee(django_db_setup, django_db_blocker):
    """La distribution et les objets de toutes les matrices (`PREPARATIONS` des volets), créés
    une fois par module de test dans une transaction annulée à la fin du module ; chaque test
    (marqué `django_db`) tourne dans un point de sauvegarde annulé après lui, comme les données
    de classe d'un `TestCase` Django. Les préparations coûtent ~2 s : les refaire à chaque ligne
    de matrice doublait la durée de la suite."""
    from django.db import connections, transaction

    from tests.test_matrice_permissions import PREPARATIONS

    with django_db_blocker.unblock():
        blocs = [transaction.atomic(using=alias) for alias in connections]
        for bloc in blocs:
            bloc.__enter__()
        try:
            d = construire_distribution()
            for preparer in PREPARATIONS:
                preparer(d)
            yield d
        finally:
            for alias, bloc in zip(reversed(list(connections)), reversed(blocs), strict=True):
                transaction.set_rollback(True, using=alias)
                bloc.__exit__(None, None, None)


@pytest.fixture
def appel_ouvert(distribution):
    """Un appel publié de la DDETS 35 (claire) dont le dépôt est ouvert aujourd'hui."""
    from tests.appels.factories import AppelFactory

    return AppelFactory(agent=distribution.claire, nom="Appel ouvert", ouvert=True)


@pytest.fixture
def dossier_depose(distribution, appel_ouvert):
    """Le dossier complet de l'AIS Rennes déposé aujourd'hui par marc sur `appel_ouvert`
    (dépôt par le service : chiffres et constats du moteur)."""
    from tests.appels.factories import DossierFactory

    return DossierFactory(appel=appel_ouvert, operateur=distribution.org.ais35)


@pytest.fixture
def dossier_retenu(distribution):
    """Le dossier de l'AIS Rennes sur l'appel 2019-2020 de la DDETS 35, déposé le 1er mars
    2019, retenu par claire après la clôture de l'appel (le 5 mars 2019)."""
    from tests.appels.factories import DossierFactory

    return DossierFactory(retenu=True, operateur=distribution.org.ais35)


def pytest_collection_modifyitems(items):
    """Les tests navigateur (marque `navigateur`) passent tous par un même processus xdist
    (`--dist loadgroup`, voir le Makefile) : un seul Chromium et un seul live_server à la fois,
    l'autre processus prend le reste de la suite ; sur deux cœurs, deux navigateurs se
    disputeraient le processeur."""
    for item in items:
        if item.get_closest_marker("navigateur"):
            item.add_marker(pytest.mark.xdist_group("navigateur"))
