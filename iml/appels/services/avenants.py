"""Cycle de vie d'une convention : signature, avenants numérotés (R-SUBSIDY-PRORATA).

Signer enregistre la date, les signataires des deux parties et l'exemplaire signé (PDF, PNG ou
JPEG contrôlé comme une pièce jointe, rangé hors de la racine web sous un nom aléatoire, servi
après contrôle du périmètre). Une convention signée ne change plus : un changement de montant
passe par un avenant, numéroté, préparé puis signé ; les versions précédentes restent telles
quelles. Les montants en vigueur sont ceux du dernier avenant signé, sinon de la convention.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from iml.appels import perms
from iml.appels.models import AvenantConvention, Convention, Dossier
from iml.appels.services.pieces import verifier_fichier
from iml.comptes.acteur import Acteur
from regles.calcul import arrondir
from regles.format import date_fr, euros

LIBELLE_SCAN = "Exemplaire signé"
CHAMPS_SIGNATURE = [
    "date_signature",
    "signataire_etat",
    "signataire_operateur",
    "scan",
    "scan_nom",
    "scan_type_mime",
    "signature_enregistree_le",
    "signature_enregistree_par",
]


def peut_signer(acteur: Acteur, dossier: Dossier) -> bool:
    """Le service de l'appel, qui établit la convention, en enregistre la signature et les
    avenants (tant que le dossier est retenu, même en partie)."""
    return perms.peut_conventionner(acteur, dossier)


@dataclass(frozen=True)
class Signature:
    """Ce que l'agent saisit en enregistrant une signature."""

    date: date | None
    signataire_etat: str
    signataire_operateur: str
    scan: UploadedFile | None


def _verifier_signature(
    signature: Signature, aujourd_hui: date, borne: tuple[date, str]
) -> dict[str, list[str]]:
    """Toutes les erreurs d'une signature (R-SUBSIDY-PRORATA) : date ni future ni antérieure à
    `borne` (le jour, ce qu'il date), signataires, exemplaire signé (PDF, PNG ou JPEG)."""
    au_plus_tot, quoi = borne
    erreurs: dict[str, list[str]] = {}
    if signature.date is None:
        erreurs["date_signature"] = ["Date de signature : à renseigner."]
    elif signature.date > aujourd_hui:
        erreurs["date_signature"] = [
            f"Date de signature : le {date_fr(signature.date)} est postérieur à aujourd'hui."
        ]
    elif signature.date < au_plus_tot:
        erreurs["date_signature"] = [
            f"Date de signature : le {date_fr(signature.date)} précède le "
            f"{date_fr(au_plus_tot)}, {quoi} (R-SUBSIDY-PRORATA)."
        ]
    for champ, libelle in (
        ("signataire_etat", "Signataire pour l'État"),
        ("signataire_operateur", "Signataire pour l'opérateur"),
    ):
        if not getattr(signature, champ).strip():
            erreurs[champ] = [f"{libelle} : à renseigner (prénom, nom et qualité)."]
    if signature.scan is None:
        erreurs["scan"] = [f"{LIBELLE_SCAN} : joignez le scan de l'exemplaire signé."]
    else:
        try:
            verifier_fichier(signature.scan, LIBELLE_SCAN)
        except ValidationError as refus:
            erreurs["scan"] = refus.messages
    return erreurs


def _enregistrer(
    objet: Convention | AvenantConvention, signature: Signature, acteur: Acteur
) -> None:
    assert signature.scan is not None and signature.date is not None
    format_scan = verifier_fichier(signature.scan, LIBELLE_SCAN)
    objet.date_signature = signature.date
    objet.signataire_etat = signature.signataire_etat.strip()
    objet.signataire_operateur = signature.signataire_operateur.strip()
    objet.scan_nom = PurePath(signature.scan.name or "signe").name[:200]
    objet.scan_type_mime = format_scan.type_mime
    objet.signature_enregistree_le = timezone.now()
    objet.signature_enregistree_par = acteur.utilisateur
    nom = f"{uuid.uuid4().hex}{format_scan.extensions[0]}"
    objet.scan.save(nom, signature.scan, save=False)
    objet.save(update_fields=CHAMPS_SIGNATURE)


def erreurs_signature_convention(
    convention: Convention, signature: Signature, aujourd_hui: date
) -> dict[str, list[str]]:
    """Une convention se signe au plus tôt le jour de la décision du comité qui retient le
    dossier, au plus tard aujourd'hui (R-SUBSIDY-PRORATA)."""
    decision = getattr(convention.dossier, "decision", None)
    if decision is not None:
        borne = (timezone.localdate(decision.decide_le), "date de la décision du comité")
    else:
        borne = (timezone.localdate(convention.cree_le), "date d'établissement de la convention")
    return _verifier_signature(signature, aujourd_hui, borne)


def erreurs_signature_avenant(
    avenant: AvenantConvention, signature: Signature, aujourd_hui: date
) -> dict[str, list[str]]:
    """Un avenant se signe au plus tôt le jour de la signature de la version qu'il modifie."""
    precedente = version_en_vigueur(avenant.convention)
    if precedente.date_signature is not None:
        quoi = (
            f"date de signature de l'avenant n° {precedente.numero}"
            if isinstance(precedente, AvenantConvention)
            else "date de signature de la convention"
        )
        borne = (precedente.date_signature, quoi)
    else:
        borne = (timezone.localdate(avenant.cree_le), "date de préparation de l'avenant")
    return _verifier_signature(signature, aujourd_hui, borne)


