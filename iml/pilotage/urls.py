"""URL du pilotage, un module par volet (l'identifiant suit toujours le segment de son objet,
voir la matrice des rôles)."""

from django.urls import include, path

app_name = "pilotage"

urlpatterns = [
    path("montee-en-charge/", include("iml.pilotage.urls_montee")),
    path("panorama/", include("iml.pilotage.urls_panorama")),
    path("statistiques/", include("iml.pilotage.urls_statistiques")),
    path("tableaux/", include("iml.pilotage.urls_tableaux")),
]
