"""Propositions du SIAO (R-SIAO) : le SIAO propose un ménage pour un logement ; l'opérateur
accepte ou refuse dans le délai (`siao.proposition_delai_reponse_jours`) avec un motif codé ;
le SIAO confirme le refus ou passe outre (motif écrit) ; il peut retirer une proposition ;
« ménage informé le » se note. Chaque passage est un événement (qui, quand, de, vers, motif).
L'admission du ménage d'une proposition acceptée est dans `services/admission.py`."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from iml.comptes.acteur import Acteur
from iml.orientations import perms
from iml.orientations.models import (
    DeclarationVacance,
    Demande,
    EvenementProposition,
    Proposition,
)
from iml.orientations.parametres import delai_reponse_jours
from iml.orientations.services import notifications
from iml.orientations.services.statuts import appliquer_transition, verifier_statut
from iml.parc.models import Logement
from regles.format import date_fr, pluriel
from regles.types import StatutLogement
from regles.types_orientations import (
    DecisionSiao,
    MotifRefus,
    StatutDemande,
    StatutProposition,
    StatutVacance,
)

P = StatutProposition


def _erreurs_proposition(acteur: Acteur, demande: Demande, logement: Logement) -> dict:
    erreurs: dict[str, list[str]] = {}
    if demande.siao_id != acteur.organisation.pk:
        erreurs["demande"] = ["Choisissez une demande enregistrée par votre SIAO."]
    elif demande.statut != StatutDemande.EN_ATTENTE:
        erreurs["demande"] = ["R-SIAO : seule une demande en attente reçoit une proposition."]
    code = acteur.territoire.code if acteur.territoire else ""
    if not code or not logement.commune.startswith(code):
        erreurs["logement"] = ["R-SIAO : choisissez un logement de votre département."]
    elif logement.statut in (StatutLogement.RESTITUE, StatutLogement.EN_CAPTATION):
        erreurs["logement"] = ["R-SIAO : ce logement n'est pas mobilisé par son opérateur."]
    elif not DeclarationVacance.objects.filter(
        logement=logement, statut=StatutVacance.DECLAREE
    ).exists():
        erreurs["logement"] = [
            "R-SIAO : ce logement n'a pas de vacance déclarée au SIAO ; son opérateur la "
            "déclare avant toute proposition."
        ]
    elif demande.personnes > logement.capacite:
        erreurs["logement"] = [
            f"R-CAPACITY : un ménage de {pluriel(demande.personnes, 'personne')} dépasse la "
            f"capacité de ce logement ({pluriel(logement.capacite, 'place')})."
        ]
    return erreurs


@transaction.atomic
def proposer(
    *,
    acteur: Acteur,
    demande: Demande,
    logement: Logement,
    maintenant: datetime,
    execution=None,
    score: dict | None = None,
) -> Proposition:
    """R-SIAO : une proposition à l'opérateur du logement, réponse attendue sous le délai du
    barème ; la vacance déclarée du logement y est rattachée. Un ménage, un logement : une
    seule proposition en cours à la fois."""
    perms.exiger(perms.acces_siao(acteur))
    if erreurs := _erreurs_proposition(acteur, demande, logement):
        raise ValidationError(erreurs)
    aujourd_hui = timezone.localdate(maintenant)
    declaration = DeclarationVacance.objects.filter(
        logement=logement, statut=StatutVacance.DECLAREE
    ).first()
    proposition = Proposition(
        demande=demande, logement=logement, declaration=declaration, siao=acteur.organisation,
        operateur_id=logement.operateur_id, execution=execution, score=score,
        proposee_le=aujourd_hui, echeance=aujourd_hui + timedelta(days=delai_reponse_jours()),
        cree_par=acteur.utilisateur,
    )  # fmt: skip
    try:
        with transaction.atomic():
            proposition.full_clean()
            proposition.save()
    except (IntegrityError, ValidationError) as erreur:
        raise ValidationError(_doublon(erreur)) from erreur
    EvenementProposition.objects.create(
        proposition=proposition, de="", vers=P.PROPOSEE, le=maintenant, par=acteur.utilisateur
    )
    notifications.proposition_faite(proposition)
    return proposition


def _doublon(erreur: Exception) -> dict[str, list[str]]:
    if isinstance(erreur, ValidationError) and hasattr(erreur, "message_dict"):
        messages = [m for ms in erreur.message_dict.values() for m in ms]
    else:
        messages = ["Ce ménage ou ce logement a déjà une proposition en cours."]
    return {"__all__": messages}


@transaction.atomic
def repondre(
    *,
    acteur: Acteur,
    proposition: Proposition,
    accepte: bool,
    motif_refus: str = "",
    note_refus: str = "",
    maintenant: datetime,
) -> Proposition:
    """L'opérateur accepte, ou refuse avec un motif codé (« autre » : une précision écrite)."""
    perms.exiger(perms.acces_operateur(acteur, proposition.operateur_id))
    vers = P.ACCEPTEE if accepte else P.REFUSEE
    verifier_statut(proposition, vers, "")
    erreurs: dict[str, list[str]] = {}
    if not accepte and motif_refus not in set(MotifRefus):
        erreurs["motif_refus"] = ["Motif du refus : choisissez-en un dans la liste."]
    if not accepte and motif_refus == MotifRefus.AUTRE and not note_refus.strip():
        erreurs["note_refus"] = ["Précision : obligatoire pour le motif « Autre motif »."]
    if erreurs:
        raise ValidationError(erreurs)
    proposition.repondue_le = timezone.localdate(maintenant)
    proposition.motif_refus = "" if accepte else motif_refus
    proposition.note_refus = "" if accepte else note_refus.strip()
    motif = "" if accepte else f"{MotifRefus(motif_refus).libelle}. {note_refus}".strip(" .")
    appliquer_transition(
        acteur=acteur, objet=proposition, vers=vers, maintenant=maintenant, motif=motif,
        champs=("repondue_le", "motif_refus", "note_refus"),
    )  # fmt: skip
    if not accepte:
        notifications.proposition_refusee(proposition)
    return proposition


