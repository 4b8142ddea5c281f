"""Décision du comité (R-SELECTION) : première décision, amendements motivés, justification
d'une retenue malgré les erreurs de la version déposée.

Une décision enregistrée ne s'écrase jamais : la changer est un amendement motivé qui garde la
décision remplacée (`AmendementDecision`) ; plus rien ne change après la signature de la
convention (`perms.acces_decider`). Le statut du dossier suit par `appliquer_transition`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from iml.appels import perms
from iml.appels.enums import ResultatDecision
from iml.appels.models import AmendementDecision, Decision, Dossier, VersionDossier
from iml.appels.presentation import ChiffresCles, chiffres_cles
from iml.appels.services.statuts import appliquer_transition
from iml.comptes.acteur import Acteur

RETENUS = (ResultatDecision.RETENU, ResultatDecision.PARTIELLEMENT_RETENU)


def erreurs_de_la_version(version: VersionDossier | None) -> list[Mapping[str, Any]]:
    """Les constats de niveau « erreur » figés au dépôt de la version (R-SELECTION : le comité
    les relit avant de retenir un dossier)."""
    return [c for c in (version.constats if version else []) if c.get("niveau") == "erreur"]


@transaction.atomic
def decider(
    *,
    acteur: Acteur,
    dossier: Dossier,
    resultat: str,
    maintenant: datetime,
    places_mg: int = 0,
    places_sl: int = 0,
    motifs: str = "",
    justification_erreurs: str = "",
    motif_amendement: str = "",
) -> Decision:
    """Décision du comité sur un dossier d'un appel clos (R-SELECTION) : retenu (toutes les
    places proposées), partiellement retenu (places gardées par forme), refusé (motifs
    obligatoires). Retenir une version qui porte des erreurs exige `justification_erreurs`.
    Un dossier déjà décidé ne change que par un amendement (`motif_amendement` obligatoire)."""
    if refus := perms.acces_decider(acteur, dossier):
        raise PermissionDenied(refus.message)
    # Verrou et statut relu en base ; l'objet de l'appelant suit la décision.
    dossier.statut = Dossier.objects.select_for_update().get(pk=dossier.pk).statut
    version = dossier.derniere_version
    existante = Decision.objects.filter(dossier=dossier).first()
    demande = Demande(
        resultat, places_mg, places_sl, motifs, justification_erreurs, motif_amendement
    )
    if erreurs := erreurs_decision(version, existante, demande):
        raise ValidationError(erreurs)
    termes = _termes(demande, version)
    if existante is None:
        decision = Decision.objects.create(
            dossier=dossier, decide_le=maintenant, decide_par=acteur.utilisateur, **termes
        )
    else:
        decision = _amender(acteur, existante, termes, demande.motif_amendement, maintenant)
    if dossier.statut != resultat:
        motif = motif_amendement if existante else termes["motifs"]
        appliquer_transition(
            acteur=acteur, objet=dossier, vers=resultat, motif=motif, maintenant=maintenant
        )
    return decision


@dataclass(frozen=True)
class Demande:
    """Ce que le comité propose, textes sans blancs autour."""

    resultat: str
    places_mg: int
    places_sl: int
    motifs: str
    justification: str
    motif_amendement: str

    def __post_init__(self) -> None:
        for champ in ("motifs", "justification", "motif_amendement"):
            object.__setattr__(self, champ, (getattr(self, champ) or "").strip())


def erreurs_decision(
    version: VersionDossier | None, existante: Decision | None, demande: Demande
) -> dict[str, list[str]]:
    """Toutes les erreurs d'une décision proposée, par champ, en une fois (R-SELECTION) :
    places, motifs d'un refus, justification d'une retenue malgré les erreurs, amendement."""
    erreurs: dict[str, list[str]] = {}
    try:
        _places_decidees(demande, chiffres_cles(version))
    except ValidationError as e:
        for champ, messages in e.message_dict.items():
            erreurs.setdefault(champ, []).extend(messages)
    n = len(erreurs_de_la_version(version))
    if demande.resultat in RETENUS and n and not demande.justification:
        erreurs.setdefault("justification_erreurs", []).append(
            f"R-SELECTION : la version n° {version.numero if version else '?'} porte "
            f"{n} erreur{'s' if n > 1 else ''} (rappelée{'s' if n > 1 else ''} "
            "ci-dessus) : retenir ce dossier malgré elles exige une justification écrite."
        )
    if existante is not None:
        termes = None if erreurs else _termes(demande, version)
        for champ, message in _erreurs_amendement(existante, termes, demande).items():
            erreurs.setdefault(champ, []).append(message)
    return erreurs


def _termes(demande: Demande, version: VersionDossier | None) -> dict[str, Any]:
    places_mg, places_sl = _places_decidees(demande, chiffres_cles(version))
    return {
        "resultat": demande.resultat,
        "places_mg": places_mg,
        "places_sl": places_sl,
        "places_retenues": places_mg + places_sl,
        "motifs": demande.motifs,
        "justification_erreurs": demande.justification if demande.resultat in RETENUS else "",
    }


CHAMPS_TERMES = (
    "resultat",
    "places_mg",
    "places_sl",
    "places_retenues",
    "motifs",
    "justification_erreurs",
)


def _amender(
    acteur: Acteur,
    decision: Decision,
    termes: dict[str, Any],
    motif: str,
    maintenant: datetime,
) -> Decision:
    """Garde la décision en vigueur (`AmendementDecision`) puis la remplace par `termes`."""
    AmendementDecision.objects.create(
        decision=decision,
        numero=decision.numero,
        **{champ: getattr(decision, champ) for champ in CHAMPS_TERMES},
        decide_le=decision.decide_le,
        decide_par=decision.decide_par,
        motif_amendement=motif,
        amende_le=maintenant,
        amende_par=acteur.utilisateur,
    )
    for champ, valeur in termes.items():
        setattr(decision, champ, valeur)
    decision.numero += 1
    decision.decide_le = maintenant
    decision.decide_par = acteur.utilisateur
    decision.save(update_fields=[*CHAMPS_TERMES, "numero", "decide_le", "decide_par"])
    return decision


def _erreurs_amendement(
    decision: Decision, termes: dict[str, Any] | None, demande: Demande
) -> dict[str, str]:
    """Un amendement est motivé, change quelque chose et ne refuse pas un dossier dont la
    convention est établie (R-SELECTION). `termes` : None si la proposition a d'autres erreurs."""
    erreurs: dict[str, str] = {}
    if not demande.motif_amendement:
        erreurs["motif_amendement"] = (
            "R-SELECTION : ce dossier est déjà décidé : indiquez le motif de l'amendement ; "
            "la décision actuelle restera lisible dans l'historique."
        )
    if termes and all(getattr(decision, champ) == termes[champ] for champ in CHAMPS_TERMES):
        erreurs["resultat"] = (
            "R-SELECTION : la décision proposée est identique à la décision en vigueur."
        )
    convention = getattr(decision.dossier, "convention", None)
    if convention is not None and demande.resultat == ResultatDecision.REFUSE:
        erreurs["resultat"] = (
            f"R-SELECTION : la convention n° {convention.numero} est établie pour ce dossier : "
            "un refus ne peut pas la laisser en place."
        )
    return erreurs


