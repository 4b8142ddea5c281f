from django.apps import AppConfig


class PilotageConfig(AppConfig):
    name = "iml.pilotage"
    label = "pilotage"
    verbose_name = "Pilotage"

    def ready(self) -> None:
        from iml.pilotage import models, navigation  # noqa: F401 — entrées du menu
