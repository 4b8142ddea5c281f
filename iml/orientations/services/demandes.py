"""Demandes (ménages en attente côté SIAO, R-SIAO) : enregistrement, modification, critères
de priorité datés (R-PRIORITY-PUBLICS), clôture et réouverture, journal des consultations.
Données minimales : la personne de référence, la composition en nombres, les ressources et
l'aide au logement (inconnue reste inconnue, R-UNKNOWN)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from iml.comptes.acteur import Acteur
from iml.orientations import perms
from iml.orientations.models import ConsultationDemande, CritereDemande, Demande
from iml.orientations.services.statuts import appliquer_transition
from iml.parc.parametres import bareme_national
from iml.parc.services.commun import affecter, enregistrer
from regles.transitions_orientations import PROPOSITION_EN_COURS
from regles.types import PublicPrioritaire, Typologie
from regles.types_orientations import StatutDemande

CHAMPS_DEMANDE = (
    "reference_siao", "nom", "prenom", "adultes", "enfants", "ressources", "aide_logement",
    "aide_estimee", "demande_le", "communes", "communes_strictes", "plain_pied_requis",
    "categorie",
)  # fmt: skip
COMMUNE = re.compile(r"^(\d{5}|2[AB]\d{3})$")


def _erreurs(demande: Demande, criteres: dict[str, date | None], aujourd_hui: date) -> dict:
    """Dates dans le passé, codes INSEE, critères connus, aide estimée seulement si connue,
    composition dans la plus grande typologie (R-CAPACITY)."""
    erreurs: dict[str, list[str]] = {}
    if demande.demande_le and demande.demande_le > aujourd_hui:
        erreurs["demande_le"] = ["Date de la demande : elle ne peut pas être dans le futur."]
    mauvaises = [c for c in demande.communes if not COMMUNE.match(str(c))]
    if mauvaises:
        erreurs["communes"] = [
            f"Communes souhaitées : « {mauvaises[0]} » n'est pas un code INSEE à 5 caractères."
        ]
    if demande.communes_strictes and not demande.communes:
        erreurs["communes_strictes"] = [
            "Seulement ces communes : indiquez d'abord au moins une commune souhaitée."
        ]
    if demande.aide_estimee and demande.aide_logement is None:
        erreurs["aide_estimee"] = [
            "Aide estimée : indiquez le montant estimé, ou décochez (aide inconnue)."
        ]
    for critere, le in criteres.items():
        if critere not in set(PublicPrioritaire):
            erreurs["criteres"] = [f"R-PRIORITY-PUBLICS : critère inconnu « {critere} »."]
        elif le is not None and le > aujourd_hui:
            erreurs["criteres"] = [
                f"R-PRIORITY-PUBLICS : {PublicPrioritaire(critere).libelle} : la date de "
                "reconnaissance ne peut pas être dans le futur."
            ]
    maximum = bareme_national().capacite_max_places[Typologie.T6_PLUS]
    if demande.adultes and demande.personnes > maximum:
        erreurs["enfants"] = [
            f"R-CAPACITY : {demande.personnes} personnes dépassent la capacité du plus grand "
            f"logement ({Typologie.T6_PLUS.libelle} : {maximum} places)."
        ]
    return erreurs


def _enregistrer(demande: Demande, criteres: dict[str, date | None], aujourd_hui: date):
    demande.communes = sorted({str(c).strip().upper() for c in demande.communes if c})
    erreurs = _erreurs(demande, criteres, aujourd_hui)
    try:
        with transaction.atomic():
            enregistrer(demande, erreurs)
    except IntegrityError as erreur:
        raise ValidationError(
            {"reference_siao": ["Référence SI-SIAO : déjà portée par une autre demande."]}
        ) from erreur
    demande.criteres.exclude(critere__in=list(criteres)).delete()
    for critere, le in criteres.items():
        CritereDemande.objects.update_or_create(
            demande=demande, critere=critere, defaults={"reconnu_le": le}
        )
    return demande


@transaction.atomic
def enregistrer_demande(
    *,
    acteur: Acteur,
    aujourd_hui: date,
    criteres: dict[str, date | None] | None = None,
    **donnees: Any,
) -> Demande:
    """R-SIAO : le SIAO enregistre un ménage qu'il oriente vers l'IML."""
    perms.exiger(perms.acces_siao(acteur))
    demande = Demande(siao=acteur.organisation, cree_par=acteur.utilisateur)
    affecter(demande, donnees, CHAMPS_DEMANDE)
    return _enregistrer(demande, criteres or {}, aujourd_hui)


@transaction.atomic
def modifier_demande(
    *,
    acteur: Acteur,
    demande: Demande,
    aujourd_hui: date,
    criteres: dict[str, date | None] | None = None,
    **donnees: Any,
) -> Demande:
    perms.exiger(perms.acces_siao(acteur, demande.siao_id))
    _modifiable(demande)
    affecter(demande, donnees, CHAMPS_DEMANDE)
    if criteres is None:
        criteres = dict(demande.criteres.values_list("critere", "reconnu_le"))
    return _enregistrer(demande, criteres, aujourd_hui)


def _modifiable(demande: Demande) -> None:
    """R-SIAO : une demande logée, ou dont une proposition court, ne change plus (l'opérateur
    juge, ou a admis, le ménage tel qu'il lui a été proposé) ; par l'écran comme par l'import."""
    if demande.statut == StatutDemande.LOGEE:
        raise ValidationError(
            "R-SIAO : cette demande est logée ; elle ne se modifie plus (le ménage est suivi "
            "par son opérateur)."
        )
    if demande.propositions.filter(statut__in=PROPOSITION_EN_COURS).exists():
        raise ValidationError(
            "R-SIAO : une proposition est en cours pour ce ménage ; retirez-la avant de modifier "
            "la demande."
        )


@transaction.atomic
def changer_statut_demande(
    *, acteur: Acteur, demande: Demande, vers: str, motif: str, maintenant: datetime
) -> Demande:
    """Clore une demande (le ménage a trouvé ailleurs, n'est plus joignable…) ou la rouvrir,
    motif écrit ; « logée » ne vient que de l'admission."""
    perms.exiger(perms.acces_siao(acteur, demande.siao_id))
    if vers == StatutDemande.LOGEE:
        raise ValidationError({"statut": ["R-SIAO : une demande est logée par l'admission."]})
    if (
        vers == StatutDemande.CLOSE
        and demande.propositions.filter(statut__in=PROPOSITION_EN_COURS).exists()
    ):
        raise ValidationError(
            {
                "statut": [
                    "R-SIAO : une proposition est en cours pour ce ménage ; retirez-la "
                    "avant de clore la demande."
                ]
            }
        )
    demande.motif_statut = motif.strip()[:500]
    appliquer_transition(
        acteur=acteur, objet=demande, vers=vers, maintenant=maintenant, motif=motif,
        champs=("motif_statut",),
    )  # fmt: skip
    return demande


def journaliser_consultation(
    *, acteur: Acteur, demande: Demande, page: str, maintenant: datetime
) -> ConsultationDemande:
    """Chaque lecture d'une demande laisse une ligne : qui, quand, quelle page."""
    return ConsultationDemande.objects.create(
        demande=demande, par=acteur.utilisateur, le=maintenant, page=page
    )


def journaliser_consultations(
    *, acteur: Acteur, demandes: Iterable[Demande], page: str, maintenant: datetime
) -> int:
    """Une page qui montre plusieurs ménages (revue d'un appariement) : une ligne par
    demande montrée."""
    lignes = [
        ConsultationDemande(demande=d, par=acteur.utilisateur, le=maintenant, page=page)
        for d in demandes
    ]
    return len(ConsultationDemande.objects.bulk_create(lignes, batch_size=500))
