"""URL du parc : volet chiffres (places financées, logements mobilisés, places ouvertes)."""

from django.urls import path

from iml.parc.views import chiffres

urlpatterns: list = [
    path("chiffres/", chiffres.chiffres, name="chiffres"),
    path("chiffres/territoire/", chiffres.chiffres_territoire, name="chiffres_territoire"),
]
