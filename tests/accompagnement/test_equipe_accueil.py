"""« Mes ménages » : ce que voient le travail social (les siens) et la direction (toute
l'organisation, filtre par référent) ; la charge au ratio (R-SW-RATIO), jamais un ETP inconnu
compté 0 ; jours sans contact (R-ACCOMP-CONTACT), visites d'« un petit chez-soi »
(R-PETIT-CHEZ-SOI), prochaine revue, étapes restantes, action budgétaire ; pagination ;
nombre de requêtes indépendant du nombre de ménages."""

from __future__ import annotations

import html
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from iml.accompagnement.services import impayes, plans, suivi
from iml.menages.models import Menage
from tests.accompagnement.factories import ContactFactory, PlanFactory, jours
from tests.appels.factories import acteur, demo
from tests.factories import connecter
from tests.menages.factories import MenageFactory, OccupationFactory

pytestmark = pytest.mark.django_db

URL = "/accompagnement/"
NBSP = "\u00a0"


def texte(reponse) -> str:
    return html.unescape(reponse.content.decode())


def page_de(client, utilisateur, **params) -> str:
    connecter(client, utilisateur)
    reponse = client.get(URL, params)
    assert reponse.status_code == 200
    return texte(reponse)


def _ligne(page: str, nom: str) -> str:
    """La ligne du tableau d'un ménage (son nom est aussi dans le lien « Noter un contact »,
    pour les lecteurs d'écran)."""
    return page.split(nom, 1)[1].split("</tr>")[0]


def _loge(nom: str, **options):
    """Un plan de nadia pour le ménage `nom`, logé en sous-location à bail glissant."""
    occupation = OccupationFactory(
        sous_location=True, menage=MenageFactory(nom=nom, suivi_par_nadia=True)
    )
    return PlanFactory(menage=occupation.menage, **options)


def _suivi(nom: str, **options):
    """Un plan de nadia pour le ménage `nom`, pas encore logé."""
    return PlanFactory(
        menage=MenageFactory(nom=nom, suivi_par_nadia=True), sans_logement=True, **options
    )


def _lignes(page: str) -> int:
    """Les ménages affichés (une carte chacun sur écran étroit, une ligne du tableau sinon)."""
    assert page.count("iml-carte-menage") == page.split("<tbody>")[1].count("<tr>")
    return page.count("iml-carte-menage")


def test_la_travailleuse_sociale_voit_ses_menages_et_pas_les_autres(client, distribution):
    suivi_ = _suivi("Suivi").menage
    PlanFactory(agent=demo("marc"), menage=MenageFactory(nom="Autre", referent=None))
    PlanFactory(agent=demo("ines"), gestion="thomas")  # un ménage du Relais
    page = page_de(client, distribution.nadia)
    assert "Mes ménages" in page and "Suivi Awa" in page
    assert "Autre Awa" not in page and "Relais" not in page
    ligne = _ligne(page, "Suivi Awa")
    assert "Régulière" in ligne and "IML financée par l'État (BOP 177)" in ligne
    assert f'href="/accompagnement/menages/{suivi_.pk}/"' in page
    assert f'href="/accompagnement/menages/{suivi_.pk}/contacts/nouveau/"' in page
    assert "ménage pas encore logé" in ligne  # pas d'étapes sans forme d'IML


def test_r_sw_ratio_un_etp_inconnu_n_est_jamais_zero(client, distribution):
    PlanFactory()
    PlanFactory()
    page = page_de(client, distribution.nadia)
    assert f"2{NBSP}ménages suivis au ratio, ETP non renseigné : capacité non calculable" in page
    assert "0 ETP" not in page and "capacité 0" not in page
    assert "La direction renseigne votre temps de travail." in page


