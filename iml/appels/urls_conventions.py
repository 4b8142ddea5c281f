"""URL du cycle de vie d'une convention (signature, avenants, exemplaires signés) et du classeur
du comité en OpenDocument."""

from django.urls import path

from iml.appels.views import avenants, synthese

urlpatterns = [
    path("dossiers/<int:pk>/convention/signature/", avenants.signer, name="convention_signer"),
    path(
        "dossiers/<int:pk>/convention/signee/",
        avenants.convention_signee,
        name="convention_signee",
    ),
    path(
        "dossiers/<int:pk>/convention/avenants/",
        avenants.preparer_avenant,
        name="avenant_preparer",
    ),
    path(
        "dossiers/<int:pk>/convention/avenants/<int:numero>/signature/",
        avenants.signer_avenant,
        name="avenant_signer",
    ),
    path(
        "dossiers/<int:pk>/convention/avenants/<int:numero>/signe/",
        avenants.avenant_signe,
        name="avenant_signe",
    ),
    path(
        "dossiers/<int:pk>/convention/avenants/<int:numero>.pdf",
        avenants.avenant_pdf,
        name="avenant_pdf",
    ),
    path("<int:pk>/synthese.ods", synthese.appel_synthese_ods, name="appel_synthese_ods"),
]
