"""Tâches du worker (django-tasks) des comptes : les courriels ne partent jamais de la requête."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def envoyer_courriel(*, destinataire: str, sujet: str, corps: str) -> None:
    """Un courriel d'information au titulaire du compte (sans secret : la file est en base)."""
    send_mail(sujet, corps, settings.DEFAULT_FROM_EMAIL, [destinataire])
