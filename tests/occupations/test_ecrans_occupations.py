"""Fiche d'une occupation : horloge de la sous-location (renouvellements, troisième refusé),
fenêtre du mandat de gestion (revues), tarifs, suite du parcours, sortie confirmée et
glissement du bail ; lecture seule du travail social référent ; journal des consultations ;
requêtes en nombre constant."""

from __future__ import annotations

import html
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from iml.menages.models import ConsultationMenage
from iml.occupations.models import Occupation
from iml.occupations.services import horloge
from tests.appels.factories import acteur
from tests.factories import connecter
from tests.menages.factories import MenageFactory, OccupationFactory

pytestmark = pytest.mark.django_db


def texte(reponse) -> str:
    return (
        html.unescape(strip_tags(reponse.content.decode()))
        .replace("\u202f", " ")
        .replace("\xa0", " ")
    )


def url(nom: str, occupation: Occupation) -> str:
    return reverse(f"occupations:{nom}", args=[occupation.pk])


def aujourd_hui() -> str:
    return timezone.localdate().isoformat()


def test_la_fiche_montre_l_horloge_et_journalise_la_consultation(client, distribution):
    entree = date(2025, 8, 31)
    occupation = OccupationFactory(sous_location=True, date_entree=entree)
    connecter(client, distribution.julie)
    page = texte(client.get(url("occupation", occupation)))
    # 31/08 + 6 mois = 28/02 (fin la veille) ; 18 mois au plus : 28/02/2027 − 1 jour.
    assert "Période initiale" in page and "27/02/2026" in page
    assert "finit au plus tard le 27/02/2027" in page
    assert "Renouveler la sous-location" in page and "Noter la sortie" in page
    assert "R-EFFORT-SL" in page and "national-2018 version 7" in page
    assert occupation.menage.reference in page
    consultation = ConsultationMenage.objects.get(menage=occupation.menage)
    assert consultation.page == "occupation" and consultation.par == distribution.julie


def test_julie_renouvelle_puis_le_troisieme_renouvellement_est_refuse(client, distribution):
    entree = timezone.localdate() - timedelta(days=250)
    occupation = OccupationFactory(sous_location=True, date_entree=entree, renouvellements=1)
    connecter(client, distribution.julie)
    donnees = {"renouvellement-decide_le": aujourd_hui(), "renouvellement-motif": "Relogement"}
    reponse = client.post(url("renouveler", occupation), donnees, follow=True)
    assert "Sous-location renouvelée" in texte(reponse) and "2e renouvellement" in texte(reponse)
    refus = client.post(url("renouveler", occupation), donnees)
    page = texte(refus)
    assert refus.status_code == 200
    assert "R-SL-DURATION : la sous-location se renouvelle 2 fois au plus" in page
    assert "La sous-location n'est pas renouvelée" in page
    assert occupation.periodes.count() == 3


def test_un_renouvellement_sans_motif_est_refuse_sous_son_champ(client, distribution):
    occupation = OccupationFactory(sous_location=True)
    connecter(client, distribution.julie)
    reponse = client.post(url("renouveler", occupation), {"renouvellement-decide_le": "31/02/2026"})
    page = texte(reponse)
    assert "« Décidé le » : saisissez une date" in page
    assert "« Motif du renouvellement » : ce champ est obligatoire" in page


def test_la_fenetre_du_mandat_et_une_revue(client, distribution):
    entree = timezone.localdate() - timedelta(days=400)
    occupation = OccupationFactory(date_entree=entree)
    connecter(client, distribution.marc)
    page = texte(client.get(url("occupation", occupation)))
    fin = occupation.fin_financement
    assert f"le financement finit le {fin:%d/%m/%Y}" in page
    assert "Prochaine revue" in page and "Aucune revue faite" in page
    refus = client.post(
        url("revue", occupation), {"revue-le": aujourd_hui(), "revue-poursuite": "0"}
    )
    assert "Note : dites pourquoi le financement ne se poursuit pas" in texte(refus)
    donnees = {"revue-le": aujourd_hui(), "revue-poursuite": "1", "revue-note": "Bail stable"}
    reponse = client.post(url("revue", occupation), donnees, follow=True)
    assert "Revue du mandat enregistrée" in texte(reponse) and "Bail stable" in texte(reponse)


