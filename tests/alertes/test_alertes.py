"""Alertes de fin de contrat (R-CONTRAT-FIN) et boîte d'alertes : ce que chacun reçoit, une
seule fois, et ce qu'il ne voit jamais."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from iml.alertes.models import Alerte
from iml.alertes.services import regler_preferences
from iml.parc.parametres import parametres_parc
from iml.parc.services import contrats, logements
from iml.parc.taches import alerter_fins_de_contrat
from regles.types import StatutLogement
from tests.appels.factories import acteur
from tests.factories import connecter
from tests.parc.factories import ContratFactory, LogementFactory, jour

pytestmark = pytest.mark.django_db


def _contrat():
    """Un mandat de 12 mois commencé le 15/05/2026 : il finit le 14/05/2027."""
    logement = LogementFactory(adresse="12 rue de Brest", statut=StatutLogement.DISPONIBLE)
    contrat = ContratFactory(logement=logement, date_debut=jour("2026-05-15"), duree_mois=12)
    assert contrat.date_fin == jour("2027-05-14")
    return contrat


def _jour_avant(contrat, jours: int) -> str:
    return (contrat.date_fin - timedelta(days=jours)).isoformat()


def _client(utilisateur) -> Client:
    client = Client()
    connecter(client, utilisateur)
    return client


def test_une_alerte_par_membre_de_la_gestion_et_une_seule_fois(distribution):
    contrat = _contrat()
    n = parametres_parc().alerte_fin_contrat_jours
    assert alerter_fins_de_contrat.call(_jour_avant(contrat, n)) == 2
    alertes = Alerte.objects.filter(cle__contains=f"contrat-{contrat.pk}")
    assert {a.destinataire for a in alertes} == {distribution.marc, distribution.julie}
    alerte = alertes.get(destinataire=distribution.julie)
    assert alerte.message == (
        "R-CONTRAT-FIN : le mandat de gestion du 12 rue de Brest (Rennes) prend fin le "
        "14/05/2027 : renouvelez-le ou préparez la restitution."
    )
    assert alerte.lien == f"/parc/logements/{contrat.logement_id}/"
    assert alerte.echeance == contrat.date_fin and alerte.regle == "R-CONTRAT-FIN"
    # Rejouer le même jour, ou le lendemain : rien de plus.
    assert alerter_fins_de_contrat.call(_jour_avant(contrat, n)) == 0
    assert alerter_fins_de_contrat.call(_jour_avant(contrat, n - 1)) == 0
    assert alertes.count() == 2


@pytest.mark.parametrize(
    ("decalage", "attendu"),
    [
        pytest.param(lambda n: n, 2, id="exactement N jours avant"),
        pytest.param(lambda n: n + 1, 0, id="N+1 jours avant"),
        pytest.param(lambda n: 0, 2, id="le jour même"),
        pytest.param(lambda n: -n, 2, id="passé de N jours"),
        pytest.param(lambda n: -(n + 1), 0, id="passé de N+1 jours"),
    ],
)
def test_les_seuils_du_parametre(distribution, decalage, attendu):
    contrat = _contrat()
    n = parametres_parc().alerte_fin_contrat_jours
    assert alerter_fins_de_contrat.call(_jour_avant(contrat, decalage(n))) == attendu


def test_un_contrat_passe_dit_qu_il_a_pris_fin(distribution):
    contrat = _contrat()
    alerter_fins_de_contrat.call(_jour_avant(contrat, -3))
    alerte = Alerte.objects.filter(destinataire=distribution.julie).get()
    assert "a pris fin le 14/05/2027" in alerte.message


def test_un_contrat_resilie_ou_un_logement_restitue_n_alerte_pas(distribution):
    contrat = _contrat()
    contrats.modifier_contrat(
        acteur=acteur(distribution.julie), contrat=contrat, resilie_le=jour("2026-09-01")
    )
    assert alerter_fins_de_contrat.call(_jour_avant(contrat, 10)) == 0
    second = _contrat()
    logements.changer_statut_logement(
        acteur=acteur(distribution.julie), logement=second.logement, vers="RESTITUE",
        maintenant=timezone.now(), note="Fin du mandat",
    )  # fmt: skip
    assert alerter_fins_de_contrat.call(_jour_avant(second, 10)) == 0


def test_les_autres_ne_recoivent_ni_ne_voient_l_alerte(distribution):
    contrat = _contrat()
    alerter_fins_de_contrat.call(_jour_avant(contrat, 5))
    for persona in ("nadia", "thomas", "claire", "sophie", "anne", "louis"):
        assert not Alerte.objects.filter(destinataire=getattr(distribution, persona)).exists()
    alerte = Alerte.objects.get(destinataire=distribution.julie)
    thomas = _client(distribution.thomas)
    assert "12 rue de Brest" not in thomas.get(reverse("alertes:boite")).content.decode()
    assert thomas.post(reverse("alertes:lue", kwargs={"pk": alerte.pk})).status_code == 404
    alerte.refresh_from_db()
    assert alerte.lue_le is None


def test_le_courriel_part_seulement_pour_qui_l_a_demande(
    distribution, mailoutbox, django_capture_on_commit_callbacks
):
    contrat = _contrat()
    regler_preferences(utilisateur=distribution.julie, par_courriel=True)
    with django_capture_on_commit_callbacks(execute=True):
        alerter_fins_de_contrat.call(_jour_avant(contrat, 30))
    assert [m.to for m in mailoutbox] == [[distribution.julie.email]]
    assert "R-CONTRAT-FIN : le mandat de gestion du 12 rue de Brest" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        alerter_fins_de_contrat.call(_jour_avant(contrat, 29))
    assert len(mailoutbox) == 1  # rien de nouveau : pas de second courriel


def test_la_commande_quotidienne(distribution, capsys):
    contrat = _contrat()
    call_command("alertes_quotidiennes", jour=_jour_avant(contrat, 1))
    assert "2 alerte(s) créée(s)" in capsys.readouterr().out
    with pytest.raises(Exception, match="AAAA-MM-JJ"):
        call_command("alertes_quotidiennes", jour="14/05/2027")


def test_la_boite_les_non_lues_d_abord_et_marquer_lue(distribution):
    contrat = _contrat()
    autre = ContratFactory(
        logement=LogementFactory(adresse="3 place Hoche", statut=StatutLogement.DISPONIBLE),
        date_debut=jour("2026-05-20"),
        duree_mois=12,
    )
    alerter_fins_de_contrat.call(_jour_avant(contrat, 1))
    premiere = Alerte.objects.get(destinataire=distribution.julie, cle__contains=f"-{contrat.pk}:")
    client = _client(distribution.julie)
    assert client.post(reverse("alertes:lue", kwargs={"pk": premiere.pk})).status_code == 302
    premiere.refresh_from_db()
    assert premiere.lue_le is not None
    texte = client.get(reverse("alertes:boite")).content.decode()
    assert "1 alerte non lue" in texte
    assert texte.index("3 place Hoche") < texte.index("12 rue de Brest")
    assert "R-CONTRAT-FIN" in texte and "14/05/2027" in texte
    assert f'href="/parc/logements/{autre.logement_id}/"' in texte
    assert client.get(reverse("alertes:lue", kwargs={"pk": premiere.pk})).status_code == 405


def test_la_boite_est_paginee_en_un_nombre_constant_de_requetes(
    distribution, django_assert_max_num_queries
):
    from iml.alertes.services import creer_alerte

    def creer(n: int, debut: int = 0) -> None:
        for i in range(debut, debut + n):
            creer_alerte(
                destinataire=distribution.julie, organisation=distribution.org.ais35,
                regle="R-CONTRAT-FIN", message=f"R-CONTRAT-FIN : essai {i}.", cle=f"essai-{i}",
            )  # fmt: skip

    creer(2)
    client = _client(distribution.julie)
    client.get(reverse("alertes:boite"))
    with django_assert_max_num_queries(20) as peu:
        client.get(reverse("alertes:boite"))
    creer(40, 2)
    with django_assert_max_num_queries(len(peu.captured_queries)):
        texte = client.get(reverse("alertes:boite")).content.decode()
    assert "Page suivante" in texte and "42 alertes non lues" in texte


def test_les_preferences(distribution):
    client = _client(distribution.julie)
    assert (
        "Recevoir aussi mes alertes par courriel"
        in client.get(reverse("alertes:preferences")).content.decode()
    )
    reponse = client.post(reverse("alertes:preferences"), {"par_courriel": "on"}, follow=True)
    assert f"Vos alertes vous seront aussi envoyées à {distribution.julie.email}" in (
        reponse.content.decode()
    )
    assert distribution.julie.preference_alertes.par_courriel
    client.post(reverse("alertes:preferences"), {})
    distribution.julie.preference_alertes.refresh_from_db()
    assert not distribution.julie.preference_alertes.par_courriel


def test_le_compteur_de_l_en_tete_coute_une_requete(distribution, rf, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    from iml.alertes.context_processors import alertes
    from iml.alertes.services import creer_alerte

    for i in range(3):
        creer_alerte(
            destinataire=distribution.julie, organisation=distribution.org.ais35,
            regle="R-CONTRAT-FIN", message="R-CONTRAT-FIN : essai.", cle=f"compteur-{i}",
        )  # fmt: skip
    requete = rf.get("/")
    requete.user = distribution.julie
    with django_assert_num_queries(1):
        assert alertes(requete)["alertes_non_lues"]() == 3
    requete.user = AnonymousUser()
    assert alertes(requete) == {}
