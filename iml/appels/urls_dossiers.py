from django.urls import path

from iml.appels.views import dossiers

urlpatterns = [
    path("mes-dossiers/", dossiers.mes_dossiers, name="mes_dossiers"),
    path("<int:pk>/dossier/", dossiers.ouvrir, name="dossier_ouvrir"),
    path("dossiers/<int:pk>/etapes/<slug:etape>/", dossiers.etape, name="dossier_etape"),
    path("dossiers/<int:pk>/conformite/", dossiers.conformite, name="dossier_conformite"),
    path("dossiers/<int:pk>/depot/", dossiers.deposer, name="dossier_deposer"),
    path("dossiers/<int:pk>/versions/<int:numero>/", dossiers.version, name="dossier_version"),
    path("pieces/<int:pk>/", dossiers.piece_telecharger, name="piece_telecharger"),
    path("pieces/<int:pk>/supprimer/", dossiers.piece_supprimer, name="piece_supprimer"),
]
