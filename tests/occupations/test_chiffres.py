"""Chiffres des occupations : ce que la gestion d'un opérateur et l'État voient (des nombres,
jamais un nom), le taux de sortie vers le logement, l'année choisie, un nombre de requêtes qui
ne dépend pas du nombre d'occupations."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from iml.comptes.acteur import acteur_pour
from iml.occupations import presentation_chiffres, selectors_chiffres
from regles.calendrier import ajouter_mois
from tests.appels.factories import demo
from tests.factories import connecter
from tests.menages.factories import MenageFactory, OccupationFactory

pytestmark = pytest.mark.django_db

URL = "/occupations/chiffres/"


def _annee() -> int:
    return timezone.localdate().year


def _sortie(jours: int, destination: str, **options):
    """Une occupation de l'AIS entrée il y a `jours + 100` jours, sortie il y a `jours` jours
    (dans l'année si possible) vers `destination`."""
    aujourd_hui = timezone.localdate()
    quand = max(aujourd_hui - timedelta(days=jours), date(aujourd_hui.year, 1, 1))
    return OccupationFactory(
        date_entree=quand - timedelta(days=99), sortie=(quand, destination), **options
    )


@pytest.fixture
def mouvements(distribution):
    """AIS (mandat de gestion) : deux ménages logés, trois sorties de l'année (logement
    social, rue, inconnue). Le Relais (sous-location) : un ménage logé depuis plus d'un an,
    renouvelé deux fois, nom « Confidentiel »."""
    OccupationFactory()
    OccupationFactory(menage=MenageFactory(nom="Secretaire"))
    _sortie(1, "LOGEMENT_SOCIAL")
    _sortie(2, "RUE")
    _sortie(3, "INCONNUE")
    thomas = demo("thomas")
    OccupationFactory(
        agent=thomas,
        sous_location=True,
        date_entree=timezone.localdate() - timedelta(days=400),
        renouvellements=2,
        menage=MenageFactory(agent=thomas, nom="Confidentiel"),
    )
    return distribution


def test_la_gestion_lit_les_chiffres_de_son_operateur(client, mouvements):
    connecter(client, mouvements.julie)
    reponse = client.get(URL)
    assert reponse.status_code == 200
    c = reponse.context["chiffres"]
    [ais] = c.lignes
    assert ais.libelle == mouvements.org.ais35.nom and c.total is None
    assert (ais.loges_mg, ais.loges_sl) == (2, 0)
    assert ais.sorties == 3
    # Logement social sur 2 sorties de destination connue ; l'inconnue est comptée à part.
    assert (ais.taux.vers_logement, ais.taux.connues, ais.taux.inconnues) == (1, 2, 1)
    texte = reponse.content.decode()
    assert "50,0\u00a0%" in texte and "1 de destination inconnue, hors du taux" in texte
    assert "Secretaire" not in texte and "Le Relais" not in texte


def test_l_etat_voit_une_ligne_par_operateur_et_le_total_sans_aucun_nom(client, mouvements):
    connecter(client, mouvements.claire)
    reponse = client.get(URL)
    assert reponse.status_code == 200
    c = reponse.context["chiffres"]
    noms = [ligne.libelle for ligne in c.lignes]
    assert mouvements.org.ais35.nom in noms and mouvements.org.relais35.nom in noms
    assert mouvements.org.solidarite33.nom not in noms  # la Gironde n'est pas son territoire
    relais = next(ligne for ligne in c.lignes if ligne.libelle == mouvements.org.relais35.nom)
    assert (relais.loges_sl, relais.sl_plus_12_mois) == (1, 1)
    assert c.total.loges == 3 and c.total.sorties == 3
    assert (c.total.taux.vers_logement, c.total.taux.connues) == (1, 2)
    texte = reponse.content.decode()
    for nom in ("Confidentiel", "Secretaire", "Awa", "Martin"):
        assert nom not in texte
    assert "Total" in texte


def test_les_renouvellements_et_les_mandats_proches_de_leur_fin(mouvements):
    entree = timezone.localdate() - timedelta(days=3 * 365 - 40)
    OccupationFactory(date_entree=entree)
    admin = acteur_pour(mouvements.admin, None)
    operateurs = list(selectors_chiffres.operateurs_des_chiffres(admin))
    c = presentation_chiffres.chiffres(operateurs, _annee(), timezone.localdate(), avec_total=True)
    ais = next(ligne for ligne in c.lignes if ligne.libelle == mouvements.org.ais35.nom)
    assert ais.mg_fin_proche == 1 and c.fin_mandat_jours == 90
    # Les deux renouvellements du Relais ont été décidés 20 jours avant la fin de leur période.
    relais = next(ligne for ligne in c.lignes if ligne.libelle == mouvements.org.relais35.nom)
    entree_sl = timezone.localdate() - timedelta(days=400)
    decisions = [ajouter_mois(entree_sl, m) - timedelta(days=21) for m in (6, 12)]
    assert relais.renouvellements == sum(1 for d in decisions if d.year == _annee())


def test_une_annee_sans_sortie_de_destination_connue_donne_non_renseigne(client, distribution):
    _sortie(5, "INCONNUE")
    connecter(client, distribution.julie)
    texte = client.get(URL).content.decode()
    assert "0,0\u00a0%" not in texte
    assert "non renseigné" in texte


def test_le_filtre_de_l_annee(client, mouvements):
    connecter(client, mouvements.julie)
    OccupationFactory(date_entree=date(_annee() - 3, 2, 1))
    passee = client.get(URL, {"annee": _annee() - 3})
    assert passee.context["annee"] == _annee() - 3
    assert passee.context["chiffres"].lignes[0].entrees == 1
    erronee = client.get(URL, {"annee": "1900"})
    assert erronee.status_code == 200 and erronee.context["annee"] == _annee()
    texte = erronee.content.decode()
    assert "Année des mouvements : choisissez une année de la liste." in texte
    assert 'id="resume-erreurs"' in texte


@pytest.mark.parametrize("persona", ["sophie", "anne", "nadia", "ines"])
def test_siao_cofinanceur_et_travail_social_sont_refuses(client, distribution, persona):
    connecter(client, getattr(distribution, persona))
    assert client.get(URL).status_code == 403


def test_l_entree_du_menu(client, distribution):
    connecter(client, distribution.julie)
    assert f'href="{reverse("occupations:chiffres")}"' in client.get(URL).content.decode()
    connecter(client, distribution.sophie)
    assert reverse("occupations:chiffres") not in client.get("/").content.decode()


def _requetes(client, utilisateur) -> int:
    connecter(client, utilisateur)
    with CaptureQueriesContext(connection) as requetes:
        assert client.get(URL).status_code == 200
    return len(requetes)


def test_le_nombre_de_requetes_ne_depend_pas_du_nombre_d_occupations(client, distribution):
    _sortie(4, "LOGEMENT_PRIVE")
    peu = (_requetes(client, distribution.julie), _requetes(client, distribution.claire))
    for jours, destination in ((6, "RUE"), (7, "DECES"), (8, "AUTRE"), (9, "HEBERGEMENT")):
        _sortie(jours, destination)
    OccupationFactory(agent=demo("thomas"), sous_location=True)
    OccupationFactory()
    beaucoup = (_requetes(client, distribution.julie), _requetes(client, distribution.claire))
    assert beaucoup == peu