def test_r_sw_ratio_charge_au_ratio_et_surcharge(client, distribution):
    for _ in range(3):
        PlanFactory()
    suivi.fixer_temps_travail(
        acteur=acteur(demo("marc")), utilisateur=demo("nadia"), etp=Decimal("0.8"),
        depuis_le=jours(10),
    )  # fmt: skip
    page = page_de(client, distribution.nadia)
    assert f"3{NBSP}ménages suivis au ratio pour 0,8 ETP, capacité 16" in page
    assert "R-SW-RATIO : 20 ménages par ETP" in page and "Surcharge" not in page
    assert f"Taux de charge : 18,8{NBSP}%" in page
    suivi.fixer_temps_travail(
        acteur=acteur(demo("marc")), utilisateur=demo("nadia"), etp=Decimal("0.1"),
        depuis_le=jours(0),
    )  # fmt: skip
    page = page_de(client, distribution.nadia)
    assert (
        f"3{NBSP}ménages suivis au ratio pour 0,1 ETP, capacité 2" in page and "Surcharge" in page
    )


def test_r_sw_ratio_seuls_comptent_les_plans_internes_en_sous_location(client, distribution):
    PlanFactory()  # interne, sous-location : au ratio
    _suivi("Paslog")  # pas encore logé
    PlanFactory(delegue=True)  # délégué
    mandat = OccupationFactory(menage=MenageFactory(nom="Mandat", suivi_par_nadia=True))
    PlanFactory(menage=mandat.menage)  # mandat de gestion
    suivi.fixer_temps_travail(
        acteur=acteur(demo("marc")), utilisateur=demo("nadia"), etp=Decimal("0.5"),
        depuis_le=jours(10),
    )  # fmt: skip
    page = page_de(client, distribution.nadia)
    assert f"1{NBSP}ménage suivi au ratio pour 0,5 ETP, capacité 10" in page
    assert "autres ménages suivis : 3 (hors capacité)" in page
    assert f"Taux de charge : 10,0{NBSP}%" in page


def test_r_sw_ratio_un_etp_de_zero_rend_le_taux_non_calculable(client, distribution):
    PlanFactory()
    suivi.fixer_temps_travail(
        acteur=acteur(demo("marc")), utilisateur=demo("nadia"), etp=Decimal("0"),
        depuis_le=jours(10),
    )  # fmt: skip
    page = page_de(client, distribution.nadia)
    assert f"1{NBSP}ménage suivi au ratio pour 0 ETP, capacité 0" in page
    assert "Taux de charge : non calculable." in page and "non renseigné" not in page


def test_r_accomp_contact_jours_sans_contact_et_signalement(client, distribution):
    ancien = _suivi("Ancien", debut_le=jours(60))
    ContactFactory(menage=ancien.menage, le=jours(45))
    recent = _suivi("Recent")
    ContactFactory(menage=recent.menage, le=jours(2))
    _suivi("Jamais", debut_le=jours(31))
    page = page_de(client, distribution.nadia)
    # Jamais de contact d'abord, puis du plus ancien au plus récent.
    assert page.index("Jamais Awa") < page.index("Ancien Awa") < page.index("Recent Awa")
    assert "45 jours sans contact" in _ligne(page, "Ancien Awa")
    assert "Sans contact depuis 30" in _ligne(page, "Ancien Awa")
    assert "aucun" in _ligne(page, "Jamais Awa") and "Sans contact depuis 30" in _ligne(
        page, "Jamais Awa"
    )
    assert "Sans contact depuis" not in _ligne(page, "Recent Awa")
    assert "2 jours sans contact" in _ligne(page, "Recent Awa")


