from django.apps import AppConfig


class AlertesConfig(AppConfig):
    name = "iml.alertes"
    label = "alertes"
    verbose_name = "Alertes : boîte de réception et préférences"
