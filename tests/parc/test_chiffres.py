"""Chiffres des conventions : places financées, logements mobilisés, places ouvertes, ce que
la gestionnaire et l'État voient (et ne voient pas)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from iml.parc.presentation_chiffres import ChiffresConvention, chiffres_des_conventions, total
from iml.parc.selectors import conventions_des_chiffres
from regles.types import StatutLogement
from tests.appels.factories import (
    AppelFactory,
    DossierFactory,
    acteur,
    conventionner,
    decider_dossier,
)
from tests.factories import connecter
from tests.parc.factories import BailleurFactory, LogementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def convention(distribution):
    """La convention de l'AIS Rennes, dossier retenu en entier (places de la version)."""
    dossier = DossierFactory(conventionne=True, operateur=distribution.org.ais35)
    return dossier.convention


def _parc(convention):
    """Deux logements mobilisés ; un en travaux dès la captation, un en captation, un
    restitué."""
    bailleur = BailleurFactory(nom="Kerjean-Secret")
    LogementFactory(bailleur=bailleur, convention=convention, statut=StatutLogement.DISPONIBLE)
    LogementFactory(
        bailleur=bailleur, convention=convention, statut=StatutLogement.OCCUPE,
        typologie="T3", capacite=4, adresse="7 rue Confidentielle",
    )  # fmt: skip
    LogementFactory(
        bailleur=bailleur, convention=convention, statut=StatutLogement.EN_TRAVAUX,
        typologie="T1", capacite=2,
    )  # fmt: skip
    LogementFactory(bailleur=bailleur, convention=convention)  # en captation : pas mobilisé
    LogementFactory(bailleur=bailleur, convention=convention, statut=StatutLogement.RESTITUE)


def test_les_chiffres_comptent_les_logements_mobilises_et_les_places_ouvertes(
    distribution, convention
):
    _parc(convention)
    decision = convention.dossier.decision
    [c] = chiffres_des_conventions(conventions_des_chiffres(acteur(distribution.julie)))
    assert c.financees == decision.places_retenues == decision.places_mg + decision.places_sl
    # Disponible et occupé : mobilisés (datés) ; en travaux dès la captation, en captation
    # (jamais mis en location, pas de date de mobilisation) et restitué : non.
    assert c.mobilises == 2
    # Disponible (3 places) + occupé (4) ; en travaux ne compte pas.
    assert c.ouvertes == 7
    mg = c.par_forme[0]
    assert (mg.libelle, mg.financees, mg.mobilises, mg.ouvertes) == (
        "Mandat de gestion", decision.places_mg, 2, 7,
    )  # fmt: skip
    t3 = next(ligne for ligne in c.par_typologie if ligne.libelle == "T3")
    assert (t3.mobilises, t3.ouvertes) == (1, 4)
    assert c.typologie_connue and not c.typologie_du_dossier
    assert sum(ligne.financees for ligne in c.par_typologie) == c.financees


def test_le_taux_d_ouverture_et_l_inconnu_jamais_compte_zero():
    connue = ChiffresConvention("A", "AIS", "Appel", 1, financees=40, ouvertes=10)
    inconnue = ChiffresConvention("B", "AIS", "Appel", 2, financees=None, ouvertes=3)
    assert str(connue.taux) == "25.0"
    assert inconnue.taux is None
    assert total([connue, inconnue]).financees is None
    assert total([connue]).financees == 40


def test_une_retenue_partielle_dit_que_la_typologie_est_celle_du_dossier(distribution):
    dossier = DossierFactory(
        partiellement_retenu=True, etat="CONVENTIONNE", operateur=distribution.org.ais35
    )
    client = _client(distribution.julie)
    page = client.get(reverse("parc:chiffres")).content.decode()
    assert dossier.convention.numero in page
    assert "la répartition par typologie affichée est celle de l'annexe" in page
    assert "15" in page  # 10 + 5 places retenues


def _client(utilisateur):
    from django.test import Client

    client = Client()
    connecter(client, utilisateur)
    return client


def test_la_gestionnaire_voit_ses_conventions_pas_celles_d_un_autre(distribution, convention):
    _parc(convention)
    page = _client(distribution.julie).get(reverse("parc:chiffres"))
    assert page.status_code == 200
    texte = page.content.decode()
    assert convention.numero in texte and "Places ouvertes" in texte
    autre = _client(distribution.thomas).get(reverse("parc:chiffres")).content.decode()
    assert convention.numero not in autre
    assert "Aucune convention de financement" in autre


