from django.apps import AppConfig


class AccompagnementConfig(AppConfig):
    name = "iml.accompagnement"
    label = "accompagnement"
    verbose_name = "Accompagnement social"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from iml.accompagnement import models, navigation  # noqa: F401 — entrées du menu

        # Données personnelles : chaque changement au journal d'audit.
        for modele in (
            models.Plan,
            models.Besoin,
            models.Objectif,
            models.RevuePlan,
            models.FinancementPlan,
            models.EtapeCochee,
            models.Contact,
            models.OrientationPartenaire,
        ):
            auditlog.register(modele)
