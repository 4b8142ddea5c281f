from django.apps import AppConfig


class ParcConfig(AppConfig):
    name = "iml.parc"
    label = "parc"
    verbose_name = "Parc privé : bailleurs, captation, logements"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from iml.parc import navigation  # noqa: F401 — entrées du menu
        from iml.parc.models import Bailleur, ContratBailleur, Logement, Prospect

        # Données personnelles des bailleurs et engagements : chaque changement au journal.
        auditlog.register(Bailleur)
        for modele in (Prospect, Logement, ContratBailleur):
            auditlog.register(modele)
