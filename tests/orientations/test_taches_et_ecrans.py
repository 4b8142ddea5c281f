"""Tâche quotidienne R-SIAO (propositions sans réponse, vacances non pourvues) et parcours
des écrans : de la vacance à l'admission, consultation journalisée, registre des places."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from iml.alertes.models import Alerte
from iml.orientations.models import ConsultationDemande
from iml.orientations.taches import alerter_orientations
from tests.factories import connecter
from tests.orientations.factories import (
    DemandeFactory,
    PropositionFactory,
    VacanceFactory,
    jours,
)
from tests.parc.factories import LogementFactory

pytestmark = pytest.mark.django_db


def test_proposition_sans_reponse_alerte_les_deux_cotes_une_fois(distribution):
    proposition = PropositionFactory(en_retard=True)
    assert alerter_orientations.call() >= 3
    destinataires = set(
        Alerte.objects.filter(cle=f"R-SIAO:proposition-{proposition.pk}").values_list(
            "destinataire__email", flat=True
        )
    )
    assert {distribution.sophie.email, distribution.marc.email, distribution.julie.email} <= (
        destinataires
    )
    assert alerter_orientations.call() == 0
    assert proposition.demande.nom not in Alerte.objects.first().message


def test_vacance_non_pourvue_apres_le_delai(distribution):
    vacance = VacanceFactory(disponible_le=jours(31))
    alerter_orientations.call()
    assert Alerte.objects.filter(
        cle=f"R-SIAO:vacance-{vacance.pk}", destinataire=distribution.sophie
    ).exists()
    recente = VacanceFactory(disponible_le=jours(3))
    alerter_orientations.call()
    assert not Alerte.objects.filter(cle=f"R-SIAO:vacance-{recente.pk}").exists()


def test_de_la_vacance_a_l_admission_par_les_ecrans(client, distribution):
    demande = DemandeFactory()
    logement = VacanceFactory().logement
    connecter(client, distribution.sophie)
    reponse = client.post(
        reverse("orientations:proposer", kwargs={"pk": demande.pk}), {"logement": logement.pk}
    )
    proposition = demande.propositions.get()
    assert reponse.status_code == 302
    client.logout()
    connecter(client, distribution.marc)
    url = reverse("orientations:repondre", kwargs={"pk": proposition.pk})
    assert client.post(url, {"reponse": "ACCEPTER"}).status_code == 302
    url = reverse("orientations:admettre", kwargs={"pk": proposition.pk})
    donnees = {
        "date_naissance": "1990-05-17", "date_entree": timezone.localdate().isoformat(),
        "lien_1": "ENFANT", "annee_1": "2016",
    }  # fmt: skip
    assert client.post(url, donnees).status_code == 302
    proposition.refresh_from_db()
    assert proposition.statut == "ADMISE" and proposition.occupation is not None


def test_refus_sans_motif_montre_l_erreur(client, distribution):
    proposition = PropositionFactory()
    connecter(client, distribution.marc)
    url = reverse("orientations:repondre", kwargs={"pk": proposition.pk})
    reponse = client.post(url, {"reponse": "REFUSER"})
    assert reponse.status_code == 200
    assert "Motif du refus" in reponse.content.decode()


def test_consulter_une_demande_est_journalise(client, distribution):
    demande = DemandeFactory()
    connecter(client, distribution.sophie)
    client.get(reverse("orientations:demande", kwargs={"pk": demande.pk}))
    assert ConsultationDemande.objects.filter(demande=demande, par=distribution.sophie).exists()


def test_registre_montre_vacant_depuis(client, distribution):
    VacanceFactory(disponible_le=timezone.localdate() - timedelta(days=5))
    connecter(client, distribution.sophie)
    contenu = client.get(reverse("orientations:registre")).content.decode()
    assert "vacant depuis le" in contenu


def test_registre_distingue_un_brouillon_d_une_vacance_declaree(client, distribution):
    LogementFactory(agent=distribution.julie, statut="DISPONIBLE")  # brouillon, non déclaré
    connecter(client, distribution.sophie)
    contenu = client.get(reverse("orientations:registre")).content.decode()
    assert "disponible, pas encore déclaré au SIAO" in contenu
    assert "vacant depuis le" not in contenu


def test_le_bouton_des_demandes_en_attente_compte_comme_la_liste(client, distribution):
    DemandeFactory()
    PropositionFactory()  # sa demande reste en attente, avec une proposition en cours
    connecter(client, distribution.sophie)
    accueil = client.get(reverse("orientations:accueil")).content.decode()
    liste = client.get(reverse("orientations:demandes")).content.decode()
    assert "Demandes en attente (2)" in accueil and "2 demandes en attente" in liste