@transaction.atomic
def signer_convention(
    *, acteur: Acteur, convention: Convention, signature: Signature, aujourd_hui: date
) -> Convention:
    """Enregistre la signature d'une convention : ses montants sont dès lors figés."""
    if not peut_signer(acteur, convention.dossier):
        raise PermissionDenied
    # Même verrou que `etablir_convention` (le dossier) : pas de mise à jour pendant la signature.
    Dossier.objects.select_for_update().filter(pk=convention.dossier_id).first()
    convention = Convention.objects.select_for_update().get(pk=convention.pk)
    if convention.signee:
        raise ValidationError(
            f"R-SUBSIDY-PRORATA : la convention n° {convention.numero} est signée depuis le "
            f"{date_fr(convention.date_signature)} ; un changement passe par un avenant."
        )
    if erreurs := erreurs_signature_convention(convention, signature, aujourd_hui):
        raise ValidationError(erreurs)
    _enregistrer(convention, signature, acteur)
    return convention


def version_en_vigueur(convention: Convention) -> Convention | AvenantConvention:
    """Le dernier avenant signé, sinon la convention."""
    dernier = convention.avenants.filter(date_signature__isnull=False).order_by("-numero").first()
    return dernier or convention


def montants_en_vigueur(convention: Convention) -> dict[str, str | None]:
    """{"2019": "12345.67", …} : montants de l'État en vigueur, ceux du dernier avenant signé,
    sinon les montants négociés de la convention. Lit les avenants préchargés
    (`prefetch_related("avenants")`, tableaux de bord du pilotage) ; une requête sinon."""
    signes = [a for a in convention.avenants.all() if a.date_signature is not None]
    if signes:
        return dict(max(signes, key=lambda a: a.numero).montants)
    return dict(convention.montants_negocies)


def _verifier_montants(
    en_vigueur: Mapping[str, str | None], montants: Mapping[int, Decimal | None], motif: str
) -> dict[str, list[str]]:
    erreurs: dict[str, list[str]] = {}
    for cle in sorted(en_vigueur, key=int):
        valeur = montants.get(int(cle))
        if valeur is None:
            erreurs[f"montant_{cle}"] = [f"Montant {cle} : à renseigner."]
        elif valeur < 0:
            erreurs[f"montant_{cle}"] = [f"Montant {cle} : positif ou nul."]
    if not motif.strip():
        erreurs["motif"] = ["Motif de l'avenant : obligatoire (R-SUBSIDY-PRORATA)."]
    if not erreurs and all(
        arrondir(montants[int(k)]) == Decimal(v) for k, v in en_vigueur.items() if v is not None
    ):
        erreurs["__all__"] = [
            "Aucun montant ne change : un avenant modifie au moins un montant en vigueur ("
            + " ; ".join(f"{k} : {euros(Decimal(v) if v else None)}" for k, v in en_vigueur.items())
            + ")."
        ]
    return erreurs


@transaction.atomic
def preparer_avenant(
    *,
    acteur: Acteur,
    convention: Convention,
    montants: Mapping[int, Decimal | None],
    motif: str,
) -> AvenantConvention:
    """Prépare l'avenant suivant d'une convention signée (ou modifie celui qui attend sa
    signature) : nouveaux montants de l'État par exercice et motif."""
    if not peut_signer(acteur, convention.dossier):
        raise PermissionDenied
    convention = Convention.objects.select_for_update().get(pk=convention.pk)
    if not convention.signee:
        raise ValidationError(
            "R-SUBSIDY-PRORATA : une convention non signée se modifie directement ; un avenant "
            "suit la signature."
        )
    en_vigueur = montants_en_vigueur(convention)
    erreurs = _verifier_montants(en_vigueur, montants, motif)
    if erreurs:
        raise ValidationError(erreurs)
    en_attente = convention.avenants.filter(date_signature__isnull=True).first()
    avenant = en_attente or AvenantConvention(
        convention=convention,
        numero=(convention.avenants.count() + 1),
        cree_par=acteur.utilisateur,
    )
    avenant.montants = {
        cle: str(arrondir(montants[int(cle)])) for cle in sorted(en_vigueur, key=int)
    }
    avenant.motif = motif.strip()
    avenant.save()
    return avenant


@transaction.atomic
def signer_avenant(
    *, acteur: Acteur, avenant: AvenantConvention, signature: Signature, aujourd_hui: date
) -> AvenantConvention:
    """Enregistre la signature d'un avenant : ses montants deviennent ceux en vigueur."""
    convention = avenant.convention
    if not peut_signer(acteur, convention.dossier):
        raise PermissionDenied
    avenant = AvenantConvention.objects.select_for_update().get(pk=avenant.pk)
    if avenant.signee:
        raise ValidationError(
            f"R-SUBSIDY-PRORATA : l'avenant n° {avenant.numero} est signé depuis le "
            f"{date_fr(avenant.date_signature)} ; un changement passe par un nouvel avenant."
        )
    if erreurs := erreurs_signature_avenant(avenant, signature, aujourd_hui):
        raise ValidationError(erreurs)
    _enregistrer(avenant, signature, acteur)
    return avenant
