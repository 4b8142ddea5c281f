from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "iml.ui"
    label = "ui"
    verbose_name = "Interface"
