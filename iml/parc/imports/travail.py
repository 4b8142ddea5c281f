"""Le travail commun du worker pour un import de tableur (parc, ménages) : prendre l'import
déposé (un seul worker le traite), refuser sans droits, effacer le fichier une fois traité
(il porte des données personnelles), et noter l'échec inattendu sans rien laisser en cours."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db.models import Model
from django.utils import timezone

from iml.parc.models_imports import EtatImport

journal = logging.getLogger(__name__)

ECHEC_INATTENDU = "Erreur inattendue pendant le traitement ; rien n'a été enregistré."


def maj(imp: Any, **champs: Any) -> None:
    """Écrit des champs de l'import (avancement, état) sur l'objet et en base."""
    for champ, valeur in champs.items():
        setattr(imp, champ, valeur)
    type(imp).objects.filter(pk=imp.pk).update(**champs)


def prendre_et_traiter(
    imp: Any, *, autorise: bool, motif_refus: str, traiter: Callable[[], str]
) -> str:
    """Idempotent une fois fini. Sans droits : échec motivé, fichier effacé. Sinon le premier
    worker qui passe l'import « en cours » le traite (`traiter`) ; un second envoi de la même
    tâche n'y touche pas. Le fichier est effacé après le traitement, quel qu'il soit."""
    modele = type(imp)
    if imp.fini:
        return imp.etat
    if not autorise:
        maj(imp, etat=EtatImport.ECHEC, motif=motif_refus, termine_le=timezone.now(), contenu=b"")
        return imp.etat
    pris = modele.objects.filter(pk=imp.pk, etat=EtatImport.EN_ATTENTE).update(
        etat=EtatImport.EN_COURS, progression=0
    )
    if not pris:
        imp.refresh_from_db(fields=["etat"])
        return imp.etat
    imp.etat, imp.progression = EtatImport.EN_COURS, 0
    try:
        return traiter()
    finally:
        modele.objects.filter(pk=imp.pk).update(contenu=b"")


def deposer(
    modele: type[Model],
    tache: Callable[[], Any],
    *,
    acteur: Any,
    nom_fichier: str,
    contenu: bytes,
    **proprietaire: Any,
) -> Any:
    """Garde le fichier déposé (déjà contrôlé : taille, extension, contenu) et programme son
    traitement dans le worker ; `tache()` donne la tâche django-tasks (importée tard : les
    tâches importent les services), `proprietaire` l'organisation qui importe."""
    imp = modele.objects.create(
        cree_par=acteur.utilisateur,
        adhesion=acteur.adhesion,
        nom_fichier=nom_fichier[:200],
        contenu=contenu,
        **proprietaire,
    )
    tache().enqueue(imp.pk)
    imp.refresh_from_db()
    return imp


def executer(modele: type[Model], import_id: int, traiter: Callable[[Any], str], nom: str) -> str:
    """Le corps d'une tâche d'import : l'import absent ne fait rien ; un échec inattendu est
    journalisé et l'import passe « en échec » (la transaction de l'import a tout annulé)."""
    imp = modele.objects.select_related("cree_par").filter(pk=import_id).first()
    if imp is None:
        return "import absent"
    try:
        return traiter(imp)
    except Exception:
        journal.exception("Import %s %s : échec inattendu", nom, import_id)
        modele.objects.filter(pk=import_id, etat=EtatImport.EN_COURS).update(
            etat=EtatImport.ECHEC, motif=ECHEC_INATTENDU, termine_le=timezone.now()
        )
        raise