@transaction.atomic
def decider_refus(
    *,
    acteur: Acteur,
    proposition: Proposition,
    decision: str,
    motif: str = "",
    maintenant: datetime,
) -> Proposition:
    """Le SIAO confirme le refus de l'opérateur, ou passe outre (motif écrit) : la
    proposition redevient acceptée et l'opérateur la met en œuvre."""
    perms.exiger(perms.acces_siao(acteur, proposition.siao_id))
    if decision not in set(DecisionSiao):
        raise ValidationError({"decision": ["Décision : choisissez-en une."]})
    vers = P.REFUS_CONFIRME if decision == DecisionSiao.CONFIRME else P.ACCEPTEE
    proposition.decision_siao, proposition.motif_decision = decision, motif.strip()
    proposition.decidee_le = timezone.localdate(maintenant)
    appliquer_transition(
        acteur=acteur, objet=proposition, vers=vers, maintenant=maintenant, motif=motif,
        champs=("decision_siao", "motif_decision", "decidee_le"),
    )  # fmt: skip
    return proposition


@transaction.atomic
def retirer(
    *, acteur: Acteur, proposition: Proposition, motif: str, maintenant: datetime
) -> Proposition:
    """Le SIAO retire une proposition en attente ou acceptée (motif écrit)."""
    perms.exiger(perms.acces_siao(acteur, proposition.siao_id))
    appliquer_transition(
        acteur=acteur, objet=proposition, vers=P.ANNULEE, maintenant=maintenant, motif=motif
    )
    return proposition


@transaction.atomic
def noter_menage_informe(
    *, acteur: Acteur, proposition: Proposition, le: date, maintenant: datetime
) -> Proposition:
    """La date à laquelle le ménage a été informé de l'issue (SIAO ou opérateur) ; un
    événement de la proposition (qui, quand)."""
    aujourd_hui = timezone.localdate(maintenant)
    if perms.acces_siao(acteur, proposition.siao_id):
        perms.exiger(perms.acces_operateur(acteur, proposition.operateur_id))
    erreurs: dict[str, list[str]] = {}
    if le > aujourd_hui:
        erreurs["menage_informe_le"] = ["Ménage informé le : la date ne peut être dans le futur."]
    elif le < proposition.proposee_le:
        erreurs["menage_informe_le"] = [
            "Ménage informé le : la date ne peut précéder la proposition."
        ]
    if erreurs:
        raise ValidationError(erreurs)
    proposition.menage_informe_le = le
    proposition.save(update_fields=["menage_informe_le", "modifie_le"])
    # Un événement sans changement de statut (de = vers) : qui l'a noté, et quand.
    EvenementProposition.objects.create(
        proposition=proposition, de=proposition.statut, vers=proposition.statut,
        le=maintenant, par=acteur.utilisateur, motif=f"Ménage informé le {date_fr(le)}.",
    )  # fmt: skip
    return proposition
