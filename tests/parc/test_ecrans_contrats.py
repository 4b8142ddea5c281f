"""Écrans des contrats avec le bailleur : création depuis la fiche du logement (type proposé
selon la forme, fin calculée), modification et résiliation, refus nommant la règle sous le
champ, échéance proche, périmètres."""

from __future__ import annotations

import html
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from iml.parc.models import ContratBailleur
from tests.factories import connecter
from tests.parc.factories import ContratFactory, LogementFactory, jour

pytestmark = pytest.mark.django_db


def texte(reponse) -> str:
    return html.unescape(reponse.content.decode())


def client_de(client, utilisateur):
    connecter(client, utilisateur)
    return client


@pytest.mark.parametrize("persona", ["julie", "marc"])
def test_creer_un_mandat_calcule_la_fin_et_l_affiche(client, distribution, persona):
    logement = LogementFactory()
    client_de(client, getattr(distribution, persona))
    url = reverse("parc:contrat_creer", args=[logement.pk])
    formulaire = client.get(url)
    assert formulaire.context["form"]["type"].value() == "MANDAT_GESTION"
    donnees = {
        "type": "MANDAT_GESTION", "date_debut": "2026-05-15", "duree_mois": "12",
        "honoraires_pct": "7,5", "garanties": ["VISALE", "FSL"],
    }  # fmt: skip
    reponse = client.post(url, donnees, follow=True)
    page = texte(reponse)
    assert "il prend fin le 14/05/2027" in page
    contrat = ContratBailleur.objects.get(logement=logement)
    assert contrat.date_fin == jour("2027-05-14")
    assert contrat.honoraires_pct == Decimal("7.5")
    assert "Garantie du FSL, Visale" in page and "7,50" in page


def test_un_bail_a_l_association_porte_le_loyer_verse(client, distribution):
    logement = LogementFactory(sous_location=True)
    client_de(client, distribution.julie)
    url = reverse("parc:contrat_creer", args=[logement.pk])
    assert client.get(url).context["form"]["type"].value() == "BAIL_ASSOCIATION"
    donnees = {"type": "BAIL_ASSOCIATION", "date_debut": "2026-01-01", "duree_mois": "36"}
    reponse = client.post(url, donnees | {"loyer": "480", "renouvellement_tacite": "on"})
    assert reponse.status_code == 302
    contrat = ContratBailleur.objects.get(logement=logement)
    assert contrat.loyer == Decimal("480") and contrat.renouvellement_tacite


ERREURS = [
    ({"type": "BAIL_ASSOCIATION"}, "type", "R-MODE : un logement en « Mandat de gestion »"),
    ({"honoraires_pct": "150"}, "honoraires_pct", "la valeur dépasse le maximum de 100 %"),
    ({"honoraires_pct": "-3"}, "honoraires_pct", "la valeur ne peut pas être négative"),
    ({"loyer": "450"}, "loyer", "R-MODE : en mandat de gestion, le ménage paie le loyer"),
    ({"duree_mois": "douze"}, "duree_mois", "saisissez un nombre en chiffres"),
    ({"duree_mois": "0"}, "duree_mois", "au moins 1 mois"),
    ({"date_debut": ""}, "date_debut", "« Date de début » : ce champ est obligatoire"),
]


@pytest.mark.parametrize(("modif", "champ", "message"), ERREURS)
def test_une_saisie_erronee_du_contrat_est_refusee_sous_son_champ(
    client, distribution, modif, champ, message
):
    logement = LogementFactory()
    client_de(client, distribution.julie)
    donnees = {"type": "MANDAT_GESTION", "date_debut": "2026-01-01", "duree_mois": "36"}
    reponse = client.post(reverse("parc:contrat_creer", args=[logement.pk]), donnees | modif)
    assert reponse.status_code == 200
    assert not ContratBailleur.objects.exists()
    assert any(message in e for e in reponse.context["form"].errors[champ])
    assert message in texte(reponse)
    assert reponse.context["form"][champ].value() == next(iter(modif.values()))


def test_resilier_un_contrat(client, distribution):
    contrat = ContratFactory(date_debut=jour("2026-01-01"))
    client_de(client, distribution.julie)
    url = reverse("parc:contrat_modifier", args=[contrat.pk])
    donnees = {"type": "MANDAT_GESTION", "date_debut": "2026-01-01", "duree_mois": "36"}
    reponse = client.post(url, donnees | {"resilie_le": "2025-12-01"})
    assert "Résilié le : la date précède le début du contrat." in texte(reponse)
    reponse = client.post(url, donnees | {"resilie_le": "2026-06-30"}, follow=True)
    contrat.refresh_from_db()
    assert contrat.resilie_le == jour("2026-06-30")
    assert "Résilié le 30/06/2026" in texte(reponse)


def test_l_echeance_proche_est_signalee_sur_la_fiche(client, distribution):
    aujourd_hui = timezone.localdate()
    logement = LogementFactory()
    ContratFactory(logement=logement, date_debut=aujourd_hui - timedelta(days=340), duree_mois=12)
    page = texte(
        client_de(client, distribution.julie).get(reverse("parc:logement", args=[logement.pk]))
    )
    assert "Échéance proche" in page


def test_un_contrat_lointain_n_est_pas_signale(client, distribution):
    logement = LogementFactory()
    ContratFactory(logement=logement, duree_mois=36)
    page = texte(
        client_de(client, distribution.julie).get(reverse("parc:logement", args=[logement.pk]))
    )
    assert "Mandat de gestion" in page and "Échéance proche" not in page


@pytest.mark.parametrize("persona", ["thomas", "claire", "nadia", "sophie", "anne"])
def test_le_contrat_est_introuvable_hors_de_l_organisation(client, distribution, persona):
    contrat = ContratFactory()
    client_de(client, getattr(distribution, persona))
    donnees = {"type": "MANDAT_GESTION", "date_debut": "2026-01-01", "duree_mois": "1"}
    assert client.get(reverse("parc:contrat_modifier", args=[contrat.pk])).status_code == 404
    url = reverse("parc:contrat_creer", args=[contrat.logement_id])
    assert client.post(url, donnees).status_code == 404
    assert ContratBailleur.objects.count() == 1
