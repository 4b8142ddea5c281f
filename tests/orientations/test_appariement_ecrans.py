"""Écrans du moteur d'appariement (SIAO) : du tableau de bord au lancement confirmé, la page
de l'exécution (avancement, revue, preuve d'optimalité), les paires cochées qui deviennent des
propositions, « pourquoi pas ce ménage ? », l'historique ; aucun identifiant interne montré."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from iml.orientations.models import ExecutionAppariement, Proposition
from iml.orientations.services import appariement, vacances
from tests.appels.factories import acteur
from tests.factories import connecter
from tests.orientations.factories import DemandeFactory, VacanceFactory, maintenant

pytestmark = pytest.mark.django_db

IDENTIFIANT_MOTEUR = re.compile(r">[^<]*\b[DL]\d+\b[^<]*<")


@pytest.fixture
def sophie(client, distribution):
    connecter(client, distribution.sophie)
    return client


def _lancee(client) -> ExecutionAppariement:
    reponse = client.post(reverse("orientations:appariement_lancer"))
    assert reponse.status_code == 302
    return ExecutionAppariement.objects.get(pk=int(reponse.url.rstrip("/").split("/")[-1]))


def test_du_tableau_de_bord_a_la_revue_puis_aux_propositions(sophie, distribution):
    vacance = VacanceFactory()
    demande = DemandeFactory(agent=distribution.sophie, dalo=True)
    accueil = sophie.get(reverse("orientations:accueil")).content.decode()
    assert "Lancer l&#x27;appariement" in accueil or "Lancer l'appariement" in accueil
    confirmation = sophie.get(reverse("orientations:appariement_lancer"))
    assert "Confirmer le lancement" in confirmation.content.decode()
    assert not ExecutionAppariement.objects.exists()  # rien sans confirmation
    execution = _lancee(sophie)
    page = sophie.get(reverse("orientations:appariement", kwargs={"pk": execution.pk}))
    html = page.content.decode()
    assert "optimal prouvé" in html and str(demande) in html and vacance.logement.adresse in html
    assert not IDENTIFIANT_MOTEUR.search(html), IDENTIFIANT_MOTEUR.search(html)
    assert not Proposition.objects.filter(execution=execution).exists()
    cle = f"D{demande.pk}:L{vacance.logement_id}"
    assert f'value="{cle}"' in html
    reponse = sophie.post(
        reverse("orientations:appariement_proposer", kwargs={"pk": execution.pk}),
        {"paire": [cle]},
        follow=True,
    )
    assert "1 proposition créée" in reponse.content.decode()
    proposition = Proposition.objects.get(execution=execution)
    assert proposition.demande == demande and proposition.score


def test_une_paire_devenue_impossible_est_dite_a_l_ecran(sophie, distribution):
    vacance = VacanceFactory()
    demande = DemandeFactory(agent=distribution.sophie)
    execution = _lancee(sophie)
    vacances.annuler_vacance(
        acteur=acteur(distribution.marc), declaration=vacance, motif="Sinistre",
        maintenant=maintenant(),
    )  # fmt: skip
    reponse = sophie.post(
        reverse("orientations:appariement_proposer", kwargs={"pk": execution.pk}),
        {"paire": [f"D{demande.pk}:L{vacance.logement_id}"]},
        follow=True,
    )
    html = reponse.content.decode()
    assert "Non proposée" in html and "plus ouverte (pourvue ou annulée)" in html
    assert not Proposition.objects.filter(execution=execution).exists()


def test_une_paire_forgee_est_refusee_sans_erreur_serveur(sophie, distribution):
    """Constat 2 : un identifiant démesuré ou étranger au résultat ne va jamais en base."""
    vacance = VacanceFactory()
    DemandeFactory(agent=distribution.sophie)
    execution = _lancee(sophie)
    reponse = sophie.post(
        reverse("orientations:appariement_proposer", kwargs={"pk": execution.pk}),
        {"paire": [f"D{'9' * 30}:L{vacance.logement_id}", "D1:L99999999999999999999999"]},
        follow=True,
    )
    assert reponse.status_code == 200
    assert reponse.content.decode().count("pas proposée par le moteur") == 2
    assert not Proposition.objects.filter(execution=execution).exists()


def test_pourquoi_pas_ce_menage_pour_ce_logement(sophie, distribution):
    vacance = VacanceFactory()
    famille = DemandeFactory(agent=distribution.sophie, adultes=2, enfants=3)
    execution = _lancee(sophie)
    url = reverse("orientations:appariement_pourquoi", kwargs={"pk": execution.pk})
    html = sophie.get(
        url, {"menage": f"D{famille.pk}", "logement": f"L{vacance.logement_id}"}
    ).content.decode()
    assert "R-CAPACITY" in html and str(famille) in html
    assert not IDENTIFIANT_MOTEUR.search(html)
    assert sophie.get(url, {"menage": "D0", "logement": "L0"}).status_code == 400


def test_progression_et_historique(sophie, distribution):
    VacanceFactory()
    execution = _lancee(sophie)
    suivi = sophie.get(
        reverse("orientations:appariement_progression", kwargs={"pk": execution.pk})
    ).json()
    assert suivi == {"etat": "TERMINEE", "libelle": "terminée", "progression": 100, "fini": True}
    historique = sophie.get(reverse("orientations:appariements")).content.decode()
    assert reverse("orientations:appariement", kwargs={"pk": execution.pk}) in historique


def test_une_execution_en_cours_montre_son_avancement(sophie, distribution):
    execution = ExecutionAppariement.objects.create(
        siao=acteur(distribution.sophie).organisation,
        lancee_le=maintenant(),
        lancee_par=distribution.sophie,
        statut="EN_COURS",
        progression=30,
    )
    html = sophie.get(
        reverse("orientations:appariement", kwargs={"pk": execution.pk})
    ).content.decode()
    assert 'value="30"' in html and "parc/import.js" in html
    confirmation = sophie.get(reverse("orientations:appariement_lancer")).content.decode()
    assert "déjà en cours" in confirmation


def test_une_execution_perdue_ne_bloque_pas_le_lancement(sophie, distribution):
    ExecutionAppariement.objects.create(
        siao=acteur(distribution.sophie).organisation,
        lancee_le=timezone.now() - appariement.DELAI_ABANDON - timedelta(minutes=1),
        lancee_par=distribution.sophie,
        statut="EN_COURS",
        progression=30,
    )
    confirmation = sophie.get(reverse("orientations:appariement_lancer")).content.decode()
    assert "déjà en cours" not in confirmation


def test_un_echec_est_explique(sophie, distribution):
    execution = ExecutionAppariement.objects.create(
        siao=acteur(distribution.sophie).organisation,
        lancee_le=maintenant(),
        lancee_par=distribution.sophie,
        statut="ECHEC",
        message="Entrée refusée par le moteur : menages[0].personnes : entier attendu",
    )
    html = sophie.get(
        reverse("orientations:appariement", kwargs={"pk": execution.pk})
    ).content.decode()
    assert "Le calcul a échoué" in html and "Entrée refusée par le moteur" in html


def test_l_operateur_ne_lance_rien(client, distribution):
    connecter(client, distribution.marc)
    assert client.post(reverse("orientations:appariement_lancer")).status_code == 403
    assert not ExecutionAppariement.objects.exists()


def test_l_historique_lit_les_nombres_sans_decoder_les_instantanes(sophie, distribution):
    """Constat 11 : l'historique ne charge ni l'entrée ni le résultat des exécutions."""
    VacanceFactory()
    VacanceFactory()
    DemandeFactory(agent=distribution.sophie)
    execution = _lancee(sophie)
    execution.refresh_from_db()
    assert (execution.nb_logements, execution.nb_menages, execution.nb_loges) == (2, 1, 1)
    with CaptureQueriesContext(connection) as requetes:
        html = sophie.get(reverse("orientations:appariements")).content.decode()
    lectures = [q["sql"] for q in requetes if "orientations_executionappariement" in q["sql"]]
    assert lectures and not any('"entree"' in sql or '"resultat"' in sql for sql in lectures)
    assert "<td>2</td>" in html and "<td>1</td>" in html