def test_l_etat_voit_les_chiffres_du_territoire_sans_bailleur_ni_adresse(distribution, convention):
    _parc(convention)
    page = _client(distribution.claire).get(reverse("parc:chiffres_territoire"))
    assert page.status_code == 200
    texte = page.content.decode()
    assert convention.numero in texte
    assert distribution.org.ais35.nom in texte
    assert "Kerjean-Secret" not in texte
    assert "Confidentielle" not in texte
    # La page de l'opérateur lui est fermée, et l'opérateur n'a pas celle du territoire.
    assert _client(distribution.claire).get(reverse("parc:chiffres")).status_code == 403
    assert _client(distribution.marc).get(reverse("parc:chiffres_territoire")).status_code == 403


def test_un_service_de_l_etat_d_une_autre_region_ne_voit_rien(distribution, convention):
    """paul (DREETS Nouvelle-Aquitaine) : l'Ille-et-Vilaine n'est pas dans sa région."""
    texte = _client(distribution.paul).get(reverse("parc:chiffres_territoire")).content.decode()
    assert convention.numero not in texte
    assert "Aucune convention de financement sur votre territoire" in texte


def test_le_filtre_par_appel_et_une_saisie_invalide(distribution, convention):
    client = _client(distribution.julie)
    appel = convention.dossier.appel
    filtre = client.get(reverse("parc:chiffres"), {"appel": appel.pk}).content.decode()
    assert convention.numero in filtre
    invalide = client.get(reverse("parc:chiffres"), {"appel": "999999"})
    assert invalide.status_code == 200
    texte = invalide.content.decode()
    assert "Appel à candidatures : choisissez un appel de la liste." in texte
    assert convention.numero in texte  # sans filtre valide, tout reste affiché


def test_le_nombre_de_requetes_ne_croit_pas_avec_les_logements_ni_les_conventions(
    distribution, django_assert_max_num_queries
):
    appel = AppelFactory(agent=distribution.claire, nom="Appel ouvert", ouvert=True)
    ais = DossierFactory(appel=appel, operateur=distribution.org.ais35)
    relais = DossierFactory(appel=appel, operateur=distribution.org.relais35)
    decider_dossier(ais)
    decider_dossier(relais)
    c_ais, c_relais = conventionner(ais), conventionner(relais)
    LogementFactory(convention=c_ais, statut=StatutLogement.DISPONIBLE)
    client = _client(distribution.claire)
    client.get(reverse("parc:chiffres_territoire"))  # caches (barème, session)
    with django_assert_max_num_queries(20) as peu:
        assert client.get(reverse("parc:chiffres_territoire")).status_code == 200
    for _ in range(6):
        LogementFactory(convention=c_ais, statut=StatutLogement.OCCUPE)
        LogementFactory(
            agent=distribution.thomas, convention=c_relais, statut=StatutLogement.DISPONIBLE,
            commune="35238",
        )  # fmt: skip
    with django_assert_max_num_queries(len(peu.captured_queries)):
        reponse = client.get(reverse("parc:chiffres_territoire"))
    assert reponse.status_code == 200
    assert c_relais.numero in reponse.content.decode()


def test_la_page_de_la_convention_mene_aux_logements_mobilises(distribution, convention):
    client = _client(distribution.claire)
    page = client.get(reverse("appels:convention", kwargs={"pk": convention.dossier_id}))
    assert page.status_code == 200
    lien = f"{reverse('parc:chiffres_territoire')}?appel={convention.dossier.appel_id}"
    assert lien in page.content.decode()
    assert client.get(lien).status_code == 200


def test_les_logements_sans_convention_sont_comptes_a_part(client, distribution):
    """Un opérateur sans convention (le Relais) voit ses logements ; l'État aussi, en nombres
    seulement (ni bailleur ni adresse)."""
    from tests.factories import connecter
    from tests.parc.factories import LogementFactory

    LogementFactory(agent=distribution.thomas, statut="DISPONIBLE", typologie="T3", capacite=4,
                    adresse="9 rue Discrète", bailleur__nom="Secretnom")  # fmt: skip
    LogementFactory(agent=distribution.thomas)  # en captation : ni mobilisé ni ouvert
    connecter(client, distribution.thomas)
    page = client.get(reverse("parc:chiffres")).content.decode()
    assert "Logements rattachés à aucune convention" in page
    assert (
        '<td class="iml-chiffre">2</td><td class="iml-chiffre">1</td><td class="iml-chiffre">4</td>'
        in page
    )
    connecter(client, distribution.claire)
    page = client.get(reverse("parc:chiffres_territoire")).content.decode()
    assert "Association Le Relais Logement 35" in page and "Secretnom" not in page
    assert "9 rue Discrète" not in page
