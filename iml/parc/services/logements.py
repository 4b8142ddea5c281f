"""Logements du parc : fiche (R-CAPACITY, R-MODE, R-PUBLIC-STOCK, zone dérivée de la commune),
rattachement à une convention, passages de statut avec contrôle de décence à chaque mise en
location (R-DECENCE-SURFACE, R-DECENCE-DPE)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from iml.comptes.acteur import Acteur
from iml.parc import perms, selectors
from iml.parc.models import Bailleur, Logement, Prospect
from iml.parc.parametres import bareme_national, parametres_parc
from iml.parc.services.commun import affecter, enregistrer
from iml.parc.services.prospects import commune_du_territoire
from iml.parc.services.statuts import appliquer_transition, premier_evenement
from regles.constats import Constat
from regles.decence import CaracteristiquesDecence, controler_decence
from regles.parametres_parc import ParametresParc, zone_de_commune
from regles.transitions import STATUTS_MISE_EN_LOCATION
from regles.types import Mode, StatutLogement, StatutProspect, Typologie

CHAMPS_LOGEMENT = (
    "reference", "adresse", "complement", "code_postal", "commune", "typologie", "capacite",
    "surface_m2", "hauteur_sous_plafond_m", "etage", "ascenseur", "plain_pied", "meuble",
    "forme", "bail_glissant_possible", "loyer", "charges", "redevance", "zone", "zone_forcee",
    "classe_dpe", "date_dpe", "conventionnement", "logement_social", "justification_social",
    "justification_social_le", "date_mobilisation", "convention",
)  # fmt: skip
CODE_POSTAL = re.compile(r"^\d{5}$")


def _appliquer(acteur: Acteur, logement: Logement, donnees: dict[str, Any]) -> None:
    affecter(logement, donnees, CHAMPS_LOGEMENT)
    if "commune" in donnees:
        logement.commune = commune_du_territoire(acteur, logement.commune)
    if logement.capacite is None:
        logement.capacite = _capacite_max(logement.typologie)
    if not logement.zone_forcee and logement.commune:
        logement.zone = zone_de_commune(logement.commune, parametres_parc()).value


def _capacite_max(typologie: str) -> int | None:
    """R-CAPACITY : les places au plus d'un logement de cette typologie (barème national)."""
    if typologie not in Typologie.__members__:
        return None
    return bareme_national().capacite_max_places[Typologie(typologie)]


def _erreurs_fiche(acteur: Acteur, logement: Logement, aujourd_hui: date) -> dict[str, list]:
    """Les règles de la fiche au-delà des types : chaque erreur sous son champ."""
    erreurs: dict[str, list[str]] = {}
    if logement.code_postal and not CODE_POSTAL.match(logement.code_postal):
        erreurs["code_postal"] = ["Code postal : cinq chiffres, par exemple 35000."]
    maximum = _capacite_max(logement.typologie) if logement.capacite else None
    if maximum is not None and logement.capacite > maximum:
        libelle = Typologie(logement.typologie).libelle
        erreurs["capacite"] = [
            f"R-CAPACITY : {logement.capacite} places dépassent le maximum de {maximum} "
            f"pour un logement « {libelle} »."
        ]
    if logement.forme != Mode.SOUS_LOCATION:
        if logement.redevance is not None:
            erreurs["redevance"] = ["R-MODE : la redevance ne concerne que la sous-location."]
        if logement.bail_glissant_possible:
            erreurs["bail_glissant_possible"] = [
                "R-MODE : le bail glissant est une forme de sous-location."
            ]
    erreurs.update(_erreurs_parc_social(logement, aujourd_hui))
    erreurs.update(_erreurs_mesures_et_dates(logement, aujourd_hui))
    erreurs.update(_erreurs_forme(logement, aujourd_hui))
    if logement.convention_id and not (
        selectors.conventions_rattachables(acteur).filter(pk=logement.convention_id).exists()
    ):
        erreurs["convention"] = ["Convention : choisissez une convention de votre organisation."]
    return erreurs


