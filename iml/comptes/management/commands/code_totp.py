"""Affiche le code TOTP du moment d'un compte de démonstration (jamais en production)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from iml.comptes.demo import CLE_TOTP_DEMO
from iml.comptes.models import Utilisateur
from iml.comptes.second_facteur import appareil_confirme


class Command(BaseCommand):
    help = "Code TOTP courant d'un compte de démonstration (DEBUG uniquement)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")

    def handle(self, *args, email: str, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("Réservé au développement (DEBUG).")
        utilisateur = Utilisateur.objects.filter(email=email.lower()).first()
        appareil = appareil_confirme(utilisateur) if utilisateur else None
        if appareil is None or appareil.key != CLE_TOTP_DEMO:
            raise CommandError(f"{email} n'a pas la clé de démonstration.")
        self.stdout.write(
            f"{totp(appareil.bin_key, appareil.step, appareil.t0, appareil.digits):06d}"
        )
