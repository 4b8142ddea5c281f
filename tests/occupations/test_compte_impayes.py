"""Tâche quotidienne des appels (idempotente, par lots), liste des impayés de l'opérateur
(tri, ancienneté, suivi des plans, totaux) et page « vacance et impayés » (annexe 1a)."""

from __future__ import annotations

import html
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from iml.occupations.models import Ecriture
from iml.occupations.services import compte
from iml.occupations.taches_compte import appeler_loyers_du_jour
from regles.compte import echeancier
from tests.appels.factories import acteur, demo
from tests.factories import connecter
from tests.menages.factories import OccupationFactory
from tests.parc.factories import LogementFactory

pytestmark = pytest.mark.django_db
D = Decimal


def texte(reponse) -> str:
    return html.unescape(reponse.content.decode()).replace("\u202f", " ").replace("\u00a0", " ")


def test_la_tache_appelle_les_loyers_dus_une_seule_fois_et_le_dernier_mois_d_une_sortie():
    aujourd_hui = timezone.localdate()
    en_cours = OccupationFactory(date_entree=aujourd_hui.replace(day=1) - timedelta(days=40))
    entree = aujourd_hui.replace(day=1) - timedelta(days=100)
    sortie = aujourd_hui.replace(day=1) - timedelta(days=20)
    sortie_ = OccupationFactory(date_entree=entree, sortie=(sortie, "LOGEMENT_SOCIAL"))
    crees = appeler_loyers_du_jour.call()
    assert crees == Ecriture.objects.filter(nature="APPEL").count() > 0
    assert appeler_loyers_du_jour.call() == 0
    dernier = sortie_.ecritures.filter(nature="APPEL").order_by("mois").last()
    assert dernier.mois == sortie.replace(day=1)
    assert dernier.montant == compte.montant_du_mois(
        D("560.00"), dernier.mois, sortie_.date_entree, sortie
    )
    assert en_cours.ecritures.filter(mois=aujourd_hui.replace(day=1)).exists()
    # La commande quotidienne lance la tâche ; rejouée, elle ne crée rien.
    sortie_texte = []
    call_command("alertes_quotidiennes", stdout=_Tampon(sortie_texte))
    assert "Appels de loyer : 0 créé(s)." in "".join(sortie_texte)


class _Tampon:
    def __init__(self, lignes: list[str]) -> None:
        self.lignes = lignes

    def write(self, texte: str) -> None:
        self.lignes.append(texte)

    def flush(self) -> None:
        pass


def _requetes_tache(jour: date) -> int:
    with CaptureQueriesContext(connection) as requetes:
        appeler_loyers_du_jour.call(jour.isoformat())
    return len(requetes)


def test_la_tache_lit_par_lots_sans_requete_par_occupation():
    debut = timezone.localdate() - timedelta(days=200)
    OccupationFactory(date_entree=debut)
    une = _requetes_tache(debut + timedelta(days=40))
    for _ in range(3):
        OccupationFactory(date_entree=debut)
    assert _requetes_tache(debut + timedelta(days=75)) == une


def _endettee(mois: int, paye: str | None = None):
    aujourd_hui = timezone.localdate()
    entree = (aujourd_hui.replace(day=1) - timedelta(days=28 * mois)).replace(day=1)
    occupation = OccupationFactory(date_entree=entree)
    compte.appeler_loyers(occupation, aujourd_hui, 1)
    if paye:
        compte.encaisser(
            acteur=acteur(demo("julie")), occupation=occupation, nature="PAIEMENT_MENAGE",
            le=aujourd_hui, montant=D(paye), aujourd_hui=aujourd_hui,
        )  # fmt: skip
    return occupation


def _requetes(client, url) -> int:
    with CaptureQueriesContext(connection) as requetes:
        assert client.get(url).status_code == 200
    return len(requetes)


def test_les_impayes_sont_tries_par_montant_avec_anciennete_plan_et_totaux(client):
    petite = _endettee(1)
    grosse = _endettee(3)
    a_jour = _endettee(1)
    du = sum(a_jour.ecritures.values_list("montant", flat=True))
    compte.encaisser(
        acteur=acteur(demo("julie")), occupation=a_jour, nature="PAIEMENT_AIDE",
        le=timezone.localdate(), montant=du, aujourd_hui=timezone.localdate(),
    )  # fmt: skip
    hier = timezone.localdate() - timedelta(days=1)
    compte.creer_plan(
        acteur=acteur(demo("julie")), occupation=grosse, montant=D("600.00"),
        # Premier versement échu (hier, ou aujourd'hui le 1er : jamais avant le mois en cours).
        versements=echeancier(D("600.00"), 2, max(hier, timezone.localdate().replace(day=1))),
        aujourd_hui=timezone.localdate(),
    )  # fmt: skip
    connecter(client, demo("julie"))
    url = reverse("occupations:impayes")
    reponse = client.get(url)
    page = texte(reponse)
    rangs = reponse.context["rangs"]
    assert [r.occupation for r in rangs] == [grosse, petite]
    assert str(a_jour.menage) not in page
    assert rangs[0].plan.startswith("en retard de")
    assert rangs[1].plan == "aucun"
    assert reponse.context["solde_total"] == rangs[0].solde + rangs[1].solde
    # Le 1er, le loyer du jour, appelé et dû, s'ajoute au versement échu du plan.
    retard = "En retard de" if timezone.localdate().day == 1 else "En retard de 300 €"
    assert "Total" in page and retard in page
    avant = _requetes(client, url)
    _endettee(2)
    _endettee(2, paye="100")
    assert _requetes(client, url) == avant


def test_la_vacance_entre_deux_occupations_et_l_annexe_1a(client):
    annee = timezone.localdate().year - 1
    logement = LogementFactory(
        sous_location=True, statut="DISPONIBLE", date_mobilisation=date(annee - 1, 6, 1)
    )
    OccupationFactory(
        logement=logement, sous_location=True, date_entree=date(annee, 3, 1),
        sortie=(date(annee, 6, 30), "LOGEMENT_SOCIAL"),
    )  # fmt: skip
    connecter(client, demo("julie"))
    reponse = client.get(reverse("occupations:vacance"), {"annee": annee})
    [ligne] = [v for v in reponse.context["vacances"] if v.logement == logement]
    # Janvier et février (59 ou 60 jours), puis juillet à décembre (184 jours).
    fevrier = 29 if annee % 4 == 0 else 28
    assert ligne.vacance.jours == 31 + fevrier + 184
    assert ligne.vacance.cout == 8 * (logement.loyer + logement.charges)
    annexe = reponse.context["annexe"]
    assert annexe.cout_vacance >= ligne.vacance.cout
    page = texte(reponse)
    assert f"Vacance et impayés {annee}" in page and "sans plafond annuel" in page
    assert "Ménages concernés par un impayé" in page
    invalide = client.get(reverse("occupations:vacance"), {"annee": "２０２５"})
    assert "Année : choisissez une année de la liste" in texte(invalide)
