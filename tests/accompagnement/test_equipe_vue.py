"""Vue d'équipe de la direction et temps de travail : charge de chaque travailleur social au
ratio (R-SW-RATIO), un ETP inconnu jamais compté 0, surcharge signalée ; ménages sans contact
depuis N jours (R-ACCOMP-CONTACT) ; ménages logés sans plan ou sans référent ; saisie de l'ETP
(virgule acceptée, erreurs nommant le champ, formulaire réaffiché rempli) ; nombre de requêtes
indépendant du nombre de ménages."""

from __future__ import annotations

import html
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from iml.accompagnement.models import TempsTravail
from iml.accompagnement.services import plans, suivi
from iml.comptes.models import Adhesion
from iml.menages.models import Menage
from tests.accompagnement.factories import ContactFactory, PlanFactory, jours
from tests.appels.factories import acteur, demo
from tests.factories import connecter
from tests.menages.factories import MenageFactory, OccupationFactory

pytestmark = pytest.mark.django_db

URL = "/accompagnement/equipe/"
URL_ETP = "/accompagnement/equipe/temps-de-travail/"


def texte(reponse) -> str:
    return html.unescape(reponse.content.decode())


def _equipe(client, distribution) -> str:
    connecter(client, distribution.marc)
    reponse = client.get(URL)
    assert reponse.status_code == 200
    return texte(reponse)


def _ligne(page: str, debut: str) -> str:
    return page.split(debut, 1)[1].split("</tr>")[0]


def _etp(etp: str, qui: str = "nadia", depuis: int = 10) -> None:
    suivi.fixer_temps_travail(
        acteur=acteur(demo("marc")), utilisateur=demo(qui), etp=Decimal(etp),
        depuis_le=jours(depuis),
    )  # fmt: skip


# --- Charge (R-SW-RATIO) ------------------------------------------------------------------------


def test_r_sw_ratio_charge_de_chaque_travailleur_social(client, distribution):
    for _ in range(3):
        PlanFactory()
    page = _equipe(client, distribution)
    ligne = _ligne(page, "Nadia Roux</a>")
    # Trois ménages suivis, ETP inconnu : ni capacité ni taux ni surcharge, jamais 0.
    assert '<td class="iml-chiffre">3</td>' in ligne
    assert "non renseigné" in ligne and "non calculable" in ligne and "Surcharge" not in ligne
    assert "R-SW-RATIO : 20 ménages par ETP" in page
    assert "aucun ETP renseigné (1 travailleur social sans ETP renseigné)" in page
    _etp("0.1")
    ligne = _ligne(_equipe(client, distribution), "Nadia Roux</a>")
    assert "0,1 ETP" in ligne and '<td class="iml-chiffre">2</td>' in ligne
    assert "150,0\u00a0%" in ligne and "Surcharge" in ligne
    _etp("0.5", depuis=0)
    ligne = _ligne(_equipe(client, distribution), "Nadia Roux</a>")
    assert "0,5 ETP" in ligne and "Dans le ratio" in ligne and "30,0\u00a0%" in ligne


def test_r_sw_ratio_les_autres_menages_suivis_sont_hors_capacite(client, distribution):
    PlanFactory()
    PlanFactory(delegue=True)
    PlanFactory(menage=MenageFactory(suivi_par_nadia=True), sans_logement=True)
    _etp("0")
    page = _equipe(client, distribution)
    ligne = _ligne(page, "Nadia Roux</a>")
    # Un au ratio, deux à part ; un ETP de 0 connu : taux non calculable, pas « non renseigné ».
    assert '<td class="iml-chiffre">1</td>\n        <td class="iml-chiffre">2</td>' in ligne
    assert "non calculable" in ligne and "non renseigné" not in ligne
    assert "Autres ménages suivis : 2" in page


def test_seuls_les_travailleurs_sociaux_actifs_de_l_organisation(client, distribution):
    page = _equipe(client, distribution)
    assert "Nadia Roux" in page and "Inès" not in page and "Julie" not in page
    Adhesion.objects.filter(utilisateur=distribution.nadia, organisation=distribution.org.ais35)\
        .update(actif=False)  # fmt: skip
    assert "Aucun travailleur social actif" in _equipe(client, distribution)


# --- R-ACCOMP-CONTACT et ménages sans plan ---------------------------------------------------


