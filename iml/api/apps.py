from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "iml.api"
    label = "api"
    verbose_name = "API"
