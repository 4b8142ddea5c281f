"""Gestes du dossier : objectifs (ajout, statut, origine « impayés »), revues, étapes cochées
d'un clic ou à une autre date, décochées après confirmation (R-ACCOMP-ETAPES). Un refus
réaffiche le dossier avec l'erreur sous le champ et en tête, la saisie gardée ; hors
périmètre : 404, rien n'est écrit."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from iml.accompagnement.models import EtapeCochee, Objectif, RevuePlan
from iml.accompagnement.services import plans
from iml.menages.models import ConsultationMenage
from tests.accompagnement.factories import PlanFactory, jours
from tests.accompagnement.test_plan_dossier import section, texte
from tests.accompagnement.test_plan_formulaire import resume_erreurs, sous_le_champ
from tests.appels.factories import acteur
from tests.factories import connecter

pytestmark = pytest.mark.django_db


def _objectif(plan, **surcharge) -> Objectif:
    valeurs = {
        "domaine": "BUDGET", "libelle": "Ouvrir un compte bancaire", "revue_le": jours(-60),
        "aujourd_hui": timezone.localdate(),
    } | surcharge  # fmt: skip
    return plans.ajouter_objectif(acteur=acteur(plan.menage.referent), plan=plan, **valeurs)


def test_ajouter_un_objectif(client, distribution):
    plan = PlanFactory()
    connecter(client, distribution.nadia)
    reponse = client.post(
        reverse("accompagnement:objectif_ajouter", args=[plan.pk]),
        {"objectif-domaine": "SANTE", "objectif-libelle": "Trouver un médecin traitant",
         "objectif-revue_le": jours(-90).isoformat()},
    )  # fmt: skip
    assert reponse.url == reverse("accompagnement:dossier", args=[plan.menage.pk]) + "#objectifs"
    objectifs = section(texte(client.get(reponse.url)), "objectifs")
    assert "<strong>Trouver un médecin traitant</strong>" in objectifs
    assert f"Accès aux soins — à revoir le {jours(-90):%d/%m/%Y}" in objectifs
    assert "En cours" in objectifs


def test_un_objectif_mal_saisi_reaffiche_le_dossier(client, distribution):
    plan = PlanFactory()
    connecter(client, distribution.nadia)
    url = reverse("accompagnement:objectif_ajouter", args=[plan.pk])
    avant = jours(40).isoformat()  # avant le début du plan (il y a 30 jours)
    reponse = client.post(
        url, {"objectif-domaine": "", "objectif-libelle": "x" * 201, "objectif-revue_le": avant}
    )
    page = texte(reponse)
    assert reponse.status_code == 200 and "<title>Erreur —" in page
    resume = resume_erreurs(page)
    assert "L'objectif n'est pas ajouté : 2 erreurs à corriger" in resume
    assert "« Domaine » : choisissez une valeur." in sous_le_champ(page, "objectif-domaine")
    assert "« Objectif » : 200 caractères au plus." in sous_le_champ(page, "objectif-libelle")
    assert f'value="{avant}"' in page
    page = texte(
        client.post(
            url,
            {"objectif-domaine": "BUDGET", "objectif-libelle": "Épargner",
             "objectif-revue_le": avant},
        )
    )  # fmt: skip
    assert "À revoir le : la date ne peut précéder le début du plan." in sous_le_champ(
        page, "objectif-revue_le"
    )
    assert 'value="Épargner"' in page
    assert not plan.objectifs.exists()
    assert ConsultationMenage.objects.filter(menage=plan.menage, page="accompagnement").count() == 2


def test_statut_d_un_objectif_atteint_abandonne_remis_en_cours(client, distribution):
    plan = PlanFactory()
    objectif = _objectif(plan)
    connecter(client, distribution.nadia)
    url = reverse("accompagnement:objectif_statut", args=[objectif.pk])
    reponse = client.post(url, {"statut": "ATTEINT"})
    assert reponse.url.endswith("#objectifs")
    objectif.refresh_from_db()
    assert (objectif.statut, objectif.clos_le) == ("ATTEINT", timezone.localdate())
    page = texte(client.get(reponse.url))
    assert "Objectif noté atteint." in page
    assert f"Atteint le {timezone.localdate():%d/%m/%Y}" in section(page, "objectifs")
    assert "Remettre en cours" in section(page, "objectifs")
    client.post(url, {"statut": "EN_COURS"})
    objectif.refresh_from_db()
    assert (objectif.statut, objectif.clos_le) == ("EN_COURS", None)
    client.post(url, {"statut": "PERDU"})
    page = texte(client.get(reverse("accompagnement:dossier", args=[plan.menage.pk])))
    assert "« Statut de l'objectif » : choisissez une valeur de la liste." in page
    objectif.refresh_from_db()
    assert objectif.statut == "EN_COURS"


def test_r_accomp_impayes_l_objectif_d_origine_impayes_est_marque(client, distribution):
    plan = PlanFactory()
    objectif = _objectif(plan, origine="IMPAYES", libelle="Soutien budgétaire (impayés)")
    connecter(client, distribution.nadia)
    dossier = reverse("accompagnement:dossier", args=[plan.menage.pk])
    objectifs = section(texte(client.get(dossier)), "objectifs")
    assert "Ouvert par les impayés (R-ACCOMP-IMPAYES)" in objectifs
    url = reverse("accompagnement:objectif_statut", args=[objectif.pk])
    client.post(url, {"statut": "ABANDONNE"})
    objectifs = section(texte(client.get(dossier)), "objectifs")
    assert "Remettre en cours" not in objectifs
    client.post(url, {"statut": "EN_COURS"})
    page = texte(client.get(dossier))
    assert "R-ACCOMP-IMPAYES : une action ouverte par les impayés ne se remet pas en cours" in page
    objectif.refresh_from_db()
    assert objectif.statut == "ABANDONNE"


def test_noter_une_revue_change_l_intensite(client, distribution):
    plan = PlanFactory()
    connecter(client, distribution.nadia)
    url = reverse("accompagnement:revue_ajouter", args=[plan.pk])
    reponse = client.post(
        url,
        {"revue-le": jours(1).isoformat(), "revue-intensite": "RENFORCEE",
         "revue-conclusion": "Visites chaque semaine jusqu'au relogement."},
    )  # fmt: skip
    assert reponse.url.endswith("#revues")
    plan.refresh_from_db()
    assert plan.intensite == "RENFORCEE"
    page = texte(client.get(reponse.url))
    revues = section(page, "revues")
    assert f"<strong>{jours(1):%d/%m/%Y}</strong> — Nadia" in revues
    assert "intensité décidée : renforcée" in revues and "Visites chaque semaine" in revues
    assert "Intensité : Renforcée" in section(page, "plan")


def test_une_revue_dans_le_futur_ou_trop_longue_est_refusee(client, distribution):
    plan = PlanFactory()
    connecter(client, distribution.nadia)
    url = reverse("accompagnement:revue_ajouter", args=[plan.pk])
    page = texte(
        client.post(
            url, {"revue-le": jours(-1).isoformat(), "revue-intensite": "LEGERE",
                  "revue-conclusion": "Point budget."},
        )
    )  # fmt: skip
    assert "Revu le : la date ne peut pas être dans le futur." in sous_le_champ(page, "revue-le")
    assert "Point budget." in page
    page = texte(
        client.post(url, {"revue-le": jours(0).isoformat(), "revue-conclusion": "x" * 501})
    )
    assert "« Intensité décidée » : choisissez une valeur." in resume_erreurs(page)
    assert "« Conclusion » : 500 caractères au plus." in sous_le_champ(page, "revue-conclusion")
    assert not RevuePlan.objects.filter(plan=plan).exists()


def test_r_accomp_etapes_cocher_d_un_clic_puis_decocher_apres_confirmation(client, distribution):
    plan = PlanFactory()
    connecter(client, distribution.nadia)
    reponse = client.post(
        reverse("accompagnement:etape_cocher", args=[plan.pk]),
        {"code": "OUVERTURE_DROITS"},
    )
    assert reponse.url.endswith("#etapes")
    etape = EtapeCochee.objects.get(plan=plan)
    assert (etape.code, etape.faite_le, etape.par) == (
        "OUVERTURE_DROITS", timezone.localdate(), distribution.nadia,
    )  # fmt: skip
    etapes = section(texte(client.get(reponse.url)), "etapes")
    assert f"Faite le {timezone.localdate():%d/%m/%Y} par Nadia" in etapes
    assert "1 sur 4 faite, 3 restantes" in etapes
    url = reverse("accompagnement:etape_decocher", args=[etape.pk])
    page = texte(client.get(url))
    assert "Ouverture et accès aux droits, dont les aides au logement" in page
    assert "Décocher l'étape" in page and "ne peut pas être annulé" in page
    assert EtapeCochee.objects.filter(pk=etape.pk).exists()
    reponse = client.post(url)
    assert reponse.url.endswith("#etapes")
    assert not EtapeCochee.objects.filter(plan=plan).exists()
    assert "Étape décochée : Ouverture et accès aux droits" in texte(client.get(reponse.url))


def test_cocher_a_une_autre_date_et_refus_sous_le_champ(client, distribution):
    plan = PlanFactory()
    connecter(client, distribution.nadia)
    url = reverse("accompagnement:etape_cocher", args=[plan.pk])
    demain = jours(-1).isoformat()
    page = texte(client.post(url, {"code": "AIDE_BUDGET", "faite_le": demain}))
    assert "L'étape n'est pas cochée : 1 erreur à corriger" in resume_erreurs(page)
    assert "Faite le : la date ne peut pas être dans le futur." in sous_le_champ(page, "faite_le")
    assert f'value="{demain}"' in page and 'value="AIDE_BUDGET" selected' in page
    page = texte(client.post(url, {"code": "ETAT_DES_LIEUX_LOCATAIRE"}))  # du mandat
    assert "« Étape » : choisissez une étape restante de la liste." in sous_le_champ(page, "code")
    assert not EtapeCochee.objects.filter(plan=plan).exists()
    client.post(url, {"code": "AIDE_BUDGET", "faite_le": jours(4).isoformat()})
    assert EtapeCochee.objects.get(plan=plan).faite_le == jours(4)


def test_toutes_les_etapes_faites(client, distribution):
    plan = PlanFactory()
    a, jour = acteur(distribution.nadia), timezone.localdate()
    for code in (
        "EXPLIQUER_CONTRATS", "CONTRAT_OCCUPATION_ETAT_DES_LIEUX", "PRISE_EN_MAIN_TECHNIQUE",
        "OUVERTURE_DROITS", "VISITES_ENTRETIENS", "SOUTIEN_DEMARCHES", "AIDE_BUDGET",
        "PROJECTION_RELOGEMENT", "PREVENTION_RUPTURES", "LIEN_SOCIAL_QUARTIER",
        "LIEN_PARTENAIRES_MEDIATION", "PREPARER_SORTIE", "DEMARCHES_FUTUR_BAIL",
        "COMPTEURS_INSTALLATION",
    ):  # fmt: skip
        plans.cocher_etape(acteur=a, plan=plan, code=code, faite_le=jour, aujourd_hui=jour)
    connecter(client, distribution.nadia)
    page = texte(client.get(reverse("accompagnement:dossier", args=[plan.menage.pk])))
    etapes = section(page, "etapes")
    assert "Toutes les étapes de la liste sont faites." in etapes
    assert "4 sur 4 faites, 0 restante" in etapes and "Fait aujourd'hui" not in etapes


def test_un_plan_clos_ne_prend_plus_de_geste(client, distribution):
    plan = PlanFactory()
    objectif = _objectif(plan)
    a, jour = acteur(distribution.nadia), timezone.localdate()
    etape = plans.cocher_etape(
        acteur=a, plan=plan, code="AIDE_BUDGET", faite_le=jour, aujourd_hui=jour
    )
    plans.clore_plan(acteur=a, plan=plan, fin_le=jour, issue="AUTRE", note_fin="", aujourd_hui=jour)
    connecter(client, distribution.nadia)
    dossier = reverse("accompagnement:dossier", args=[plan.menage.pk])
    gestes = [
        ("objectif_ajouter", plan.pk, {"objectif-domaine": "BUDGET"}),
        ("objectif_statut", objectif.pk, {"statut": "ATTEINT"}),
        ("revue_ajouter", plan.pk, {"revue-le": jour.isoformat()}),
        ("etape_cocher", plan.pk, {"code": "SOUTIEN_DEMARCHES"}),
        ("etape_decocher", etape.pk, {}),
    ]
    for nom, pk, donnees in gestes:
        reponse = client.post(reverse(f"accompagnement:{nom}", args=[pk]), donnees)
        assert reponse.url == dossier, nom
    assert EtapeCochee.objects.filter(plan=plan).count() == 1
    objectif.refresh_from_db()
    assert objectif.statut == "ABANDONNE"


@pytest.mark.parametrize("intrus", ["julie", "ines", "helene", "claire"])
def test_hors_perimetre_les_gestes_sont_introuvables(client, distribution, intrus):
    plan = PlanFactory()
    objectif = _objectif(plan)
    jour = timezone.localdate()
    etape = plans.cocher_etape(
        acteur=acteur(distribution.nadia), plan=plan, code="AIDE_BUDGET", faite_le=jour,
        aujourd_hui=jour,
    )  # fmt: skip
    connecter(client, getattr(distribution, intrus))
    gestes = [
        ("objectif_ajouter", plan.pk, {"objectif-domaine": "BUDGET", "objectif-libelle": "x",
                                       "objectif-revue_le": jour.isoformat()}),
        ("objectif_statut", objectif.pk, {"statut": "ATTEINT"}),
        ("revue_ajouter", plan.pk, {"revue-le": jour.isoformat(), "revue-intensite": "LEGERE"}),
        ("etape_cocher", plan.pk, {"code": "SOUTIEN_DEMARCHES"}),
        ("etape_decocher", etape.pk, {}),
    ]  # fmt: skip
    for nom, pk, donnees in gestes:
        assert client.post(reverse(f"accompagnement:{nom}", args=[pk]), donnees).status_code == 404
    assert client.get(reverse("accompagnement:etape_decocher", args=[etape.pk])).status_code == 404
    assert plan.objectifs.count() == 1 and not plan.revues.exists()
    assert list(plan.etapes.values_list("code", flat=True)) == ["AIDE_BUDGET"]
    assert not ConsultationMenage.objects.filter(menage=plan.menage).exists()