def test_r_accomp_contact_menages_sans_contact_depuis_le_seuil(client, distribution):
    ancien = PlanFactory(menage=MenageFactory(nom="Oublie", suivi_par_nadia=True),
                         sans_logement=True, debut_le=jours(90))  # fmt: skip
    ContactFactory(menage=ancien.menage, le=jours(40))
    PlanFactory(menage=MenageFactory(nom="Jamaisvu", suivi_par_nadia=True), sans_logement=True,
                debut_le=jours(35))  # fmt: skip
    recent = PlanFactory(menage=MenageFactory(nom="Vurecemment", suivi_par_nadia=True),
                         sans_logement=True, debut_le=jours(90))  # fmt: skip
    ContactFactory(menage=recent.menage, le=jours(29))
    page = _equipe(client, distribution)
    section = page.split('id="sans-contact"')[1].split("</section>")[0]
    assert "Ménages sans contact depuis 30\u00a0jours ou plus" in page
    assert "Oublie Awa" in section and "Jamaisvu Awa" in section
    assert "Vurecemment" not in section
    assert section.index("Oublie") < section.index("Jamaisvu")  # le plus ancien d'abord
    assert '<td class="iml-chiffre">40</td>' in _ligne(section, "Oublie Awa")
    assert "Nadia Roux" in _ligne(section, "Oublie Awa")
    assert "aucun depuis le début du plan" in _ligne(section, "Jamaisvu Awa")


def test_r_accomp_contact_se_lit_dans_le_journal_et_depuis_le_debut_du_plan(client, distribution):
    # La date « dernier contact » de la fiche (saisie par la gestion locative) ne compte pas.
    fiche = PlanFactory(menage=MenageFactory(nom="Fiche", suivi_par_nadia=True),
                        sans_logement=True, debut_le=jours(40))  # fmt: skip
    Menage.objects.filter(pk=fiche.menage_id).update(dernier_contact_le=jours(1))
    # Un contact d'avant le plan (celui d'un premier accompagnement, clos) ne compte pas :
    # 35 jours depuis le début du plan.
    premier = PlanFactory(menage=MenageFactory(nom="Avantplan", suivi_par_nadia=True),
                          sans_logement=True, debut_le=jours(120))  # fmt: skip
    ContactFactory(menage=premier.menage, le=jours(100))
    plans.clore_plan(
        acteur=acteur(demo("nadia")), plan=premier, fin_le=jours(90), issue="AUTRE",
        note_fin="", aujourd_hui=timezone.localdate(),
    )  # fmt: skip
    PlanFactory(menage=premier.menage, sans_logement=True, debut_le=jours(35))
    section = _equipe(client, distribution).split('id="sans-contact"')[1].split("</section>")[0]
    assert '<td class="iml-chiffre">40</td>' in _ligne(section, "Fiche Awa")
    ligne = _ligne(section, "Avantplan Awa")
    assert '<td class="iml-chiffre">35</td>' in ligne
    assert "aucun depuis le début du plan" in ligne


def test_menages_loges_sans_plan_ou_sans_referent(client, distribution):
    OccupationFactory(menage=MenageFactory(nom="Sansplan", suivi_par_nadia=True))
    PlanFactory(agent=demo("marc"), menage=OccupationFactory(menage=MenageFactory(
        nom="Sansreferent")).menage)  # fmt: skip
    PlanFactory(menage=MenageFactory(nom="Enattente", suivi_par_nadia=True), sans_logement=True)
    PlanFactory(menage=OccupationFactory(menage=MenageFactory(
        nom="Enordre", suivi_par_nadia=True)).menage)  # fmt: skip
    section = _equipe(client, distribution).split('id="sans-plan"')[1].split("</section>")[0]
    assert "Pas de plan d'accompagnement ouvert" in _ligne(section, "Sansplan Awa")
    assert "Sans référent" in _ligne(section, "Sansreferent Awa")
    assert "Enattente" not in section and "Enordre" not in section
    # Une référente qui quitte l'organisation : son ménage est signalé.
    Adhesion.objects.filter(utilisateur=distribution.nadia, organisation=distribution.org.ais35)\
        .update(actif=False)  # fmt: skip
    section = _equipe(client, distribution).split('id="sans-plan"')[1].split("</section>")[0]
    assert "plus travailleur social actif ici" in _ligne(section, "Enordre Awa")


def _requetes(client) -> int:
    with CaptureQueriesContext(connection) as requetes:
        assert client.get(URL).status_code == 200
    return len(requetes.captured_queries)


