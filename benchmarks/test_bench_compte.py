"""Mesures (make bench) du compte des ménages : un opérateur d'Ille-et-Vilaine, 500 logements
(85 % en sous-location, par le générateur du parc), 500 ménages entrés il y a 8 ans, leurs
appels mensuels et leurs paiements (environ 96 000 lignes, insérées par lots) ; 15 % des
ménages ne paient plus depuis 1 à 6 mois, 10 % sont sortis dans l'année.

- Vues (temps serveur, client de test, gestion locative de l'opérateur) : compte d'un ménage
  (toutes les années), liste des impayés, vacance et annexe 1a de l'année passée.
- Tâche quotidienne des appels : un premier passage (les appels du mois en cours), puis un
  second qui ne crée rien.

Résultats (2 cœurs partagés, SQLite) : docs/adr/0008-compte-menage.md, « Conséquences ».
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from iml.comptes.models import Territoire
from iml.generateur.moteur import contexte, inserer, parc_operateur
from iml.generateur.organisations import creer_organisations
from iml.generateur.parc import Lot
from iml.menages.models import Menage
from iml.occupations.models import Ecriture, Occupation, Tarif
from iml.occupations.services.compte import appels_manquants
from iml.occupations.taches_compte import appeler_loyers_du_jour
from regles.compte import premier_du_mois
from regles.types import Mode, NatureEcriture, StatutOccupation

pytestmark = pytest.mark.django_db
MENAGES = 500
ANNEES = 8
LOT = 5_000


def _occupations(rng, operateur, par, aujourd_hui) -> list[Occupation]:
    logements = list(operateur.logements.order_by("pk")[:MENAGES])
    menages = Menage.objects.bulk_create(
        Menage(
            operateur=operateur, reference=f"B{i:05d}", nom=f"Nom{i}", prenom="Awa",
            date_naissance=date(1985, 1, 1), cree_par=par,
        )
        for i in range(len(logements))
    )  # fmt: skip
    occupations = []
    for menage, logement in zip(menages, logements, strict=True):
        entree = aujourd_hui - timedelta(days=ANNEES * 365 - rng.randint(0, 30))
        sortie = aujourd_hui - timedelta(days=rng.randint(30, 330)) if rng.random() < 0.1 else None
        occupations.append(
            Occupation(
                operateur=operateur, menage=menage, logement=logement, forme=logement.forme,
                date_entree=entree, date_sortie=sortie, cree_par=par,
                statut=StatutOccupation.TERMINEE if sortie else StatutOccupation.EN_COURS,
            )
        )  # fmt: skip
    return Occupation.objects.bulk_create(occupations)


def _lignes(rng, occupation, tarif, jusqu_au) -> list[Ecriture]:
    appels = appels_manquants(occupation, [tarif], set(), jusqu_au, 1)
    arret = len(appels) - rng.randint(1, 6) if rng.random() < 0.15 else len(appels)
    paiements = [
        Ecriture(
            occupation=occupation, le=a.le + timedelta(days=5), montant=-a.montant,
            nature=NatureEcriture.PAIEMENT_AIDE if rng.random() < 0.3 else "PAIEMENT_MENAGE",
            libelle="Paiement",
        )
        for a in appels[:arret]
    ]  # fmt: skip
    return appels + paiements


@pytest.fixture(scope="session")
def comptes_massifs(django_db_setup, django_db_blocker):
    """L'opérateur, ses 500 ménages et leurs comptes sur 8 ans (graine fixe) ; les appels du
    mois en cours restent à faire (pour la tâche)."""
    with django_db_blocker.unblock():
        aujourd_hui = timezone.localdate()
        rng = random.Random("bench-compte")
        dept = Territoire.objects.get(niveau="DEPARTEMENT", code="35")
        [op] = creer_organisations([dept], 1)
        lot = Lot()
        parc_operateur(
            rng, contexte(aujourd_hui), op.organisation, op.gestionnaire, MENAGES, 0, lot,
            Mode.SOUS_LOCATION,
        )  # fmt: skip
        inserer(lot, Counter())
        occupations = _occupations(rng, op.organisation, op.gestionnaire, aujourd_hui)
        tarifs = Tarif.objects.bulk_create(
            Tarif(occupation=o, date_effet=o.date_entree, loyer=Decimal("420.00"),
                  charges=Decimal("45.50"), cree_par=op.gestionnaire)
            for o in occupations
        )  # fmt: skip
        fin_mois_dernier = premier_du_mois(aujourd_hui) - timedelta(days=1)
        lignes: list[Ecriture] = []
        for occupation, tarif in zip(occupations, tarifs, strict=True):
            lignes += _lignes(rng, occupation, tarif, fin_mois_dernier)
            if len(lignes) >= LOT:
                Ecriture.objects.bulk_create(lignes)
                lignes = []
        Ecriture.objects.bulk_create(lignes)
    return op


def _client(op) -> Client:
    client = Client()
    client.force_login(op.gestionnaire)
    return client


def test_bench_page_du_compte_d_un_menage(benchmark, comptes_massifs):
    occupation = Occupation.objects.filter(operateur=comptes_massifs.organisation).first()
    assert occupation.ecritures.count() >= 2 * 12 * (ANNEES - 1)
    client = _client(comptes_massifs)
    url = reverse("occupations:compte", args=[occupation.pk]) + "?annee=toutes"
    reponse = benchmark.pedantic(lambda: client.get(url), rounds=10, warmup_rounds=1)
    assert reponse.status_code == 200


def test_bench_liste_des_impayes(benchmark, comptes_massifs):
    client = _client(comptes_massifs)
    url = reverse("occupations:impayes")
    reponse = benchmark.pedantic(lambda: client.get(url), rounds=5, warmup_rounds=1)
    assert reponse.status_code == 200 and len(reponse.context["rangs"]) > 30


def test_bench_vacance_et_annexe_1a(benchmark, comptes_massifs):
    client = _client(comptes_massifs)
    url = reverse("occupations:vacance") + f"?annee={timezone.localdate().year - 1}"
    reponse = benchmark.pedantic(lambda: client.get(url), rounds=5, warmup_rounds=1)
    assert reponse.status_code == 200 and len(reponse.context["vacances"]) > 300


def test_bench_tache_des_appels_premier_puis_second_passage(benchmark, comptes_massifs):
    premier = benchmark.pedantic(appeler_loyers_du_jour.call, rounds=1, iterations=1)
    assert premier > 0
    assert appeler_loyers_du_jour.call() == 0


def test_bench_tache_des_appels_second_passage(benchmark, comptes_massifs):
    appeler_loyers_du_jour.call()
    assert benchmark.pedantic(appeler_loyers_du_jour.call, rounds=5, warmup_rounds=0) == 0
