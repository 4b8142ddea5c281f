"""URL des occupations : un module par volet."""

from django.urls import include, path  # noqa: F401

app_name = "occupations"

urlpatterns: list = []
