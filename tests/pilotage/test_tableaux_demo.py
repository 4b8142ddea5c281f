"""Les tableaux de bord sur la démonstration complète (`iml demo`) : chaque persona ouvre sa
page d'accueil, aucun nom de ménage de la démonstration n'y paraît, et les chiffres de l'État
sont ceux de son territoire."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from iml.comptes.demo import PERSONAS
from iml.comptes.models import Utilisateur
from iml.menages.models import Menage
from tests.factories import connecter


@pytest.mark.django_db
def test_chaque_persona_ouvre_son_tableau_de_bord_sur_la_demo(client):
    call_command("demo", stdout=io.StringIO())
    noms = set(Menage.objects.values_list("nom", flat=True))
    requetes = {}
    for persona in PERSONAS:
        utilisateur = Utilisateur.objects.get(email=persona.email)
        client.logout()
        connecter(client, utilisateur)
        with CaptureQueriesContext(connection) as capture:
            reponse = client.get(reverse("ui:accueil"))
        assert reponse.status_code == 200, persona.email
        texte = reponse.content.decode()
        assert not [n for n in noms if f">{n}<" in texte or f" {n} " in texte], persona.email
        requetes[persona.email] = len(capture)
        bord = reponse.context["tableau_de_bord"]
        if bord is not None:
            for tableau in bord.tableaux:
                url = reverse("pilotage:export_tableau", kwargs={"nom": tableau.nom,
                                                                  "format": "xlsx"})  # fmt: skip
                assert client.get(url).status_code == 200, (persona.email, tableau.nom)
    # Aucun tableau de bord ne coûte plus de quelques dizaines de requêtes.
    assert max(requetes.values()) <= 60, requetes