def test_r_accomp_contact_le_journal_fait_foi_et_le_plan_remet_le_compte(client, distribution):
    fiche = _suivi("Fiche", debut_le=jours(40))
    Menage.objects.filter(pk=fiche.menage_id).update(dernier_contact_le=jours(1))
    # Un premier accompagnement, clos, avec son contact ; puis un nouveau plan.
    premier = _suivi("Avantplan", debut_le=jours(120))
    ContactFactory(menage=premier.menage, le=jours(100))
    plans.clore_plan(
        acteur=acteur(demo("nadia")), plan=premier, fin_le=jours(90), issue="AUTRE",
        note_fin="", aujourd_hui=timezone.localdate(),
    )  # fmt: skip
    PlanFactory(menage=premier.menage, debut_le=jours(10))
    page = page_de(client, distribution.nadia)
    ligne = _ligne(page, "Fiche Awa")  # la date de la fiche n'est pas un contact
    assert "aucun" in ligne and "40 jours sans contact" in ligne
    assert "Sans contact depuis 30" in ligne
    ligne = _ligne(page, "Avantplan Awa")  # un contact d'avant le plan ne compte pas
    assert "10 jours sans contact" in ligne and "Sans contact depuis" not in ligne


def test_r_petit_chez_soi_visites_de_la_semaine_et_semaine_manquee(client, distribution):
    aujourd_hui = timezone.localdate()
    lundi = aujourd_hui - timedelta(days=aujourd_hui.weekday())
    plan = _loge("Chezsoi", petit_chez_soi=True, debut_le=lundi - timedelta(weeks=3))
    ContactFactory(menage=plan.menage, le=lundi)  # cette semaine
    ContactFactory(menage=plan.menage, le=lundi - timedelta(days=3), canal="TELEPHONE")
    _suivi("Classique")
    page = page_de(client, distribution.nadia)
    ligne = _ligne(page, "Chezsoi Awa")
    assert "1 cette semaine, 0 la semaine dernière" in ligne
    assert "au moins 1 par semaine (R-PETIT-CHEZ-SOI)" in ligne
    assert "Semaine dernière manquée" in ligne
    assert "R-PETIT-CHEZ-SOI" not in _ligne(page, "Classique Awa")


def test_revue_etapes_et_action_budgetaire(client, distribution):
    plan = _loge("Complet")
    a = acteur(demo("nadia"))
    aujourd_hui = timezone.localdate()
    plans.ajouter_objectif(acteur=a, plan=plan, domaine="SANTE", libelle="Médecin traitant",
                           revue_le=jours(-20), aujourd_hui=aujourd_hui)  # fmt: skip
    plans.ajouter_objectif(acteur=a, plan=plan, domaine="BUDGET", libelle="Compte bancaire",
                           revue_le=jours(-5), aujourd_hui=aujourd_hui)  # fmt: skip
    plans.cocher_etape(acteur=a, plan=plan, code="PRISE_EN_MAIN_TECHNIQUE", faite_le=jours(3),
                       aujourd_hui=aujourd_hui)  # fmt: skip
    impayes.ouvrir_action_impayes(plan=plan, aujourd_hui=aujourd_hui)
    page = page_de(client, distribution.nadia)
    ligne = _ligne(page, "Complet Awa")
    # La revue la plus proche : celle de l'action budgétaire, dans 30 jours.
    assert (aujourd_hui + timedelta(days=5)).strftime("%d/%m/%Y") in ligne
    assert "Revue dépassée" not in ligne
    assert "Action budgétaire ouverte" in ligne and "R-ACCOMP-IMPAYES" in ligne
    from iml.accompagnement.parametres import parametres_accompagnement

    sl = [e for e in parametres_accompagnement().etapes if "SOUS_LOCATION" in e.formes]
    entree = [e for e in sl if e.moment == "ENTREE"]
    assert f"{len(sl) - 1} sur {len(sl)}" in ligne
    assert f"dont {len(entree) - 1} à l'entrée" in ligne


