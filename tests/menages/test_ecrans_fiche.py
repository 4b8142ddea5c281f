"""Fiche du ménage : identité et âge, composition, ressources (courantes, total mensuel,
historique), critères, occupations (en cours d'abord), notes et rappel, journal des
consultations (la direction seule le voit) ; qui trouve la fiche ; nombre de requêtes fixe."""

from __future__ import annotations

import html
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from iml.menages.models import ConsultationMenage
from iml.menages.services import menages as services
from tests.appels.factories import acteur
from tests.factories import connecter
from tests.menages.factories import MenageFactory, OccupationFactory

pytestmark = pytest.mark.django_db


def texte(reponse) -> str:
    """Le texte de la page, espaces insécables (milliers, « € ») lus comme des espaces."""
    return html.unescape(reponse.content.decode()).replace("\u202f", " ").replace("\xa0", " ")


def fiche(client, utilisateur, menage) -> str:
    connecter(client, utilisateur)
    reponse = client.get(reverse("menages:menage", args=[menage.pk]))
    assert reponse.status_code == 200
    return texte(reponse)


def test_identite_age_composition_et_orientation(client, distribution):
    jour = timezone.localdate()
    naissance = date(jour.year - 36, 1, 1)
    menage = MenageFactory(
        nom="Diallo", prenom="Fatou", date_naissance=naissance, famille_nombreuse=True,
        orientation_siao_reference="SIAO-118", orientation_siao_le=date(2026, 1, 10),
        notice_remise_le=date(2026, 1, 20), suivi_par_nadia=True,
    )  # fmt: skip
    page = fiche(client, distribution.julie, menage)
    assert "Fatou Diallo" in page and "5 personnes" in page
    assert f"{naissance:%d/%m/%Y} (36 ans)" in page
    assert "SIAO-118, le 10/01/2026" in page and "20/01/2026" in page
    assert "Nadia" in page
    assert f"{jour.year - 2012} ans" in page and "Conjoint" in page


def test_ressources_courantes_total_et_historique(client, distribution):
    menage = MenageFactory(ressources={})
    a, jour = acteur(distribution.julie), timezone.localdate()
    for nature, montant, il_y_a in (
        ("SALAIRE", "900.00", 400), ("SALAIRE", "1100.00", 30), ("RSA", "250.00", 60),
    ):  # fmt: skip
        services.ajouter_ressource(
            acteur=a, menage=menage, nature=nature, montant=Decimal(montant),
            connue_le=jour - timedelta(days=il_y_a), aujourd_hui=jour,
        )  # fmt: skip
    page = fiche(client, distribution.julie, menage)
    assert "Ressources mensuelles : 1 350 €" in page  # euros ronds sans centimes (regles.format)
    courantes, historique = page.split("Valeurs plus anciennes")
    assert "1 100 €" in courantes.split("Ressources actuelles")[1]
    assert "900 €" in historique and "900 €" not in courantes


def test_sans_ressource_le_total_est_non_renseigne(client, distribution):
    page = fiche(client, distribution.julie, MenageFactory(sans_ressources=True))
    assert "Ressources mensuelles : non renseignées" in page
    assert "0,00 €" not in page


def test_ajouter_un_membre_une_ressource_un_critere(client, distribution):
    menage = MenageFactory(membres=[], ressources={}, criteres=[], suivi_par_nadia=True)
    connecter(client, distribution.nadia)
    url = reverse("menages:membre_ajouter", args=[menage.pk])
    reponse = client.post(url, {"membre-lien": "ENFANT", "membre-annee_naissance": "2019"})
    assert reponse.url == reverse("menages:menage", args=[menage.pk]) + "#membres"
    client.post(
        reverse("menages:ressource_ajouter", args=[menage.pk]),
        {
            "ressource-nature": "AAH",
            "ressource-montant": "1 016,05",
            "ressource-connue_le": "2026-01-05",
        },
    )
    client.post(
        reverse("menages:critere_ajouter", args=[menage.pk]),
        {"critere-critere": "DALO_SANS_DOMICILE", "critere-reconnu_le": "2025-11-03"},
    )
    page = texte(client.get(reverse("menages:menage", args=[menage.pk])))
    assert "Enfant" in page and "2019" in page and "2 personnes" in page
    assert "Ressources mensuelles : 1 016,05 €" in page and "05/01/2026" in page
    assert "DALO : sans domicile" in page and "03/11/2025" in page


