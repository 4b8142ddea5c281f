"""Chiffres d'activité de l'accompagnement pour les statistiques annuelles (R-STATS) : les mois
pendant lesquels un ménage a été accompagné dans une année, dénominateur des contacts « par
ménage et par mois » (`regles.accompagnement.moyenne`).

Fonctions pures : la date du jour est un argument.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from regles.compte import dernier_du_mois


def dernier_mois_compte(annee: int, aujourd_hui: date) -> int:
    """Le dernier mois de `annee` qui compte : 12 pour une année passée, le mois en cours pour
    l'année en cours, 0 pour une année à venir."""
    if aujourd_hui.year > annee:
        return 12
    return aujourd_hui.month if aujourd_hui.year == annee else 0


def mois_accompagnes(
    periodes: Iterable[tuple[date, date | None]], annee: int, aujourd_hui: date
) -> int:
    """R-STATS : les mois de `annee` (jusqu'au mois en cours) pendant lesquels au moins une des
    périodes d'accompagnement [début, fin] du ménage (fin `None` : en cours) couvre un jour ;
    un mois commencé compte, deux plans du même mois ne le comptent qu'une fois."""
    mois: set[int] = set()
    periodes = list(periodes)
    for m in range(1, dernier_mois_compte(annee, aujourd_hui) + 1):
        premier = date(annee, m, 1)
        dernier = dernier_du_mois(premier)
        if any(debut <= dernier and (fin is None or fin >= premier) for debut, fin in periodes):
            mois.add(m)
    return len(mois)
