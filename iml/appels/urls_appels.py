from django.urls import path

from iml.appels.views import appels

urlpatterns = [
    path("", appels.liste, name="liste"),
    path("nouveau/", appels.creer, name="creer"),
    path("<int:pk>/", appels.detail, name="detail"),
    path("<int:pk>/parametres/", appels.modifier, name="modifier"),
    path("<int:pk>/statut/", appels.changer_statut, name="changer_statut"),
    path("<int:pk>/statut/<str:vers>/", appels.confirmer_statut, name="confirmer_statut"),
]
