"""Mesures (make bench) : l'accompagnement généré par `iml generer` à l'échelle département
(10 opérateurs, ≈ 160 plans, ≈ 5 000 contacts, ≈ 1 500 étapes cochées), une fois pour le
module puis supprimé.

- La liste « Mes ménages » d'un travailleur social (sélecteur cadré `menages_accompagnes`,
  dernier contact et plan ouvert annotés) : compte et page de 50, **2 requêtes** ;
- la chronologie des contacts du ménage qui en a le plus (`selectors_suivi.chronologie`) :
  **1 requête** ;
- la charge de chaque travailleur social de l'opérateur qui a le plus de plans ouverts
  (ménages à plan ouvert groupés par référent, ETP en vigueur par `etp_au`, puis
  `regles.accompagnement.charge_travail`, R-SW-RATIO) : **2 requêtes** ;
- les ménages de cet opérateur à plan ouvert sans contact depuis 30 jours, comptés depuis le
  début du suivi quand il n'y en a eu aucun (R-ACCOMP-CONTACT) : **1 requête** ;
- les vues `accompagnement:accueil` et `accompagnement:equipe`, quand elles existent dans la
  branche (volet équipe), sinon sautées avec un message.

Échelle nationale : `IML_BENCH_ECHELLE=national` devant la commande. Résultats et machine :
docs/performance.md.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.paginator import Paginator
from django.db.models import Count, Exists, Max, OuterRef
from django.db.models.functions import Coalesce
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from iml.accompagnement.models import Contact, Plan
from iml.accompagnement.parametres import bareme
from iml.accompagnement.selectors import etp_au, menages_accompagnes
from iml.accompagnement.selectors_suivi import chronologie
from iml.comptes.acteur import acteur_pour
from iml.comptes.models import Adhesion
from regles.accompagnement import charge_travail

pytestmark = pytest.mark.django_db
PAR_PAGE = 50


def _ouverts():
    return Plan.objects.filter(menage__operateur__siret__startswith="99", fin_le=None)


@pytest.fixture
def travailleur(generees):
    """Le travailleur social généré qui suit le plus de ménages à plan ouvert."""
    plus = _ouverts().values("menage__referent").annotate(n=Count("pk")).order_by("-n").first()
    adhesion = Adhesion.objects.get(utilisateur_id=plus["menage__referent"])
    return acteur_pour(adhesion.utilisateur, adhesion.pk)


@pytest.fixture
def operateur(generees):
    plus = _ouverts().values("menage__operateur").annotate(n=Count("pk")).order_by("-n").first()
    return plus["menage__operateur"]


def test_bench_mes_menages(benchmark, travailleur, django_assert_max_num_queries):
    ouvert = Plan.objects.filter(menage=OuterRef("pk"), fin_le=None)

    def page():
        qs = menages_accompagnes(travailleur).annotate(
            dernier=Max("contacts__le"), suivi=Exists(ouvert)
        )
        return list(Paginator(qs.order_by("nom", "pk"), PAR_PAGE).page(1).object_list)

    with django_assert_max_num_queries(2):  # le compte, puis la page
        page()
    menages = benchmark(page)
    assert menages and all(m.referent_id == travailleur.utilisateur.pk for m in menages)


def test_bench_chronologie(benchmark, generees, django_assert_num_queries):
    plus = Contact.objects.values("menage").annotate(n=Count("pk")).order_by("-n").first()
    menage = Plan.objects.select_related("menage").filter(menage=plus["menage"]).get().menage
    with django_assert_num_queries(1):
        chronologie(menage)
    assert len(benchmark(chronologie, menage)) == plus["n"]


def test_bench_charge_des_travailleurs(benchmark, operateur, django_assert_num_queries):
    par_etp = bareme().menages_par_etp
    aujourd_hui = timezone.localdate()

    def charges():
        suivis = dict(
            _ouverts()
            .filter(menage__operateur=operateur)
            .values_list("menage__referent")
            .annotate(n=Count("pk"))
            .order_by()
        )
        etp = etp_au(operateur, list(suivis), aujourd_hui)
        return {pk: charge_travail(n, etp.get(pk), par_etp) for pk, n in suivis.items()}

    with django_assert_num_queries(2):
        resultat = charges()
    assert resultat and benchmark(charges) == resultat


def test_bench_sans_contact(benchmark, operateur, django_assert_num_queries):
    seuil = bareme().accompagnement.sans_contact_jours
    limite = timezone.localdate() - timedelta(days=seuil)

    def sans_contact():
        qs = (
            _ouverts()
            .filter(menage__operateur=operateur)
            .annotate(dernier=Coalesce(Max("menage__contacts__le"), "debut_le"))
            .filter(dernier__lt=limite)
        )
        return list(qs.values_list("menage_id", "dernier"))

    with django_assert_num_queries(1):
        sans_contact()
    benchmark(sans_contact)


def _url(nom: str) -> str:
    try:
        return reverse(nom)
    except NoReverseMatch:
        pytest.skip(f"La vue « {nom} » n'existe pas encore dans cette branche (volet équipe).")


def test_bench_vue_accueil(benchmark, travailleur):
    url = _url("accompagnement:accueil")
    client = Client()
    client.force_login(travailleur.utilisateur)
    assert benchmark(client.get, url).status_code == 200


def test_bench_vue_equipe(benchmark, operateur):
    url = _url("accompagnement:equipe")
    direction = Adhesion.objects.get(organisation_id=operateur, role="DIRECTION").utilisateur
    client = Client()
    client.force_login(direction)
    assert benchmark(client.get, url).status_code == 200
