"""Modèles de page des statistiques annuelles : lignes groupées par rubrique, gestes permis,
bandeau du renouvellement (R-STATS) ; jamais un nom de ménage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.utils import timezone

from iml.comptes.acteur import Acteur
from iml.pilotage import perms
from iml.pilotage.models import CampagneStatistiques, StatistiqueAnnuelle
from iml.pilotage.statistiques import selectors
from regles.format import date_fr, pluriel
from regles.statistiques import Total


def _par_rubrique(lignes) -> list[tuple[str, list]]:
    return [(rubrique, list(groupe)) for rubrique, groupe in groupby(lignes, lambda x: x.rubrique)]


def etat_fige(statistique: StatistiqueAnnuelle) -> str:
    """La phrase d'état d'une statistique qui ne change plus (R-STATS) : « Soumises le
    05/03/2026 par Marc Bernard : elles ne changent plus. » ; vide tant qu'elle est à revoir."""
    if statistique.statut == "A_REVOIR":
        return ""
    if statistique.soumise_le is None:
        return "Ces statistiques sont soumises : elles ne changent plus."
    par = statistique.soumise_par.get_full_name() if statistique.soumise_par else ""
    quand = date_fr(timezone.localdate(statistique.soumise_le))
    return f"Soumises le {quand}{f' par {par}' if par else ''} : elles ne changent plus."


def page_statistique(acteur: Acteur, statistique: StatistiqueAnnuelle, jour: date) -> dict:
    historique = selectors.corrections(statistique)
    lignes = selectors.lignes_revues(statistique, historique)
    libelles = {ligne.cle: ligne.libelle for ligne in lignes}
    natures = {ligne.cle: ligne.nature for ligne in lignes}
    for c in historique:
        c.libelle = libelles.get(c.cle, "Indicateur retiré du calcul")
        c.nature = natures.get(c.cle, "decimal")
        c.valeur_lue = selectors.valeur_corrigee(c, c.nature)  # « 17 », pas « 17,00 »
    reviser = perms.acces_reviser_statistique(acteur, statistique)
    consolider = (
        perms.acces_consolider_statistique(acteur, statistique) if acteur.est_etat else None
    )
    return {
        "title": f"Statistiques {statistique.annee} — {statistique.operateur.nom}",
        "statistique": statistique,
        "rubriques": _par_rubrique(lignes),
        "corrections": historique,
        "signal": selectors.signal_de(statistique, jour),
        "peut_reviser": reviser is None,
        "motif_fige": etat_fige(statistique) if reviser is not None and reviser.etat else "",
        "peut_consolider": acteur.est_etat and consolider is None,
        "attente": consolider.message if consolider is not None and consolider.etat else "",
    }


def manque(total: Total, non_soumises: int) -> str:
    """Ce qui manque au total d'une campagne (R-UNKNOWN) : les parts non renseignées des
    statistiques soumises et les opérateurs qui n'ont pas soumis ; vide si le total est
    complet."""
    parties = []
    if total.inconnues:
        parties.append(pluriel(total.inconnues, "part non renseignée", "parts non renseignées"))
    if non_soumises:
        parties.append(pluriel(non_soumises, "opérateur non soumis", "opérateurs non soumis"))
    return ", ".join(parties)


@dataclass(frozen=True)
class LigneCampagne:
    """Une ligne de la consolidation : `total` None pour une moyenne ; `manque` dit pourquoi
    le total n'est pas complet (vide s'il l'est)."""

    rubrique: str
    libelle: str
    total: Total | None
    nature: str
    manque: str
    non_renseignees: int


def page_campagne(acteur: Acteur, campagne: CampagneStatistiques) -> dict:
    statistiques = list(
        selectors.statistiques_visibles(acteur).filter(campagne=campagne).order_by("operateur__nom")
    )
    soumises = sum(1 for s in statistiques if s.statut != "A_REVOIR")
    non_soumises = len(statistiques) - soumises
    lignes = [
        LigneCampagne(
            lg.rubrique,
            lg.libelle,
            lg.total,
            lg.nature,
            "" if lg.total is None else manque(lg.total, non_soumises),
            0 if lg.total is None else lg.total.inconnues + non_soumises,
        )  # fmt: skip
        for lg in selectors.consolidation(campagne, statistiques)
    ]
    return {
        "title": f"Campagne des statistiques {campagne.annee} — {campagne.territoire.nom}",
        "campagne": campagne,
        "statistiques": statistiques,
        "soumises": soumises,
        "non_soumises": non_soumises,
        "rubriques": _par_rubrique(lignes),
    }
