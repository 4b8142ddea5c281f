"""Entonnoir des permissions (issue 8) : une règle écrite une fois, qui dit pourquoi elle
refuse ; le web et l'API montrent la même phrase ; `Acteur` dit s'il agit pour la plateforme."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.html import escape

from iml.appels import perms
from iml.appels.enums import StatutAppel
from iml.comptes.acteur import Acteur
from tests.api.outils import entetes, exemple
from tests.appels.test_appels_fabriques import acteur, creer_appel, dossier_fige
from tests.factories import connecter

pytestmark = pytest.mark.django_db

IML = Path(__file__).resolve().parents[2] / "iml"


def test_le_web_et_l_api_refusent_le_depot_avec_la_meme_phrase(client, distribution):
    appel = creer_appel(distribution.claire, "Appel 2019")  # date limite le 04/03/2019
    attendu = "R-AAC : la date limite de dépôt (04/03/2019) est passée."
    refus = perms.acces_deposer_sur(acteur(distribution.marc), appel, date(2019, 3, 5))
    assert refus is not None and (refus.regle, refus.message, refus.etat) == (
        "R-AAC",
        attendu,
        True,
    )
    api = client.post(
        f"/api/appels/{appel.pk}/dossiers",
        json.dumps(exemple()),
        content_type="application/json",
        **entetes(distribution.marc),
    )
    assert (api.status_code, api.json()) == (403, {"detail": attendu})
    connecter(client, distribution.marc)
    fiche = client.get(reverse("appels:detail", args=[appel.pk])).content.decode()
    assert escape(attendu) in fiche


def test_un_dossier_decide_ne_se_redige_plus_et_le_refus_le_dit(distribution):
    dossier = dossier_fige(distribution, StatutAppel.CLOS, constats=[])
    dossier.statut = "REFUSE"
    refus = perms.acces_rediger(acteur(distribution.marc), dossier, date(2019, 3, 1))
    assert refus is not None and refus.message == (
        "R-SELECTION : le dossier est « refusé » : il ne se modifie plus."
    )
    gestionnaire = perms.acces_deposer(acteur(distribution.helene), dossier, date(2019, 3, 1))
    assert gestionnaire is not None and not gestionnaire.etat


@pytest.mark.parametrize(
    ("vers", "persona", "message"),
    [
        ("PUBLIE", "claire", "R-AAC : seul le ou la responsable du service rouvre un appel clos."),
        ("PUBLIE", "yves", None),
        ("DECIDE", "claire", None),
        ("PUBLIE", "paul", "R-AAC : seul le service qui a lancé l'appel change son statut."),
    ],
)
def test_le_refus_de_changer_le_statut_dit_pourquoi(distribution, vers, persona, message):
    appel = creer_appel(distribution.claire, "Appel 2019", StatutAppel.CLOS)
    refus = perms.acces_changer_statut(acteur(getattr(distribution, persona)), appel, vers)
    assert (refus.message if refus else None) == message


def test_l_acteur_dit_s_il_agit_pour_la_plateforme(distribution):
    assert Acteur(utilisateur=distribution.admin, adhesion=None).agit_pour_la_plateforme
    assert not acteur(distribution.claire).agit_pour_la_plateforme
    assert not Acteur(utilisateur=distribution.claire, adhesion=None).agit_pour_la_plateforme


def test_la_condition_de_la_plateforme_n_est_ecrite_qu_une_fois():
    fautifs = [
        str(chemin.relative_to(IML))
        for chemin in IML.rglob("*.py")
        if "acteur.adhesion is None" in chemin.read_text(encoding="utf-8")
    ]
    assert fautifs == []
