from django.apps import AppConfig


class ComptesConfig(AppConfig):
    name = "iml.comptes"
    label = "comptes"
    verbose_name = "Comptes et organisations"

    def ready(self) -> None:
        from iml.comptes import audit

        audit.enregistrer_modeles()
