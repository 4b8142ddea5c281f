"""Présentation des orientations : tableau de bord, registre des places (état de chaque
logement : occupé, vacant depuis, bientôt vacant le), libellés des propositions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from iml.comptes.acteur import Acteur
from iml.orientations import perms, selectors
from iml.orientations.models import Proposition
from iml.parc.models import Logement
from iml.parc.presentation_logements import libelle_commune
from regles.format import date_fr
from regles.transitions_orientations import PROPOSITION_EN_COURS
from regles.types import StatutLogement
from regles.types_orientations import NatureVacance, StatutDemande, StatutProposition


@dataclass(frozen=True)
class LignePlace:
    logement: Logement
    commune: str
    etat: str
    financee: bool


def etat_place(logement: Logement) -> str:
    """Occupé, vacant depuis le …, bientôt vacant le …, vacant ou disponible mais pas encore
    déclaré au SIAO, en travaux."""
    ouvertes = getattr(logement, "vacances_ouvertes", [])
    if ouvertes:
        v = ouvertes[0]
        if v.nature == NatureVacance.BIENTOT_VACANT:
            return f"bientôt vacant le {date_fr(v.disponible_le)}"
        return f"vacant depuis le {date_fr(v.disponible_le)}"
    libelle = StatutLogement(logement.statut).libelle.lower()
    if logement.statut in (StatutLogement.VACANT, StatutLogement.DISPONIBLE):
        # Un brouillon de l'opérateur n'est pas encore une vacance pour le SIAO.
        return f"{libelle}, pas encore déclaré au SIAO"
    return libelle


def lignes_registre(logements) -> list[LignePlace]:
    return [
        LignePlace(lg, libelle_commune(lg.commune), etat_place(lg), lg.convention_id is not None)
        for lg in logements
    ]


#: Une étape de l'historique d'une proposition : « proposée » plutôt que le libellé du statut
#: (« en attente de réponse »), qui décrit l'état présent.
ETAPES_HISTORIQUE: dict[str, str] = {StatutProposition.PROPOSEE.value: "proposée"}


def libelle_etape(vers: str) -> str:
    """Le libellé français d'un passage de l'historique (jamais le code)."""
    if vers in ETAPES_HISTORIQUE:
        return ETAPES_HISTORIQUE[vers]
    try:
        return StatutProposition(vers).libelle
    except ValueError:
        return vers.replace("_", " ").lower()


def historique(proposition: Proposition) -> list:
    """Les événements de la proposition, chacun avec son `libelle` français."""
    evenements = list(proposition.evenements.select_related("par"))
    for evenement in evenements:
        meme = evenement.de == evenement.vers  # une note sans changement de statut
        evenement.libelle = "ménage informé" if meme else libelle_etape(evenement.vers)
    return evenements


#: Statuts où l'opérateur lit le nom du ménage (R-SIAO, données minimales) : la proposition
#: court ou le ménage est admis chez lui ; retirée ou au refus confirmé, la référence SI-SIAO.
NOM_VISIBLE_OPERATEUR = PROPOSITION_EN_COURS | {StatutProposition.ADMISE}


def menage_affiche(acteur: Acteur, proposition: Proposition) -> str:
    """Le ménage d'une proposition tel que l'acteur peut le lire."""
    demande = proposition.demande
    if perms.coordonne(acteur) or proposition.statut in NOM_VISIBLE_OPERATEUR:
        return f"{demande.prenom} {demande.nom}".strip()
    return f"demande SI-SIAO {demande.reference_siao}"


def nommer(acteur: Acteur, propositions):
    """Pose `menage_affiche` sur chaque proposition (liste rendue)."""
    liste = list(propositions)
    for p in liste:
        p.menage_affiche = menage_affiche(acteur, p)
    return liste


def en_retard(proposition: Proposition, aujourd_hui: date) -> bool:
    """Sans réponse à l'échéance (R-SIAO)."""
    return proposition.statut == StatutProposition.PROPOSEE and proposition.echeance < aujourd_hui


def tableau(acteur: Acteur) -> dict:
    aujourd_hui = timezone.localdate()
    en_cours = list(
        selectors.propositions_visibles(acteur)
        .filter(statut__in=PROPOSITION_EN_COURS)
        .order_by("echeance", "pk")
    )
    contexte = {
        "siao": perms.coordonne(acteur),
        "propositions": nommer(acteur, en_cours),
        "en_retard": [p.pk for p in en_cours if en_retard(p, aujourd_hui)],
        "vacances": list(
            selectors.vacances_visibles(acteur).filter(statut__in=("BROUILLON", "DECLAREE"))
        ),
    }
    if perms.coordonne(acteur):
        # Le même nombre que la liste « Demandes en attente » et que les chiffres.
        contexte["demandes_en_attente"] = (
            selectors.demandes_visibles(acteur).filter(statut=StatutDemande.EN_ATTENTE).count()
        )
    return contexte
