"""Notation (issue 8, R-SELECTION) : seulement l'appel clos ; la note appartient à la version
notée et garde son auteur ; toutes les erreurs de la grille au premier envoi, jamais de 500."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from iml.appels import presentation
from iml.appels.enums import StatutAppel
from iml.appels.models import Notation
from iml.appels.services import appels as services
from iml.appels.services import instruction as services_instruction
from tests.appels.test_appels_fabriques import acteur, deposer, dossier_fige
from tests.factories import connecter

pytestmark = pytest.mark.django_db

CRITERES = [
    {"code": "COMPLETUDE", "libelle": "Complétude du dossier", "poids": 2},
    {"code": "SOUTENABILITE", "libelle": "Soutenabilité budgétaire", "poids": 1},
    {"code": "PARTENARIATS", "libelle": "Partenariats prévus", "poids": 1},
]


def _dossier(distribution, statut):
    return dossier_fige(distribution, statut, appel={"criteres_selection": CRITERES})


def test_on_ne_note_pas_un_appel_encore_publie(client, distribution):
    dossier = _dossier(distribution, StatutAppel.PUBLIE)
    connecter(client, distribution.claire)
    fiche = client.get(reverse("appels:dossier_instruction", args=[dossier.pk]))
    assert fiche.context["form_notation"] is None
    assert "Enregistrer les notes" not in fiche.content.decode()
    assert escape("la notation se fait quand l'appel est clos") in fiche.content.decode()
    reponse = client.post(reverse("appels:noter", args=[dossier.pk]), {"note_COMPLETUDE": "4"})
    assert reponse["Location"] == reverse("appels:dossier_instruction", args=[dossier.pk])
    messages = [str(m) for m in client.get(reponse["Location"]).context["messages"]]
    assert messages == [
        "R-SELECTION : la notation se fait quand l'appel est clos (appel « publié »)."
    ]
    assert not Notation.objects.exists()


def test_la_note_appartient_a_la_version_notee_et_garde_son_auteur(distribution):
    dossier = _dossier(distribution, StatutAppel.CLOS)
    services_instruction.noter(
        acteur=acteur(distribution.claire), dossier=dossier, notes={"COMPLETUDE": Decimal(4)}
    )
    notation = Notation.objects.get()
    assert notation.version == dossier.derniere_version and notation.version.numero == 1
    assert notation.evaluateur == distribution.claire
    # L'appel rouvert, une version 2 est déposée : elle se note à nouveau, la 1 garde sa note.
    yves = acteur(distribution.yves)
    services.changer_statut_appel(
        acteur=yves, appel=dossier.appel, statut=StatutAppel.PUBLIE, motif="Pièce manquante."
    )
    deposer(dossier.appel, distribution.org.ais35, distribution.marc)
    assert presentation.notes_du_dossier(dossier) == {}
    assert Notation.objects.get().version.numero == 1


def test_toutes_les_erreurs_de_la_grille_au_premier_envoi(client, distribution):
    """6, −1 et 4,55 sur une échelle de 0 à 5 : trois erreurs d'un coup ; rien n'est noté."""
    dossier = _dossier(distribution, StatutAppel.CLOS)
    connecter(client, distribution.claire)
    reponse = client.post(
        reverse("appels:noter", args=[dossier.pk]),
        {"note_COMPLETUDE": "6", "note_SOUTENABILITE": "-1", "note_PARTENARIATS": "4,55"},
    )
    assert reponse.status_code == 200
    erreurs = reponse.context["form_notation"].errors
    assert erreurs["note_COMPLETUDE"] == ["R-SELECTION : note 6 hors de 0 à 5."]
    (moins_un,) = erreurs["note_SOUTENABILITE"]  # signe moins selon la typographie de `nombre`
    assert moins_un.startswith("R-SELECTION : note ") and moins_un.endswith("1 hors de 0 à 5.")
    assert erreurs["note_PARTENARIATS"] == [
        "R-SELECTION : note 4,55 : une note se donne au dixième de point."
    ]
    assert not Notation.objects.exists()


@pytest.mark.parametrize("saisie", ["1e100", "-1e100", "abc", "NaN"])
def test_une_note_demesuree_ou_illisible_n_est_pas_une_erreur_serveur(client, distribution, saisie):
    dossier = _dossier(distribution, StatutAppel.CLOS)
    connecter(client, distribution.claire)
    reponse = client.post(
        reverse("appels:noter", args=[dossier.pk]),
        {"note_COMPLETUDE": saisie, "note_SOUTENABILITE": "7"},
    )
    assert reponse.status_code == 200
    erreurs = reponse.context["form_notation"].errors
    assert erreurs["note_COMPLETUDE"][0].startswith("R-SELECTION : ")
    assert erreurs["note_SOUTENABILITE"] == ["R-SELECTION : note 7 hors de 0 à 5."]
    assert not Notation.objects.exists()
