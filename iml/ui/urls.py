from django.urls import path

from iml.ui import views

app_name = "ui"

urlpatterns = [
    path("", views.accueil, name="accueil"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/<int:pk>/", views.organisation, name="organisation"),
    path("administration/journal/", views.journal, name="journal"),
    path("mentions-legales/", views.mentions_legales, name="mentions_legales"),
    path("donnees-personnelles/", views.donnees_personnelles, name="donnees_personnelles"),
    path("accessibilite/", views.accessibilite, name="accessibilite"),
]