def test_le_nombre_de_requetes_ne_depend_pas_du_nombre_de_menages(
    client, distribution, django_assert_max_num_queries
):
    connecter(client, distribution.marc)

    def trois() -> None:
        PlanFactory(debut_le=jours(60))  # sans contact
        OccupationFactory(menage=MenageFactory())  # logé sans plan
        PlanFactory(agent=demo("marc"), menage=OccupationFactory().menage)  # sans référent

    trois()
    _etp("0.8")
    une = _requetes(client)
    for _ in range(4):
        trois()
    assert _requetes(client) == une
    with django_assert_max_num_queries(18):  # session, acteur, page : un nombre fixe
        _requetes(client)


@pytest.mark.parametrize("persona", ["nadia", "ines", "julie", "claire", "anne"])
def test_la_vue_d_equipe_est_a_la_direction(client, distribution, persona):
    connecter(client, getattr(distribution, persona))
    assert client.get(URL).status_code == 403
    assert client.get(URL_ETP).status_code == 403


# --- Temps de travail ---------------------------------------------------------------------------


def _poster(client, distribution, **donnees):
    connecter(client, distribution.marc)
    valeurs = {"utilisateur": distribution.nadia.pk, "etp": "0,8",
               "depuis_le": timezone.localdate().isoformat()} | donnees  # fmt: skip
    return client.post(URL_ETP, valeurs)


@pytest.mark.parametrize("saisie", ["0,8", "0.8", " 0,80 "])
def test_r_sw_ratio_l_etp_se_saisit_avec_une_virgule(client, distribution, saisie):
    reponse = _poster(client, distribution, etp=saisie)
    assert reponse.status_code == 302 and reponse["Location"] == URL
    ligne = TempsTravail.objects.get(utilisateur=distribution.nadia)
    assert (ligne.etp, ligne.depuis_le, ligne.par) == (
        Decimal("0.80"), timezone.localdate(), distribution.marc
    )  # fmt: skip
    page = texte(client.get(URL))
    assert (
        f"Temps de travail de Nadia Roux : 0,8 ETP depuis le {timezone.localdate():%d/%m/%Y}."
        in page
    )


@pytest.mark.parametrize(
    ("donnees", "champ", "message"),
    [
        ({"etp": "1,5"}, "etp", "« Temps de travail (ETP) » : la valeur dépasse le maximum de 1."),
        (
            {"etp": "-0,2"},
            "etp",
            "« Temps de travail (ETP) » : la valeur ne peut pas être négative.",
        ),
        ({"etp": "huit"}, "etp", "« Temps de travail (ETP) » : saisissez un nombre en chiffres"),
        ({"etp": "0,125"}, "etp", "« Temps de travail (ETP) » : deux décimales au plus"),
        ({"etp": ""}, "etp", "« Temps de travail (ETP) » : ce champ est obligatoire."),
        ({"depuis_le": ""}, "depuis_le", "« Depuis le » : ce champ est obligatoire."),
        ({"depuis_le": "32/13/2026"}, "depuis_le", "« Depuis le » : saisissez une date"),
        ({"utilisateur": "julie"}, "utilisateur", "« Travailleur social » : choisissez une"),
    ],
)
def test_une_mauvaise_saisie_est_expliquee_sous_le_champ_et_en_tete(
    client, distribution, donnees, champ, message
):
    if donnees.get("utilisateur") == "julie":
        donnees = {"utilisateur": distribution.julie.pk}
    reponse = _poster(client, distribution, **donnees)
    assert reponse.status_code == 200
    page = texte(reponse)
    assert page.count(message) == 2  # sous le champ et dans le résumé d'erreurs
    assert 'id="resume-erreurs"' in page and f'href="#id_{champ}"' in page
    assert reponse.context["form"].errors[champ]
    assert not TempsTravail.objects.exists()


def test_le_formulaire_se_reaffiche_rempli(client, distribution):
    reponse = _poster(client, distribution, etp="1,5", depuis_le="2026-09-01")
    page = texte(reponse)
    assert 'value="1,5"' in page and 'value="2026-09-01"' in page
    assert f'<option value="{distribution.nadia.pk}" selected>' in page


def test_le_choix_du_travailleur_social_est_pre_rempli_et_l_historique_visible(
    client, distribution
):
    _etp("0.6", depuis=100)
    connecter(client, distribution.marc)
    page = texte(client.get(URL_ETP, {"utilisateur": distribution.nadia.pk}))
    assert f'<option value="{distribution.nadia.pk}" selected>' in page
    historique = page.split("Valeurs enregistrées")[1]
    assert "Nadia Roux" in historique and "0,6" in historique
    assert f"{timezone.localdate():%Y-%m-%d}" in page  # la date du jour proposée
