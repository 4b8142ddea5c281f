from django.apps import AppConfig


class MenagesConfig(AppConfig):
    name = "iml.menages"
    label = "menages"
    verbose_name = "Ménages"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from iml.menages import navigation  # noqa: F401
        from iml.menages.models import CriterePriorite, Menage, Personne, Ressource

        # Données personnelles : chaque changement au journal d'audit.
        for modele in (Menage, Personne, Ressource, CriterePriorite):
            auditlog.register(modele)
