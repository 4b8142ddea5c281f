"""Admission du ménage d'une proposition acceptée (R-SIAO) : la demande devient un ménage de
l'opérateur (personne de référence, membres, ressources, aide connue, critères datés), puis
le service d'admission des occupations contrôle et admet (R-CAPACITY, R-EFFORT-*,
R-CATEGORY, décence…, dérogation de la direction là où la règle la permet). Tout ou rien :
un contrôle qui bloque n'écrit ni ménage ni occupation. La proposition passe « ménage admis »,
la demande « logée » ; la vacance déclarée devient « pourvue » quand le logement passe
« occupé » (`services.vacances.suivre_logement`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iml.comptes.acteur import Acteur
from iml.menages.models import Menage
from iml.menages.services import menages
from iml.occupations.models import Occupation
from iml.occupations.services.admission import admettre
from iml.orientations import perms
from iml.orientations.models import Proposition
from iml.orientations.services.statuts import appliquer_transition
from regles.format import pluriel
from regles.types import Mode, NatureRessource
from regles.types_orientations import StatutDemande, StatutProposition


@dataclass(frozen=True)
class SaisieAdmission:
    """Ce que l'opérateur ajoute à la demande : la date de naissance de la personne de
    référence, les autres membres (lien, année de naissance), l'entrée."""

    date_naissance: date
    date_entree: date
    membres: list[tuple[str, int]] = field(default_factory=list)
    bail_glissant: bool = False
    suite_parcours: str = ""
    derogation: str = ""


def tarif(logement) -> tuple[Decimal | None, Decimal | None]:
    """Mandat de gestion : loyer + charges ; sous-location : redevance + charges."""
    loyer = logement.redevance if logement.forme == Mode.SOUS_LOCATION else logement.loyer
    return loyer, logement.charges


def _autres(n: int) -> str:
    """« l'autre membre », « les 2 autres membres »."""
    if n < 1:
        return "aucun autre membre"
    return "l'autre membre" if n == 1 else f"les {pluriel(n, 'autre membre', 'autres membres')}"


def _verifier(proposition: Proposition, saisie: SaisieAdmission) -> tuple[Decimal, Decimal]:
    demande = proposition.demande
    erreurs: dict[str, list[str]] = {}
    if len(saisie.membres) != demande.personnes - 1:
        erreurs["membres"] = [
            f"Membres : la demande compte {pluriel(demande.personnes, 'personne')} ; indiquez "
            f"{_autres(demande.personnes - 1)} (lien et année de naissance)."
        ]
    loyer, charges = tarif(proposition.logement)
    if loyer is None or charges is None:
        erreurs["__all__"] = [
            "Le loyer (ou la redevance) et les charges du logement sont à compléter sur sa "
            "fiche avant l'admission."
        ]
    if erreurs:
        raise ValidationError(erreurs)
    assert loyer is not None and charges is not None
    return loyer, charges


def _menage(
    acteur: Acteur, proposition: Proposition, saisie: SaisieAdmission, maintenant: datetime
) -> Menage:
    """La demande devient un ménage de l'opérateur (par les services des ménages), au jour
    de `maintenant` (jamais l'horloge)."""
    d, aujourd_hui = proposition.demande, timezone.localdate(maintenant)
    menage = menages.creer_menage(
        acteur=acteur, aujourd_hui=aujourd_hui, nom=d.nom, prenom=d.prenom,
        date_naissance=saisie.date_naissance, categorie=d.categorie,
        orientation_siao_reference=d.reference_siao, orientation_siao_le=proposition.proposee_le,
    )  # fmt: skip
    for lien, annee in saisie.membres:
        menages.ajouter_personne(
            acteur=acteur, menage=menage, lien=lien, annee_naissance=annee,
            aujourd_hui=aujourd_hui,
        )  # fmt: skip
    ressources = {NatureRessource.AUTRE: d.ressources}
    if not d.aide_estimee:  # une aide estimée par le SIAO n'est pas une ressource connue
        ressources[NatureRessource.AIDE_LOGEMENT] = d.aide_logement
    for nature, montant in ressources.items():
        if montant is not None:  # R-UNKNOWN : une valeur inconnue n'est pas écrite à 0
            menages.ajouter_ressource(
                acteur=acteur, menage=menage, nature=nature, montant=montant,
                connue_le=aujourd_hui, aujourd_hui=aujourd_hui,
            )  # fmt: skip
    for critere in d.criteres.all():
        menages.poser_critere(
            acteur=acteur, menage=menage, critere=critere.critere,
            reconnu_le=critere.reconnu_le, aujourd_hui=aujourd_hui,
        )  # fmt: skip
    return menage


@transaction.atomic
def admettre_proposition(
    *, acteur: Acteur, proposition: Proposition, saisie: SaisieAdmission, maintenant: datetime
) -> Occupation:
    perms.exiger(perms.acces_admission(acteur, proposition))
    loyer, charges = _verifier(proposition, saisie)
    logement = proposition.logement
    occupation = admettre(
        acteur=acteur, menage=_menage(acteur, proposition, saisie, maintenant), logement=logement,
        forme=logement.forme, date_entree=saisie.date_entree, loyer=loyer, charges=charges,
        bail_glissant=saisie.bail_glissant, suite_parcours=saisie.suite_parcours,
        derogation=saisie.derogation, maintenant=maintenant,
    )  # fmt: skip
    proposition.occupation = occupation
    appliquer_transition(
        acteur=acteur, objet=proposition, vers=StatutProposition.ADMISE, maintenant=maintenant,
        champs=("occupation",),
    )  # fmt: skip
    appliquer_transition(
        acteur=acteur, objet=proposition.demande, vers=StatutDemande.LOGEE, maintenant=maintenant
    )
    return occupation
