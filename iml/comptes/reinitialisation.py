"""« Mot de passe oublié » : demandes limitées par adresse électronique et par adresse réseau,
courriel envoyé par le worker des tâches (django-tasks), jamais pendant la requête.

La requête fait le même travail que l'adresse corresponde ou non à un compte : elle compte et
enregistre la demande, puis met en file l'envoi ; c'est le worker qui cherche le compte, fabrique
le lien (valable PASSWORD_RESET_TIMEOUT) et envoie le courriel. Ni la réponse ni sa durée ne
disent donc si un compte existe, et le lien n'est jamais écrit dans la file des tâches.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_tasks import task

from iml.comptes.models import DemandeReinitialisation

GABARIT_SUJET = "comptes/courriel_reinitialisation_sujet.txt"
GABARIT_CORPS = "comptes/courriel_reinitialisation.txt"


def _empreinte(courriel: str) -> str:
    return salted_hmac("iml.comptes.reinitialisation", courriel.strip().lower()).hexdigest()


def _refus(*, empreinte: str, adresse_ip: str | None, depuis) -> str | None:
    recentes = DemandeReinitialisation.objects.filter(cree_le__gte=depuis)
    if recentes.filter(empreinte_courriel=empreinte).count() >= (
        settings.IML_REINITIALISATION_PAR_ADRESSE
    ):
        return (
            "Trop de demandes de lien pour cette adresse électronique "
            f"({settings.IML_REINITIALISATION_PAR_ADRESSE} par heure au plus) : utilisez le "
            "dernier courriel reçu ou réessayez dans une heure."
        )
    if adresse_ip and recentes.filter(adresse_ip=adresse_ip).count() >= (
        settings.IML_REINITIALISATION_PAR_IP
    ):
        return "Trop de demandes de lien depuis cette adresse réseau : réessayez dans une heure."
    return None


@transaction.atomic
def demander_reinitialisation(
    *, courriel: str, adresse_ip: str | None, domaine: str, protocole: str
) -> str | None:
    """Met en file l'envoi du lien, ou renvoie la raison du refus (trop de demandes)."""
    maintenant = timezone.now()
    depuis = maintenant - timedelta(seconds=settings.IML_REINITIALISATION_FENETRE)
    DemandeReinitialisation.objects.filter(cree_le__lt=depuis).delete()
    empreinte = _empreinte(courriel)
    refus = _refus(empreinte=empreinte, adresse_ip=adresse_ip, depuis=depuis)
    if refus:
        return refus
    DemandeReinitialisation.objects.create(
        empreinte_courriel=empreinte, adresse_ip=adresse_ip, cree_le=maintenant
    )
    envoyer_lien_reinitialisation.enqueue(courriel=courriel, domaine=domaine, protocole=protocole)
    return None


@task()
def envoyer_lien_reinitialisation(*, courriel: str, domaine: str, protocole: str) -> None:
    """Tâche du worker : le lien à chaque compte actif de cette adresse (aucun si inconnue)."""
    formulaire = PasswordResetForm({"email": courriel})
    if not formulaire.is_valid():
        return
    formulaire.save(
        domain_override=domaine,
        use_https=protocole == "https",
        subject_template_name=GABARIT_SUJET,
        email_template_name=GABARIT_CORPS,
    )
