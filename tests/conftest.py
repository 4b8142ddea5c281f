"""Fixtures communes : la distribution de démonstration (personas nommés)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from iml.comptes.models import Utilisateur


@pytest.fixture
def distribution(db):
    """Organisations et personas de la démonstration, par clé et par prénom."""
    from iml.comptes.demo import PERSONAS, charger_comptes

    organisations = charger_comptes()
    personas = {
        p.email.split("@")[0].split(".")[0]: Utilisateur.objects.get(email=p.email)
        for p in PERSONAS
    }
    return SimpleNamespace(org=SimpleNamespace(**organisations), **personas)


def pytest_collection_modifyitems(items):
    """Les tests navigateur (marque `navigateur`) passent tous par un même processus xdist
    (`--dist loadgroup`, voir le Makefile) : un seul Chromium et un seul live_server à la fois,
    l'autre processus prend le reste de la suite ; sur deux cœurs, deux navigateurs se
    disputeraient le processeur."""
    for item in items:
        if item.get_closest_marker("navigateur"):
            item.add_marker(pytest.mark.xdist_group("navigateur"))
