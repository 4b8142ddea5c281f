from django.contrib import admin
from django.urls import include, path, reverse_lazy
from django.views.generic import RedirectView

from iml.api.api import api

admin.site.site_header = "IML — administration"
admin.site.site_title = "IML"
admin.site.index_title = "Administration de la plateforme"

urlpatterns = [
    path("", include("iml.ui.urls")),
    path("compte/", include("iml.comptes.urls")),
    path("appels/", include("iml.appels.urls")),
    path("parc/", include("iml.parc.urls")),
    path("menages/", include("iml.menages.urls")),
    path("occupations/", include("iml.occupations.urls")),
    path("accompagnement/", include("iml.accompagnement.urls")),
    path("orientations/", include("iml.orientations.urls")),
    path("pilotage/", include("iml.pilotage.urls")),
    path("alertes/", include("iml.alertes.urls")),
    path("api/", api.urls),
    # L'administration passe par la connexion du site (second facteur obligatoire).
    path(
        "django-admin/login/",
        RedirectView.as_view(url=reverse_lazy("comptes:connexion"), query_string=True),
    ),
    path("django-admin/", admin.site.urls),
]
