"""Dossier d'accompagnement d'un ménage : plan ouvert (résumé, besoins, dispositif, financeurs),
étapes par moment avec ce qui reste (R-ACCOMP-ETAPES), qui le trouve (référent, direction ;
404 pour les autres), journal des consultations, nombre de requêtes fixe."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from iml.accompagnement.services import plans
from iml.menages.models import ConsultationMenage
from tests.accompagnement.factories import ContactFactory, PlanFactory, jours
from tests.appels.factories import acteur
from tests.factories import connecter
from tests.menages.factories import MenageFactory, OccupationFactory

pytestmark = pytest.mark.django_db


def texte(reponse) -> str:
    """Le texte de la page, espaces insécables (milliers, « € ») lus comme des espaces."""
    return html.unescape(reponse.content.decode()).replace("\u202f", " ").replace("\xa0", " ")


def dossier(client, utilisateur, menage) -> str:
    connecter(client, utilisateur)
    reponse = client.get(reverse("accompagnement:dossier", args=[menage.pk]))
    assert reponse.status_code == 200
    return texte(reponse)


def section(page: str, ancre: str) -> str:
    """Le texte de la section `ancre` (jusqu'à la section suivante)."""
    return page.split(f'id="{ancre}"')[1].split("<section")[0]


def test_sans_plan_le_dossier_propose_d_en_ouvrir_un(client, distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    page = dossier(client, distribution.nadia, menage)
    assert "Aucun plan d'accompagnement ouvert" in page
    assert reverse("accompagnement:plan_ouvrir", args=[menage.pk]) in page
    assert 'id="etapes"' not in page


def test_le_plan_ouvert_resume_besoins_dispositif_et_financeurs(client, distribution):
    plan = PlanFactory(petit_chez_soi=True)
    page = dossier(client, distribution.nadia, plan.menage)
    resume = section(page, "plan")
    assert f"Ouvert depuis le {jours(30):%d/%m/%Y}" in resume
    assert "Intensité : Renforcée" in resume
    assert "Qui accompagne : L'opérateur lui-même" in resume
    fin = plan.debut_le.replace(year=plan.debut_le.year + 1)
    assert (
        f"Durée prévue : 12 mois, fin prévue le {(fin - timezone.timedelta(days=1)):%d/%m/%Y}"
        in resume
    )
    assert "Dispositif : Un petit chez-soi" in resume
    assert "Catégorie d'IML du ménage : IML classique" in resume
    assert "ARS (ONDAM médico-social) : 7 000 € par an" in resume
    assert "Total annuel : 14 000 €" in resume
    assert "Budget : <strong>Besoin important</strong>" in resume
    assert "Démarches administratives et accès aux droits : Besoin ponctuel" in resume
    assert "Parentalité : " in resume and "pas de besoin" in resume
    assert reverse("accompagnement:plan_modifier", args=[plan.pk]) in resume
    assert reverse("accompagnement:plan_clore", args=[plan.pk]) in resume


def test_un_montant_inconnu_laisse_le_total_non_renseigne(client, distribution):
    plan = PlanFactory(mesure_cd=True, financements=[("CONSEIL_DEPARTEMENTAL", None)])
    resume = section(dossier(client, distribution.nadia, plan.menage), "plan")
    assert "Conseil départemental : non renseigné par an" in resume
    assert "Total annuel : non renseigné" in resume
    assert "0 €" not in resume


def test_delegue_et_droit_commun_nommes(client, distribution):
    plan = PlanFactory(delegue=True)
    resume = section(dossier(client, distribution.nadia, plan.menage), "plan")
    assert "Par délégation à AIVS Ouest (opérateur agréé, article L. 365-3 du CCH)" in resume
    autre = PlanFactory(realisation="DROIT_COMMUN", service_droit_commun="CMP")
    resume = section(dossier(client, distribution.nadia, autre.menage), "plan")
    assert "Par le droit commun : Centre médico-psychologique" in resume


def test_etapes_de_la_sous_location_par_moment_avec_ce_qui_reste(client, distribution):
    plan = PlanFactory()
    plans.cocher_etape(
        acteur=acteur(distribution.nadia), plan=plan, code="PRISE_EN_MAIN_TECHNIQUE",
        faite_le=jours(3), aujourd_hui=timezone.localdate(),
    )  # fmt: skip
    etapes = section(dossier(client, distribution.nadia, plan.menage), "etapes")
    assert "À l'entrée" in etapes and "— 1 sur 4 faite, 3 restantes" in etapes
    assert "Pendant l'accompagnement" in etapes and "0 sur 7 faite, 7 restantes" in etapes
    assert "À la sortie" in etapes and "0 sur 3 faite, 3 restantes" in etapes
    assert f"Faite le {jours(3):%d/%m/%Y} par Nadia" in etapes
    assert "Prise en main technique du logement" in etapes
    assert etapes.count("Fait aujourd'hui") == 13
    assert "État des lieux entrant avec le locataire" not in etapes  # étape du mandat


def test_etapes_du_mandat_de_gestion_sans_sortie(client, distribution):
    occupation = OccupationFactory(menage=MenageFactory(suivi_par_nadia=True))  # mandat
    plan = PlanFactory(menage=occupation.menage)
    etapes = section(dossier(client, distribution.nadia, plan.menage), "etapes")
    assert "État des lieux entrant avec le locataire" in etapes
    assert "0 sur 3 faite, 3 restantes" in etapes
    assert "À la sortie" not in etapes
    assert "Le mandat de gestion n'a pas d'étape de sortie" in etapes


def test_sans_logement_la_liste_attend_l_entree(client, distribution):
    plan = PlanFactory(sans_logement=True)
    etapes = section(dossier(client, distribution.nadia, plan.menage), "etapes")
    assert "la liste des étapes s'affiche à l'entrée dans un logement" in etapes
    assert "Fait aujourd'hui" not in etapes


def test_plans_clos_listes_sous_le_plan_ouvert(client, distribution):
    plan = PlanFactory()
    plans.clore_plan(
        acteur=acteur(distribution.nadia), plan=plan, fin_le=jours(2),
        issue="RELAIS_DROIT_COMMUN", note_fin="Relais par la MDS.",
        aujourd_hui=timezone.localdate(),
    )  # fmt: skip
    page = dossier(client, distribution.nadia, plan.menage)
    clos = section(page, "plans-clos")
    assert f"Plan du {jours(30):%d/%m/%Y} au {jours(2):%d/%m/%Y}" in clos
    assert "issue : relais pris par le droit commun" in clos and "Relais par la MDS." in clos
    assert "Aucun plan d'accompagnement ouvert" in page


def test_qui_trouve_le_dossier(client, distribution):
    plan = PlanFactory()
    url = reverse("accompagnement:dossier", args=[plan.menage.pk])
    for persona in ("nadia", "marc"):
        connecter(client, getattr(distribution, persona))
        assert client.get(url).status_code == 200, persona
    for persona in ("julie", "ines", "helene", "thomas", "claire", "sophie", "anne", "admin"):
        connecter(client, getattr(distribution, persona))
        assert client.get(url).status_code == 404, persona
    client.logout()
    assert client.get(url).status_code == 302


def test_chaque_lecture_du_dossier_est_journalisee(client, distribution):
    plan = PlanFactory()
    dossier(client, distribution.nadia, plan.menage)
    dossier(client, distribution.marc, plan.menage)
    connecter(client, distribution.julie)
    client.get(reverse("accompagnement:dossier", args=[plan.menage.pk]))  # 404 : rien
    lectures = ConsultationMenage.objects.filter(menage=plan.menage, page="accompagnement")
    assert [c.par for c in lectures] == [distribution.marc, distribution.nadia]
    connecter(client, distribution.marc)
    fiche = texte(client.get(reverse("menages:menage", args=[plan.menage.pk])))
    assert "Dossier d'accompagnement" in fiche.split('id="titre-consultations"')[1]


def test_contacts_et_orientations_du_volet_suivi_inclus(client, distribution):
    contact = ContactFactory()
    page = dossier(client, distribution.nadia, contact.menage)
    assert 'id="titre-contacts"' in page and 'id="titre-orientations"' in page


def test_nombre_de_requetes_du_dossier_fixe(client, distribution, django_assert_max_num_queries):
    petit = PlanFactory()
    ancien = PlanFactory(petit_chez_soi=True)
    a, jour = acteur(distribution.nadia), timezone.localdate()
    plans.clore_plan(
        acteur=a, plan=ancien, fin_le=jours(20), issue="AUTRE", note_fin="", aujourd_hui=jour
    )
    grand = PlanFactory(menage=ancien.menage, debut_le=jours(10), petit_chez_soi=True)
    for code in ("PRISE_EN_MAIN_TECHNIQUE", "OUVERTURE_DROITS", "AIDE_BUDGET"):
        plans.cocher_etape(acteur=a, plan=grand, code=code, faite_le=jours(1), aujourd_hui=jour)
    for i in range(5):
        plans.ajouter_objectif(
            acteur=a, plan=grand, domaine="BUDGET", libelle=f"Objectif {i}",
            revue_le=jours(-30), aujourd_hui=jour,
        )  # fmt: skip
        plans.noter_revue(
            acteur=a, plan=grand, le=jours(i), intensite="REGULIERE", conclusion="Point.",
            aujourd_hui=jour,
        )  # fmt: skip
        ContactFactory(menage=grand.menage, le=jours(i + 1))
    connecter(client, distribution.nadia)
    client.get(reverse("accompagnement:dossier", args=[petit.menage.pk]))  # caches chauds
    with django_assert_max_num_queries(25) as peu:
        client.get(reverse("accompagnement:dossier", args=[petit.menage.pk]))
    with django_assert_max_num_queries(len(peu.captured_queries)):
        page = texte(client.get(reverse("accompagnement:dossier", args=[grand.menage.pk])))
    assert (
        page.count("<strong>Objectif 4</strong>") == 1
        and "2 sur 4 faites, 2 restantes" in page
        and "1 sur 7 faite" in page
    )
    assert "Plans clos" in page


def test_la_fiche_du_menage_resume_le_plan_selon_le_role(client, distribution):
    plan = PlanFactory(petit_chez_soi=True)
    lien = reverse("accompagnement:dossier", args=[plan.menage.pk])
    for persona in ("nadia", "marc"):
        connecter(client, getattr(distribution, persona))
        page = texte(client.get(reverse("menages:menage", args=[plan.menage.pk])))
        bloc = section(page, "accompagnement")
        assert f"ouvert depuis le {jours(30):%d/%m/%Y}" in bloc, persona
        assert "Intensité : Renforcée" in bloc and "Dispositif : Un petit chez-soi" in bloc
        assert "Travailleur social référent : Nadia" in bloc and lien in bloc
    connecter(client, distribution.julie)
    bloc = section(
        texte(client.get(reverse("menages:menage", args=[plan.menage.pk]))), "accompagnement"
    )
    assert f"ouvert depuis le {jours(30):%d/%m/%Y}" in bloc and "Intensité : Renforcée" in bloc
    assert "Travailleur social référent : Nadia" in bloc
    assert lien not in bloc and "Dispositif" not in bloc


def test_la_fiche_sans_plan(client, distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    connecter(client, distribution.julie)
    bloc = section(texte(client.get(reverse("menages:menage", args=[menage.pk]))), "accompagnement")
    assert "Aucun plan d'accompagnement ouvert" in bloc


def test_au_glissement_du_bail_la_liste_suit_la_forme_et_les_coches_restent(client, distribution):
    from iml.occupations.services import sorties
    from tests.menages.factories import a_midi

    plan = PlanFactory()  # sous-location à bail glissant
    jour = timezone.localdate()
    plans.cocher_etape(
        acteur=acteur(distribution.nadia), plan=plan, code="PRISE_EN_MAIN_TECHNIQUE",
        faite_le=jours(20), aujourd_hui=jour,
    )  # fmt: skip
    sorties.sortir(
        acteur=acteur(distribution.julie), occupation=plan.occupation, date_sortie=jours(1),
        destination="GLISSEMENT_BAIL", mandat_suit=True, maintenant=a_midi(jours(1)),
    )  # fmt: skip
    etapes = section(dossier(client, distribution.nadia, plan.menage), "etapes")
    assert "État des lieux entrant avec le locataire" in etapes  # la liste du mandat
    assert "0 sur 3 faite, 3 restantes" in etapes
    hors_liste = etapes.split("Étapes faites hors de la liste actuelle")[1]
    assert "Prise en main technique du logement" in hors_liste
    assert f"Faite le {jours(20):%d/%m/%Y} par Nadia" in hors_liste
