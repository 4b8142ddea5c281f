"""Alertes quotidiennes des occupations : renouvellement ou fin de la sous-location
(R-SL-DURATION), fin du financement et revues du mandat de gestion (R-MG-GLS-DURATION),
impayés (R-IMPAYES). Qui les reçoit, une seule fois, à quel jour, et ce qu'elles disent."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from iml.alertes.models import Alerte
from iml.alertes.services import regler_preferences
from iml.occupations import taches
from iml.occupations.parametres import bareme
from iml.occupations.services import compte, horloge
from regles.occupations import periodes_permises, revues_mandat
from tests.appels.factories import acteur, demo
from tests.menages.factories import MenageFactory, OccupationFactory, a_midi

pytestmark = pytest.mark.django_db


def _iso(jour: date) -> str:
    return jour.isoformat()


def _alertes(occupation, regle: str):
    return Alerte.objects.filter(cle__startswith=f"{regle}:occupation-{occupation.pk}:")


def _sous_location(**options):
    menage = MenageFactory(suivi_par_nadia=True, reference=options.pop("reference", "SL-001"))
    return OccupationFactory(menage=menage, sous_location=True, **options)


def _fin(occupation) -> date:
    return occupation.periodes.order_by("-rang").first().fin


# --- R-SL-DURATION ---------------------------------------------------------------------------


def test_renouvellement_a_30_puis_15_jours_a_la_gestion_et_a_la_referente(distribution):
    occupation = _sous_location()
    fin = _fin(occupation)
    assert taches.alerter_occupations.call(_iso(fin - timedelta(days=31))) == 0
    assert taches.alerter_occupations.call(_iso(fin - timedelta(days=30))) == 3
    alertes = _alertes(occupation, "R-SL-DURATION")
    assert {a.destinataire for a in alertes} == {
        distribution.marc, distribution.julie, distribution.nadia
    }  # fmt: skip
    alerte = alertes.get(destinataire=distribution.julie)
    assert alerte.message == (
        f"R-SL-DURATION : renouvellement de la sous-location de SL-001 à décider avant le "
        f"{fin:%d/%m/%Y} (2\u00a0renouvellements encore possibles)."
    )
    assert alerte.regle == "R-SL-DURATION" and alerte.echeance == fin
    assert alerte.lien == f"/occupations/{occupation.pk}/"
    assert "Martin" not in alerte.message and "Awa" not in alerte.message
    # Rejouer le même jour ou le lendemain : rien de plus ; à 15 jours, une nouvelle alerte.
    assert taches.alerter_occupations.call(_iso(fin - timedelta(days=30))) == 0
    assert taches.alerter_occupations.call(_iso(fin - timedelta(days=29))) == 0
    assert taches.alerter_occupations.call(_iso(fin - timedelta(days=15))) == 3
    assert taches.alerter_occupations.call(_iso(fin - timedelta(days=15))) == 0
    assert _alertes(occupation, "R-SL-DURATION").count() == 6
    # Après la fin de la période sans décision ni sortie : une alerte « échue », une seule fois.
    assert taches.alerter_occupations.call(_iso(fin + timedelta(days=1))) == 3
    assert _alertes(occupation, "R-SL-DURATION").filter(cle__endswith=":echue").count() == 3
    assert taches.alerter_occupations.call(_iso(fin + timedelta(days=2))) == 0


def test_un_renouvellement_restant_se_dit_au_singulier(distribution):
    occupation = _sous_location(
        date_entree=timezone.localdate() - timedelta(days=200), renouvellements=1
    )
    fin = _fin(occupation)
    taches.alerter_occupations.call(_iso(fin - timedelta(days=15)))
    message = _alertes(occupation, "R-SL-DURATION").first().message
    assert message.endswith("(1\u00a0renouvellement encore possible).")


@pytest.mark.parametrize(
    ("suite", "attendu"),
    [
        ("BAIL_GLISSANT", "suite prévue : glissement de bail."),
        ("", "suite du parcours non prévue."),
    ],
)
def test_sans_renouvellement_possible_l_alerte_dit_la_suite(distribution, suite, attendu):
    occupation = _sous_location(
        date_entree=timezone.localdate() - timedelta(days=380),
        renouvellements=2,
        suite_parcours=suite,
    )
    fin = _fin(occupation)
    taches.alerter_occupations.call(_iso(fin - timedelta(days=30)))
    message = _alertes(occupation, "R-SL-DURATION").first().message
    assert message == (
        f"R-SL-DURATION : fin de la sous-location de SL-001 le {fin:%d/%m/%Y}, aucun "
        f"renouvellement possible : {attendu}"
    )


def test_les_jours_d_alerte_viennent_du_jeu_de_parametres(distribution, monkeypatch):
    occupation = _sous_location()
    fin = _fin(occupation)
    courant = bareme()
    autres = dataclasses.replace(courant.occupations, sl_alertes_jours=(45,))
    monkeypatch.setattr(taches, "bareme", lambda: dataclasses.replace(courant, occupations=autres))
    assert taches.alerter_occupations.call(_iso(fin - timedelta(days=30))) == 3
    assert _alertes(occupation, "R-SL-DURATION").first().cle.endswith(":J-45")


def test_le_courriel_part_seulement_pour_qui_l_a_demande(
    distribution, mailoutbox, django_capture_on_commit_callbacks
):
    occupation = _sous_location()
    regler_preferences(utilisateur=distribution.nadia, par_courriel=True)
    jour = _iso(_fin(occupation) - timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        taches.alerter_occupations.call(jour)
    assert [m.to for m in mailoutbox] == [[distribution.nadia.email]]
    assert "R-SL-DURATION : renouvellement de la sous-location de SL-001" in mailoutbox[0].body
    assert "Martin" not in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        taches.alerter_occupations.call(jour)
    assert len(mailoutbox) == 1


def test_une_referente_partie_ne_recoit_rien(distribution):
    from iml.comptes.models import Adhesion

    occupation = _sous_location()
    Adhesion.objects.filter(utilisateur=distribution.nadia).update(actif=False)
    assert taches.alerter_occupations.call(_iso(_fin(occupation) - timedelta(days=30))) == 2


# --- R-MG-GLS-DURATION ------------------------------------------------------------------------


def test_fin_du_financement_a_90_puis_30_jours_sans_la_referente(distribution):
    occupation = OccupationFactory(menage=MenageFactory(suivi_par_nadia=True, reference="MG-1"))
    fin = occupation.fin_financement
    cle = f"R-MG-GLS-DURATION:occupation-{occupation.pk}:fin-financement"
    taches.alerter_occupations.call(_iso(fin - timedelta(days=91)))
    assert not Alerte.objects.filter(cle__startswith=cle).exists()
    taches.alerter_occupations.call(_iso(fin - timedelta(days=90)))
    alertes = Alerte.objects.filter(cle__startswith=cle)
    assert {a.destinataire for a in alertes} == {distribution.marc, distribution.julie}
    assert alertes.first().message == (
        f"R-MG-GLS-DURATION : fin du financement de la gestion locative de MG-1 le "
        f"{fin:%d/%m/%Y} (dans 90\u00a0jours) : préparez la suite (bail direct, relogement)."
    )
    taches.alerter_occupations.call(_iso(fin - timedelta(days=60)))
    assert Alerte.objects.filter(cle__startswith=cle).count() == 2
    taches.alerter_occupations.call(_iso(fin - timedelta(days=30)))
    assert Alerte.objects.filter(cle__startswith=cle).count() == 4


def test_revue_annuelle_avant_sa_date_puis_en_retard_jusqu_a_ce_qu_elle_soit_notee(distribution):
    occupation = OccupationFactory(menage=MenageFactory(reference="MG-2"))
    revue = revues_mandat(occupation.date_entree, bareme())[0]
    alertes = _alertes(occupation, "R-MG-GLS-DURATION")
    assert taches.alerter_occupations.call(_iso(revue - timedelta(days=31))) == 0
    assert taches.alerter_occupations.call(_iso(revue - timedelta(days=30))) == 2
    assert alertes.first().message == (
        f"R-MG-GLS-DURATION : revue annuelle du financement de la gestion de MG-2 à faire avant "
        f"le {revue:%d/%m/%Y}."
    )
    assert taches.alerter_occupations.call(_iso(revue)) == 0
    assert taches.alerter_occupations.call(_iso(revue + timedelta(days=1))) == 2
    assert "en retard : prévue le" in alertes.filter(cle__endswith=":retard").first().message
    horloge.revoir_mandat(
        acteur=acteur(demo("julie")), occupation=occupation, le=revue, poursuite=True, note="",
        maintenant=a_midi(revue),
    )  # fmt: skip
    # La revue notée, la suivante n'est due que l'an prochain.
    assert taches.alerter_occupations.call(_iso(revue + timedelta(days=2))) == 0


# --- R-IMPAYES --------------------------------------------------------------------------------


def _en_impayes(reference: str = "IMP-1"):
    """Entré le 1er du mois il y a quatre mois : quatre appels de 560 €, rien payé."""
    aujourd_hui = timezone.localdate()
    mois = aujourd_hui.replace(day=1)
    for _ in range(3):
        mois = (mois - timedelta(days=1)).replace(day=1)
    occupation = OccupationFactory(
        menage=MenageFactory(suivi_par_nadia=True, reference=reference), date_entree=mois
    )
    compte.appeler_loyers(occupation, aujourd_hui)
    return occupation


def test_impayes_une_alerte_par_menage_et_par_mois(distribution):
    occupation = _en_impayes()
    aujourd_hui = timezone.localdate()
    assert taches.alerter_occupations.call(_iso(aujourd_hui)) == 3
    alertes = _alertes(occupation, "R-IMPAYES")
    assert {a.destinataire for a in alertes} == {
        distribution.marc, distribution.julie, distribution.nadia
    }  # fmt: skip
    alerte = alertes.first()
    assert alerte.message.startswith("R-IMPAYES : le ménage IMP-1 doit ")
    assert alerte.lien == f"/occupations/{occupation.pk}/compte/"
    assert alerte.cle.endswith(f":{aujourd_hui:%Y-%m}")
    assert taches.alerter_occupations.call(_iso(aujourd_hui)) == 0
    prochain = (aujourd_hui.replace(day=28) + timedelta(days=5)).replace(day=15)
    compte.appeler_loyers(occupation, prochain)
    assert taches.alerter_occupations.call(_iso(prochain)) == 3  # un nouveau mois


def test_sous_le_seuil_pas_d_alerte(distribution):
    occupation = OccupationFactory(
        menage=MenageFactory(reference="OK-1"), date_entree=timezone.localdate() - timedelta(days=5)
    )
    compte.appeler_loyers(occupation, timezone.localdate())
    assert taches.alerter_occupations.call(_iso(timezone.localdate())) == 0
    assert not _alertes(occupation, "R-IMPAYES").exists()


# --- Commande et volume -----------------------------------------------------------------------


def test_la_commande_quotidienne_lance_les_alertes_des_occupations(distribution, capsys):
    occupation = _sous_location()
    call_command("alertes_quotidiennes", jour=_iso(_fin(occupation) - timedelta(days=30)))
    sortie = capsys.readouterr().out
    # Les appels du jour passent d'abord : le ménage qui n'a rien payé est aussi en impayé.
    assert "Appels de loyer :" in sortie.split("Occupations :")[0]
    from iml.alertes.models import Alerte

    assert Alerte.objects.filter(regle="R-SL-DURATION").count() == 3
    creees = Alerte.objects.count()
    assert f"Occupations : {creees} alerte(s) créée(s)." in sortie


def _requetes_lecture(jour: str) -> int:
    with CaptureQueriesContext(connection) as requetes:
        taches.alerter_occupations.call(jour)
    return sum(
        1 for q in requetes.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")
    )


def test_les_lectures_ne_croissent_pas_avec_le_nombre_d_occupations(distribution):
    entree = timezone.localdate() - timedelta(days=60)
    fin = periodes_permises(entree, bareme())[0].fin
    jour = _iso(fin - timedelta(days=30))
    _sous_location(reference="V-1", date_entree=entree)
    taches.alerter_occupations.call(jour)  # les alertes existent : rejouer ne fait que lire
    une = _requetes_lecture(jour)
    for n in range(2, 5):
        _sous_location(reference=f"V-{n}", date_entree=entree)
    taches.alerter_occupations.call(jour)
    assert _requetes_lecture(jour) == une


def test_un_menage_avec_un_plan_ouvert_n_est_plus_signale_en_impaye(distribution):
    from regles.compte import echeancier

    entree = timezone.localdate() - timedelta(days=120)
    occupation = _sous_location(reference="P-1", date_entree=entree)
    compte.appeler_loyers(occupation, timezone.localdate(), 1)
    dette = sum(occupation.ecritures.values_list("montant", flat=True))
    compte.creer_plan(
        acteur=acteur(demo("julie")), occupation=occupation, montant=dette,
        versements=echeancier(dette, 4, timezone.localdate()), aujourd_hui=timezone.localdate(),
    )  # fmt: skip
    taches.alerter_occupations.call(_iso(timezone.localdate()))
    assert not _alertes(occupation, "R-IMPAYES").exists()
