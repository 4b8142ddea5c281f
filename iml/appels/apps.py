from django.apps import AppConfig


class AppelsConfig(AppConfig):
    name = "iml.appels"
    label = "appels"
    verbose_name = "Appels à candidatures et dossiers"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from iml.appels import navigation  # noqa: F401 — entrées du menu
        from iml.appels.gel_jeux import usage_des_jeux
        from iml.appels.models import (
            AmendementDecision,
            AppelACandidatures,
            AvenantConvention,
            Cofinancement,
            Convention,
            Decision,
            Dossier,
            Notation,
            PieceJointe,
        )
        from iml.referentiel.gel import inscrire_reference

        auditlog.register(Dossier, exclude_fields=["contenu"])
        auditlog.register(PieceJointe)
        # Décisions et argent au journal (qui, quand, avant, après).
        for modele in (
            AppelACandidatures,
            Decision,
            AmendementDecision,
            Notation,
            Convention,
            Cofinancement,
            AvenantConvention,
        ):
            auditlog.register(modele)
        inscrire_reference(usage_des_jeux)
