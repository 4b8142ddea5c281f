"""Charge les jeux de paramètres de iml/referentiel/data/ (idempotent)."""

from django.core.management.base import BaseCommand

from iml.referentiel.services import charger_jeux_fichiers


class Command(BaseCommand):
    help = "Charge les barèmes datés des fichiers de données (sans écraser l'existant)."

    def handle(self, *args, **options) -> None:
        bilan = charger_jeux_fichiers()
        for cle in bilan.crees:
            self.stdout.write(f"créé : {cle}")
        for cle in bilan.divergents:
            self.stderr.write(
                f"attention : {cle} existe déjà avec d'autres paramètres ; il n'est pas écrasé "
                "(montez la version du fichier pour publier un changement)."
            )
        self.stdout.write(
            f"{len(bilan.crees)} créé(s), {len(bilan.inchanges)} inchangé(s), "
            f"{len(bilan.divergents)} divergent(s)."
        )
