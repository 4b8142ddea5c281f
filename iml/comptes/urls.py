from django.urls import path

from iml.comptes import views

app_name = "comptes"

urlpatterns = [
    path("connexion/", views.ConnexionView.as_view(), name="connexion"),
    path("deconnexion/", views.DeconnexionView.as_view(), name="deconnexion"),
    path("mot-de-passe/oublie/", views.MotDePasseOublieView.as_view(), name="mot_de_passe_oublie"),
    path("mot-de-passe/envoye/", views.MotDePasseEnvoyeView.as_view(), name="mot_de_passe_envoye"),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        views.NouveauMotDePasseView.as_view(),
        name="nouveau_mot_de_passe",
    ),
    path(
        "mot-de-passe/modifie/", views.MotDePasseModifieView.as_view(), name="mot_de_passe_modifie"
    ),
    path(
        "mot-de-passe/changer/",
        views.ChangementMotDePasseView.as_view(),
        name="changement_mot_de_passe",
    ),
    path(
        "second-facteur/activer/",
        views.second_facteur_enrolement,
        name="second_facteur_enrolement",
    ),
    path(
        "second-facteur/verifier/",
        views.second_facteur_verification,
        name="second_facteur_verification",
    ),
    path("mon-compte/", views.mon_compte, name="mon_compte"),
    path("organisation/", views.changer_organisation, name="changer_organisation"),
]
