"""Horloge des occupations : renouvellements de la sous-location (R-SL-DURATION), fenêtre du
mandat de gestion (R-MG-GLS-DURATION) et leurs dates d'alerte.

Fonctions pures : la date du jour est toujours un argument.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from regles.bareme import Bareme
from regles.calendrier import Periode, fenetre_mandat_gestion, periodes_sous_location
from regles.constats import Constat, erreur
from regles.format import date_fr
from regles.parametres_occupations import ParametresOccupations


def periodes_permises(date_entree: date, bareme: Bareme) -> tuple[Periode, ...]:
    """R-SL-DURATION : la période initiale (rang 0) et les renouvellements permis."""
    return periodes_sous_location(date_entree, bareme)


def verifier_renouvellement(
    date_entree: date, rang_demande: int, decide_le: date, bareme: Bareme
) -> Constat | None:
    """R-SL-DURATION : un renouvellement (rang 1, 2…) se décide avant la fin de la période
    qu'il prolonge, et jamais au-delà du maximum (2 renouvellements, 18 mois au plus).
    `None` si le renouvellement est permis, sinon l'erreur qui dit pourquoi."""
    periodes = periodes_permises(date_entree, bareme)
    maximum = bareme.sl_renouvellements_max
    if rang_demande > maximum:
        return erreur(
            "R-SL-DURATION",
            f"la sous-location se renouvelle {maximum} fois au plus (18 mois en tout) : "
            f"celle entrée le {date_fr(date_entree)} finit au plus tard le "
            f"{date_fr(periodes[-1].fin)} ; préparez la suite du parcours (bail glissant, "
            "relogement, procédure prioritaire).",
            "rang",
        )
    fin_precedente = periodes[rang_demande - 1].fin
    if decide_le > fin_precedente:
        return erreur(
            "R-SL-DURATION",
            f"le renouvellement se décide avant la fin de la période en cours, le "
            f"{date_fr(fin_precedente)} ; décidé le {date_fr(decide_le)}, il est trop tard.",
            "decide_le",
        )
    return None


@dataclass(frozen=True)
class Echeance:
    """Une date d'alerte : `le` (jour où l'alerte part) pour une `fin` donnée."""

    le: date
    fin: date
    jours: int


def dates_alerte(fin: date, jours: Sequence[int]) -> tuple[Echeance, ...]:
    """Les jours où alerter avant `fin` (30 et 15 jours avant, par exemple)."""
    return tuple(Echeance(fin - timedelta(days=j), fin, j) for j in sorted(jours, reverse=True))


def alerte_due(fin: date, jours: Sequence[int], aujourd_hui: date) -> Echeance | None:
    """L'alerte la plus proche de `fin` déjà atteinte au `aujourd_hui` (et `fin` pas dépassée),
    ou `None` : à 20 jours de la fin avec (30, 15), c'est celle de 30 jours."""
    atteintes = [e for e in dates_alerte(fin, jours) if e.le <= aujourd_hui <= fin]
    return atteintes[-1] if atteintes else None


def alertes_sous_location(
    date_entree: date, renouvellements: int, parametres: ParametresOccupations, bareme: Bareme
) -> tuple[Echeance, ...]:
    """R-SL-DURATION : les dates d'alerte avant la fin de la période en cours (rang
    `renouvellements`)."""
    fin = periodes_permises(date_entree, bareme)[renouvellements].fin
    return dates_alerte(fin, parametres.sl_alertes_jours)


def fin_financement_mandat(date_debut: date, bareme: Bareme) -> date:
    """R-MG-GLS-DURATION : dernier jour du financement de la gestion (3 ans au plus)."""
    return fenetre_mandat_gestion(date_debut, bareme)[0]


def revues_mandat(date_debut: date, bareme: Bareme) -> tuple[date, ...]:
    """R-MG-GLS-DURATION : dates des revues annuelles de la durée du financement."""
    return fenetre_mandat_gestion(date_debut, bareme)[1]


def prochaine_revue(date_debut: date, revues_faites: int, bareme: Bareme) -> date | None:
    """R-MG-GLS-DURATION : la revue suivante (la `revues_faites + 1`-ième), ou `None` si toutes
    sont faites."""
    revues = revues_mandat(date_debut, bareme)
    return revues[revues_faites] if revues_faites < len(revues) else None
