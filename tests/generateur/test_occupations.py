"""Ménages et occupations générés : les invariants que les services maintiennent, vérifiés sur
une échelle département générée une fois pour le module (graine 11), puis le déterminisme et
la suppression par `--base-vide` sur une petite échelle."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db.models import Count, Sum

from iml.generateur.echelles import ECHELLES, Echelle
from iml.generateur.moteur import generer
from iml.generateur.organisations import vider_generees
from iml.occupations.models import (
    ControleAdmission,
    Ecriture,
    Occupation,
    Periode,
    RevueMandat,
    Tarif,
)
from iml.occupations.parametres import bareme
from iml.occupations.services.compte import appeler_loyers
from iml.parc.models import EvenementLogement, Logement
from regles.calendrier import ajouter_mois
from regles.compte import Ligne, anciennete, montant_du_mois
from regles.occupations import periodes_permises

pytestmark = pytest.mark.django_db
JOUR = date(2026, 11, 30)
CENTIME = Decimal("0.01")
PETITE = Echelle("departement", operateurs_par_departement=2, logements_par_operateur=20,
                 prospects_par_operateur=5)  # fmt: skip


@pytest.fixture(scope="module")
def departement(django_db_setup, django_db_blocker):
    """L'échelle département (10 opérateurs), générée une fois, supprimée à la fin — avec les
    jeux de paramètres que la génération a chargés (écrits hors transaction de test, ils
    fausseraient les tests suivants du même processus)."""
    from iml.referentiel.models import JeuParametres

    with django_db_blocker.unblock():
        avant = set(JeuParametres.objects.values_list("pk", flat=True))
        bilan = generer(ECHELLES["departement"], 11, JOUR)
        yield bilan
        vider_generees()
        charges = JeuParametres.objects.exclude(pk__in=avant)
        while charges.exists():  # les enfants d'abord (parent protégé)
            charges.filter(enfants__isnull=True).delete()


def _generees():
    return Occupation.objects.filter(operateur__siret__startswith="99")


def test_volumes_et_bilan(departement):
    lignes = departement.lignes
    occupes = Logement.objects.filter(occupations__isnull=False).distinct().count()
    assert lignes["occupations"] == _generees().count() >= occupes >= 100
    assert lignes["ménages"] == lignes["occupations"]  # un ménage par occupation
    assert lignes["occupations"] <= 2.5 * occupes  # « environ un ménage par logement »
    assert lignes["lignes de compte"] == Ecriture.objects.count() > 20 * lignes["occupations"]
    assert lignes["contrôles d'admission"] == lignes["tarifs"] == lignes["occupations"]
    entrees = sorted(_generees().values_list("date_entree", flat=True))
    assert entrees[0] >= JOUR - timedelta(days=8 * 366)
    assert (entrees[-1] - entrees[0]).days > 6 * 365  # étalées sur les 8 dernières années


def test_au_plus_une_occupation_en_cours_et_statut_du_logement(departement):
    en_cours = _generees().filter(statut="EN_COURS")
    assert not en_cours.values("menage").annotate(n=Count("pk")).filter(n__gt=1).exists()
    assert not en_cours.values("logement").annotate(n=Count("pk")).filter(n__gt=1).exists()
    occupes = set(Logement.objects.filter(statut="OCCUPE").values_list("pk", flat=True))
    assert set(en_cours.values_list("logement_id", flat=True)) == occupes
    assert not _generees().filter(statut="EN_COURS", date_sortie__isnull=False).exists()
    assert not _generees().filter(statut="TERMINEE", date_sortie__isnull=True).exists()
    assert not _generees().filter(statut="TERMINEE", destination="").exists()


def test_sejours_successifs_et_evenements_du_logement(departement):
    """Séjours d'un logement sans chevauchement, séparés de vacance ; chaque entrée et chaque
    sortie est un changement de statut du logement le jour même."""
    passages = defaultdict(set)
    for lg, de, vers, le in EvenementLogement.objects.values_list("logement", "de", "vers", "le"):
        passages[lg].add((de, vers, le.date()))
    par_logement = defaultdict(list)
    for occ in _generees().order_by("date_entree"):
        par_logement[occ.logement_id].append(occ)
    vacances = 0
    for lg, occupations in par_logement.items():
        for avant, apres in zip(occupations, occupations[1:], strict=False):
            assert avant.date_sortie < apres.date_entree
            vacances += 1
        for occ in occupations:
            assert any(v == "OCCUPE" and j == occ.date_entree for _, v, j in passages[lg])
            if occ.date_sortie:
                vers = "RESTITUE" if occ.destination == "GLISSEMENT_BAIL" else "VACANT"
                assert ("OCCUPE", vers, occ.date_sortie) in passages[lg]
    assert vacances >= 20


def test_sous_location_periodes_et_mandat_de_gestion(departement):
    b = bareme()
    periodes = defaultdict(list)
    for p in Periode.objects.order_by("rang"):
        periodes[p.occupation_id].append(p)
    renouvellements = Counter()
    for occ in _generees():
        if occ.forme == "SOUS_LOCATION":
            liste = periodes[occ.pk]
            assert 1 <= len(liste) <= 3 and [p.rang for p in liste] == list(range(len(liste)))
            renouvellements[len(liste) - 1] += 1
            assert occ.fin_financement is None and occ.suite_parcours
            assert (occ.date_sortie or JOUR) <= liste[-1].fin
            permises = periodes_permises(occ.date_entree, b)
            for p in liste[1:]:
                assert p.decide_le <= permises[p.rang - 1].fin and p.motif
        else:
            assert occ.pk not in periodes and not occ.bail_glissant
            assert occ.fin_financement == ajouter_mois(occ.date_entree, 36) - timedelta(days=1)
    assert set(renouvellements) == {0, 1, 2}
    assert RevueMandat.objects.exists()


def test_sorties_variees_glissement_en_sous_location_seulement(departement):
    sorties = Counter(_generees().exclude(destination="").values_list("destination", flat=True))
    assert len(sorties) >= 5 and sorties["GLISSEMENT_BAIL"] >= 1
    for occ in _generees().filter(destination="GLISSEMENT_BAIL").select_related("logement"):
        assert occ.forme == "SOUS_LOCATION" and occ.bail_glissant
        assert occ.logement.statut == "RESTITUE"
        assert occ.logement.date_restitution == occ.date_sortie


def test_controle_fige_et_menage_a_la_taille_du_logement(departement):
    b = bareme()
    controles = ControleAdmission.objects.filter(occupation__in=_generees())
    assert controles.count() == _generees().count()
    assert not controles.exclude(bareme_code=b.bareme_id, bareme_version=b.version).exists()
    for c in controles:
        assert not [x for x in c.constats if x["niveau"] == "erreur"], c.constats
        assert Decimal(c.chiffres["taux_effort_pct"]) <= Decimal(c.chiffres["taux_effort_max_pct"])
    for occ in _generees().select_related("logement").annotate(n=Count("menage__personnes")):
        assert 1 + occ.n <= occ.logement.capacite  # R-CAPACITY


def test_comptes_appels_uniques_sommes_exactes_et_impayes(departement):
    tarifs = {t.occupation_id: t for t in Tarif.objects.all()}
    assert not (
        Ecriture.objects.filter(nature="APPEL")
        .values("occupation", "mois")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .exists()
    )
    lignes = defaultdict(list)
    for e in Ecriture.objects.order_by("le", "pk"):
        assert isinstance(e.montant, Decimal) and e.montant != 0
        lignes[e.occupation_id].append(e)
    sommes = Ecriture.objects.values_list("occupation").annotate(solde=Sum("montant"))
    for pk, solde_sql in sommes:
        appels = sum(e.montant for e in lignes[pk] if e.nature == "APPEL")
        paiements = sum(-e.montant for e in lignes[pk] if e.nature != "APPEL")
        solde = sum((e.montant for e in lignes[pk]), Decimal("0.00"))
        assert solde == appels - paiements  # exact, en Decimal
        assert Decimal(solde_sql).quantize(CENTIME) == solde  # SQLite somme en flottants
    en_retard = 0
    en_cours = list(_generees().filter(statut="EN_COURS"))
    for occ in _generees():
        mensuel = tarifs[occ.pk].loyer + tarifs[occ.pk].charges
        for e in (x for x in lignes[occ.pk] if x.nature == "APPEL"):
            assert e.montant == montant_du_mois(mensuel, e.mois, occ.date_entree, occ.date_sortie)
        if occ.statut == "EN_COURS":
            dette = anciennete([Ligne(e.le, e.montant) for e in lignes[occ.pk]], JOUR)
            en_retard += dette.total > mensuel
    assert 0.05 * len(en_cours) <= en_retard <= 0.35 * len(en_cours)


def test_la_tache_quotidienne_ne_cree_rien_le_jour_de_la_generation(departement):
    avant = Ecriture.objects.count()
    crees = sum(appeler_loyers(o, JOUR) for o in _generees().filter(statut="EN_COURS"))
    assert crees == 0 and Ecriture.objects.count() == avant


def _empreinte() -> list[tuple]:
    return list(
        Occupation.objects.order_by("operateur__siret", "logement__reference", "date_entree")
        .annotate(solde=Sum("ecritures__montant"))
        .values_list("logement__reference", "date_entree", "date_sortie", "destination", "solde")
    )


def test_meme_graine_memes_menages_et_comptes():
    bilan = generer(PETITE, 5, JOUR, base_vide=True)  # remplace l'échelle du module
    premiere = _empreinte()
    assert premiere and bilan.lignes["occupations"] == len(premiere)
    bilan = generer(PETITE, 5, JOUR, base_vide=True)
    assert _empreinte() == premiere
    assert Ecriture.objects.count() == bilan.lignes["lignes de compte"]
    generer(PETITE, 6, JOUR, base_vide=True)
    assert _empreinte() != premiere
    vider_generees()
    assert not Occupation.objects.exists() and not Ecriture.objects.exists()
