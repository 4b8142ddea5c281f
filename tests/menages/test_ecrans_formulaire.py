"""Création et modification de la fiche d'un ménage : référence attribuée, saisies erronées
(résumé des erreurs, message sous le champ, rien de perdu), R-CATEGORY, référent choisi par la
gestion seule, rappel sous les notes."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from iml.menages.models import Menage
from tests.factories import connecter
from tests.menages.factories import MenageFactory

pytestmark = pytest.mark.django_db

RAPPEL = (
    "La personne peut demander à lire ce qui est écrit sur elle : notez des faits utiles à son "
    "accompagnement, sans diagnostic ni détail judiciaire."
)


def texte(reponse) -> str:
    return html.unescape(reponse.content.decode())


def saisie(**autres) -> dict[str, str]:
    return {
        "nom": "Diallo",
        "prenom": "Fatou",
        "date_naissance": "1988-04-02",
        "categorie": "CLASSIQUE",
        "situation_avant": "HOTEL",
        "orientation_siao_reference": "SIAO-35-2026-118",
        "orientation_siao_le": "2026-01-10",
        "notice_remise_le": "2026-01-20",
        "dernier_contact_le": "2026-02-01",
        "notes": "Cherche un emploi à mi-temps.",
    } | autres


def test_la_gestion_cree_un_menage_avec_reference_attribuee(client, distribution):
    connecter(client, distribution.julie)
    page = texte(client.get(reverse("menages:creer")))
    assert RAPPEL in page and "Travailleur social référent" in page
    donnees = saisie(referent=str(distribution.nadia.pk))
    reponse = client.post(reverse("menages:creer"), donnees, follow=True)
    menage = Menage.objects.get(nom="Diallo")
    annee = timezone.localdate().year
    assert menage.reference == f"M-{annee}-0001"
    assert menage.referent == distribution.nadia
    assert menage.orientation_siao_le.isoformat() == "2026-01-10"
    assert f"Ménage enregistré : référence M-{annee}-0001." in texte(reponse)
    assert reponse.redirect_chain[-1][0] == reverse("menages:menage", args=[menage.pk])


def test_saisie_erronee_resume_erreurs_sous_les_champs_rien_de_perdu(client, distribution):
    connecter(client, distribution.julie)
    demain = (timezone.localdate() + timedelta(days=1)).isoformat()
    reponse = client.post(
        reverse("menages:creer"),
        saisie(nom="", date_naissance="32/13/1988", dernier_contact_le=demain),
    )
    page = texte(reponse)
    assert reponse.status_code == 200 and not Menage.objects.exists()
    assert "<title>Erreur —" in page
    assert 'id="resume-erreurs"' in page and "erreur" in page
    assert "« Nom » : ce champ est obligatoire." in page
    assert "« Date de naissance » : saisissez une date, par exemple 05/03/2026." in page
    assert 'href="#id_nom"' in page and 'value="Fatou"' in page
    assert "SIAO-35-2026-118" in page and "Cherche un emploi à mi-temps." in page


def test_date_future_refusee_par_le_service_sous_son_champ(client, distribution):
    connecter(client, distribution.julie)
    demain = (timezone.localdate() + timedelta(days=1)).isoformat()
    page = texte(client.post(reverse("menages:creer"), saisie(dernier_contact_le=demain)))
    assert "Dernier contact le : la date ne peut pas être dans le futur." in page
    assert 'id="id_dernier_contact_le-desc-error"' in page
    assert not Menage.objects.exists()


def test_iml_specialisee_sans_public_refusee(client, distribution):
    connecter(client, distribution.julie)
    page = texte(client.post(reverse("menages:creer"), saisie(categorie="SPECIALISEE")))
    assert "R-CATEGORY : une IML spécialisée nomme son public" in page
    assert not Menage.objects.exists()
    client.post(
        reverse("menages:creer"), saisie(categorie="SPECIALISEE", public_specialise="JEUNES")
    )
    assert Menage.objects.get().get_public_specialise_display() == "Jeunes"


def test_reference_deja_portee_refusee(client, distribution):
    MenageFactory(reference="AIS-7")
    connecter(client, distribution.julie)
    page = texte(client.post(reverse("menages:creer"), saisie(reference="AIS-7")))
    assert "déjà portée par un autre ménage de votre organisation" in page
    assert Menage.objects.count() == 1


def test_la_gestion_modifie_la_fiche_et_le_referent(client, distribution):
    menage = MenageFactory(nom="Diallo", reference="AIS-9")
    connecter(client, distribution.julie)
    url = reverse("menages:modifier", args=[menage.pk])
    page = texte(client.get(url))
    assert 'value="Diallo"' in page and 'value="AIS-9"' in page
    donnees = saisie(reference="", referent=str(distribution.nadia.pk), dernier_contact_le="")
    assert client.post(url, donnees).status_code == 302
    menage.refresh_from_db()
    assert (menage.reference, menage.referent, menage.prenom) == (
        "AIS-9",
        distribution.nadia,
        "Fatou",
    )
    assert menage.dernier_contact_le is None


def test_un_referent_hors_organisation_est_refuse(client, distribution):
    menage = MenageFactory()
    connecter(client, distribution.julie)
    url = reverse("menages:modifier", args=[menage.pk])
    page = texte(client.post(url, saisie(referent=str(distribution.ines.pk))))
    assert "« Référent » : choisissez un travailleur social de votre organisation." in page


def test_la_travailleuse_sociale_modifie_sa_fiche_sans_toucher_au_referent(client, distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    connecter(client, distribution.nadia)
    url = reverse("menages:modifier", args=[menage.pk])
    page = texte(client.get(url))
    assert 'name="referent"' not in page
    assert "Le référent est choisi par la direction ou la gestion locative." in page
    donnees = saisie(referent=str(distribution.nadia.pk), notes="Rendez-vous à la CAF.")
    assert client.post(url, donnees).status_code == 302
    menage.refresh_from_db()
    assert menage.notes == "Rendez-vous à la CAF." and menage.referent == distribution.nadia


def test_la_travailleuse_sociale_ne_cree_pas_de_menage(client, distribution):
    connecter(client, distribution.nadia)
    assert client.get(reverse("menages:creer")).status_code == 403
    assert client.post(reverse("menages:creer"), saisie()).status_code == 403
    assert not Menage.objects.exists()
