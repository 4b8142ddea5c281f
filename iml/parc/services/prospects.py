"""Prospects de la captation : création, suivi (prochaine action, freins), passages de statut
par la table R-CAPTATION ; un bailleur « ne pas contacter » sort de la prospection."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from iml.comptes.acteur import Acteur
from iml.parc import perms
from iml.parc.communes import code_commune
from iml.parc.models import Bailleur, MotifBlocage, Prospect
from iml.parc.services.commun import affecter, enregistrer
from iml.parc.services.statuts import appliquer_transition, premier_evenement
from regles.types import StatutProspect

CHAMPS_SUIVI = ("adresse", "commune", "typologie", "prochaine_action", "prochaine_action_le")


def commune_du_territoire(acteur: Acteur, saisie: str) -> str:
    """Code INSEE d'une commune du département de l'opérateur (COG livré : code, nom ou
    « Nom (code) »), sinon une erreur sur le champ `commune`."""
    try:
        return code_commune(saisie, acteur.territoire.code)
    except ValidationError as erreur:
        raise ValidationError({"commune": erreur.messages}) from erreur


def _verifier_charge(acteur: Acteur, charge) -> None:
    if charge is None:
        return
    if not charge.adhesions.filter(
        organisation=acteur.organisation, actif=True, role__in=perms.ROLES_GESTION
    ).exists():
        raise ValidationError(
            {"charge": ["Suivi par : choisissez une personne de la gestion du parc."]}
        )


def _appliquer(acteur: Acteur, prospect: Prospect, donnees: dict[str, Any]) -> None:
    affecter(prospect, donnees, CHAMPS_SUIVI, autres=("charge", "freins"))
    if "commune" in donnees:
        prospect.commune = commune_du_territoire(acteur, prospect.commune)
    if "charge" in donnees:
        _verifier_charge(acteur, donnees["charge"])
        prospect.charge = donnees["charge"]


@transaction.atomic
def creer_prospect(
    *, acteur: Acteur, bailleur: Bailleur, maintenant: datetime, **donnees: Any
) -> Prospect:
    if refus := perms.acces_parc(acteur):
        raise PermissionDenied(refus.message)
    if bailleur.operateur_id != acteur.organisation.pk:
        raise PermissionDenied
    if refus := perms.acces_contact(acteur, bailleur):
        raise ValidationError({"bailleur": [refus.message]})
    freins = donnees.pop("freins", ())
    prospect = Prospect(
        operateur=acteur.organisation, bailleur=bailleur, cree_par=acteur.utilisateur
    )
    _appliquer(acteur, prospect, donnees)
    enregistrer(prospect)
    prospect.freins.set(freins)
    premier_evenement(acteur=acteur, objet=prospect, maintenant=maintenant)
    return prospect


@transaction.atomic
def modifier_prospect(*, acteur: Acteur, prospect: Prospect, **donnees: Any) -> Prospect:
    if refus := perms.acces_parc(acteur, prospect.operateur_id):
        raise PermissionDenied(refus.message)
    if prospect.statut == StatutProspect.CAPTE:
        raise ValidationError(
            "R-CAPTATION : un prospect capté ne change plus ; le logement créé prend le relais."
        )
    freins = donnees.pop("freins", None)
    _appliquer(acteur, prospect, donnees)
    enregistrer(prospect)
    if freins is not None:
        prospect.freins.set(freins)
    return prospect


@transaction.atomic
def changer_statut_prospect(
    *,
    acteur: Acteur,
    prospect: Prospect,
    vers: str,
    maintenant: datetime,
    note: str = "",
    motif_abandon: MotifBlocage | None = None,
):
    """R-CAPTATION : un abandon garde son motif (taxonomie des freins) ; R-CONTACT : pas de
    prise de contact avec un bailleur « ne pas contacter »."""
    appelant = prospect
    prospect = Prospect.objects.select_for_update().select_related("bailleur").get(pk=prospect.pk)
    perms.exiger(perms.acces_transition_prospect(acteur, prospect, vers), "statut")
    champs: tuple[str, ...] = ()
    if vers == StatutProspect.ABANDONNE:
        if motif_abandon is None:
            raise ValidationError(
                {"motif_abandon": ["R-CAPTATION : choisissez le motif de l'abandon."]}
            )
        prospect.motif_abandon = motif_abandon
        champs = ("motif_abandon",)
    elif prospect.motif_abandon_id is not None:
        prospect.motif_abandon = None
        champs = ("motif_abandon",)
    if vers in (StatutProspect.CAPTE, StatutProspect.ABANDONNE):
        # Plus d'action à prévoir : le tableau ne la montre plus « en retard ».
        prospect.prochaine_action, prospect.prochaine_action_le = "", None
        champs = (*champs, "prochaine_action", "prochaine_action_le")
    evenement = appliquer_transition(
        acteur=acteur, objet=prospect, vers=vers, note=note, maintenant=maintenant, champs=champs
    )
    # L'objet de l'appelant reflète l'écriture (relue sous verrou).
    for champ in ("statut", "motif_abandon_id", "modifie_le"):
        setattr(appelant, champ, getattr(prospect, champ))
    return evenement
