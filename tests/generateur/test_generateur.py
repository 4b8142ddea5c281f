"""Générateur de données : invariants des services respectés sans passer par eux,
déterminisme par la graine, refus expliqués, console `iml generer`."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from iml.cli import main
from iml.comptes.models import Organisation, Utilisateur
from iml.generateur.chemins import chemin
from iml.generateur.echelles import Echelle
from iml.generateur.moteur import GenerationImpossible, generer
from iml.generateur.organisations import COMPTE_DOCUMENTE, MOT_DE_PASSE_DOCUMENTE
from iml.parc.models import (
    ContratBailleur,
    EvenementLogement,
    EvenementProspect,
    Logement,
    Prospect,
)
from iml.parc.parametres import bareme_national, parametres_parc
from iml.parc.services.logements import constats_decence
from regles.parametres_parc import zone_de_commune
from regles.transitions import TRANSITIONS_LOGEMENT, TRANSITIONS_PROSPECT
from regles.types import Typologie

pytestmark = pytest.mark.django_db
JOUR = date(2026, 11, 30)
PETITE = Echelle("departement", operateurs_par_departement=3, logements_par_operateur=40,
                 prospects_par_operateur=40)  # fmt: skip


def _empreinte() -> list[tuple]:
    return list(
        Logement.objects.order_by("operateur__siret", "reference").values_list(
            "reference", "commune", "typologie", "statut", "surface_m2", "classe_dpe"
        )
    )


def test_chemin_par_la_table():
    assert chemin(TRANSITIONS_LOGEMENT, "EN_CAPTATION", "RESTITUE", ("VACANT",)) == (
        "DISPONIBLE", "OCCUPE", "VACANT", "RESTITUE",
    )  # fmt: skip
    assert chemin(TRANSITIONS_PROSPECT, "A_CONTACTER", "CAPTE") == (
        "CONTACTE", "NEGOCIATION", "CAPTE",
    )  # fmt: skip
    with pytest.raises(ValueError, match="ne mène pas"):
        chemin(TRANSITIONS_PROSPECT, "CAPTE", "CONTACTE")


def test_un_departement_genere_respecte_les_regles_du_parc():
    bilan = generer(PETITE, 3, JOUR)
    assert bilan.lignes["opérateurs"] == 3
    assert Logement.objects.count() == bilan.lignes["logements"] >= 60
    assert Logement.objects.values("commune").distinct().count() >= 5
    capacites = bareme_national().capacite_max_places
    parametres = parametres_parc()
    for lg in Logement.objects.all():
        assert lg.commune.startswith("35")
        assert 1 <= lg.capacite <= capacites[Typologie(lg.typologie)]  # R-CAPACITY
        assert lg.zone == zone_de_commune(lg.commune, parametres).value
        if lg.forme == "MANDAT_GESTION":
            assert lg.redevance is None and not lg.bail_glissant_possible
    assert {lg.statut for lg in Logement.objects.all()} >= {"OCCUPE", "EN_CAPTATION"}


def test_les_statuts_suivent_les_tables_et_la_decence():
    generer(PETITE, 4, JOUR)
    derniers: dict[int, str] = {}
    mises_en_location = defaultdict(list)
    for e in EvenementLogement.objects.order_by("le", "pk"):
        assert e.de == derniers.get(e.logement_id, "")
        if e.de:
            assert TRANSITIONS_LOGEMENT.transition(e.de, e.vers) is not None
        if e.vers in ("DISPONIBLE", "OCCUPE"):
            mises_en_location[e.logement_id].append(e.le.date())
        derniers[e.logement_id] = e.vers
    logements = Logement.objects.in_bulk()
    for pk, statut in derniers.items():
        assert logements[pk].statut == statut
    for pk, jours in mises_en_location.items():
        for jour in jours:
            erreurs = [c for c in constats_decence(logements[pk], jour) if c.niveau == "erreur"]
            assert erreurs == [], (logements[pk].reference, jour)
    for e in EvenementProspect.objects.exclude(de=""):
        assert TRANSITIONS_PROSPECT.transition(e.de, e.vers) is not None


def test_prospects_et_contrats_coherents():
    generer(PETITE, 5, JOUR)
    assert not Prospect.objects.filter(statut="ABANDONNE", motif_abandon__isnull=True).exists()
    assert not Prospect.objects.filter(statut="CAPTE", logement__isnull=True).exists()
    assert not Prospect.objects.filter(
        bailleur__ne_pas_contacter=True, statut__in=["CONTACTE", "VISITE", "NEGOCIATION"]
    ).exists()
    for c in ContratBailleur.objects.select_related("logement"):
        attendu = "MANDAT_GESTION" if c.logement.forme == "MANDAT_GESTION" else "BAIL_ASSOCIATION"
        assert c.type == attendu and c.date_debut == c.logement.date_mobilisation
        assert (c.loyer is None) == (c.type == "MANDAT_GESTION")
    assert Prospect.objects.count() >= 60


def test_meme_graine_memes_donnees_autre_graine_autres():
    generer(PETITE, 7, JOUR)
    premiere = _empreinte()
    generer(PETITE, 7, JOUR, base_vide=True)
    assert _empreinte() == premiere
    generer(PETITE, 8, JOUR, base_vide=True)
    assert _empreinte() != premiere


def test_refus_sans_base_vide_et_demo_intacte():
    demo_siret = Organisation.objects.count()
    generer(PETITE, 1, JOUR)
    with pytest.raises(GenerationImpossible, match="--base-vide"):
        generer(PETITE, 1, JOUR)
    generer(PETITE, 1, JOUR, base_vide=True)
    generees = Organisation.objects.filter(siret__startswith="99")
    assert Organisation.objects.count() - generees.count() == demo_siret


def test_commande_et_console(capsys):
    sortie, erreurs = StringIO(), StringIO()
    call_command("generer", "--echelle", "departement", "--graine", "2", stdout=sortie,
                 stderr=erreurs)  # fmt: skip
    texte = sortie.getvalue()
    assert "Échelle « departement », graine 2 : générée en" in texte
    assert "taille de la base" in texte and "Mo" in texte
    assert "Opérateurs [" in erreurs.getvalue()
    assert Organisation.objects.filter(siret__startswith="99", type="OPERATEUR").count() == 10
    compte = Utilisateur.objects.get(email=COMPTE_DOCUMENTE)
    assert compte.check_password(MOT_DE_PASSE_DOCUMENTE)
    assert not Utilisateur.objects.get(email="direction.001.01@gen.iml.test").has_usable_password()
    with pytest.raises(CommandError, match="existent déjà"):
        call_command("generer", "--graine", "2", stdout=StringIO(), stderr=StringIO())
    assert main(["--help"]) == 0
    assert "generer --echelle departement|region|national" in capsys.readouterr().out


def test_base_vide_supprime_sans_journal_d_audit():
    from auditlog.models import LogEntry

    generer(PETITE, 1, JOUR)
    avant = LogEntry.objects.count()
    generer(PETITE, 1, JOUR, base_vide=True)
    assert LogEntry.objects.count() == avant
    assert Logement.objects.count() > 0
