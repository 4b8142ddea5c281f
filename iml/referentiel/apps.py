from django.apps import AppConfig


class ReferentielConfig(AppConfig):
    name = "iml.referentiel"
    label = "referentiel"
    verbose_name = "Référentiel (barèmes datés)"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from iml.referentiel.models import JeuParametres

        # Toute modification d'un jeu (administration, appel en brouillon) est journalisée.
        auditlog.register(JeuParametres)
