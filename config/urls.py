from django.contrib import admin
from django.urls import include, path, reverse_lazy
from django.views.generic import RedirectView

admin.site.site_header = "IML — administration"
admin.site.site_title = "IML"
admin.site.index_title = "Administration de la plateforme"

urlpatterns = [
    path("", include("iml.ui.urls")),
    path("compte/", include("iml.comptes.urls")),
    # L'administration passe par la connexion du site (second facteur obligatoire).
    path(
        "django-admin/login/",
        RedirectView.as_view(url=reverse_lazy("comptes:connexion"), query_string=True),
    ),
    path("django-admin/", admin.site.urls),
]
