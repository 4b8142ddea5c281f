"""Les verbes de `iml regles` : document JSON (déjà lu) + barème → (constats, chiffres).

Fonctions pures, partagées par la ligne de commande et, plus tard, par l'API. Une entrée
invalide lève `regles.entrees.EntreeInvalide`. `jour` est la date de référence de l'appelant.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from regles import conversion as cv
from regles.appel import repartition as parts_repartition
from regles.appel import verifier_calendrier_appel, verifier_repartition
from regles.bareme import Bareme
from regles.budget import ProjetBudget, calculer_budget
from regles.calendrier import (
    cumul_par_trimestre,
    etats_jalons,
    trimestres_appel,
    verifier_mandat_gestion,
    verifier_montee_en_charge,
    verifier_sous_location,
)
from regles.capacite import verifier_coherence_echeanciers
from regles.chiffres import (
    chiffres_budget,
    chiffres_jalons,
    chiffres_subventions,
    chiffres_trimestres,
    par_mode,
)
from regles.conformite import verifier_dossier
from regles.constats import Constat, trier
from regles.effort import verifier_effort
from regles.entrees import (
    lire_budget,
    lire_calendrier,
    lire_effort,
    lire_repartition,
    lire_sous_location,
    lire_subvention,
)
from regles.entrees_dossier import lire_dossier
from regles.formes import verifier_forme
from regles.plafonds import verifier_budget
from regles.subvention import couts_unitaires, mobilisations_echeancier, subventions
from regles.types import Mode

Resultat = tuple[tuple[Constat, ...], dict[str, Any]]


def _nombre_trimestres(bareme: Bareme) -> int | None:
    return bareme.appel.nombre_trimestres if bareme.appel else None


def budget(data: object, bareme: Bareme, jour: date) -> Resultat:
    """R-BUDGET-MODEL et contrôles de coûts (voir `regles.plafonds.verifier_budget`)."""
    projet = lire_budget(data)
    b = calculer_budget(projet, bareme)
    return trier(verifier_budget(projet, b, bareme)), chiffres_budget(projet, b)


def conformite(data: object, bareme: Bareme, jour: date) -> Resultat:
    """Dossier complet : `regles.conformite.verifier_dossier`."""
    resultat = verifier_dossier(
        lire_dossier(data, _nombre_trimestres(bareme)), bareme, date_reference=jour
    )
    return resultat.constats, resultat.chiffres


def effort(data: object, bareme: Bareme, jour: date) -> Resultat:
    """R-EFFORT-MG, R-EFFORT-SL : taux d'effort et reste à vivre."""
    r = verifier_effort(lire_effort(data), bareme)
    chiffres = {
        "cout_net": r.cout_net,
        "taux_effort_pct": r.taux_pct,
        "taux_effort_max_pct": r.taux_max_pct,
        "reste_a_vivre_mensuel": r.reste_a_vivre_mensuel,
        "reste_a_vivre_jour_personne": r.reste_a_vivre_jour_personne,
    }
    return trier(r.constats), chiffres


def sous_location(data: object, bareme: Bareme, jour: date) -> Resultat:
    """R-SL-DURATION (et R-MODE) : périodes permises et renouvellements."""
    e = lire_sous_location(data)
    periodes, constats = verifier_sous_location(
        e.date_entree, e.renouvellements, e.suite_parcours, bareme
    )
    constats += verifier_forme(Mode.SOUS_LOCATION, e.bail_glissant)
    chiffres = {
        "periodes": [
            {"rang": p.rang, "debut": p.debut, "fin": p.fin, "renouvellement": p.rang > 0}
            for p in periodes
        ],
        "fin_au_plus_tard": periodes[-1].fin,
        "renouvellements_max": bareme.sl_renouvellements_max,
    }
    return trier(constats), chiffres


def subvention(data: object, bareme: Bareme, jour: date) -> Resultat:
    """R-SUBSIDY-PRORATA : subvention par année civile."""
    e = lire_subvention(data, _nombre_trimestres(bareme))
    mobilisations = e.mobilisations + mobilisations_echeancier(
        e.logements, trimestres_appel(bareme), bareme
    )
    logements = {m: sum(x.logements for x in mobilisations if x.mode is m) for m in Mode}
    projet = ProjetBudget(logements, {}, e.services)
    couts = couts_unitaires(projet, calculer_budget(projet, bareme))
    annees = e.annees or (bareme.appel.exercices if bareme.appel else ())
    annees = annees or tuple(sorted({m.annee for m in mobilisations}))
    resultats, constats = subventions(mobilisations, couts, annees, bareme)
    chiffres = {
        "cout_fonctionnement_par_logement": par_mode(couts.fonctionnement),
        "subventions": chiffres_subventions(resultats),
    }
    return trier(constats), chiffres


def calendrier(data: object, bareme: Bareme, jour: date) -> Resultat:
    """R-RAMPUP, R-AAC, R-SCHEDULE-CONSISTENCY, R-MG-GLS-DURATION."""
    e = lire_calendrier(data, _nombre_trimestres(bareme))
    trimestres = trimestres_appel(bareme)
    constats = list(verifier_calendrier_appel(bareme))
    constats += verifier_montee_en_charge(e.places, bareme, e.capacite)
    if e.logements:
        libelles = [t.libelle for t in trimestres]
        constats += verifier_coherence_echeanciers(e.logements, e.places, bareme, libelles)
    mandats = []
    for i, m in enumerate(e.mandats):
        fin, revues, c = verifier_mandat_gestion(
            m.date_debut, m.date_fin_prevue, bareme, f"mandats_gestion[{i}]"
        )
        constats += c
        mandats.append({"date_debut": m.date_debut, "fin_financement": fin, "revues": revues})
    chiffres = {
        "trimestres": [{"code": t.code, "debut": t.debut, "fin": t.fin} for t in trimestres],
        "places_par_trimestre": chiffres_trimestres(
            trimestres, cumul_par_trimestre(e.places, bareme)
        ),
        "jalons": chiffres_jalons(etats_jalons(e.places, bareme, e.capacite)),
        "mandats_gestion": mandats,
    }
    return trier(constats), chiffres


def repartition(data: object, bareme: Bareme, jour: date) -> Resultat:
    """R-MODE-SPLIT : répartition des projets retenus d'un appel."""
    projets = lire_repartition(data)
    places = {m: sum(p.places.get(m, 0) for p in projets) for m in Mode}
    chiffres = {
        "places": par_mode(places),
        "total": sum(places.values()),
        "repartition_pct": par_mode(parts_repartition(projets, bareme)),
        "places_appel": bareme.appel.places if bareme.appel else None,
    }
    return trier(verifier_repartition(projets, bareme)), chiffres


def appariement(
    data: object, bareme: Bareme, jour: date, *, paires: Sequence[tuple[str, str]] = ()
) -> Resultat:
    """R-APPARIEMENT : affectation optimale des logements vacants aux ménages en attente
    (`regles.appariement.apparier`) ; `paires` : couples (ménage, logement) dont on veut les
    exclusions. La date de référence est celle de l'instance (`date`), pas `jour`."""
    # Import différé : OR-Tools et scipy ne chargent qu'avec ce verbe (≈ 0,9 s d'import).
    from regles.appariement import apparier

    return (), apparier(cv.objet(data, ""), bareme, paires=paires).en_json()


VERBES: dict[str, Callable[[object, Bareme, date], Resultat]] = {
    "budget": budget,
    "conformite": conformite,
    "effort": effort,
    "sous-location": sous_location,
    "subvention": subvention,
    "calendrier": calendrier,
    "repartition": repartition,
    "appariement": appariement,
}