def _erreurs_mesures_et_dates(logement: Logement, aujourd_hui: date) -> dict[str, list[str]]:
    erreurs: dict[str, list[str]] = {}
    for champ, libelle in (
        ("surface_m2", "Surface habitable"),
        ("hauteur_sous_plafond_m", "Hauteur sous plafond"),
    ):
        if getattr(logement, champ) is not None and getattr(logement, champ) <= 0:
            erreurs[champ] = [f"{libelle} : saisissez une valeur supérieure à zéro."]
    if logement.date_dpe and logement.date_dpe > aujourd_hui:
        erreurs["date_dpe"] = ["Date du DPE : elle ne peut pas être dans le futur."]
    if logement.date_mobilisation and logement.date_mobilisation > aujourd_hui:
        erreurs["date_mobilisation"] = [
            "Date de mobilisation : elle ne peut pas être dans le futur."
        ]
    return erreurs


def _erreurs_forme(logement: Logement, aujourd_hui: date) -> dict[str, list[str]]:
    """R-MODE : un contrat en cours lie le logement dans sa forme ; en changer suppose de le
    résilier d'abord."""
    if logement.pk is None:
        return {}
    avant = Logement.objects.filter(pk=logement.pk).values_list("forme", flat=True).first()
    if avant is None or avant == logement.forme:
        return {}
    en_cours = logement.contrats.filter(
        Q(resilie_le__isnull=True) | Q(resilie_le__gt=aujourd_hui)
    ).exists()
    if not en_cours:
        return {}
    return {
        "forme": [
            f"R-MODE : un contrat en cours lie ce logement en « {Mode(avant).libelle} » ; "
            "résiliez-le avant de changer de forme."
        ]
    }


def _erreurs_parc_social(logement: Logement, aujourd_hui: date) -> dict[str, list[str]]:
    """R-PUBLIC-STOCK : un logement social est une exception, justifiée et datée."""
    if logement.bailleur_id and logement.bailleur.type == "BAILLEUR_SOCIAL":
        logement.logement_social = True
    if not logement.logement_social:
        logement.justification_social, logement.justification_social_le = "", None
        return {}
    erreurs: dict[str, list[str]] = {}
    if not logement.justification_social.strip():
        erreurs["justification_social"] = [
            "R-PUBLIC-STOCK : l'IML mobilise le parc privé ; un logement social est une "
            "exception : écrivez sa justification (par exemple, droits en cours d'ouverture)."
        ]
    if logement.justification_social_le is None:
        erreurs["justification_social_le"] = ["R-PUBLIC-STOCK : datez la justification."]
    elif logement.justification_social_le > aujourd_hui:
        erreurs["justification_social_le"] = [
            "R-PUBLIC-STOCK : la justification ne peut pas être datée dans le futur."
        ]
    return erreurs


def _enregistrer(acteur: Acteur, logement: Logement, aujourd_hui: date) -> Logement:
    return enregistrer(logement, _erreurs_fiche(acteur, logement, aujourd_hui))


def _prospect_capte(acteur: Acteur, prospect: Prospect, bailleur: Bailleur) -> Prospect:
    """R-CAPTATION : le prospect (relu sous verrou) est capté, sans logement, de la même
    organisation ; le logement garde son bailleur."""
    prospect = Prospect.objects.select_for_update().get(pk=prospect.pk)
    if prospect.operateur_id != acteur.organisation.pk:
        raise PermissionDenied
    if prospect.statut != StatutProspect.CAPTE or prospect.logement_id is not None:
        raise ValidationError(
            {"prospect": ["R-CAPTATION : seul un prospect capté, sans logement, en crée un."]}
        )
    if prospect.bailleur_id != bailleur.pk:
        raise ValidationError(
            {"bailleur": ["R-CAPTATION : le logement garde le bailleur du prospect capté."]}
        )
    return prospect


