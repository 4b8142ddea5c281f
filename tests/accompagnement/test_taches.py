"""Tâche quotidienne de l'accompagnement : semaine sans visite d'« un petit chez-soi »
(R-PETIT-CHEZ-SOI) et action budgétaire ouverte par les impayés puis refermée quand le ménage a
payé (R-ACCOMP-IMPAYES). Qui est alerté, une seule fois, et ce que dit l'alerte."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from iml.accompagnement import taches
from iml.accompagnement.models import Objectif
from iml.accompagnement.services import impayes
from iml.alertes.models import Alerte
from iml.comptes.models import Adhesion
from iml.occupations.services import compte, sorties
from tests.accompagnement.factories import ContactFactory, PlanFactory
from tests.appels.factories import acteur, demo
from tests.menages.factories import MenageFactory, OccupationFactory

pytestmark = pytest.mark.django_db


def _lancer(jour: date) -> dict[str, int]:
    return taches.alerter_accompagnement.call(jour.isoformat())


def _lundi() -> date:
    aujourd_hui = timezone.localdate()
    return aujourd_hui - timedelta(days=aujourd_hui.weekday())


def _mercredi() -> date:
    """La date de référence des tests de semaines : le mercredi de la semaine en cours, pour que
    « demain » ne clôture jamais une semaine (ce que ferait un dimanche)."""
    return _lundi() + timedelta(days=2)


# --- R-PETIT-CHEZ-SOI ------------------------------------------------------------------------


def _petit_chez_soi(reference: str = "PCS-1", semaines_visitees=(5, 4, 3, 1)):
    """Plan « un petit chez-soi » ouvert un lundi il y a cinq semaines ; une visite à domicile
    le mardi des semaines `semaines_visitees` (comptées en arrière depuis la semaine en cours),
    et un appel téléphonique la semaine 2 (un appel n'est pas une visite)."""
    lundi = _lundi()
    menage = OccupationFactory(
        sous_location=True, menage=MenageFactory(suivi_par_nadia=True, reference=reference)
    ).menage
    plan = PlanFactory(petit_chez_soi=True, menage=menage, debut_le=lundi - timedelta(weeks=5))
    for n in semaines_visitees:
        ContactFactory(menage=menage, le=lundi - timedelta(weeks=n) + timedelta(days=1))
    ContactFactory(menage=menage, le=lundi - timedelta(weeks=2, days=-2), canal="TELEPHONE")
    return plan


def test_r_petit_chez_soi_semaine_sans_visite_alertee_une_fois(distribution):
    plan = _petit_chez_soi()
    lundi_manque = _lundi() - timedelta(weeks=2)
    aujourd_hui = _mercredi()
    assert _lancer(aujourd_hui)["alertes"] == 2
    alertes = Alerte.objects.filter(regle="R-PETIT-CHEZ-SOI")
    assert {a.destinataire for a in alertes} == {distribution.nadia, distribution.marc}
    alerte = alertes.first()
    dimanche = lundi_manque + timedelta(days=6)
    assert alerte.message == (
        "R-PETIT-CHEZ-SOI : 1\u00a0visite au moins par semaine pour PCS-1 (« un petit "
        f"chez-soi ») : aucune la semaine du {lundi_manque:%d/%m/%Y} au {dimanche:%d/%m/%Y}."
    )
    assert alerte.lien == f"/accompagnement/menages/{plan.menage.pk}/"
    assert alerte.echeance == dimanche
    assert "Martin" not in alerte.message and "Awa" not in alerte.message
    # Rejouer le même jour, le lendemain : rien de plus.
    assert _lancer(aujourd_hui)["alertes"] == 0
    assert _lancer(aujourd_hui + timedelta(days=1))["alertes"] == 0
    # La semaine en cours s'achève sans visite : une nouvelle alerte, pour cette semaine-là.
    semaine_suivante = _lundi() + timedelta(days=8)
    assert _lancer(semaine_suivante)["alertes"] == 2
    assert _lancer(semaine_suivante)["alertes"] == 0
    assert Alerte.objects.filter(regle="R-PETIT-CHEZ-SOI").count() == 4


def test_r_petit_chez_soi_chaque_semaine_visitee_rien_a_dire(distribution):
    _petit_chez_soi(semaines_visitees=(5, 4, 3, 2, 1))
    assert _lancer(_mercredi())["alertes"] == 0


def test_r_petit_chez_soi_la_gestion_locative_n_est_pas_alertee(distribution):
    _petit_chez_soi()
    _lancer(_mercredi())
    assert not Alerte.objects.filter(destinataire=distribution.julie).exists()


def test_r_petit_chez_soi_un_plan_clos_n_est_plus_suivi(distribution):
    plan = _petit_chez_soi()
    from iml.accompagnement.services import plans

    plans.clore_plan(
        acteur=acteur(demo("nadia")), plan=plan, fin_le=timezone.localdate(),
        issue="OBJECTIFS_ATTEINTS", note_fin="", aujourd_hui=timezone.localdate(),
    )  # fmt: skip
    assert _lancer(_mercredi())["alertes"] == 0


# --- R-ACCOMP-IMPAYES ------------------------------------------------------------------------


def _en_impayes(reference: str = "IMP-1", referent: str | None = "nadia"):
    """Sous-location (320 € + 40 €) entrée le 1er du mois il y a trois mois : quatre appels de
    360 €, rien payé ; plan ouvert il y a 30 jours."""
    aujourd_hui = timezone.localdate()
    mois = aujourd_hui.replace(day=1)
    for _ in range(3):
        mois = (mois - timedelta(days=1)).replace(day=1)
    menage = MenageFactory(reference=reference, referent=demo(referent) if referent else None)
    occupation = OccupationFactory(sous_location=True, menage=menage, date_entree=mois)
    compte.appeler_loyers(occupation, aujourd_hui)
    agent = demo(referent) if referent else demo("marc")
    return PlanFactory(menage=menage, agent=agent), occupation


def _actions(plan):
    return Objectif.objects.filter(plan=plan, origine="IMPAYES")


def _payer(occupation, montant) -> None:
    compte.encaisser(
        acteur=acteur(demo("julie")), occupation=occupation, nature="PAIEMENT_MENAGE",
        le=timezone.localdate(), montant=montant, aujourd_hui=timezone.localdate(),
    )  # fmt: skip


def test_r_accomp_impayes_ouvre_l_action_puis_la_ferme_quand_le_menage_paie(distribution):
    plan, occupation = _en_impayes()
    aujourd_hui = timezone.localdate()
    assert _lancer(aujourd_hui) == {"alertes": 1, "actions_ouvertes": 1, "actions_fermees": 0}
    [action] = _actions(plan)
    assert (action.domaine, action.statut, action.libelle) == (
        "BUDGET", "EN_COURS", "Soutien budgétaire : résorber la dette de loyer"
    )  # fmt: skip
    assert (action.ouvert_le, action.revue_le) == (aujourd_hui, aujourd_hui + timedelta(days=30))
    [alerte] = Alerte.objects.filter(regle="R-ACCOMP-IMPAYES")
    assert alerte.destinataire == distribution.nadia
    assert alerte.message == (
        "R-ACCOMP-IMPAYES : la dette de IMP-1 atteint 2\u00a0mois de loyer ou de redevance : "
        "une action de soutien budgétaire est ouverte sur son plan d'accompagnement."
    )
    assert alerte.lien == f"/accompagnement/menages/{plan.menage.pk}/"
    # Rejouer : rien de plus ; un paiement partiel ne ferme rien.
    assert _lancer(aujourd_hui) == {"alertes": 0, "actions_ouvertes": 0, "actions_fermees": 0}
    _payer(occupation, sum(occupation.ecritures.values_list("montant", flat=True)) - 10)
    assert _lancer(aujourd_hui)["actions_fermees"] == 0
    # Le ménage solde sa dette : l'action est atteinte, close ce jour ; rejouer ne change rien.
    _payer(occupation, 10)
    assert _lancer(aujourd_hui) == {"alertes": 0, "actions_ouvertes": 0, "actions_fermees": 1}
    action.refresh_from_db()
    assert (action.statut, action.clos_le) == ("ATTEINT", aujourd_hui)
    assert _lancer(aujourd_hui) == {"alertes": 0, "actions_ouvertes": 0, "actions_fermees": 0}


def test_r_accomp_impayes_une_nouvelle_dette_rouvre_une_action(distribution):
    plan, occupation = _en_impayes()
    aujourd_hui = timezone.localdate()
    _lancer(aujourd_hui)
    _payer(occupation, sum(occupation.ecritures.values_list("montant", flat=True)))
    _lancer(aujourd_hui)
    # Trois mois plus tard, rien payé : une nouvelle action, une nouvelle alerte.
    plus_tard = aujourd_hui + timedelta(days=95)
    compte.appeler_loyers(occupation, plus_tard)
    assert _lancer(plus_tard) == {"alertes": 1, "actions_ouvertes": 1, "actions_fermees": 0}
    assert list(_actions(plan).values_list("statut", flat=True).order_by("pk")) == [
        "ATTEINT", "EN_COURS"
    ]  # fmt: skip


def test_r_accomp_impayes_sous_le_seuil_rien_ne_s_ouvre(distribution):
    plan, occupation = _en_impayes()
    du = sum(occupation.ecritures.values_list("montant", flat=True))
    _payer(occupation, du - 700)  # reste 700 € < 2 × 360 €
    assert _lancer(timezone.localdate())["actions_ouvertes"] == 0
    assert not _actions(plan).exists()


def test_r_accomp_impayes_une_alerte_manquee_est_rattrapee_au_passage_suivant(distribution):
    plan, _ = _en_impayes()
    aujourd_hui = timezone.localdate()
    # L'action s'est ouverte sans que l'alerte parte (passage interrompu) : rattrapée.
    action = impayes.ouvrir_action_impayes(plan=plan, aujourd_hui=aujourd_hui)
    assert _lancer(aujourd_hui) == {"alertes": 1, "actions_ouvertes": 0, "actions_fermees": 0}
    alerte = Alerte.objects.get(regle="R-ACCOMP-IMPAYES")
    assert (alerte.destinataire, alerte.echeance) == (distribution.nadia, action.revue_le)
    assert _lancer(aujourd_hui + timedelta(days=1))["alertes"] == 0


def _sortie(occupation) -> None:
    sorties.sortir(
        acteur=acteur(demo("julie")), occupation=occupation, date_sortie=timezone.localdate(),
        destination="LOGEMENT_SOCIAL", maintenant=timezone.now(),
    )  # fmt: skip


def test_r_accomp_impayes_apres_la_sortie_l_action_se_ferme_a_la_dette_soldee(distribution):
    plan, occupation = _en_impayes()
    aujourd_hui = timezone.localdate()
    _lancer(aujourd_hui)
    _sortie(occupation)
    assert _lancer(aujourd_hui)["actions_fermees"] == 0  # la dette reste due
    _payer(occupation, sum(occupation.ecritures.values_list("montant", flat=True)))
    assert _lancer(aujourd_hui) == {"alertes": 0, "actions_ouvertes": 0, "actions_fermees": 1}
    assert list(_actions(plan).values_list("statut", flat=True)) == ["ATTEINT"]


def test_r_accomp_impayes_apres_la_sortie_rien_ne_s_ouvre(distribution):
    plan, occupation = _en_impayes()
    _sortie(occupation)
    assert _lancer(timezone.localdate()) == {
        "alertes": 0, "actions_ouvertes": 0, "actions_fermees": 0
    }  # fmt: skip
    assert not _actions(plan).exists()


def test_r_accomp_impayes_sans_referent_la_direction_est_alertee(distribution):
    plan, _ = _en_impayes(referent=None)
    assert _lancer(timezone.localdate())["alertes"] == 1
    assert Alerte.objects.get(regle="R-ACCOMP-IMPAYES").destinataire == distribution.marc


def test_r_accomp_impayes_referente_partie_la_direction_prend_le_relais(distribution):
    _en_impayes()
    Adhesion.objects.filter(utilisateur=distribution.nadia).update(actif=False)
    _lancer(timezone.localdate())
    assert Alerte.objects.get(regle="R-ACCOMP-IMPAYES").destinataire == distribution.marc


# --- Commande et volume ------------------------------------------------------------------------


def test_la_commande_quotidienne_lance_la_tache_de_l_accompagnement(distribution, capsys):
    _en_impayes()
    occupation = _petit_chez_soi(reference="PCS-2").menage.occupations.get()
    compte.appeler_loyers(occupation, timezone.localdate())
    _payer(occupation, sum(occupation.ecritures.values_list("montant", flat=True)))  # à jour
    call_command("alertes_quotidiennes", jour=timezone.localdate().isoformat())
    sortie = capsys.readouterr().out
    assert "Occupations :" in sortie.split("Accompagnement :")[0]
    assert (
        "Accompagnement : 3 alerte(s) créée(s), 1 action(s) budgétaire(s) ouverte(s), "
        "0 fermée(s)." in sortie
    )


def _lectures(jour: date) -> int:
    with CaptureQueriesContext(connection) as requetes:
        _lancer(jour)
    return sum(
        1 for q in requetes.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")
    )


def test_les_lectures_ne_croissent_pas_avec_le_nombre_de_plans(distribution):
    aujourd_hui = timezone.localdate()
    _petit_chez_soi(reference="V-1")
    _en_impayes(reference="D-1")
    _lancer(aujourd_hui)  # alertes et actions existent : rejouer ne fait que lire
    une = _lectures(aujourd_hui)
    for n in range(2, 5):
        _petit_chez_soi(reference=f"V-{n}")
        _en_impayes(reference=f"D-{n}")
    _lancer(aujourd_hui)
    assert _lectures(aujourd_hui) == une
