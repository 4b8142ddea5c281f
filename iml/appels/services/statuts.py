"""Changements de statut des appels (R-AAC) et des dossiers (R-SELECTION).

`appliquer_transition` est le seul chemin qui écrit un statut : il vérifie la table de
`regles/transitions.py`, enregistre le statut (`update_fields`) et écrit l'événement (qui,
quand, de, vers, motif). Il ne vérifie pas les droits : les services qui l'appellent le font
d'abord (`changer_statut_appel` ici, `deposer_dossier`, `decider`). Voir l'ADR 0005.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from iml.appels import perms
from iml.appels.enums import StatutAppel, StatutDossier
from iml.appels.models import AppelACandidatures, Dossier, EvenementStatut
from iml.comptes.acteur import Acteur
from regles.transitions import (
    TRANSITIONS_APPEL,
    TRANSITIONS_DOSSIER,
    verifier_cloture,
    verifier_transition,
)


class TransitionInterdite(ValidationError):
    """La table des transitions (ou une condition de la règle) refuse le changement."""


@transaction.atomic
def appliquer_transition(
    *,
    acteur: Acteur,
    objet: AppelACandidatures | Dossier,
    vers: str,
    motif: str = "",
    maintenant: datetime,
) -> EvenementStatut:
    """Passe `objet` au statut `vers` si la table le permet, et journalise le changement."""
    table = TRANSITIONS_APPEL if isinstance(objet, AppelACandidatures) else TRANSITIONS_DOSSIER
    de = objet.statut
    if constat := verifier_transition(table, de, vers, motif):
        raise TransitionInterdite({constat.champ or "statut": [constat.message]})
    objet.statut = vers
    objet.save(update_fields=["statut", "modifie_le"])
    cible = {"appel": objet} if isinstance(objet, AppelACandidatures) else {"dossier": objet}
    return EvenementStatut.objects.create(
        **cible,
        de=de,
        vers=vers,
        motif=motif.strip(),
        par=acteur.utilisateur,
        le=maintenant,
    )


def _verifier_conditions(appel: AppelACandidatures, vers: str, motif: str, jour) -> None:
    """Conditions de la règle au-delà de la table : justification d'une clôture anticipée
    (R-AAC), toutes les décisions prises avant de les arrêter (R-SELECTION)."""
    cloture = vers == StatutAppel.CLOS and appel.statut == StatutAppel.PUBLIE
    if cloture and (constat := verifier_cloture(jour, perms.date_limite(appel), motif)):
        raise TransitionInterdite({"motif": [constat.message]})
    if vers == StatutAppel.DECIDE:
        en_attente = appel.dossiers.filter(statut=StatutDossier.DEPOSE).count()
        if en_attente:
            pluriel = "s attendent" if en_attente > 1 else " attend"
            raise TransitionInterdite(
                {
                    "statut": [
                        f"R-SELECTION : {en_attente} dossier{pluriel} la décision du comité : "
                        "décidez chaque dossier déposé avant d'arrêter les décisions."
                    ]
                }
            )


@transaction.atomic
def changer_statut_appel(
    *,
    acteur: Acteur,
    appel: AppelACandidatures,
    statut: str,
    motif: str = "",
    maintenant: datetime | None = None,
) -> AppelACandidatures:
    """Publie, clôt, rouvre (responsable, avec motif) ou arrête les décisions d'un appel
    (R-AAC) ; clore avant la date limite exige une justification, gardée comme motif."""
    maintenant = maintenant or timezone.now()
    if refus := perms.acces_changer_statut(acteur, appel, statut):
        if not refus.etat:
            raise PermissionDenied(refus.message)
        raise TransitionInterdite({"statut": [refus.message]})
    # Verrou et statut relu en base ; l'objet de l'appelant est mis à jour (il le garde).
    appel.statut = AppelACandidatures.objects.select_for_update().get(pk=appel.pk).statut
    if constat := verifier_transition(TRANSITIONS_APPEL, appel.statut, statut, motif):
        raise TransitionInterdite({constat.champ or "statut": [constat.message]})
    _verifier_conditions(appel, statut, motif, timezone.localdate(maintenant))
    appliquer_transition(
        acteur=acteur, objet=appel, vers=statut, motif=motif, maintenant=maintenant
    )
    return appel


def historique(objet: AppelACandidatures | Dossier) -> list[EvenementStatut]:
    """Les changements de statut d'un appel ou d'un dossier, du plus ancien au plus récent."""
    return list(objet.evenements.select_related("par").order_by("le", "pk"))


def justification_cloture(appel: AppelACandidatures) -> EvenementStatut | None:
    """La dernière clôture de l'appel, si elle a été justifiée (clôture anticipée)."""
    return (
        appel.evenements.filter(vers=StatutAppel.CLOS)
        .exclude(motif="")
        .select_related("par")
        .order_by("-le", "-pk")
        .first()
    )


def reouverture_apres(
    appel: AppelACandidatures, cloture: EvenementStatut | None
) -> EvenementStatut | None:
    """La réouverture (clos → publié) qui suit `cloture`, s'il y en a une (R-AAC)."""
    if cloture is None:
        return None
    return (
        appel.evenements.filter(de=StatutAppel.CLOS, vers=StatutAppel.PUBLIE, pk__gt=cloture.pk)
        .select_related("par")
        .order_by("le", "pk")
        .first()
    )
