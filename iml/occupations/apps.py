from django.apps import AppConfig


class OccupationsConfig(AppConfig):
    name = "iml.occupations"
    label = "occupations"
    verbose_name = "Occupations : admissions, sous-location, mandat de gestion, compte, sorties"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from iml.occupations import navigation  # noqa: F401 — entrées du menu
        from iml.occupations.models import (
            ControleAdmission,
            Occupation,
            Periode,
            PlanApurement,
            RevueMandat,
            Tarif,
        )

        for modele in (Occupation, ControleAdmission, Periode, RevueMandat, Tarif, PlanApurement):
            auditlog.register(modele)
        import iml.occupations.navigation_compte  # noqa: F401
