"""Démonstration des occupations : rechargée sans doublon, chaque destination de sortie, le
contrôle figé de chaque occupation, une horloge de la sous-location cohérente, des comptes
soldés sauf un ménage en impayé de trois mois."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from iml.menages.models import Menage
from iml.occupations.models import ControleAdmission, Ecriture, Occupation
from iml.parc.models import Logement
from regles.types import DestinationSortie

pytestmark = pytest.mark.django_db


def _compter() -> dict[str, int]:
    return {
        "menages": Menage.objects.count(),
        "occupations": Occupation.objects.count(),
        "ecritures": Ecriture.objects.count(),
        "logements": Logement.objects.count(),
    }


def test_la_demo_des_occupations():
    """Un seul chargement double (il prend du temps) ; chaque vérification est une fonction."""
    call_command("demo", stdout=StringIO())
    premier = _compter()
    sortie = StringIO()
    call_command("demo", stdout=sortie)
    _sans_doublon(premier, sortie.getvalue())
    _chaque_destination_et_les_deux_glissements()
    _chaque_occupation_a_son_controle_fige()
    _l_horloge_de_la_sous_location_est_coherente()
    _comptes_soldes_sauf_un_menage_en_impaye_de_trois_mois()
    _les_referentes_suivent_des_menages()


def _sans_doublon(premier, texte):
    assert _compter() == premier
    assert 36 <= premier["menages"] <= 49  # dont 1 admis par la démonstration des orientations
    assert "Occupations créées" in texte


def _chaque_destination_et_les_deux_glissements():
    destinations = set(
        Occupation.objects.exclude(destination="").values_list("destination", flat=True)
    )
    assert destinations == {d.value for d in DestinationSortie}
    glissements = Occupation.objects.filter(destination="GLISSEMENT_BAIL")
    assert glissements.filter(suivante__isnull=False).count() == 1
    restitue = glissements.get(suivante__isnull=True)
    assert restitue.logement.statut == "RESTITUE"
    mandat = Occupation.objects.get(precedente__isnull=False)
    # Le mandat qui suit le glissement arrive au bout de ses trois ans.
    assert timezone.localdate() < mandat.fin_financement < timezone.localdate() + timedelta(days=90)


def _chaque_occupation_a_son_controle_fige():
    assert ControleAdmission.objects.count() == Occupation.objects.count()
    assert not Occupation.objects.filter(controle__isnull=True).exists()
    # Tout logement occupé a son ménage, tout ménage en cours a un logement occupé.
    operateurs = Occupation.objects.values("operateur")
    occupes = Logement.objects.filter(operateur__in=operateurs, statut="OCCUPE")
    assert set(occupes.values_list("pk", flat=True)) == set(
        Occupation.objects.filter(statut="EN_COURS").values_list("logement", flat=True)
    )


def _l_horloge_de_la_sous_location_est_coherente():
    aujourd_hui = timezone.localdate()
    sl = Occupation.objects.filter(forme="SOUS_LOCATION").prefetch_related("periodes")
    assert sl.count() >= 15
    for occupation in sl:
        periodes = list(occupation.periodes.all())
        assert [p.rang for p in periodes] == list(range(len(periodes))) and len(periodes) <= 3
        for avant, apres in zip(periodes, periodes[1:], strict=False):
            assert apres.debut == avant.fin + timedelta(days=1)
            assert apres.decide_le <= avant.fin
        fin = occupation.date_sortie or aujourd_hui
        assert periodes[0].debut == occupation.date_entree and fin <= periodes[-1].fin
    # Un ménage à son deuxième renouvellement, presque au bout : une note le dit.
    dernier = sl.filter(statut="EN_COURS", menage__notes__contains="R-SL-DURATION").get()
    assert dernier.periodes.count() == 3
    assert dernier.periodes.last().fin <= aujourd_hui + timedelta(days=30)


def _comptes_soldes_sauf_un_menage_en_impaye_de_trois_mois():
    # Sommes en Python : SQLite additionne les décimaux en flottants.
    soldes: dict[int, Decimal] = {}
    for pk, montant in Ecriture.objects.values_list("occupation", "montant"):
        soldes[pk] = soldes.get(pk, Decimal(0)) + montant
    debiteurs = [pk for pk, s in soldes.items() if s and s > Decimal(0)]
    assert len(debiteurs) == 1
    occupation = Occupation.objects.get(pk=debiteurs[0])
    trois = occupation.ecritures.filter(nature="APPEL").order_by("-mois")[:3]
    assert soldes[occupation.pk] == sum(e.montant for e in trois)
    assert occupation.menage.referent.email.startswith("nadia.")


def _les_referentes_suivent_des_menages():
    assert Menage.objects.filter(referent__email__startswith="nadia.").count() >= 5
    assert Menage.objects.filter(referent__email__startswith="ines.").count() >= 5
    assert Menage.objects.filter(
        occupations__statut="EN_COURS", referent__email__startswith="ines."
    ).exists()