@transaction.atomic
def creer_logement(
    *,
    acteur: Acteur,
    bailleur: Bailleur,
    maintenant: datetime,
    prospect: Prospect | None = None,
    **donnees: Any,
) -> Logement:
    """Un logement capté entre au parc « en captation » ; venu d'un prospect, il doit être
    capté (R-CAPTATION) et le prospect le garde."""
    if refus := perms.acces_parc(acteur):
        raise PermissionDenied(refus.message)
    if bailleur.operateur_id != acteur.organisation.pk:
        raise PermissionDenied
    if prospect is not None:
        prospect = _prospect_capte(acteur, prospect, bailleur)
    logement = Logement(operateur=acteur.organisation, bailleur=bailleur)
    _appliquer(acteur, logement, donnees)
    _enregistrer(acteur, logement, timezone.localdate(maintenant))
    premier_evenement(acteur=acteur, objet=logement, maintenant=maintenant)
    if prospect is not None:
        prospect.logement = logement
        prospect.save(update_fields=["logement", "modifie_le"])
    return logement


@transaction.atomic
def modifier_logement(
    *, acteur: Acteur, logement: Logement, aujourd_hui: date, **donnees: Any
) -> Logement:
    perms.exiger(perms.acces_modifier_logement(acteur, logement))
    _appliquer(acteur, logement, donnees)
    return _enregistrer(acteur, logement, aujourd_hui)


def transition_manuelle(de: str, vers: str) -> bool:
    """Un passage que la fiche du logement peut demander : ni l'entrée d'un ménage (vers
    « occupé »), ni sa sortie (depuis « occupé »)."""
    return StatutLogement.OCCUPE not in (de, vers)


def _refuser_entree_ou_sortie(de: str, vers: str) -> None:
    if not transition_manuelle(de, vers):
        raise ValidationError(
            {
                "statut": [
                    "R-PARC : l'entrée et la sortie d'un ménage se notent depuis son occupation "
                    "(admission, sortie), pas depuis la fiche du logement."
                ]
            }
        )


def constats_decence(
    logement: Logement, jour: date, parametres: ParametresParc | None = None
) -> tuple[Constat, ...]:
    """Le contrôle de décence d'une mise en location de `logement` le `jour` donné (paramètres
    du parc en vigueur, ou ceux donnés : le générateur les lit une fois)."""
    caracteristiques = CaracteristiquesDecence(
        surface_m2=logement.surface_m2,
        hauteur_sous_plafond_m=logement.hauteur_sous_plafond_m,
        classe_dpe=logement.classe_dpe or None,
        date_dpe=logement.date_dpe,
    )
    return controler_decence(caracteristiques, parametres or parametres_parc(), jour)


@transaction.atomic
def changer_statut_logement(
    *,
    acteur: Acteur,
    logement: Logement,
    vers: str,
    maintenant: datetime,
    note: str = "",
    manuel: bool = False,
):
    """R-PARC par la table ; toute (nouvelle) mise en location passe le contrôle de décence,
    qui refuse en nommant la règle. La première mise en location date la mobilisation.
    `manuel` : un passage demandé depuis la fiche du logement, qui ne peut ni faire entrer ni
    faire sortir un ménage (l'admission et la sortie, dans les occupations, s'en chargent)."""
    appelant, logement = logement, Logement.objects.select_for_update().get(pk=logement.pk)
    perms.exiger(perms.acces_modifier_logement(acteur, logement), "statut")
    if manuel:
        _refuser_entree_ou_sortie(logement.statut, vers)
    jour = timezone.localdate(maintenant)
    if vers in STATUTS_MISE_EN_LOCATION:
        erreurs: dict[str, list[str]] = {}
        for c in constats_decence(logement, jour):
            if c.niveau == "erreur":
                erreurs.setdefault(c.champ or "statut", []).append(c.message)
        if erreurs:
            raise ValidationError(erreurs)
    champs: tuple[str, ...] = ()
    if vers == StatutLogement.DISPONIBLE and logement.date_mobilisation is None:
        logement.date_mobilisation, champs = jour, ("date_mobilisation",)
    if vers == StatutLogement.RESTITUE:
        logement.date_restitution, champs = jour, ("date_restitution",)
    evenement = appliquer_transition(
        acteur=acteur, objet=logement, vers=vers, note=note, maintenant=maintenant, champs=champs
    )
    # L'objet de l'appelant reflète l'écriture (relue sous verrou).
    for champ in ("statut", "date_mobilisation", "date_restitution", "modifie_le"):
        setattr(appelant, champ, getattr(logement, champ))
    return evenement
