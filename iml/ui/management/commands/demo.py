"""iml demo : charge la démonstration (idempotent) et affiche les comptes."""

from django.core.management.base import BaseCommand
from django.db import transaction

from iml.comptes.demo import MOT_DE_PASSE_DEMO, charger_comptes, lignes_personas
from iml.comptes.garde_demo import verifier_demo_autorisee
from iml.ui.demo import etapes


class Command(BaseCommand):
    help = "Charge les données de démonstration et affiche les identifiants."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        verifier_demo_autorisee()
        organisations = charger_comptes()
        for etape in etapes():
            etape(organisations, self.stdout)
        self.stdout.write(f"\nComptes de démonstration (mot de passe : {MOT_DE_PASSE_DEMO})\n")
        self.stdout.write("\n".join(lignes_personas()) + "\n")
        self.stdout.write(
            "\nSecond facteur (État et administrateur) : code du moment avec\n"
            "  .venv/bin/iml manage code_totp ADRESSE\n"
        )
