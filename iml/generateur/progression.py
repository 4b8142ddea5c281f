"""Barre de progression en texte brut sur la sortie d'erreur (aucune dépendance)."""

from __future__ import annotations

import time
from typing import TextIO

LARGEUR = 30


class Progression:
    """`avancer(n)` ; réécrit la ligne au plus dix fois par seconde, puis `terminer()`."""

    def __init__(self, libelle: str, total: int, sortie: TextIO | None) -> None:
        self.libelle, self.total, self.sortie = libelle, max(total, 1), sortie
        self.fait = 0
        self._derniere = 0.0

    def avancer(self, n: int = 1) -> None:
        self.fait += n
        maintenant = time.monotonic()
        if maintenant - self._derniere >= 0.1 or self.fait >= self.total:
            self._derniere = maintenant
            self._ecrire()

    def _ecrire(self) -> None:
        if self.sortie is None:
            return
        part = min(self.fait / self.total, 1.0)
        plein = int(part * LARGEUR)
        barre = "#" * plein + "." * (LARGEUR - plein)
        self.sortie.write(
            f"\r{self.libelle} [{barre}] {self.fait}/{self.total} ({part * 100:.0f} %)"
        )
        self.sortie.flush()

    def terminer(self) -> None:
        self._ecrire()
        if self.sortie is not None:
            self.sortie.write("\n")
            self.sortie.flush()