def test_la_direction_voit_toute_l_organisation_et_filtre_par_referent(client, distribution):
    _suivi("Denadia")
    PlanFactory(agent=demo("marc"), menage=MenageFactory(nom="Orphelin"), sans_logement=True)
    OccupationFactory(menage=MenageFactory(nom="Logesansplan"))
    MenageFactory(nom="Niplannilogement")
    page = page_de(client, distribution.marc)
    assert "Ménages accompagnés" in page and "Vue d'équipe" in page
    for nom in ("Denadia", "Orphelin", "Logesansplan"):
        assert f"{nom} Awa" in page
    assert "Niplannilogement" not in page
    assert "Aucun plan ouvert" in _ligne(page, "Logesansplan Awa")
    assert "Votre charge" not in page
    page = page_de(client, distribution.marc, referent=str(distribution.nadia.pk))
    assert "Denadia Awa" in page and "Orphelin" not in page
    assert "Charge de Nadia Roux" in page and "Renseigner le temps de travail" in page
    page = page_de(client, distribution.marc, referent="aucun")
    assert "Orphelin Awa" in page and "Denadia" not in page
    # Une valeur hors liste est ignorée.
    assert "Denadia Awa" in page_de(client, distribution.marc, referent="999999")


def test_pagination_garde_le_filtre(client, distribution):
    for n in range(26):
        _suivi(f"Pagine{n:02d}")
    page = page_de(client, distribution.marc, referent=str(distribution.nadia.pk))
    assert "26 ménages" in page and f"referent={distribution.nadia.pk}&page=2" in page
    page2 = page_de(client, distribution.marc, referent=str(distribution.nadia.pk), page=2)
    assert _lignes(page2) == 1 and "Pagine25" in page2


def test_etat_vide_du_travail_social(client, distribution):
    page = page_de(client, distribution.ines)
    assert "Aucun ménage ne vous est encore confié" in page


@pytest.mark.parametrize("persona", ["julie", "claire", "anne", "sophie", "admin"])
def test_ni_la_gestion_ni_l_etat_ni_les_cofinanceurs(client, distribution, persona):
    connecter(client, getattr(distribution, persona))
    assert client.get(URL).status_code == 403


def _requetes(client) -> int:
    with CaptureQueriesContext(connection) as requetes:
        assert client.get(URL).status_code == 200
    return len(requetes.captured_queries)


def _complet(n: int) -> None:
    plan = _loge(f"Volume{n}", petit_chez_soi=True)
    ContactFactory(menage=plan.menage)
    impayes.ouvrir_action_impayes(plan=plan, aujourd_hui=timezone.localdate())
    plans.cocher_etape(acteur=acteur(demo("nadia")), plan=plan, code="PRISE_EN_MAIN_TECHNIQUE",
                       faite_le=jours(1), aujourd_hui=timezone.localdate())  # fmt: skip


@pytest.mark.parametrize("persona", ["nadia", "marc"])
def test_le_nombre_de_requetes_ne_depend_pas_du_nombre_de_menages(
    client, distribution, persona, django_assert_max_num_queries
):
    connecter(client, getattr(distribution, persona))
    _complet(1)
    une = _requetes(client)
    for n in range(2, 7):
        _complet(n)
    assert _requetes(client) == une
    with django_assert_max_num_queries(20):  # session, acteur, page : un nombre fixe
        _requetes(client)
    page = texte(client.get(reverse("accompagnement:accueil")))
    assert _lignes(page) == 6


@pytest.mark.parametrize(
    ("persona", "lien"),
    [
        ("nadia", "/accompagnement/"),
        ("marc", "/accompagnement/"),
        ("claire", "/accompagnement/chiffres/"),
        ("anne", "/accompagnement/chiffres/"),
        ("admin", "/accompagnement/chiffres/"),
        ("julie", None),
        ("sophie", None),
    ],
)
def test_l_entree_du_menu(client, distribution, persona, lien):
    connecter(client, getattr(distribution, persona))
    menu = texte(client.get("/")).split('id="navigation-principale"')[1].split("</nav>")[0]
    entrees = [
        e for e in ("/accompagnement/", "/accompagnement/chiffres/") if f'href="{e}"' in menu
    ]
    assert entrees == ([lien] if lien else [])
    if lien:
        assert f'<a class="fr-nav__link" href="{lien}">Accompagnement</a>' in menu
