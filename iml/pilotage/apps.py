from django.apps import AppConfig


class PilotageConfig(AppConfig):
    name = "iml.pilotage"
    label = "pilotage"
    verbose_name = "Pilotage"

    def ready(self) -> None:
        # Les modèles, les entrées du menu, et les tableaux exportables
        # (`pilotage:export_tableau`), qui s'enregistrent à l'import de leur module : tous au
        # démarrage, avant toute requête.
        from iml.pilotage import exports_panorama, models, navigation  # noqa: F401
        from iml.pilotage.views import montee, tableaux  # noqa: F401
