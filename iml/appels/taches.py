"""Tâches de fond des appels (django-tasks) : le PDF d'une version déposée.

Le PDF du dossier complet est établi une fois par version, dans le worker (`make worker`,
`manage.py db_worker`), borné dans le temps (`IML_PDF_DUREE_MAX`), puis servi depuis le
stockage. Le dépôt le programme (`demander_pdf`, après la validation de la transaction de
`services.deposer_dossier`) ; une version plus ancienne le programme à la première demande.
Rejouer la tâche ne change rien une fois le PDF prêt. En test, le backend « immediate »
l'exécute sur-le-champ.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from iml.appels import pdf
from iml.appels.enums import EtatDocument
from iml.appels.exports import source_dossier
from iml.appels.models import VersionDossier

journal = logging.getLogger(__name__)
RELANCE_DEFAUT = 30 * 60


def nom_pdf(version: VersionDossier) -> str:
    """Nom du fichier téléchargé : « dossier-12-v2.pdf »."""
    return f"dossier-{version.dossier_id}-v{version.numero}.pdf"


@transaction.atomic
def demander_pdf(*, version: VersionDossier) -> bool:
    """Programme l'établissement du PDF s'il n'a jamais été demandé ; vrai si c'est fait ici.

    La bascule « à préparer → en cours » est une mise à jour conditionnelle : deux demandes
    simultanées ne programment qu'une tâche."""
    reserve = VersionDossier.objects.filter(pk=version.pk, pdf_etat=EtatDocument.A_PREPARER).update(
        pdf_etat=EtatDocument.EN_COURS, pdf_demande_le=timezone.now()
    )
    if reserve:
        preparer_pdf_version.enqueue(version.pk)
    version.refresh_from_db(fields=["pdf", "pdf_etat", "pdf_motif"])
    return bool(reserve)


def relance_apres() -> timedelta:
    """Délai au-delà duquel une préparation « en cours » est tenue pour perdue (worker arrêté
    pendant la tâche) : réglage IML_PDF_RELANCE_APRES, en secondes."""
    return timedelta(seconds=int(getattr(settings, "IML_PDF_RELANCE_APRES", RELANCE_DEFAUT)))


def _a_reprendre(version: VersionDossier) -> bool:
    if version.pdf_etat == EtatDocument.PRET:
        return not (version.pdf and version.pdf.storage.exists(version.pdf.name))
    if version.pdf_etat == EtatDocument.EN_COURS:
        demande = version.pdf_demande_le
        return demande is None or demande < timezone.now() - relance_apres()
    return False


def assurer_pdf(*, version: VersionDossier) -> None:
    """À la demande du PDF : le programme s'il n'a jamais été demandé, si le fichier d'un PDF
    prêt a disparu du stockage (base restaurée sans les documents…) ou si sa préparation a été
    perdue (demandée depuis plus de `relance_apres()`)."""
    if _a_reprendre(version):
        VersionDossier.objects.filter(pk=version.pk, pdf_etat=version.pdf_etat).update(
            pdf_etat=EtatDocument.A_PREPARER, pdf=""
        )
        version.pdf_etat = EtatDocument.A_PREPARER
    if version.pdf_etat == EtatDocument.A_PREPARER:
        demander_pdf(version=version)


def _enregistrer(version: VersionDossier, etat: str, motif: str = "") -> None:
    version.pdf_etat, version.pdf_motif = etat, motif[:300]
    version.save(update_fields=["pdf", "pdf_etat", "pdf_motif"])


def etablir_pdf(*, version: VersionDossier) -> None:
    """Rend le PDF de la version et le range ; un échec est gardé avec son motif, en français."""
    source = source_dossier(version.dossier, version.numero)
    try:
        contenu = pdf.en_pdf_borne(pdf.html_dossier(source))
    except pdf.RenduImpossible as echec:
        _enregistrer(version, EtatDocument.ECHEC, str(echec))
        return
    version.pdf.save(f"{uuid.uuid4().hex}.pdf", ContentFile(contenu), save=False)
    _enregistrer(version, EtatDocument.PRET)


@task()
def preparer_pdf_version(version_id: int) -> str:
    """Établit le PDF d'une version (idempotent : rien à faire s'il est déjà prêt)."""
    version = (
        VersionDossier.objects.select_related("dossier__appel__jeu", "dossier__operateur")
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        return "version absente"
    if version.pdf_etat != EtatDocument.PRET or not version.pdf:
        try:
            etablir_pdf(version=version)
        except Exception:
            journal.exception("PDF de la version %s : échec inattendu", version_id)
            _enregistrer(version, EtatDocument.ECHEC, "erreur inattendue lors de la mise en page")
            raise
    return version.pdf_etat
