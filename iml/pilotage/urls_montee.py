"""URL du pilotage : volet montée en charge (R-RAMPUP)."""

from django.urls import path

from iml.pilotage.views import montee

urlpatterns = [
    path("", montee.montee, name="montee"),
    path("conventions/<int:pk>/", montee.montee_convention, name="montee_convention"),
    path("appels/<int:pk>/", montee.montee_appel, name="montee_appel"),
]
