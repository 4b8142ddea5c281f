from django.apps import AppConfig


class AppelsConfig(AppConfig):
    name = "iml.appels"
    label = "appels"
    verbose_name = "Appels à candidatures et dossiers"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from iml.appels import navigation  # noqa: F401 — entrées du menu
        from iml.appels.models import (
            AvenantConvention,
            Cofinancement,
            Convention,
            Dossier,
            PieceJointe,
        )

        auditlog.register(Dossier, exclude_fields=["contenu"])
        auditlog.register(PieceJointe)
        auditlog.register(Convention)
        auditlog.register(Cofinancement)
        auditlog.register(AvenantConvention)
