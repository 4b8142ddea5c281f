"""URL du volet plan de l'accompagnement : le dossier d'un ménage, son plan (ouvrir,
modifier, clore), objectifs, revues, étapes. L'identifiant suit toujours le segment qui dit de
quoi il est (`menages`, `plan`, `objectifs`, `etapes` : voir la matrice des rôles)."""

from django.urls import path

from iml.accompagnement.views import plan, plan_actions, plan_dossier

urlpatterns: list = [
    path("menages/<int:pk>/", plan_dossier.dossier, name="dossier"),
    path("menages/<int:pk>/plan/ouvrir/", plan.ouvrir, name="plan_ouvrir"),
    path("plan/<int:pk>/modifier/", plan.modifier, name="plan_modifier"),
    path("plan/<int:pk>/clore/", plan.clore, name="plan_clore"),
    path("plan/<int:pk>/objectifs/", plan_actions.ajouter_objectif, name="objectif_ajouter"),
    path("objectifs/<int:pk>/statut/", plan_actions.statut_objectif, name="objectif_statut"),
    path("plan/<int:pk>/revues/", plan_actions.ajouter_revue, name="revue_ajouter"),
    path("plan/<int:pk>/etapes/", plan_actions.cocher_etape, name="etape_cocher"),
    path("etapes/<int:pk>/decocher/", plan_actions.decocher_etape, name="etape_decocher"),
]
