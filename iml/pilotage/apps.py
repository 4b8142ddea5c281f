from django.apps import AppConfig


class PilotageConfig(AppConfig):
    name = "iml.pilotage"
    label = "pilotage"
    verbose_name = "Pilotage"

    def ready(self) -> None:
        from iml.pilotage import models, navigation  # noqa: F401 — entrées du menu

        # Les tableaux exportables (`pilotage:export_tableau`) s'enregistrent à l'import de
        # leur module : tous au démarrage, avant toute requête.
        from iml.pilotage import exports_panorama  # noqa: F401
        from iml.pilotage.views import montee, tableaux  # noqa: F401
