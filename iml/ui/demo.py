"""Étapes de démonstration ajoutées par les applications (après les comptes)."""

from collections.abc import Callable
from importlib import import_module

#: Modules exposant `charger_demo(organisations, sortie)`, dans l'ordre d'exécution.
MODULES_DEMO: tuple[str, ...] = ("iml.referentiel.demo", "iml.appels.demo")


def etapes() -> list[Callable]:
    return [import_module(m).charger_demo for m in MODULES_DEMO]
