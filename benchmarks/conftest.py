"""Données communes des mesures (make bench) : l'échelle générée par `iml generer`."""

from __future__ import annotations

import os

import pytest
from django.utils import timezone

from iml.generateur.echelles import ECHELLES
from iml.generateur.moteur import generer
from iml.generateur.organisations import vider_generees

#: `IML_BENCH_ECHELLE=region` ou `national` devant la commande ; le département par défaut.
ECHELLE = os.environ.get("IML_BENCH_ECHELLE", "departement")


@pytest.fixture(scope="module")
def generees(django_db_setup, django_db_blocker):
    """L'échelle générée (graine 1, jour de référence aujourd'hui), une fois par module de
    mesures, supprimée à la fin du module."""
    with django_db_blocker.unblock():
        bilan = generer(ECHELLES[ECHELLE], 1, timezone.localdate())
        yield bilan
        vider_generees()
