"""URL du pilotage : volet statistiques annuelles (R-STATS)."""

from django.urls import path

from iml.pilotage.views import statistiques as vues

urlpatterns: list = [
    path("", vues.liste, name="statistiques"),
    path("campagnes/ouvrir/", vues.campagne_ouvrir, name="statistiques_campagne_ouvrir"),
    path("campagnes/<int:pk>/", vues.campagne, name="statistiques_campagne"),
    path(
        "campagnes/<int:pk>/campagne.xlsx",
        vues.campagne_export,
        {"format_": "xlsx"},
        name="statistiques_campagne_xlsx",
    ),
    path(
        "campagnes/<int:pk>/campagne.ods",
        vues.campagne_export,
        {"format_": "ods"},
        name="statistiques_campagne_ods",
    ),
    path("<int:pk>/", vues.statistique, name="statistique"),
    path("<int:pk>/corriger/", vues.corriger, name="statistique_corriger"),
    path("<int:pk>/recalculer/", vues.recalculer, name="statistique_recalculer"),
    path("<int:pk>/soumettre/", vues.soumettre, name="statistique_soumettre"),
    path("<int:pk>/consolider/", vues.consolider, name="statistique_consolider"),
    path("<int:pk>/statistiques.xlsx", vues.export_xlsx, name="statistique_xlsx"),
    path("<int:pk>/statistiques.ods", vues.export_ods, name="statistique_ods"),
    path("<int:pk>/statistiques.pdf", vues.export_pdf, name="statistique_pdf"),
]
