"""URL du volet admission et horloge : admission, fiche d'une occupation et ses actions
(renouveler, revue, tarif, suite du parcours, sortie)."""

from django.urls import path

from iml.occupations.views import admission, occupations

urlpatterns = [
    path("admission/", admission.admission, name="admission"),
    path("<int:pk>/", occupations.occupation, name="occupation"),
    path("<int:pk>/renouveler/", occupations.renouveler, name="renouveler"),
    path("<int:pk>/revue/", occupations.revue, name="revue"),
    path("<int:pk>/tarif/", occupations.tarif, name="tarif"),
    path("<int:pk>/suite/", occupations.suite, name="suite"),
    path("<int:pk>/sortie/", occupations.sortie, name="sortie"),
]
