from django.apps import AppConfig


class ReferentielConfig(AppConfig):
    name = "iml.referentiel"
    label = "referentiel"
    verbose_name = "Référentiel (barèmes datés)"
