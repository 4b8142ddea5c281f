"""Écrans du plan : l'ouvrir, le modifier, le clore. Chaque refus des règles (R-ACCOMP-PLAN,
R-CHEZ-SOI, R-PETIT-CHEZ-SOI, R-CD-MEASURES, R-COFUNDING) est montré sous son champ (ou son
groupe) et dans le résumé en tête, la saisie gardée ; rien n'est écrit."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from iml.accompagnement.models import Plan
from iml.accompagnement.services import plans
from iml.menages.models import ConsultationMenage
from tests.accompagnement.factories import PlanFactory, jours
from tests.accompagnement.test_plan_dossier import section, texte
from tests.appels.factories import acteur
from tests.factories import connecter
from tests.menages.factories import MenageFactory, OccupationFactory

pytestmark = pytest.mark.django_db

DOMAINES = (
    "budget", "demarches_droits", "savoir_habiter", "sante", "emploi_formation", "parentalite",
    "isolement",
)  # fmt: skip


def saisie(**surcharge: str) -> dict[str, str]:
    """Un plan d'IML d'État, régulier, en interne, 12 mois, besoin « budget » important ;
    trois lignes de financeurs vides."""
    donnees = {
        "debut_le": jours(5).isoformat(),
        "intensite": "REGULIERE",
        "duree_prevue_mois": "12",
        "realisation": "INTERNE",
        "partenaire_delegue": "",
        "service_droit_commun": "",
        "dispositif": "IML_ETAT",
        "chez_soi_sans_abri": "",
        "chez_soi_trouble_atteste": "",
        "chez_soi_demande": "",
    }
    donnees |= {f"besoin_{d}": "AUCUN" for d in DOMAINES} | {"besoin_budget": "IMPORTANT"}
    donnees |= {f"{c}_{i}": "" for i in (1, 2, 3) for c in ("financeur", "montant")}
    return donnees | surcharge


def ouvrir(client, utilisateur, menage, donnees):
    connecter(client, utilisateur)
    return client.post(reverse("accompagnement:plan_ouvrir", args=[menage.pk]), donnees)


def sous_le_champ(page: str, champ: str) -> str:
    """Les erreurs affichées sous le champ `champ`."""
    return page.split(f'id="id_{champ}_error">')[1].split("</ul>")[0]


def resume_erreurs(page: str) -> str:
    return page.split('id="resume-erreurs"')[1].split("</div>")[0]


def test_le_formulaire_vide_propose_trois_lignes_de_financeurs_et_les_sept_domaines(
    client, distribution
):
    menage = MenageFactory(suivi_par_nadia=True)
    connecter(client, distribution.nadia)
    page = texte(client.get(reverse("accompagnement:plan_ouvrir", args=[menage.pk])))
    assert "Ouvrir un plan d'accompagnement" in page
    assert "Le ménage n'occupe pas de logement de l'IML pour l'instant." in page
    for i in (1, 2, 3):
        assert f'name="financeur_{i}"' in page and f'name="montant_{i}"' in page
    assert 'name="financeur_4"' not in page
    for d in DOMAINES:
        assert f'name="besoin_{d}"' in page
    assert len(re.findall(r'value="AUCUN"[^>]*checked>', page)) == 7  # « pas de besoin »
    assert ConsultationMenage.objects.filter(menage=menage, page="accompagnement").count() == 1


def test_ouvrir_un_plan_avec_besoins_et_financeurs(client, distribution):
    occupation = OccupationFactory(sous_location=True, menage=MenageFactory(suivi_par_nadia=True))
    menage = occupation.menage
    reponse = ouvrir(
        client, distribution.nadia, menage,
        saisie(
            dispositif="UN_PETIT_CHEZ_SOI", intensite="RENFORCEE", besoin_isolement="PONCTUEL",
            financeur_1="ARS", montant_1="7 000", financeur_2="ETAT_P177", montant_2="7000,00",
            financeur_3="FSL",
        ),
    )  # fmt: skip
    assert reponse.status_code == 302
    assert reponse.url == reverse("accompagnement:dossier", args=[menage.pk])
    plan = Plan.objects.get(menage=menage)
    assert (plan.dispositif, plan.intensite, plan.occupation) == (
        "UN_PETIT_CHEZ_SOI", "RENFORCEE", occupation,
    )  # fmt: skip
    assert plan.debut_le == jours(5) and plan.cree_par == distribution.nadia
    assert dict(plan.besoins.values_list("domaine", "niveau"))["ISOLEMENT"] == "PONCTUEL"
    assert plan.besoins.count() == 7
    assert sorted(plan.financements.values_list("financeur", "montant_annuel")) == [
        ("ARS", Decimal("7000.00")), ("ETAT_P177", Decimal("7000.00")), ("FSL", None),
    ]  # fmt: skip
    page = texte(client.get(reponse.url))
    assert "Plan d'accompagnement ouvert." in page
    assert "Fonds de solidarité pour le logement : non renseigné par an" in page


def test_erreurs_sous_leur_champ_et_en_tete_rien_n_est_perdu(client, distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    demain = jours(-1).isoformat()
    donnees = saisie(
        debut_le=demain, besoin_budget="AUCUN", realisation="DELEGUE", montant_2="1 200,50",
        duree_prevue_mois="0",
    )  # fmt: skip
    reponse = ouvrir(client, distribution.nadia, menage, donnees)
    page = texte(reponse)
    assert reponse.status_code == 200 and "<title>Erreur —" in page
    resume = resume_erreurs(page)
    # Le formulaire refuse d'abord ce qui est mal saisi : la durée, la ligne sans financeur.
    assert "Le plan n'est pas enregistré : 2 erreurs à corriger" in resume
    assert "« Durée prévue (mois) » : un mois au moins." in resume
    assert "« Financeur (ligne 2) » : choisissez le financeur de ce montant." in resume
    assert 'value="1 200,50"' in page and f'value="{demain}"' in page
    # Puis les règles : chacune sous son champ ou son groupe, et en tête.
    donnees |= {"duree_prevue_mois": "6", "montant_2": ""}
    page = texte(ouvrir(client, distribution.nadia, menage, donnees))
    resume = resume_erreurs(page)
    assert "Le plan n'est pas enregistré : 3 erreurs à corriger" in resume
    assert "Début de l'accompagnement : la date ne peut pas être dans le futur." in resume
    assert 'href="#groupe-besoins">R-ACCOMP-PLAN : évaluez au moins un besoin' in resume
    assert 'href="#id_partenaire_delegue">R-ACCOMP-PLAN : accompagnement délégué' in resume
    besoins = page.split('id="groupe-besoins"')[1].split("</fieldset>\n</fieldset>")[0]
    assert "fr-message--error" in besoins and "évaluez au moins un besoin" in besoins
    assert "nommez l'opérateur agréé" in sous_le_champ(page, "partenaire_delegue")
    assert re.search(r'value="DELEGUE"[^>]*checked>', page)  # la saisie est gardée
    assert not Plan.objects.filter(menage=menage).exists()


def test_r_chez_soi_les_trois_conditions_sous_leur_groupe(client, distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    page = texte(
        ouvrir(
            client, distribution.nadia, menage,
            saisie(dispositif="UN_CHEZ_SOI_D_ABORD", chez_soi_sans_abri="1",
                   chez_soi_trouble_atteste="0"),
        )
    )  # fmt: skip
    groupe = page.split('id="groupe-chez-soi"')[1].split("</fieldset>")[0]
    message = (
        "R-CHEZ-SOI : « un chez-soi d'abord » suppose chacune de ces conditions, non remplie ou "
        "non renseignée ici : trouble psychique sévère attesté par un psychiatre, demande à "
        "être logée."
    )
    assert (
        message in groupe and "fr-fieldset--error" in page.split('id="groupe-chez-soi"')[0][-200:]
    )
    assert message in resume_erreurs(page) and 'href="#groupe-chez-soi"' in resume_erreurs(page)
    assert not Plan.objects.filter(menage=menage).exists()


def test_r_petit_chez_soi_sous_le_dispositif(client, distribution):
    occupation = OccupationFactory(menage=MenageFactory(suivi_par_nadia=True))  # mandat
    page = texte(
        ouvrir(
            client, distribution.nadia, occupation.menage, saisie(dispositif="UN_PETIT_CHEZ_SOI")
        )
    )
    assert "Logement actuel : mandat de gestion." in page
    assert "R-PETIT-CHEZ-SOI : « un petit chez-soi » suppose une sous-location" in sous_le_champ(
        page, "dispositif"
    )


def test_r_cd_measures_et_r_cofunding_sous_les_financeurs(client, distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    page = texte(
        ouvrir(
            client, distribution.nadia, menage,
            saisie(dispositif="MESURE_CD", financeur_1="ARS", montant_1="100",
                   financeur_2="ARS", montant_2="200"),
        )
    )  # fmt: skip
    groupe = page.split('id="groupe-financements"')[1].split("</fieldset>")[0]
    assert "R-CD-MEASURES : une mesure départementale a le conseil départemental" in groupe
    assert "R-COFUNDING : un financeur ne figure qu'une fois" in groupe
    assert 'href="#groupe-financements"' in resume_erreurs(page)
    assert 'value="100"' in page and 'value="200"' in page
    assert not Plan.objects.filter(menage=menage).exists()


def test_ouvrir_quand_un_plan_est_deja_ouvert_ramene_au_dossier(client, distribution):
    plan = PlanFactory()
    connecter(client, distribution.nadia)
    for methode in ("get", "post"):
        url = reverse("accompagnement:plan_ouvrir", args=[plan.menage.pk])
        reponse = getattr(client, methode)(url, saisie())
        assert reponse.url == reverse("accompagnement:dossier", args=[plan.menage.pk])
    assert Plan.objects.filter(menage=plan.menage).count() == 1


def test_modifier_montre_le_plan_enregistre_et_l_enregistre(client, distribution):
    plan = PlanFactory(mesure_cd=True)
    connecter(client, distribution.marc)  # la direction tient aussi le plan
    url = reverse("accompagnement:plan_modifier", args=[plan.pk])
    page = texte(client.get(url))
    assert "Modifier le plan d'accompagnement" in page
    assert 'value="CONSEIL_DEPARTEMENTAL" selected' in page and 'value="3 500,00"' in page
    for i in (2, 3, 4):  # trois lignes vides après le financeur enregistré
        assert f'name="financeur_{i}"' in page
    assert 'name="financeur_5"' not in page
    assert 'value="36"' in page
    donnees = saisie(
        debut_le=plan.debut_le.isoformat(), dispositif="MESURE_CD", duree_prevue_mois="24",
        financeur_1="CONSEIL_DEPARTEMENTAL", montant_1="4 000", besoin_sante="PONCTUEL",
    )  # fmt: skip
    assert client.post(url, donnees).status_code == 302
    plan.refresh_from_db()
    assert plan.duree_prevue_mois == 24
    assert list(plan.financements.values_list("montant_annuel", flat=True)) == [Decimal(4000)]
    assert dict(plan.besoins.values_list("domaine", "niveau"))["SANTE"] == "PONCTUEL"


def test_un_refus_a_la_modification_ne_change_rien(client, distribution):
    plan = PlanFactory()
    connecter(client, distribution.nadia)
    url = reverse("accompagnement:plan_modifier", args=[plan.pk])
    page = texte(client.post(url, saisie(besoin_budget="AUCUN", duree_prevue_mois="3")))
    assert "R-ACCOMP-PLAN : évaluez au moins un besoin" in page
    plan.refresh_from_db()
    assert plan.duree_prevue_mois == 12 and plan.besoins.count() == 2


def test_clore_apres_confirmation_abandonne_les_objectifs_en_cours(client, distribution):
    plan = PlanFactory()
    a, jour = acteur(distribution.nadia), timezone.localdate()
    objectif = plans.ajouter_objectif(
        acteur=a, plan=plan, domaine="BUDGET", libelle="Ouvrir un compte",
        revue_le=jours(-30), aujourd_hui=jour,
    )  # fmt: skip
    connecter(client, distribution.nadia)
    url = reverse("accompagnement:plan_clore", args=[plan.pk])
    page = texte(client.get(url))
    assert "La clôture ne peut pas être annulée" in page
    assert "1 objectif en cours sera noté abandonné à la date de fin." in page
    assert "Confirmer la clôture" in page
    page = texte(client.post(url, {"fin_le": jours(-2).isoformat(), "issue": "", "note_fin": "x"}))
    resume = resume_erreurs(page)
    assert "« Issue » : choisissez une valeur." in resume
    plan.refresh_from_db()
    assert plan.ouvert
    page = texte(client.post(url, {"fin_le": jours(-2).isoformat(), "issue": "AUTRE"}))
    assert "Fin de l'accompagnement : la date ne peut pas être dans le futur." in page
    reponse = client.post(
        url, {"fin_le": jours(0).isoformat(), "issue": "OBJECTIFS_ATTEINTS", "note_fin": ""}
    )
    assert reponse.url == reverse("accompagnement:dossier", args=[plan.menage.pk])
    plan.refresh_from_db()
    objectif.refresh_from_db()
    assert (plan.fin_le, plan.issue) == (jours(0), "OBJECTIFS_ATTEINTS")
    assert objectif.statut == "ABANDONNE"
    page = texte(client.get(reponse.url))
    assert f"Plan clos le {jours(0):%d/%m/%Y} : objectifs atteints." in page
    assert "Aucun plan d'accompagnement ouvert" in page
    assert "issue : objectifs atteints" in section(page, "plans-clos")


def test_un_plan_clos_ne_se_modifie_plus(client, distribution):
    plan = PlanFactory()
    plans.clore_plan(
        acteur=acteur(distribution.nadia), plan=plan, fin_le=jours(0), issue="AUTRE",
        note_fin="", aujourd_hui=timezone.localdate(),
    )  # fmt: skip
    connecter(client, distribution.nadia)
    dossier = reverse("accompagnement:dossier", args=[plan.menage.pk])
    for nom in ("plan_modifier", "plan_clore"):
        reponse = client.get(reverse(f"accompagnement:{nom}", args=[plan.pk]))
        assert reponse.url == dossier
    page = texte(client.get(dossier))
    assert f"Ce plan est clos depuis le {jours(0):%d/%m/%Y} : il ne se modifie plus." in page
