"""Ce que calculent la présentation et les sélecteurs des écrans des ménages : âge, composition,
ressources courantes et total (inconnu sans ressource), lecture des filtres, choix du référent,
journal réservé à la direction."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.utils import timezone

from iml.menages import presentation as p
from iml.menages import selectors
from iml.menages.services import menages as services
from tests.appels.factories import acteur
from tests.menages.factories import MenageFactory


@pytest.mark.parametrize(
    ("naissance", "jour", "attendu"),
    [
        (date(1990, 5, 17), date(2026, 5, 16), 35),
        (date(1990, 5, 17), date(2026, 5, 17), 36),
        (date(2000, 2, 29), date(2026, 2, 28), 25),
        (date(2000, 2, 29), date(2026, 3, 1), 26),
    ],
)
def test_age_en_annees_revolues(naissance, jour, attendu):
    assert p.age(naissance, jour) == attendu


def test_composition():
    assert [p.composition(n) for n in (1, 2, 5)] == ["1 personne", "2 personnes", "5 personnes"]


def test_lecture_des_filtres_ignore_les_valeurs_hors_liste():
    f = p.lire_filtres(
        QueryDict("q=  Diallo   Fatou &referent=1%C2%B2&categorie=X&situation=SORTI")
    )
    assert (f.q, f.referent, f.categorie, f.situation) == ("Diallo Fatou", "", "", "SORTI")
    assert f.en_parametres() == "q=Diallo+Fatou&situation=SORTI"
    assert p.lire_filtres(QueryDict("referent=aucun")).referent == "aucun"
    assert not p.lire_filtres(QueryDict("")).actifs


@pytest.mark.django_db
def test_ressources_courantes_historique_et_total(distribution):
    menage = MenageFactory(ressources={})
    assert p.ressources(menage, timezone.localdate()).total is None
    a, jour = acteur(distribution.julie), timezone.localdate()
    for nature, montant, il_y_a in (("SALAIRE", "900.10", 90), ("SALAIRE", "1000.20", 10),
                                    ("AIDE_LOGEMENT", "250.30", 10)):  # fmt: skip
        services.ajouter_ressource(
            acteur=a, menage=menage, nature=nature, montant=Decimal(montant),
            connue_le=jour - timedelta(days=il_y_a), aujourd_hui=jour,
        )  # fmt: skip
    menage = selectors.menage_de_la_fiche(a, menage.pk)
    r = p.ressources(menage, jour)
    assert r.total == Decimal("1250.50")
    assert [x.montant for x in r.historique] == [Decimal("900.10")]
    # Au jour d'avant la nouvelle valeur, l'ancienne comptait seule.
    assert p.ressources(menage, jour - timedelta(days=30)).total == Decimal("900.10")


@pytest.mark.django_db
def test_le_referent_se_choisit_parmi_le_travail_social_actif_de_l_organisation(distribution):
    assert list(selectors.travailleurs_sociaux(acteur(distribution.julie))) == [distribution.nadia]
    # Nadia travaille aussi pour le Relais.
    relais = list(selectors.travailleurs_sociaux(acteur(distribution.thomas)))
    assert relais == [distribution.ines, distribution.nadia]
    assert not selectors.travailleurs_sociaux(acteur(distribution.claire)).exists()


@pytest.mark.django_db
def test_le_journal_des_consultations_est_pour_la_direction_de_l_operateur(distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    services.journaliser_consultation(
        acteur=acteur(distribution.nadia), menage=menage, page="fiche", maintenant=timezone.now()
    )
    lues = selectors.consultations_recentes(acteur(distribution.marc), menage)
    assert [c.par for c in lues] == [distribution.nadia]
    for persona in ("julie", "nadia", "helene", "claire", "admin"):
        assert (
            selectors.consultations_recentes(acteur(getattr(distribution, persona)), menage) is None
        )


@pytest.mark.django_db
def test_la_liste_marque_le_logement_en_cours_et_la_sortie(distribution):
    from tests.menages.factories import OccupationFactory

    jour = timezone.localdate()
    OccupationFactory(menage=MenageFactory(nom="Sorti"), sortie=(jour - timedelta(days=5), "RUE"))
    loge = OccupationFactory(menage=MenageFactory(nom="Loge"))
    lignes = {
        m.nom: p.ligne_liste(m) for m in selectors.menages_de_la_liste(acteur(distribution.julie))
    }
    assert lignes["Loge"]["occupation"] == loge and lignes["Sorti"]["occupation"] is None
    assert lignes["Loge"]["composition"] == "2 personnes"


def test_description_d_un_element_retire():
    class Ressource:
        montant, connue_le = Decimal("1100.50"), date(2026, 3, 5)

        def get_nature_display(self):
            return "Salaire"

    texte = p.description_element("ressource", Ressource())
    assert texte.replace("\u202f", " ").replace("\xa0", " ") == (
        "Salaire : 1 100,50 €, connue le 05/03/2026"
    )
