"""URL des orientations du SIAO (l'identifiant suit toujours le segment de son objet :
`demandes`, `propositions`, `logements`, voir la matrice des rôles)."""

from django.urls import path

from iml.orientations.views import (
    accueil,
    appariement,
    demandes,
    exports,
    imports,
    propositions,
    vacances,
)

app_name = "orientations"

urlpatterns = [
    path("", accueil.accueil, name="accueil"),
    path("chiffres/", accueil.chiffres, name="chiffres"),
    path("registre/", accueil.registre, name="registre"),
    path("demandes/", demandes.demandes, name="demandes"),
    path("demandes/nouvelle/", demandes.demande_creer, name="demande_creer"),
    path("demandes/<int:pk>/", demandes.demande, name="demande"),
    path("demandes/<int:pk>/modifier/", demandes.demande_modifier, name="demande_modifier"),
    path("demandes/<int:pk>/proposer/", demandes.proposer, name="proposer"),
    path("propositions/", propositions.propositions, name="propositions"),
    path("propositions/<int:pk>/", propositions.proposition, name="proposition"),
    path("propositions/<int:pk>/repondre/", propositions.repondre, name="repondre"),
    path("propositions/<int:pk>/decider/", propositions.decider, name="decider"),
    path("propositions/<int:pk>/informe/", propositions.informe, name="informe"),
    path("propositions/<int:pk>/admettre/", propositions.admettre, name="admettre"),
    path(
        "logements/<int:pk>/declarer-vacance/", vacances.vacance_declarer, name="vacance_declarer"
    ),
    path("imports/", imports.imports, name="imports"),
    path("imports/modele.<str:format>", imports.modele_import, name="modele_import"),
    path("imports-demandes/<int:pk>/", imports.import_demandes, name="import_demandes"),
    path(
        "imports-demandes/<int:pk>/progression/",
        imports.import_demandes_progression,
        name="import_demandes_progression",
    ),
    path("exports/<str:quoi>.<str:format>", exports.export, name="export"),
    path("propositions/<int:pk>/retirer/", propositions.retirer, name="retirer"),
    path("demandes/<int:pk>/statut/", demandes.demande_statut, name="demande_statut"),
    path("vacances/", vacances.vacances, name="vacances"),
    path("vacances/<int:pk>/annuler/", vacances.vacance_annuler, name="vacance_annuler"),
    path("delais/", propositions.delais, name="delais"),
    path("appariements/", appariement.appariements, name="appariements"),
    path("appariements/lancer/", appariement.appariement_lancer, name="appariement_lancer"),
    path("appariements/<int:pk>/", appariement.appariement, name="appariement"),
    path(
        "appariements/<int:pk>/progression/",
        appariement.appariement_progression,
        name="appariement_progression",
    ),
    path(
        "appariements/<int:pk>/proposer/",
        appariement.appariement_proposer,
        name="appariement_proposer",
    ),
    path(
        "appariements/<int:pk>/pourquoi/",
        appariement.appariement_pourquoi,
        name="appariement_pourquoi",
    ),
]
