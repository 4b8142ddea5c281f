"""Écritures des alertes : créer (idempotent par clé), marquer lue, régler ses préférences.
Un courriel ne part jamais de la requête : il est confié au worker
(`iml.comptes.taches.envoyer_courriel`), après la validation de la transaction."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial

from django.db import IntegrityError, transaction

from iml.alertes.models import Alerte, PreferenceAlertes
from iml.comptes.models import Organisation, Utilisateur

SUJET = "IML : nouvelle alerte"


def _corps(alerte: Alerte) -> str:
    lien = f"\n\nPage concernée dans IML : {alerte.lien}" if alerte.lien else ""
    return (
        f"Bonjour,\n\n{alerte.message}{lien}\n\nRetrouvez toutes vos alertes dans votre boîte "
        "IML (menu « Alertes »). Vous recevez ce courriel parce que vous l'avez demandé dans vos "
        "préférences d'alertes.\n"
    )


def _envoyer(alerte: Alerte) -> None:
    from iml.comptes.taches import envoyer_courriel

    envoyer_courriel.enqueue(
        destinataire=alerte.destinataire.email, sujet=SUJET, corps=_corps(alerte)
    )


@transaction.atomic
def creer_alerte(
    *,
    destinataire: Utilisateur,
    organisation: Organisation,
    regle: str,
    message: str,
    cle: str,
    lien: str = "",
    echeance: date | None = None,
) -> Alerte | None:
    """Crée l'alerte si ce destinataire n'a pas déjà celle de cette clé (sinon None, rien ne
    change). Si le destinataire l'a demandé, un courriel est confié au worker, une fois."""
    if Alerte.objects.filter(destinataire=destinataire, cle=cle).exists():
        return None
    try:
        with transaction.atomic():
            alerte = Alerte.objects.create(
                destinataire=destinataire,
                organisation=organisation,
                regle=regle,
                message=message,
                cle=cle,
                lien=lien,
                echeance=echeance,
            )
    except IntegrityError:  # créée entre-temps par un autre passage
        return None
    if PreferenceAlertes.objects.filter(utilisateur=destinataire, par_courriel=True).exists():
        transaction.on_commit(partial(_envoyer, alerte))
    return alerte


@transaction.atomic
def marquer_lue(*, utilisateur: Utilisateur, alerte: Alerte, maintenant: datetime) -> Alerte:
    if alerte.destinataire_id != utilisateur.pk:
        raise PermissionError("Alerte d'un autre utilisateur.")
    if alerte.lue_le is None:
        alerte.lue_le = maintenant
        alerte.save(update_fields=["lue_le"])
    return alerte


@transaction.atomic
def regler_preferences(*, utilisateur: Utilisateur, par_courriel: bool) -> PreferenceAlertes:
    preference, _ = PreferenceAlertes.objects.update_or_create(
        utilisateur=utilisateur, defaults={"par_courriel": par_courriel}
    )
    return preference
