from django.apps import AppConfig


class OrientationsConfig(AppConfig):
    name = "iml.orientations"
    label = "orientations"
    verbose_name = "Orientations du SIAO"

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.db.models.signals import post_save

        from iml.orientations import models, navigation  # noqa: F401 — entrées du menu
        from iml.orientations.services.vacances import brouillon_sur_evenement
        from iml.parc.models import EvenementLogement

        # Données personnelles et décisions : chaque changement au journal d'audit.
        for modele in (
            models.Demande,
            models.CritereDemande,
            models.Proposition,
            models.DeclarationVacance,
        ):
            auditlog.register(modele)
        # Une sortie (logement vacant) ou une mise en location (disponible) ouvre le brouillon
        # de la déclaration de vacance, sans toucher aux services du parc ni des occupations.
        post_save.connect(
            brouillon_sur_evenement, sender=EvenementLogement, dispatch_uid="orientations-vacance"
        )
        # Un barème qui a servi à une exécution du moteur d'appariement est figé (ADR 0002).
        from iml.orientations.services.appariement import usage_des_jeux
        from iml.referentiel.gel import inscrire_reference

        inscrire_reference(usage_des_jeux)
