"""Étapes de démonstration ajoutées par les applications (après les comptes)."""

from collections.abc import Callable
from importlib import import_module

#: Modules exposant `charger_demo(organisations, sortie)`, dans l'ordre d'exécution.
MODULES_DEMO: tuple[str, ...] = (
    "iml.referentiel.demo",
    "iml.appels.demo",
    "iml.parc.demo",
    "iml.occupations.demo",
    "iml.accompagnement.demo",
    "iml.orientations.demo",
    "iml.pilotage.demo",
)
#: Modules exposant `vider_demo(organisations, sortie)`, appelés avant toutes les étapes : leurs
#: données retiennent celles d'une étape antérieure (une proposition sa demande, son logement et
#: son occupation, un plan son ménage, un logement du parc, sa convention).
VIDES_D_ABORD: tuple[str, ...] = (
    "iml.pilotage.demo",
    "iml.orientations.demo",
    "iml.accompagnement.demo",
    "iml.occupations.demo",
    "iml.parc.demo",
)


def etapes() -> list[Callable]:
    return [import_module(m).vider_demo for m in VIDES_D_ABORD] + [
        import_module(m).charger_demo for m in MODULES_DEMO
    ]
