"""Tableau de bord du cofinanceur, calculé à la main : les mesures cofinancées de tous les
financeurs du département (R-CD-MEASURES) ; « Votre montant » ne montre que les lignes du
cofinanceur, jamais celles du conseil départemental à un autre cofinanceur (R-COFUNDING)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from iml.appels.services.conventions import (
    LigneCofinancement,
    calculer_convention,
    etablir_convention,
)
from iml.comptes.enums import Role, TypeOrganisation
from iml.pilotage.presentation_tableaux_partenaires import tableau_de_bord_cofinanceur
from tests.accompagnement.factories import PlanFactory
from tests.appels.factories import DossierFactory, acteur, agent_de
from tests.factories import AdhesionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def _indicateur(bord, libelle):
    return next(i for i in bord.indicateurs if i.libelle == libelle)


def test_r_cd_measures_les_mesures_de_tous_les_financeurs_du_departement(distribution):
    for _ in range(3):
        PlanFactory(mesure_cd=True)  # 3 500 € du conseil départemental chacun
    for _ in range(2):
        PlanFactory(financements=[("FAPI", Decimal("1200.00"))])
    bord = tableau_de_bord_cofinanceur(acteur(distribution.anne), timezone.localdate())
    mesures = bord.tableaux[1]
    assert [(lg.libelle, lg.valeurs) for lg in mesures.lignes] == [
        ("Conseil départemental", (3, Decimal("10500.00"))),
        ("Fonds d'appui aux politiques d'insertion", (2, Decimal("2400.00"))),
    ]
    # 3 plans du département + 2 du FAPI : 5 mesures, pas les 2 du dernier financeur.
    valeur = _indicateur(bord, "Mesures d'accompagnement cofinancées").valeur
    assert valeur.replace(NBSP, " ") == "5 mesures"


def _etablir(distribution, lignes):
    """Une convention de l'AIS Rennes, ses cofinancements : `lignes` = (financeur, montant,
    organisation) pour chaque exercice."""
    dossier = DossierFactory(retenu=True, operateur=distribution.org.ais35)
    calcul = calculer_convention(dossier)
    etablir_convention(
        acteur=acteur(agent_de(dossier.appel)),
        dossier=dossier,
        montants_negocies=calcul.totaux(),
        motif_ecart="",
        cofinancements=[
            LigneCofinancement(f, a, Decimal(m), org)
            for a in calcul.exercices
            for f, m, org in lignes
        ],
    )
    return dossier.convention


def test_r_cofunding_un_autre_cofinanceur_ne_voit_pas_les_montants_du_departement(distribution):
    ars = OrganisationFactory(type=TypeOrganisation.COFINANCEUR, nom="ARS Bretagne")
    agent_ars = AdhesionFactory(organisation=ars, role=Role.CHARGE_DE_MISSION).utilisateur
    commune = _etablir(distribution, [("CONSEIL_DEPARTEMENTAL", 1000, None), ("ARS", 400, ars)])
    nommee = _etablir(distribution, [("CONSEIL_DEPARTEMENTAL", 700, distribution.org.cd35)])
    jour = timezone.localdate()

    def siens(utilisateur):
        tableau = tableau_de_bord_cofinanceur(acteur(utilisateur), jour).tableaux[0]
        return {lg.libelle.split(" ")[1]: lg.valeurs[0] for lg in tableau.lignes}

    # L'ARS : ses 400 €, pas les 1 000 € du département (ligne sans organisation nommée).
    assert siens(agent_ars) == {commune.numero: Decimal(400)}
    # Le département, nommé sur une ligne : la sienne, et la ligne sans organisation nommée.
    assert siens(distribution.anne) == {commune.numero: Decimal(1000), nommee.numero: Decimal(700)}


def test_r_cofunding_les_montants_portent_un_seul_signe_euro_page_et_export(client, distribution):
    from django.urls import reverse

    from tests.factories import connecter

    _etablir(distribution, [("CONSEIL_DEPARTEMENTAL", 1000, distribution.org.cd35)])
    bord = tableau_de_bord_cofinanceur(acteur(distribution.anne), timezone.localdate())
    detail = _indicateur(bord, "Votre part du financement").detail
    assert "€" in detail and "€ €" not in detail.replace(NBSP, " ")
    connecter(client, distribution.anne)
    url = reverse("pilotage:export_tableau", kwargs={"nom": "cofinancements", "format": "csv"})
    contenu = client.get(url).content.decode("utf-8").replace(NBSP, " ")
    total = next(ligne for ligne in contenu.splitlines() if ligne.startswith("Total;"))
    assert "€" in total and "€ €" not in total


def test_r_cofunding_sans_convention_cofinancee_la_part_le_dit(distribution):
    jour = timezone.localdate()
    bord = tableau_de_bord_cofinanceur(acteur(distribution.anne), jour)
    part = _indicateur(bord, "Votre part du financement")
    assert part.valeur == f"Aucune convention cofinancée en {jour.year}"
    assert "non renseigné" not in part.valeur + part.detail