def test_saisie_erronee_d_une_ressource(client, distribution):
    menage = MenageFactory()
    connecter(client, distribution.julie)
    demain = (timezone.localdate() + timedelta(days=1)).isoformat()
    reponse = client.post(
        reverse("menages:ressource_ajouter", args=[menage.pk]),
        {"ressource-nature": "RSA", "ressource-montant": "abc", "ressource-connue_le": demain},
    )
    page = texte(reponse)
    assert reponse.status_code == 200 and "<title>Erreur —" in page
    assert "La ressource n'est pas enregistrée : 1 erreur à corriger" in page
    assert "« Montant mensuel (€) » : saisissez un nombre en chiffres" in page
    assert 'value="abc"' in page and f'value="{demain}"' in page
    reponse = client.post(
        reverse("menages:ressource_ajouter", args=[menage.pk]),
        {"ressource-nature": "RSA", "ressource-montant": "300", "ressource-connue_le": demain},
    )
    assert "Connue le : la date ne peut pas être dans le futur." in texte(reponse)
    assert menage.ressources.count() == 2


def test_saisie_erronee_d_un_membre(client, distribution):
    menage = MenageFactory()
    connecter(client, distribution.julie)
    page = texte(
        client.post(
            reverse("menages:membre_ajouter", args=[menage.pk]),
            {"membre-lien": "", "membre-annee_naissance": "1850"},
        )
    )
    assert "« Lien avec la personne de référence » : choisissez une valeur." in page
    assert "« Année de naissance » : 1900 au plus tôt." in page
    assert menage.personnes.count() == 1


@pytest.mark.parametrize(
    ("quoi", "objet"),
    [("membre", "personnes"), ("ressource", "ressources"), ("critere", "criteres")],
)
def test_retirer_apres_confirmation(client, distribution, quoi, objet):
    menage = MenageFactory()
    element = getattr(menage, objet).first()
    connecter(client, distribution.julie)
    url = reverse(f"menages:{quoi}_retirer", args=[menage.pk, element.pk])
    page = texte(client.get(url))
    assert "Confirmer le retrait" in page and "ne peut pas être annulé" in page
    assert getattr(menage, objet).filter(pk=element.pk).exists()
    reponse = client.post(url)
    assert reponse.url.endswith(f"#{quoi}s")
    assert not getattr(menage, objet).filter(pk=element.pk).exists()


def test_un_element_d_un_autre_menage_est_introuvable(client, distribution):
    menage, autre = MenageFactory(), MenageFactory()
    connecter(client, distribution.julie)
    url = reverse("menages:membre_retirer", args=[menage.pk, autre.personnes.first().pk])
    assert client.post(url).status_code == 404
    assert autre.personnes.count() == 1


def test_occupations_en_cours_d_abord_et_bouton_d_admission(client, distribution):
    menage = MenageFactory(nom="Diallo")
    page = fiche(client, distribution.julie, menage)
    admission = reverse("occupations:admission") + f"?menage={menage.pk}"
    assert "Admettre dans un logement" in page and admission in page
    assert "n'a encore occupé aucun logement" in page
    jour = timezone.localdate()
    ancienne = OccupationFactory(
        menage=menage, date_entree=jour - timedelta(days=400),
        sortie=(jour - timedelta(days=200), "HEBERGEMENT"),
    )  # fmt: skip
    actuelle = OccupationFactory(menage=menage, date_entree=jour - timedelta(days=30))
    page = texte(client.get(reverse("menages:menage", args=[menage.pk])))
    assert "Admettre dans un logement" not in page
    lien_actuelle = reverse("occupations:occupation", args=[actuelle.pk])
    lien_ancienne = reverse("occupations:occupation", args=[ancienne.pk])
    assert page.index(lien_actuelle) < page.index(lien_ancienne)
    assert "hébergement" in page and "Terminée" in page and "En cours" in page


def test_la_travailleuse_sociale_n_a_pas_le_bouton_d_admission(client, distribution):
    page = fiche(client, distribution.nadia, MenageFactory(suivi_par_nadia=True))
    assert "Admettre dans un logement" not in page
    assert "Modifier la fiche" in page


