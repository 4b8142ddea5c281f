"""URL des documents : convention de financement, exports des annexes, synthèse, PDF."""

from django.urls import path

from iml.appels.views import conventions, documents, synthese

urlpatterns = [
    path("dossiers/<int:pk>/convention/", conventions.convention, name="convention"),
    path("dossiers/<int:pk>/convention.pdf", conventions.convention_pdf, name="convention_pdf"),
    path(
        "dossiers/<int:pk>/annexes.xlsx",
        documents.dossier_annexes_xlsx,
        name="dossier_annexes_xlsx",
    ),
    path(
        "dossiers/<int:pk>/annexes.ods", documents.dossier_annexes_ods, name="dossier_annexes_ods"
    ),
    path("dossiers/<int:pk>/dossier.pdf", documents.dossier_pdf, name="dossier_pdf"),
    path("<int:pk>/synthese.xlsx", synthese.appel_synthese_xlsx, name="appel_synthese_xlsx"),
]
