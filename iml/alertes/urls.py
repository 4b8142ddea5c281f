"""URL de la boîte d'alertes."""

from django.urls import path

from iml.alertes import views

app_name = "alertes"

urlpatterns = [
    path("", views.boite, name="boite"),
    path("<int:pk>/lue/", views.lue, name="lue"),
    path("preferences/", views.preferences, name="preferences"),
]
