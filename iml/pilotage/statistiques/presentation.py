"""Modèles de page des statistiques annuelles : lignes groupées par rubrique, gestes permis,
bandeau du renouvellement (R-STATS) ; jamais un nom de ménage."""

from __future__ import annotations

from datetime import date
from itertools import groupby

from iml.comptes.acteur import Acteur
from iml.pilotage import perms
from iml.pilotage.models import CampagneStatistiques, StatistiqueAnnuelle
from iml.pilotage.statistiques import selectors


def _par_rubrique(lignes) -> list[tuple[str, list]]:
    return [(rubrique, list(groupe)) for rubrique, groupe in groupby(lignes, lambda x: x.rubrique)]


def page_statistique(acteur: Acteur, statistique: StatistiqueAnnuelle, jour: date) -> dict:
    historique = selectors.corrections(statistique)
    lignes = selectors.lignes_revues(statistique, historique)
    libelles = {ligne.cle: ligne.libelle for ligne in lignes}
    for c in historique:
        c.libelle = libelles.get(c.cle, "Indicateur retiré du calcul")
    reviser = perms.acces_reviser_statistique(acteur, statistique)
    return {
        "title": f"Statistiques {statistique.annee} — {statistique.operateur.nom}",
        "statistique": statistique,
        "rubriques": _par_rubrique(lignes),
        "corrections": historique,
        "signal": selectors.signal_de(statistique, jour),
        "peut_reviser": reviser is None,
        "motif_fige": reviser.message if reviser is not None and reviser.etat else "",
        "peut_consolider": acteur.est_etat
        and perms.acces_consolider_statistique(acteur, statistique) is None,
    }


def page_campagne(acteur: Acteur, campagne: CampagneStatistiques) -> dict:
    statistiques = list(
        selectors.statistiques_visibles(acteur).filter(campagne=campagne).order_by("operateur__nom")
    )
    lignes = selectors.consolidation(campagne, statistiques)
    return {
        "title": f"Campagne des statistiques {campagne.annee} — {campagne.territoire.nom}",
        "campagne": campagne,
        "statistiques": statistiques,
        "soumises": sum(1 for s in statistiques if s.statut != "A_REVOIR"),
        "rubriques": _par_rubrique(lignes),
    }