def test_reviser_le_tarif_et_la_suite_du_parcours(client, distribution):
    occupation = OccupationFactory(sous_location=True)
    connecter(client, distribution.julie)
    avant = {"tarif-date_effet": "2000-01-01", "tarif-loyer": "330", "tarif-charges": "40"}
    assert "la date précède l'entrée" in texte(client.post(url("tarif", occupation), avant))
    donnees = avant | {"tarif-date_effet": aujourd_hui(), "tarif-loyer": "330,50"}
    client.post(url("tarif", occupation), donnees)
    assert occupation.tarifs.order_by("-date_effet").first().loyer == Decimal("330.50")
    vide = client.post(url("suite", occupation), {"suite-suite_parcours": ""})
    assert "R-SL-DURATION : en sous-location, la suite du parcours" in texte(vide)
    client.post(url("suite", occupation), {"suite-suite_parcours": "RELOGEMENT_SOCIAL"})
    occupation.refresh_from_db()
    assert occupation.suite_parcours == "RELOGEMENT_SOCIAL"
    page = texte(client.get(url("occupation", occupation)))
    assert "Relogement dans le parc social" in page and "330,50 €" in page


def test_la_sortie_demande_confirmation_puis_montre_la_duree(client, distribution):
    entree = timezone.localdate() - timedelta(days=100)
    occupation = OccupationFactory(date_entree=entree)
    connecter(client, distribution.julie)
    formulaire = client.get(url("sortie", occupation))
    assert "Un mandat de gestion suit" not in texte(formulaire)
    donnees = {"date_sortie": aujourd_hui(), "destination": "LOGEMENT_SOCIAL", "note": "Bail HLM"}
    apercu = client.post(url("sortie", occupation), donnees)
    assert "La sortie ne peut pas être annulée" in texte(apercu)
    occupation.refresh_from_db()
    assert occupation.statut == "EN_COURS"
    reponse = client.post(url("sortie", occupation), donnees | {"confirme": "True"}, follow=True)
    page = texte(reponse)
    assert "Sortie notée le" in page and "Logement social" in page and "(101 jours)" in page
    assert "Noter la sortie" not in page and "Renouveler" not in page


def test_une_sortie_erronee_revient_sous_ses_champs(client, distribution):
    occupation = OccupationFactory()
    connecter(client, distribution.julie)
    reponse = client.post(url("sortie", occupation), {"date_sortie": "", "confirme": "True"})
    page = texte(reponse)
    assert "« Date de sortie » : ce champ est obligatoire" in page
    assert "« Destination » : choisissez où va le ménage" in page
    futur = (timezone.localdate() + timedelta(days=3)).isoformat()
    donnees = {"date_sortie": futur, "destination": "RUE", "confirme": "True"}
    assert "elle ne peut pas être dans le futur" in texte(
        client.post(url("sortie", occupation), donnees)
    )


def test_le_glissement_du_bail_avec_mandat_qui_suit(client, distribution):
    entree = timezone.localdate() - timedelta(days=200)
    occupation = OccupationFactory(sous_location=True, date_entree=entree)
    connecter(client, distribution.julie)
    assert "Un mandat de gestion suit" in texte(client.get(url("sortie", occupation)))
    donnees = {
        "date_sortie": aujourd_hui(), "destination": "GLISSEMENT_BAIL", "mandat_suit": "on",
        "confirme": "True",
    }  # fmt: skip
    page = texte(client.post(url("sortie", occupation), donnees, follow=True))
    suivante = Occupation.objects.get(precedente=occupation)
    assert "le mandat de gestion commencé le" in page
    assert suivante.forme == "MANDAT_GESTION" and suivante.menage == occupation.menage


def test_le_travail_social_referent_lit_sans_agir_les_autres_ne_voient_rien(client, distribution):
    occupation = OccupationFactory(sous_location=True, menage=MenageFactory(suivi_par_nadia=True))
    connecter(client, distribution.nadia)
    page = texte(client.get(url("occupation", occupation)))
    assert "Période initiale" in page and "Renouveler la sous-location" not in page
    assert "Noter la sortie" not in page
    assert client.post(url("suite", occupation), {"suite-suite_parcours": ""}).status_code == 403
    connecter(client, distribution.ines)
    assert client.get(url("occupation", occupation)).status_code == 404
    connecter(client, distribution.thomas)
    assert client.get(url("occupation", occupation)).status_code == 404


def test_le_nombre_de_requetes_ne_croit_pas_avec_l_historique(client, distribution):
    occupation = OccupationFactory(date_entree=timezone.localdate() - timedelta(days=800))
    connecter(client, distribution.julie)
    julie = acteur(distribution.julie)

    def requetes() -> int:
        with CaptureQueriesContext(connection) as capture:
            assert client.get(url("occupation", occupation)).status_code == 200
        return len(capture)

    avant = requetes()
    for jours in (700, 600, 500):
        quand = timezone.localdate() - timedelta(days=jours)
        horloge.reviser_tarif(
            acteur=julie, occupation=occupation, date_effet=quand,
            loyer=Decimal("530"), charges=Decimal("40"),
        )  # fmt: skip
        horloge.revoir_mandat(
            acteur=julie, occupation=occupation, le=quand, poursuite=True, note="",
            maintenant=timezone.now(),
        )  # fmt: skip
    assert requetes() == avant
