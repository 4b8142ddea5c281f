"""Écrans des bailleurs : ce que la gestion locative voit, saisit et se voit refuser."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from iml.parc.models import Bailleur
from tests.factories import connecter
from tests.parc.factories import BailleurFactory, LogementFactory, ProspectFactory

pytestmark = pytest.mark.django_db


def texte(reponse) -> str:
    return html.unescape(reponse.content.decode())


@pytest.fixture
def julie(client, distribution):
    connecter(client, distribution.julie)
    return client


VALIDE = {
    "type": "PERSONNE",
    "nom": "Lemoine",
    "prenom": "Anne",
    "telephone": "06 12 34 56 78",
    "courriel": "anne.lemoine@exemple.fr",
    "adresse": "4 rue Saint-Melaine, 35000 Rennes",
    "origine": "ZERO_LOGEMENT_VACANT",
    "consentement_contact": "on",
    "consentement_le": "2026-01-15",
}


def test_julie_cree_un_bailleur_et_retrouve_sa_fiche(julie, distribution):
    reponse = julie.post(reverse("parc:bailleur_creer"), VALIDE)
    bailleur = Bailleur.objects.get(nom="Lemoine")
    assert reponse.status_code == 302
    assert reponse["Location"] == reverse("parc:bailleur", kwargs={"pk": bailleur.pk})
    assert bailleur.operateur == distribution.org.ais35
    page = texte(julie.get(reponse["Location"]))
    assert "Anne Lemoine" in page
    assert "06 12 34 56 78" in page
    assert "Campagne Zéro Logement Vacant" in page
    assert "Oui, recueilli le 15/01/2026" in page
    assert "ZERO_LOGEMENT_VACANT" not in page


def test_chaque_affichage_de_la_fiche_est_journalise(julie, distribution):
    bailleur = BailleurFactory()
    consultations = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, object_pk=str(bailleur.pk)
    )
    assert consultations.count() == 0
    julie.get(reverse("parc:bailleur", kwargs={"pk": bailleur.pk}))
    julie.get(reverse("parc:bailleur", kwargs={"pk": bailleur.pk}))
    assert consultations.count() == 2
    assert consultations.first().actor == distribution.julie


def test_la_fiche_avertit_d_un_ne_pas_contacter_avec_son_motif(julie):
    bailleur = BailleurFactory(ne_pas_contacter_trait=True)
    page = texte(julie.get(reverse("parc:bailleur", kwargs={"pk": bailleur.pk})))
    assert 'class="fr-alert fr-alert--warning' in page
    assert "Ce bailleur a demandé à ne pas être contacté" in page
    assert "Demande écrite du 02/03/2026" in page


def test_la_fiche_montre_les_prospects_et_les_logements_du_bailleur(julie):
    bailleur = BailleurFactory()
    ProspectFactory(bailleur=bailleur, adresse="12 rue de Nemours", commune="35288")
    LogementFactory(bailleur=bailleur, adresse="8 quai Lamennais", statut="DISPONIBLE")
    page = texte(julie.get(reverse("parc:bailleur", kwargs={"pk": bailleur.pk})))
    assert "12 rue de Nemours, Saint-Malo" in page
    assert "8 quai Lamennais" in page
    assert "Disponible" in page


def test_la_liste_cherche_par_nom_et_filtre(julie, distribution):
    BailleurFactory(nom="Durand", origine="AGENCE")
    BailleurFactory(nom="Dupont", ne_pas_contacter_trait=True)
    BailleurFactory(nom="Martin")
    BailleurFactory(agent=distribution.thomas, nom="Dubois")
    url = reverse("parc:bailleurs")
    page = texte(julie.get(url, {"q": "du"}))
    assert "Durand" in page and "Dupont" in page
    assert "Martin" not in page and "Dubois" not in page
    assert "2 bailleurs" in page
    page = texte(julie.get(url, {"ne_pas_contacter": "oui"}))
    assert "Dupont" in page and "Durand" not in page and "1 bailleur" in page
    page = texte(julie.get(url, {"origine": "AGENCE"}))
    assert "Durand" in page and "Dupont" not in page


def test_la_liste_est_paginee_et_garde_les_filtres(julie):
    for n in range(30):
        BailleurFactory(nom=f"Paginé{n:02d}")
    page = texte(julie.get(reverse("parc:bailleurs"), {"q": "Paginé"}))
    assert "30 bailleurs" in page
    assert "Paginé24" in page and "Paginé25" not in page
    assert "?q=Pagin%C3%A9&page=2" in page
    suite = texte(julie.get(reverse("parc:bailleurs"), {"q": "Paginé", "page": 2}))
    assert "Paginé25" in suite


@pytest.mark.parametrize("nombre", [5, 60])
def test_la_liste_ne_fait_pas_plus_de_requetes_avec_plus_de_bailleurs(
    julie, django_assert_max_num_queries, nombre
):
    for _ in range(nombre):
        BailleurFactory()
    julie.get(reverse("parc:bailleurs"))  # sessions et caches chauds
    with django_assert_max_num_queries(12):
        assert julie.get(reverse("parc:bailleurs")).status_code == 200


@pytest.mark.parametrize(
    ("champ", "valeur", "message"),
    [
        ("nom", "", "Nom ou raison sociale : ce champ est obligatoire."),
        ("nom", "x" * 201, "Nom ou raison sociale : 200 caractères au plus."),
        ("courriel", "anne@", "Adresse électronique : saisissez une adresse valide"),
        ("telephone", "12345", "Téléphone : saisissez un numéro français à 10 chiffres"),
        ("origine", "", "Origine du contact : choisissez-en une."),
        (
            "consentement_le",
            (timezone.localdate() + timedelta(days=3)).isoformat(),
            "Consentement recueilli le : la date ne peut pas être dans le futur.",
        ),
        ("ne_pas_contacter", "on", "Motif du « ne pas contacter » : indiquez-le (R-CONTACT)"),
    ],
)
def test_une_saisie_fautive_est_expliquee_et_rien_n_est_perdu(julie, champ, valeur, message):
    reponse = julie.post(reverse("parc:bailleur_creer"), VALIDE | {champ: valeur})
    page = texte(reponse)
    assert reponse.status_code == 200
    assert message in page
    assert "Le bailleur n'est pas enregistré" in page
    assert 'value="4 rue Saint-Melaine, 35000 Rennes"' in page
    assert 'value="anne.lemoine@exemple.fr"' in page or champ == "courriel"
    assert not Bailleur.objects.exists()


def test_une_reference_deja_portee_est_refusee_sur_son_champ(julie):
    BailleurFactory(reference="B-001")
    page = texte(julie.post(reverse("parc:bailleur_creer"), VALIDE | {"reference": "B-001"}))
    assert "déjà portée par un autre bailleur de votre organisation" in page
    assert Bailleur.objects.count() == 1


def test_julie_modifie_un_bailleur_et_retire_le_ne_pas_contacter(julie):
    bailleur = BailleurFactory(ne_pas_contacter_trait=True, nom="Perrin")
    url = reverse("parc:bailleur_modifier", kwargs={"pk": bailleur.pk})
    page = texte(julie.get(url))
    assert 'value="Perrin"' in page
    reponse = julie.post(url, VALIDE | {"nom": "Perrin", "telephone": "+33 2 99 00 11 22"})
    assert reponse.status_code == 302
    bailleur.refresh_from_db()
    assert bailleur.telephone == "+33 2 99 00 11 22"
    assert not bailleur.ne_pas_contacter and bailleur.ne_pas_contacter_motif == ""


def test_l_autre_operateur_ne_voit_ni_ne_modifie_le_bailleur(client, distribution):
    bailleur = BailleurFactory()
    connecter(client, distribution.thomas)
    assert client.get(reverse("parc:bailleur", kwargs={"pk": bailleur.pk})).status_code == 404
    url = reverse("parc:bailleur_modifier", kwargs={"pk": bailleur.pk})
    assert client.post(url, VALIDE).status_code == 404
    assert bailleur.nom not in texte(client.get(reverse("parc:bailleurs")))


@pytest.mark.parametrize("persona", ["nadia", "claire", "sophie", "anne"])
def test_hors_gestion_du_parc_ni_liste_ni_fiche(client, distribution, persona):
    bailleur = BailleurFactory()
    connecter(client, getattr(distribution, persona))
    assert client.get(reverse("parc:bailleurs")).status_code == 403
    assert client.get(reverse("parc:bailleur_creer")).status_code == 403
    assert client.get(reverse("parc:bailleur", kwargs={"pk": bailleur.pk})).status_code == 404
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_marc_la_direction_lit_et_ecrit(client, distribution):
    bailleur = BailleurFactory(nom="Vasseur")
    connecter(client, distribution.marc)
    assert "Vasseur" in texte(client.get(reverse("parc:bailleurs")))
    assert client.post(reverse("parc:bailleur_creer"), VALIDE).status_code == 302
    assert client.get(reverse("parc:bailleur", kwargs={"pk": bailleur.pk})).status_code == 200


def test_la_modification_fautive_garde_la_saisie_et_ne_change_rien(julie):
    bailleur = BailleurFactory(nom="Garnier", courriel="garnier@exemple.fr")
    url = reverse("parc:bailleur_modifier", kwargs={"pk": bailleur.pk})
    reponse = julie.post(url, VALIDE | {"nom": "Garnier-Le Goff", "courriel": "garnier@@exemple"})
    page = texte(reponse)
    assert reponse.status_code == 200
    assert "Adresse électronique : saisissez une adresse valide" in page
    assert 'value="Garnier-Le Goff"' in page
    bailleur.refresh_from_db()
    assert (bailleur.nom, bailleur.courriel) == ("Garnier", "garnier@exemple.fr")