def test_notes_et_rappel(client, distribution):
    page = fiche(client, distribution.julie, MenageFactory(notes="Rendez-vous CAF mardi."))
    assert "Rendez-vous CAF mardi." in page
    assert "La personne peut demander à lire ce qui est écrit sur elle" in page


def test_chaque_lecture_est_journalisee_et_la_direction_seule_voit_le_journal(client, distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    page_julie = fiche(client, distribution.julie, menage)
    page_nadia = fiche(client, distribution.nadia, menage)
    assert "Consultations" not in page_julie and "Consultations" not in page_nadia
    page_marc = fiche(client, distribution.marc, menage)
    lectures = ConsultationMenage.objects.filter(menage=menage)
    assert [c.par for c in lectures] == [distribution.marc, distribution.nadia, distribution.julie]
    assert {c.page for c in lectures} == {"fiche"}
    section = page_marc.split('id="titre-consultations"')[1]
    assert "Julie Petit" in section and "Nadia" in section and "Fiche du ménage" in section


def test_la_direction_voit_les_20_dernieres_consultations(client, distribution):
    menage = MenageFactory()
    a = acteur(distribution.julie)
    debut = timezone.now() - timedelta(days=30)
    for i in range(25):
        services.journaliser_consultation(
            acteur=a, menage=menage, page="compte", maintenant=debut + timedelta(days=i)
        )
    page = fiche(client, distribution.marc, menage)
    section = page.split('id="titre-consultations"')[1]
    assert section.count("<tr><td>") == 20
    assert "Compte du ménage" in section


def test_qui_trouve_la_fiche(client, distribution):
    suivi = MenageFactory(suivi_par_nadia=True)
    autre = MenageFactory()
    connecter(client, distribution.nadia)
    assert client.get(reverse("menages:menage", args=[suivi.pk])).status_code == 200
    for nom in ("menages:menage", "menages:modifier"):
        assert client.get(reverse(nom, args=[autre.pk])).status_code == 404
    connecter(client, distribution.thomas)
    assert client.get(reverse("menages:menage", args=[suivi.pk])).status_code == 404
    url = reverse("menages:membre_ajouter", args=[suivi.pk])
    assert (
        client.post(url, {"membre-lien": "ENFANT", "membre-annee_naissance": "2019"}).status_code
        == 404
    )
    for persona in ("claire", "sophie", "anne", "admin"):
        connecter(client, getattr(distribution, persona))
        reponse = client.get(reverse("menages:menage", args=[suivi.pk]))
        assert reponse.status_code == 404, persona
    assert ConsultationMenage.objects.filter(menage=suivi).count() == 1


def test_nombre_de_requetes_de_la_fiche_fixe(client, distribution, django_assert_max_num_queries):
    petit = MenageFactory(membres=[], criteres=[])
    grand = MenageFactory(membres=[("CONJOINT", 1985)])
    a, jour = acteur(distribution.julie), timezone.localdate()
    for i in range(8):
        services.ajouter_ressource(
            acteur=a, menage=grand, nature="SALAIRE", montant=Decimal(900 + i),
            connue_le=jour - timedelta(days=30 * i), aujourd_hui=jour,
        )  # fmt: skip
    for critere in ("PDALHPD", "DALO_HEBERGE", "SANS_LOGEMENT"):
        services.poser_critere(
            acteur=a, menage=grand, critere=critere, reconnu_le=None, aujourd_hui=jour
        )
    OccupationFactory(
        menage=grand, date_entree=jour - timedelta(days=400),
        sortie=(jour - timedelta(days=200), "HEBERGEMENT"),
    )  # fmt: skip
    connecter(client, distribution.marc)
    client.get(reverse("menages:menage", args=[petit.pk]))  # caches chauds
    with django_assert_max_num_queries(25) as peu:
        client.get(reverse("menages:menage", args=[petit.pk]))
    with django_assert_max_num_queries(len(peu.captured_queries)):
        reponse = client.get(reverse("menages:menage", args=[grand.pk]))
    assert "2 personnes" in texte(reponse) and "Terminée" in texte(reponse)
