"""Constats : ce que renvoient les contrôles.

Un constat nomme sa règle (`regle`), sa gravité (`niveau`), une phrase française chiffrée qui
commence par l'identifiant de la règle, et le chemin du champ d'entrée concerné quand il y en
a un (`logements[2].typologie`). Les erreurs bloquent, les alertes et les infos renseignent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from regles.types import Niveau


@dataclass(frozen=True)
class Constat:
    """Un constat d'un contrôle (message déjà préfixé par « R-… : »)."""

    regle: str
    niveau: Niveau
    message: str
    champ: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        """Forme JSON : {regle, niveau, message, champ}."""
        return {
            "regle": self.regle,
            "niveau": self.niveau.value,
            "message": self.message,
            "champ": self.champ,
        }


def _constat(niveau: Niveau, regle: str, texte: str, champ: str | None) -> Constat:
    return Constat(regle=regle, niveau=niveau, message=f"{regle} : {texte}", champ=champ)


def erreur(regle: str, texte: str, champ: str | None = None) -> Constat:
    """Constat bloquant ; `texte` est la phrase sans le préfixe de la règle."""
    return _constat(Niveau.ERREUR, regle, texte, champ)


def alerte(regle: str, texte: str, champ: str | None = None) -> Constat:
    """Constat non bloquant qui demande attention."""
    return _constat(Niveau.ALERTE, regle, texte, champ)


def info(regle: str, texte: str, champ: str | None = None) -> Constat:
    """Constat d'information (contrôle non effectué, chiffre rappelé…)."""
    return _constat(Niveau.INFO, regle, texte, champ)


def a_des_erreurs(constats: Iterable[Constat]) -> bool:
    """Vrai si au moins un constat est une erreur."""
    return any(c.niveau is Niveau.ERREUR for c in constats)


def trier(constats: Iterable[Constat]) -> tuple[Constat, ...]:
    """Erreurs, puis alertes, puis infos ; l'ordre d'émission est conservé à niveau égal."""
    rang = {Niveau.ERREUR: 0, Niveau.ALERTE: 1, Niveau.INFO: 2}
    return tuple(sorted(constats, key=lambda c: rang[c.niveau]))
