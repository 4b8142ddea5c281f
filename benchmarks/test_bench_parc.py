"""Mesures (make bench) : le parc d'un opérateur de 10 000 logements et 10 000 prospects,
construit une fois par session par les fonctions du générateur (`iml.generateur`).

- Vues (temps serveur, client de test Django, connecté comme la gestion locative de
  l'opérateur) : liste des logements (page 1, page filtrée) et tableau de la captation. Elles
  sont construites dans d'autres branches : sans `parc:logements` / `parc:prospects`, ces
  mesures sont sautées avec un message.
- Sélecteurs et présentation accessibles dès maintenant : première page des logements visibles
  (avec `select_related`), page filtrée, colonnes du tableau de la captation, entonnoir
  (`regles.captation.entonnoir`) sur les 10 000 prospects.

Résultats et machine : docs/performance.md.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest
from django.core.paginator import Paginator
from django.db.models import Count
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from iml.comptes.acteur import acteur_pour
from iml.comptes.communes import commune
from iml.comptes.models import Territoire
from iml.generateur.moteur import contexte, inserer, parc_operateur
from iml.generateur.organisations import creer_organisations
from iml.generateur.parc import Lot
from iml.parc import selectors
from iml.parc.models import EvenementProspect, Logement, Prospect
from regles.captation import Passage, ProspectSuivi, entonnoir
from regles.format import date_fr, euros
from regles.types import Mode, StatutLogement, StatutProspect

pytestmark = pytest.mark.django_db
LOGEMENTS = PROSPECTS = 10_000
PAR_PAGE = 50


@pytest.fixture(scope="session")
def parc_massif(django_db_setup, django_db_blocker):
    """Un opérateur d'Ille-et-Vilaine, 10 000 logements, 10 000 prospects (graine fixe)."""
    with django_db_blocker.unblock():
        dept = Territoire.objects.get(niveau="DEPARTEMENT", code="35")
        [operateur] = creer_organisations([dept], 1)
        lot, lignes = Lot(), Counter()
        parc_operateur(
            random.Random("bench-parc"), contexte(timezone.localdate()),
            operateur.organisation, operateur.gestionnaire, LOGEMENTS, PROSPECTS, lot,
            Mode.MANDAT_GESTION,
        )  # fmt: skip
        inserer(lot, lignes)
    return operateur


@pytest.fixture
def acteur(parc_massif):
    return acteur_pour(parc_massif.gestionnaire, None)


def _url(nom: str) -> str:
    try:
        return reverse(nom)
    except NoReverseMatch:
        pytest.skip(f"La vue « {nom} » n'existe pas encore dans cette branche (autre lot).")


def _client(parc_massif) -> Client:
    client = Client()
    client.force_login(parc_massif.gestionnaire)
    return client


@pytest.mark.parametrize("requete", ["", "?statut=VACANT"], ids=["page-1", "filtree"])
def test_bench_vue_liste_des_logements(benchmark, parc_massif, requete):
    url = _url("parc:logements") + requete
    client = _client(parc_massif)
    reponse = benchmark.pedantic(lambda: client.get(url), rounds=10, warmup_rounds=1)
    assert reponse.status_code == 200


def test_bench_vue_tableau_de_la_captation(benchmark, parc_massif):
    url = _url("parc:prospects")
    client = _client(parc_massif)
    reponse = benchmark.pedantic(lambda: client.get(url), rounds=10, warmup_rounds=1)
    assert reponse.status_code == 200


def _page_presentee(qs) -> list[dict]:
    """Ce qu'affiche une ligne du tableau des logements."""
    page = Paginator(qs, PAR_PAGE).page(1)
    return [
        {
            "adresse": lg.adresse,
            "commune": (c.nom if (c := commune(lg.commune)) else lg.commune),
            "typologie": lg.get_typologie_display(),
            "statut": lg.get_statut_display(),
            "loyer": euros(lg.loyer),
            "bailleur": str(lg.bailleur),
            "mobilise": date_fr(lg.date_mobilisation) if lg.date_mobilisation else "non renseigné",
        }
        for lg in page.object_list
    ]


def test_bench_selecteur_logements_page_1(benchmark, acteur, django_assert_max_num_queries):
    assert Logement.objects.filter(operateur=acteur.organisation).count() == LOGEMENTS
    with django_assert_max_num_queries(2):  # le compte, puis la page (bailleur joint)
        _page_presentee(selectors.logements_visibles(acteur))
    lignes = benchmark(lambda: _page_presentee(selectors.logements_visibles(acteur)))
    assert len(lignes) == PAR_PAGE


def test_bench_selecteur_logements_filtres(benchmark, acteur):
    def page():
        qs = selectors.logements_visibles(acteur).filter(
            statut=StatutLogement.VACANT, commune="35238"
        )
        return _page_presentee(qs)

    lignes = benchmark(page)
    assert all(ligne["statut"] == "Vacant" for ligne in lignes)


def test_bench_colonnes_du_tableau_de_la_captation(benchmark, acteur):
    """Compte par statut, puis les 20 prochaines actions de chaque colonne."""

    def tableau():
        qs = selectors.prospects_visibles(acteur)
        comptes = dict(qs.values_list("statut").annotate(n=Count("pk")).order_by())
        return comptes, {s.value: list(qs.filter(statut=s.value)[:20]) for s in StatutProspect}

    comptes, colonnes = benchmark(tableau)
    assert sum(comptes.values()) == PROSPECTS
    assert all(len(c) <= 20 for c in colonnes.values())


def _suivis(acteur) -> list[ProspectSuivi]:
    passages: dict[int, list[Passage]] = {}
    evenements = EvenementProspect.objects.filter(prospect__operateur=acteur.organisation)
    for pk, de, vers, le in evenements.order_by("prospect_id", "le", "pk").values_list(
        "prospect_id", "de", "vers", "le"
    ):
        passages.setdefault(pk, []).append(Passage(de or None, vers, le.date()))
    return [
        ProspectSuivi(statut, tuple(passages.get(pk, ())), motif)
        for pk, statut, motif in Prospect.objects.filter(operateur=acteur.organisation).values_list(
            "pk", "statut", "motif_abandon__code"
        )
    ]


def test_bench_entonnoir_lecture_et_calcul(benchmark, acteur):
    resultat = benchmark.pedantic(lambda: entonnoir(_suivis(acteur)), rounds=5, warmup_rounds=1)
    assert resultat.prospects == PROSPECTS


def test_bench_entonnoir_calcul_seul(benchmark, acteur):
    suivis = _suivis(acteur)
    resultat = benchmark(entonnoir, suivis)
    assert resultat.captes > 0 and resultat.taux_captation_pct is not None
