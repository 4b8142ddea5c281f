"""URL du compte des ménages : compte d'une occupation, paiement, correction d'une ligne, plan
d'apurement (création, clôture), impayés de l'opérateur, vacance et annexe 1a."""

from django.urls import path

from iml.occupations.views import compte as vues

urlpatterns = [
    path("<int:pk>/compte/", vues.compte, name="compte"),
    path("<int:pk>/compte/paiement/", vues.encaisser, name="encaisser"),
    path("<int:pk>/compte/plan/", vues.plan, name="plan"),
    path("ecritures/<int:pk>/corriger/", vues.corriger, name="corriger"),
    path("plans/<int:pk>/clore/", vues.clore_plan, name="clore_plan"),
    path("impayes/", vues.impayes, name="impayes"),
    path("vacance/", vues.vacance, name="vacance"),
]
