"""Échéances des occupations à signaler (tâche quotidienne des alertes) : renouvellement ou fin
de la sous-location (R-SL-DURATION), fin du financement et revues annuelles du mandat de gestion
(R-MG-GLS-DURATION).

Fonctions pures : la date du jour est toujours un argument. Chaque échéance rend son suffixe de
clé (idempotence de la tâche), sa date et son constat ; le message ne nomme le ménage que par sa
référence (les courriels sortent du système).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from regles.calendrier import _encore_possibles
from regles.constats import Constat, alerte
from regles.format import date_fr, pluriel
from regles.occupations import alerte_due


@dataclass(frozen=True)
class AlerteEcheance:
    """Une alerte due : `cle` (suffixe propre à l'échéance), `echeance`, `constat`."""

    cle: str
    echeance: date | None
    constat: Constat


def _minuscule(texte: str) -> str:
    return texte[:1].lower() + texte[1:]


def alerte_sous_location(
    reference: str,
    fin: date,
    renouvellements_faits: int,
    renouvellements_max: int,
    suite: str | None,
    jours: Sequence[int],
    aujourd_hui: date,
) -> AlerteEcheance | None:
    """R-SL-DURATION : à `jours` (30 et 15) avant la fin de la période en cours, le
    renouvellement à décider, ou la fin sans renouvellement possible et la suite prévue
    (`suite` : son libellé, ou `None` si elle n'est pas prévue)."""
    if fin < aujourd_hui:
        return _sous_location_echue(reference, fin)
    due = alerte_due(fin, jours, aujourd_hui)
    if due is None:
        return None
    restants = renouvellements_max - renouvellements_faits
    if restants > 0:
        texte = (
            f"renouvellement de la sous-location de {reference} à décider avant le "
            f"{date_fr(fin)} ({_encore_possibles(restants)})."
        )
    else:
        prevue = f"suite prévue : {_minuscule(suite)}" if suite else "suite du parcours non prévue"
        texte = (
            f"fin de la sous-location de {reference} le {date_fr(fin)}, aucun renouvellement "
            f"possible : {prevue}."
        )
    return AlerteEcheance(
        f"fin-{fin.isoformat()}:J-{due.jours}", fin, alerte("R-SL-DURATION", texte)
    )


def _sous_location_echue(reference: str, fin: date) -> AlerteEcheance:
    """R-SL-DURATION : la période a pris fin sans renouvellement ni sortie notés."""
    texte = (
        f"la sous-location de {reference} a pris fin le {date_fr(fin)} sans renouvellement ni "
        "sortie notés : notez la décision prise ou la sortie du ménage."
    )
    return AlerteEcheance(f"fin-{fin.isoformat()}:echue", fin, alerte("R-SL-DURATION", texte))


def alerte_fin_financement(
    reference: str, fin: date, jours: Sequence[int], aujourd_hui: date
) -> AlerteEcheance | None:
    """R-MG-GLS-DURATION : la fin du financement de la gestion, à `jours` (90 et 30) avant."""
    due = alerte_due(fin, jours, aujourd_hui)
    if due is None:
        return None
    texte = (
        f"fin du financement de la gestion locative de {reference} le {date_fr(fin)} "
        f"(dans {pluriel((fin - aujourd_hui).days, 'jour')}) : préparez la suite (bail direct, "
        "relogement)."
    )
    return AlerteEcheance(
        f"fin-financement-{fin.isoformat()}:J-{due.jours}", fin, alerte("R-MG-GLS-DURATION", texte)
    )


def alerte_revue(
    reference: str,
    revue: date | None,
    delai_jours: int,
    aujourd_hui: date,
    fin_financement: date | None = None,
) -> AlerteEcheance | None:
    """R-MG-GLS-DURATION : la revue annuelle pas encore notée, `delai_jours` avant sa date
    (« à faire avant le … »), puis une fois sa date passée (« en retard ») ; aucune après la fin
    du financement (arrêté par une revue, ou les 3 ans atteints)."""
    if revue is None or (revue - aujourd_hui).days > delai_jours:
        return None
    if fin_financement is not None and revue > fin_financement:
        return None  # le financement finit avant : plus de revue
    if aujourd_hui <= revue:
        texte = (
            f"revue annuelle du financement de la gestion de {reference} à faire avant le "
            f"{date_fr(revue)}."
        )
        return AlerteEcheance(
            f"revue-{revue.isoformat()}", revue, alerte("R-MG-GLS-DURATION", texte)
        )
    texte = (
        f"revue annuelle du financement de la gestion de {reference} en retard : prévue le "
        f"{date_fr(revue)}, pas encore notée."
    )
    return AlerteEcheance(
        f"revue-{revue.isoformat()}:retard", revue, alerte("R-MG-GLS-DURATION", texte)
    )


def cle_mois(aujourd_hui: date) -> str:
    """R-IMPAYES : une alerte par ménage et par mois (« 2026-06 »)."""
    return f"{aujourd_hui.year:04d}-{aujourd_hui.month:02d}"
