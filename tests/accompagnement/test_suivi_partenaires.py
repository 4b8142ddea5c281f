"""Volet suivi : l'annuaire des partenaires de l'opérateur (R-PARTNERS). Liste (nom, type,
commune, coordonnées, nombre d'orientations, état), filtre par type et par état, création,
modification et désactivation par la case « actif » ; nom en double sous le champ ; tenu par
la direction et le travail social (la gestion locative et les autres : 403) ; nombre de
requêtes fixe."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from iml.accompagnement.models import Partenaire
from iml.accompagnement.services import suivi
from tests.accompagnement.factories import OrientationFactory, PartenaireFactory
from tests.accompagnement.test_suivi_contacts import texte
from tests.appels.factories import acteur
from tests.factories import connecter
from tests.menages.factories import MenageFactory

pytestmark = pytest.mark.django_db

LISTE = "/accompagnement/partenaires/"
NOUVEAU = "/accompagnement/partenaires/nouveau/"


def lignes(page: str) -> list[str]:
    """Le texte de chaque ligne du tableau (sans balises)."""
    corps = page.split("<tbody>")[1].split("</tbody>")[0]
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", tr)).strip() for tr in corps.split("</tr>")
    ][:-1]


def _annuaire(distribution) -> dict[str, Partenaire]:
    return {
        "ccas": PartenaireFactory(nom="CCAS de Rennes", telephone="02 99 00 00 01"),
        "cmp": PartenaireFactory(
            nom="CMP Bellangerais", type="HOPITAL_CMP", courriel="cmp@chgr.fr", telephone=""
        ),
        "ancien": PartenaireFactory(
            nom="Ancienne mission locale", type="MISSION_LOCALE", actif=False
        ),
        "relais": PartenaireFactory(agent=distribution.ines, nom="MDS Cleunay", type="MDS"),
    }


def test_la_liste_montre_l_annuaire_de_l_operateur_seulement(client, distribution):
    p = _annuaire(distribution)
    menage = MenageFactory(suivi_par_nadia=True)
    for motif in ("DROITS", "BUDGET"):
        OrientationFactory(menage=menage, partenaire=p["ccas"], motif=motif)
    connecter(client, distribution.nadia)
    reponse = client.get(LISTE)
    page = texte(reponse)
    assert reponse.status_code == 200
    assert "3 partenaires" in page and "MDS Cleunay" not in page
    ccas, cmp, ancien = lignes(page)  # les actifs d'abord, par nom
    assert ccas.startswith(
        "CCAS de Rennes CCAS ou CIAS Rennes 02 99 00 00 01 non renseignée 2 Actif"
    )
    assert cmp.startswith(
        "CMP Bellangerais Hôpital ou CMP Rennes non renseigné cmp@chgr.fr 0 Actif"
    )
    assert ancien.startswith("Ancienne mission locale Mission locale") and "Inactif" in ancien
    assert 'href="tel:0299000001"' in page and 'href="mailto:cmp@chgr.fr"' in page
    assert f'href="/accompagnement/partenaires/{p["cmp"].pk}/modifier/"' in page
    connecter(client, distribution.ines)
    assert "MDS Cleunay" in texte(client.get(LISTE)) and "CCAS de Rennes" not in texte(
        client.get(LISTE)
    )


@pytest.mark.parametrize(
    ("filtres", "attendus"),
    [
        ({"type": "HOPITAL_CMP"}, ["CMP Bellangerais"]),
        ({"etat": "actifs"}, ["CCAS de Rennes", "CMP Bellangerais"]),
        ({"etat": "inactifs"}, ["Ancienne mission locale"]),
        ({"type": "MISSION_LOCALE", "etat": "actifs"}, []),
        ({"type": "INCONNU"}, ["CCAS de Rennes", "CMP Bellangerais", "Ancienne mission locale"]),
    ],
)
def test_filtrer_par_type_et_par_etat(client, distribution, filtres, attendus):
    _annuaire(distribution)
    connecter(client, distribution.marc)
    page = texte(client.get(LISTE, filtres))
    noms = ("CCAS de Rennes", "CMP Bellangerais", "Ancienne mission locale")
    trouves = [n for ligne in lignes(page) for n in noms if ligne.startswith(n)]
    assert trouves == attendus
    if not attendus:
        assert "Aucun partenaire pour ces filtres." in page


def test_annuaire_vide(client, distribution):
    connecter(client, distribution.nadia)
    page = texte(client.get(LISTE))
    assert "0 partenaire" in page
    assert "L'annuaire est vide : ajoutez le premier partenaire de votre organisation." in page


def test_nombre_de_requetes_de_l_annuaire_fixe(client, distribution, django_assert_max_num_queries):
    PartenaireFactory()
    connecter(client, distribution.nadia)
    client.get(LISTE)
    with django_assert_max_num_queries(12) as peu:
        client.get(LISTE)
    menage = MenageFactory(suivi_par_nadia=True)
    for i in range(25):
        partenaire = PartenaireFactory(type="MDS" if i % 2 else "CAF")
        OrientationFactory(menage=menage, partenaire=partenaire)
        if i % 5 == 0:  # désactivé après l'orientation
            suivi.modifier_partenaire(
                acteur=acteur(distribution.nadia), partenaire=partenaire, actif=False
            )
    with django_assert_max_num_queries(len(peu.captured_queries)):
        page = texte(client.get(LISTE))
    assert "26 partenaires" in page


def test_l_annuaire_est_tenu_par_la_direction_et_le_travail_social(client, distribution):
    partenaire = PartenaireFactory()
    modifier = reverse("accompagnement:partenaire_modifier", args=[partenaire.pk])
    for persona in ("julie", "claire", "sophie", "anne", "admin"):
        connecter(client, getattr(distribution, persona))
        assert client.get(LISTE).status_code == 403, persona
        assert client.get(NOUVEAU).status_code == 403, persona
        assert client.post(NOUVEAU, {"nom": "X", "type": "MDS"}).status_code == 403, persona
        assert client.get(modifier).status_code == 403, persona
    for persona in ("helene", "ines"):  # un autre opérateur : introuvable
        connecter(client, getattr(distribution, persona))
        assert client.get(modifier).status_code == 404, persona
        assert client.post(modifier, {"nom": "X", "type": "MDS"}).status_code == 404, persona
    assert list(Partenaire.objects.values_list("nom", flat=True)) == [partenaire.nom]


# --- Créer, modifier ----------------------------------------------------------------------------


def test_creer_un_partenaire(client, distribution):
    connecter(client, distribution.nadia)
    page = texte(client.get(NOUVEAU))
    assert "Retour à l'annuaire" in page and re.search(r'name="actif"[^>]*checked', page)
    reponse = client.post(
        NOUVEAU,
        {
            "nom": " CAARUD Le Pare-à-chute ",
            "type": "CAARUD",
            "commune": "Rennes",
            "telephone": "02 99 30 00 00",
            "courriel": "accueil@caarud.fr",
            "actif": "on",
        },
    )
    assert reponse.status_code == 302 and reponse.url == LISTE
    partenaire = Partenaire.objects.get()
    assert (partenaire.nom, partenaire.operateur, partenaire.actif) == (
        "CAARUD Le Pare-à-chute",
        distribution.org.ais35,
        True,
    )
    assert [str(m) for m in get_messages(reponse.wsgi_request)] == [
        "Partenaire « CAARUD Le Pare-à-chute » enregistré dans l'annuaire."
    ]


def test_un_nom_en_double_est_signale_sous_le_champ(client, distribution):
    PartenaireFactory(nom="CCAS de Rennes")
    PartenaireFactory(agent=distribution.ines, nom="MDS Cleunay", type="MDS")
    connecter(client, distribution.nadia)
    saisie = {"nom": "CCAS de Rennes", "type": "CCAS_CIAS", "commune": "Rennes", "actif": "on"}
    page = texte(client.post(NOUVEAU, saisie))
    assert "<title>Erreur —" in page
    assert "Le partenaire n'est pas enregistré : 1 erreur à corriger" in page
    message = "Nom : un partenaire de votre annuaire porte déjà ce nom."
    assert page.count(message) == 2 and f'<a href="#id_nom">{message}</a>' in page
    assert 'id="id_nom-desc-error"' in page and 'value="Rennes"' in page
    assert Partenaire.objects.filter(nom="CCAS de Rennes").count() == 1
    # Le même nom dans l'annuaire d'un autre opérateur est permis.
    assert client.post(NOUVEAU, saisie | {"nom": "MDS Cleunay"}).status_code == 302


def test_une_fiche_erronee_nomme_chaque_champ(client, distribution):
    connecter(client, distribution.nadia)
    page = texte(
        client.post(NOUVEAU, {"nom": "", "type": "", "telephone": "12", "courriel": "ccas@"})
    )
    assert "Le partenaire n'est pas enregistré : 4 erreurs à corriger" in page
    for message in (
        "« Nom » : ce champ est obligatoire.",
        "« Type de partenaire » : choisissez-en un.",
        "« Téléphone » : saisissez un numéro français à 10 chiffres",
        "« Adresse électronique » : saisissez une adresse valide (nom@domaine.fr).",
    ):
        assert page.count(message) == 2, message
    assert 'value="12"' in page and 'value="ccas@"' in page
    assert not Partenaire.objects.exists()


def test_modifier_et_desactiver_un_partenaire(client, distribution):
    partenaire = PartenaireFactory(nom="CCAS de Rennes")
    orientation = OrientationFactory(partenaire=partenaire)
    url = reverse("accompagnement:partenaire_modifier", args=[partenaire.pk])
    connecter(client, distribution.marc)
    page = texte(client.get(url))
    assert "Modifier le partenaire CCAS de Rennes" in page and 'value="CCAS de Rennes"' in page
    reponse = client.post(url, {"nom": "CCAS de Rennes", "type": "CCAS_CIAS", "commune": "Rennes"})
    assert reponse.status_code == 302
    partenaire.refresh_from_db()
    assert partenaire.actif is False
    # Inactif : plus proposé pour une orientation ; les orientations passées restent.
    connecter(client, distribution.nadia)
    ajout = reverse("accompagnement:orientation_ajouter", args=[orientation.menage.pk])
    assert "aucun partenaire actif" in texte(client.get(ajout))
    assert orientation.menage.orientations_partenaires.get().partenaire == partenaire


def test_renommer_en_doublon_garde_le_titre_et_la_saisie(client, distribution):
    PartenaireFactory(nom="CCAS de Rennes")
    autre = PartenaireFactory(nom="CCAS de Cesson")
    url = reverse("accompagnement:partenaire_modifier", args=[autre.pk])
    connecter(client, distribution.nadia)
    page = texte(client.post(url, {"nom": "CCAS de Rennes", "type": "CCAS_CIAS", "actif": "on"}))
    assert "Modifier le partenaire CCAS de Cesson" in page and 'value="CCAS de Rennes"' in page
    assert page.count("Nom : un partenaire de votre annuaire porte déjà ce nom.") == 2
    autre.refresh_from_db()
    assert autre.nom == "CCAS de Cesson"
