"""Tâches quotidiennes des alertes, à lancer chaque jour par cron :

    15 6 * * *  cd /srv/iml && .venv/bin/python manage.py alertes_quotidiennes

Chaque tâche est idempotente (clé unique par destinataire) : la relancer le même jour ne crée
rien de plus. `--jour 2027-05-14` rejoue une date donnée. Les courriels partent par le worker.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from iml.accompagnement.taches import alerter_accompagnement
from iml.occupations.taches import alerter_occupations
from iml.occupations.taches_compte import appeler_loyers_du_jour
from iml.orientations.taches import alerter_orientations
from iml.parc.taches import alerter_fins_de_contrat
from iml.pilotage.taches_montee import alerter_montee
from iml.pilotage.taches_statistiques import alerter_statistiques


class Command(BaseCommand):
    help = (
        "Crée les alertes du jour (fins de contrat, R-CONTRAT-FIN), les appels de loyer du jour "
        "(R-IMPAYES), les alertes des occupations (R-SL-DURATION, R-MG-GLS-DURATION, "
        "R-IMPAYES), de l'accompagnement (R-PETIT-CHEZ-SOI, R-ACCOMP-IMPAYES) et des orientations"
        " (R-SIAO : propositions sans réponse, vacances non pourvues) et de la montée en charge"
        " (R-RAMPUP : jalons à risque ou manqués), des statistiques annuelles (R-STATS : non"
        " soumises à la date limite)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--jour", help="date du jour à simuler, AAAA-MM-JJ (défaut : aujourd'hui)"
        )

    def handle(self, *args, jour: str | None = None, **options) -> None:
        if jour:
            try:
                date.fromisoformat(jour)
            except ValueError as erreur:
                raise CommandError(
                    f"--jour : date attendue au format AAAA-MM-JJ, reçu « {jour} »."
                ) from erreur
        creees = alerter_fins_de_contrat.call(jour)
        self.stdout.write(f"Fins de contrat (R-CONTRAT-FIN) : {creees} alerte(s) créée(s).")
        # Les appels du jour d'abord : les alertes d'impayés (R-IMPAYES) les comptent.
        self.stdout.write(f"Appels de loyer : {appeler_loyers_du_jour.call(jour)} créé(s).")
        self.stdout.write(f"Occupations : {alerter_occupations.call(jour)} alerte(s) créée(s).")
        # Après les occupations : les actions budgétaires lisent les appels du jour.
        bilan = alerter_accompagnement.call(jour)
        self.stdout.write(
            f"Accompagnement : {bilan['alertes']} alerte(s) créée(s), "
            f"{bilan['actions_ouvertes']} action(s) budgétaire(s) ouverte(s), "
            f"{bilan['actions_fermees']} fermée(s)."
        )
        creees = alerter_orientations.call(jour)
        self.stdout.write(f"Orientations (R-SIAO) : {creees} alerte(s) créée(s).")
        creees = alerter_montee.call(jour)
        self.stdout.write(f"Montée en charge (R-RAMPUP) : {creees} alerte(s) créée(s).")
        creees = alerter_statistiques.call(jour)
        self.stdout.write(f"Statistiques annuelles (R-STATS) : {creees} alerte(s) créée(s).")
