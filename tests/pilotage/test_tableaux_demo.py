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

from iml.appels.models import Convention
from iml.comptes.demo import PERSONAS
from iml.comptes.models import Organisation, Utilisateur
from iml.menages.models import Menage
from tests.factories import connecter


def _convention_en_gironde() -> str:
    """Une convention de Solidarité Logement Gironde sur un appel de la DDETS de la Gironde
    (la démonstration n'en a qu'en Ille-et-Vilaine) ; le nom de l'opérateur."""
    from iml.comptes.enums import Role, TypeOrganisation
    from tests.appels.factories import AppelFactory, DossierFactory
    from tests.factories import AdhesionFactory, OrganisationFactory, departement

    ddets33 = OrganisationFactory(
        type=TypeOrganisation.ETAT, nom="DDETS de la Gironde", territoire=departement("33")
    )
    agent = AdhesionFactory(organisation=ddets33, role=Role.AGENT_INSTRUCTEUR).utilisateur
    operateur = Organisation.objects.get(nom="Solidarité Logement Gironde")
    DossierFactory(conventionne=True, appel=AppelFactory(agent=agent), operateur=operateur)
    return operateur.nom


@pytest.mark.django_db
def test_chaque_persona_ouvre_son_tableau_de_bord_sur_la_demo(client):
    call_command("demo", stdout=io.StringIO())
    gironde = _convention_en_gironde()
    noms = set(Menage.objects.values_list("nom", flat=True))
    requetes, places = {}, {}
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
            places[persona.email] = {
                lg.libelle for t in bord.tableaux if t.nom == "places" for lg in t.lignes
            }
            for tableau in bord.tableaux:
                url = reverse("pilotage:export_tableau", kwargs={"nom": tableau.nom,
                                                                  "format": "xlsx"})  # fmt: skip
                assert client.get(url).status_code == 200, (persona.email, tableau.nom)
    # Aucun tableau de bord ne coûte plus de quelques dizaines de requêtes.
    assert max(requetes.values()) <= 60, requetes
    # Les chiffres de l'État sont ceux de son territoire : Claire (DDETS 35) ne voit que les
    # opérateurs des conventions d'Ille-et-Vilaine, pas celui de la convention de Gironde ;
    # Paul (DREETS Nouvelle-Aquitaine) voit celle-ci et rien du 35.
    en_35 = set(
        Convention.objects.filter(dossier__appel__territoire__code="35").values_list(
            "dossier__operateur__nom", flat=True
        )
    )
    assert en_35 and gironde not in en_35, en_35
    assert places["claire.moreau@ddets35.demo"] == en_35
    assert places["paul.lefevre@dreets-na.demo"] == {gironde}
