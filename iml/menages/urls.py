"""URL des menages : un module par volet."""

from django.urls import include, path  # noqa: F401

app_name = "menages"

urlpatterns: list = []