def historique_decision(decision: Decision | None) -> list[AmendementDecision]:
    """Les décisions remplacées, de la première à la dernière."""
    if decision is None:
        return []
    return list(decision.amendements.select_related("decide_par", "amende_par"))


def _places_decidees(demande: Demande, cles: ChiffresCles) -> tuple[int, int]:
    """Places retenues (mandat de gestion, sous-location) selon le résultat, vérifiées."""
    resultat, places_mg, places_sl = demande.resultat, demande.places_mg, demande.places_sl
    if resultat == ResultatDecision.RETENU:
        if cles.places_mg is None or cles.places_sl is None:
            raise ValidationError(
                {
                    "resultat": "R-SELECTION : places proposées inconnues dans la version "
                    "déposée ; retenez le dossier partiellement en indiquant les places gardées."
                }
            )
        return cles.places_mg, cles.places_sl
    if resultat == ResultatDecision.PARTIELLEMENT_RETENU:
        _verifier_places_partielles(places_mg, places_sl, cles)
        return places_mg, places_sl
    if resultat == ResultatDecision.REFUSE:
        if not demande.motifs:
            raise ValidationError(
                {"motifs": "R-SELECTION : un refus est motivé : indiquez les motifs."}
            )
        return 0, 0
    raise ValidationError(
        {"resultat": "R-SELECTION : choisissez retenu, partiellement retenu ou refusé."}
    )


def _verifier_places_partielles(places_mg: int, places_sl: int, cles: ChiffresCles) -> None:
    erreurs: dict[str, list[str]] = {}
    if places_mg < 0 or places_sl < 0:
        erreurs["places_mg"] = ["R-SELECTION : un nombre de places n'est jamais négatif."]
    elif places_mg + places_sl == 0:
        erreurs["places_mg"] = [
            "R-SELECTION : une retenue partielle garde au moins une place (mandat de gestion "
            "ou sous-location)."
        ]
    for champ, gardees, proposees, forme in (
        ("places_mg", places_mg, cles.places_mg, "mandat de gestion"),
        ("places_sl", places_sl, cles.places_sl, "sous-location"),
    ):
        if gardees and proposees is None:
            erreurs.setdefault(champ, []).append(
                f"R-SELECTION : places proposées en {forme} non renseignées dans la version "
                "déposée (R-UNKNOWN) : aucune place de cette forme ne peut être retenue."
            )
        elif proposees is not None and gardees > proposees:
            erreurs.setdefault(champ, []).append(
                f"R-SELECTION : {gardees} places retenues en {forme} pour {proposees} "
                "proposées par le dossier."
            )
    if erreurs:
        raise ValidationError(erreurs)
