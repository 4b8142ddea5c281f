"""Démonstration du pilotage : chaque volet charge la sienne, dans cet ordre (la montée en
charge lit les conventions, le parc et les occupations déjà chargés)."""

from __future__ import annotations

from importlib import import_module

#: Les modules de démonstration des volets (`charger_demo`, `vider_demo`).
VOLETS: tuple[str, ...] = (
    "iml.pilotage.demo_montee",
    "iml.pilotage.demo_panorama",
    "iml.pilotage.statistiques.demo",
)


def vider_demo(organisations, sortie) -> None:
    for module in reversed(VOLETS):
        import_module(module).vider_demo(organisations, sortie)


def charger_demo(organisations, sortie) -> None:
    for module in VOLETS:
        import_module(module).charger_demo(organisations, sortie)
