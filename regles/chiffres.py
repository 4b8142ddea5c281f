"""Chiffres calculés, mis en dictionnaires JSON (clés textuelles, `Decimal` gardés tels quels).

Les montants sont des `Decimal` au centime (« 85500.00 » une fois sérialisés), `None` signifie
« non renseigné » (R-UNKNOWN). Sert la ligne de commande et, plus tard, l'API.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from regles.budget import Budget, ProjetBudget
from regles.calendrier import EtatJalon, Trimestre
from regles.subvention import SubventionAnnuelle
from regles.types import Mode


def par_mode(valeurs: Mapping[Mode, Any]) -> dict[str, Any]:
    """{"MANDAT_GESTION": …, "SOUS_LOCATION": …}."""
    return {m.value: valeurs[m] for m in Mode if m in valeurs}


def chiffres_budget(projet: ProjetBudget, budget: Budget) -> dict[str, Any]:
    """R-BUDGET-MODEL : postes, total, coûts moyens, ETP et méthode de l'accompagnement."""
    return {
        "logements": par_mode({m: projet.nb_logements(m) for m in Mode}),
        "places": par_mode({m: projet.nb_places(m) for m in Mode}),
        "menages": par_mode(budget.menages),
        "captation": budget.total_captation,
        "captation_par_mode": par_mode(budget.captation),
        "gestion": budget.total_gestion,
        "gestion_par_mode": par_mode(budget.gestion),
        "accompagnement": budget.total_accompagnement,
        "accompagnement_par_mode": par_mode(
            {
                m: {"montant": p.montant, "etp": p.etp, "methode": p.methode}
                for m, p in budget.accompagnement.items()
            }
        ),
        "total": budget.total,
        "cout_par_place": budget.cout_par_place,
        "cout_par_logement": budget.cout_par_logement,
        "cout_par_logement_par_mode": par_mode(budget.cout_par_logement_par_mode),
        "non_renseignes": list(budget.non_renseignes),
    }


def chiffres_subventions(subventions: Sequence[SubventionAnnuelle]) -> list[dict[str, Any]]:
    """R-SUBSIDY-PRORATA : une entrée par année."""
    return [
        {
            "annee": s.annee,
            "logements_captes": s.logements_captes,
            "captation": s.captation,
            "fonctionnement": par_mode(s.fonctionnement),
            "total": s.total,
        }
        for s in subventions
    ]


def chiffres_jalons(etats: Sequence[EtatJalon]) -> list[dict[str, Any]]:
    """R-RAMPUP : places ouvertes et part atteinte à chaque jalon."""
    return [
        {
            "date": e.date.isoformat(),
            "part_min_pct": e.part_min_pct,
            "places_ouvertes": e.places_ouvertes,
            "part_pct": e.part_pct,
            "atteint": e.atteint,
        }
        for e in etats
    ]


def chiffres_trimestres(
    trimestres: Sequence[Trimestre], cumul: Sequence[int]
) -> list[dict[str, Any]]:
    """R-RAMPUP : stock de places à la fin de chaque trimestre."""
    return [
        {"trimestre": t.code, "fin": t.fin.isoformat(), "places": n}
        for t, n in zip(trimestres, cumul, strict=False)
    ]
