"""Démonstration du parc : rechargée sans doublon, chaque statut présent, un logement refusé
par le contrôle de décence, deux contrats qui finissent sous 90 jours."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from iml.appels.models import Convention
from iml.comptes.models import Organisation
from iml.parc.models import Bailleur, ContratBailleur, EvenementProspect, Logement, Prospect
from iml.parc.services.logements import constats_decence
from regles.types import StatutLogement, StatutProspect

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_chargee_deux_fois():
    call_command("demo", stdout=StringIO())
    sortie = StringIO()
    call_command("demo", stdout=sortie)
    return sortie.getvalue()


def _org(siret: str) -> Organisation:
    return Organisation.objects.get(siret=siret)


def test_la_demo_se_recharge_sans_doublon(demo_chargee_deux_fois):
    ais, relais = _org("42000000000034"), _org("43000000000041")
    # Les logements `L-H…` sont ceux de l'histoire des occupations (iml/occupations/demo.py).
    du_parc = Logement.objects.exclude(reference__startswith="L-H")
    assert du_parc.filter(operateur=ais).count() == 32
    assert du_parc.filter(operateur=relais).count() == 10
    assert Bailleur.objects.filter(operateur=ais).count() == 12
    assert Prospect.objects.filter(operateur=ais).count() == 20
    assert "Parc créé : AIS, 32\u00a0logements" in demo_chargee_deux_fois


def test_formes_communes_et_convention(demo_chargee_deux_fois):
    ais, relais = _org("42000000000034"), _org("43000000000041")
    assert set(Logement.objects.filter(operateur=ais).values_list("forme", flat=True)) == {
        "MANDAT_GESTION"
    }
    assert Logement.objects.filter(operateur=ais).values("commune").distinct().count() >= 6
    sl = Logement.objects.filter(operateur=relais).exclude(reference__startswith="L-H")
    assert set(sl.values_list("forme", flat=True)) == {"SOUS_LOCATION"}
    assert sl.filter(bail_glissant_possible=True).exists()
    assert not sl.filter(redevance__isnull=True).exists()
    convention = Convention.objects.get(dossier__operateur=ais)
    assert convention.logements.count() >= 25
    assert not Logement.objects.filter(operateur=relais, convention__isnull=False).exists()


def test_chaque_statut_est_present(demo_chargee_deux_fois):
    assert set(Logement.objects.values_list("statut", flat=True)) == {
        s.value for s in StatutLogement
    }
    assert set(Prospect.objects.values_list("statut", flat=True)) == {
        s.value for s in StatutProspect
    }
    motifs = Prospect.objects.filter(statut="ABANDONNE").values("motif_abandon").distinct()
    assert motifs.count() >= 5


def test_un_logement_refuse_par_le_controle_de_decence(demo_chargee_deux_fois):
    refuses = [
        lg
        for lg in Logement.objects.filter(statut="EN_CAPTATION")
        if any(c.niveau == "erreur" for c in constats_decence(lg, timezone.localdate()))
    ]
    assert [lg.reference for lg in refuses] == ["L-DECENCE"]
    assert refuses[0].surface_m2 == 8
    erreurs = [c for c in constats_decence(refuses[0], timezone.localdate())]
    assert erreurs[0].regle == "R-DECENCE-SURFACE"
    # Les logements en travaux sont des passoires (classe G) : pas de nouvelle location.
    assert set(
        Logement.objects.filter(statut="EN_TRAVAUX").values_list("classe_dpe", flat=True)
    ) == {"G"}


def test_historique_etale_et_contrats_proches_de_leur_fin(demo_chargee_deux_fois):
    jours = {e.le.date() for e in EvenementProspect.objects.all()}
    assert min(jours) < timezone.localdate() - timedelta(days=180)
    assert max(jours) <= timezone.localdate()
    fin = timezone.localdate() + timedelta(days=90)
    proches = ContratBailleur.objects.filter(
        date_fin__gte=timezone.localdate(), date_fin__lte=fin, resilie_le__isnull=True
    )
    assert proches.count() == 4  # deux par opérateur
    assert Bailleur.objects.filter(ne_pas_contacter=True).count() == 2
    assert Prospect.objects.filter(logement__isnull=False).count() == 9


def test_les_boites_d_alertes_ont_les_fins_de_contrat_sans_doublon(demo_chargee_deux_fois):
    """La démonstration lance une fois la tâche quotidienne : Julie (AIS) voit ses deux fins
    de contrat (R-CONTRAT-FIN), une seule fois malgré le second chargement ; Nadia (travail
    social) n'en reçoit aucune."""
    from iml.alertes.models import Alerte

    # Les alertes des autres règles (orientations, montée en charge, statistiques) : leurs
    # tests de démonstration.
    julie = Alerte.objects.filter(
        destinataire__email="julie.petit@ais35.demo", regle="R-CONTRAT-FIN"
    )
    assert julie.count() == 2
    assert all(a.message.startswith("R-CONTRAT-FIN : ") for a in julie)
    assert not Alerte.objects.filter(destinataire__email="nadia.roux@ais35.demo").exists()
