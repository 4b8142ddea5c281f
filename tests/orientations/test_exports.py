"""Exports vers l'application nationale du SIAO : places, vacances, propositions, en CSV
(« ; », dates JJ/MM/AAAA) et XLSX, dans le périmètre de l'acteur, sans nom de ménage."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import connecter
from tests.orientations.factories import PropositionFactory, VacanceFactory, jours

pytestmark = pytest.mark.django_db


def _csv(client, quoi: str) -> list[list[str]]:
    reponse = client.get(reverse("orientations:export", kwargs={"quoi": quoi, "format": "csv"}))
    assert reponse.status_code == 200
    return [ligne.split(";") for ligne in reponse.content.decode("utf-8-sig").splitlines()]


def test_places_et_vacances_du_siao(client, distribution):
    vacance = VacanceFactory(disponible_le=jours(12))
    connecter(client, distribution.sophie)
    places = _csv(client, "places")
    assert places[0][:4] == ["SIRET de l'opérateur", "Opérateur", "Référence du logement",
                             "Commune (code INSEE)"]  # fmt: skip
    ligne = next(p for p in places if p[3] == vacance.logement.commune and "vacant" in p[-2])
    assert ligne[-1] == vacance.disponible_le.strftime("%d/%m/%Y")
    vacances = _csv(client, "vacances")
    assert vacances[1][-1] == "12" and vacances[1][-3] == "déclarée au SIAO"


def test_propositions_et_leurs_suites_sans_nom_de_menage(client, distribution):
    refusee = PropositionFactory(refus_confirme=True)
    autre = PropositionFactory(operateur_agent=distribution.thomas)
    connecter(client, distribution.marc)
    lignes = _csv(client, "propositions")
    references = [ligne[0] for ligne in lignes[1:]]
    assert references == [refusee.demande.reference_siao]  # celles de l'AIS seulement
    assert autre.demande.reference_siao not in references
    assert "Typologie inadaptée" in lignes[1] and "Refus confirmé" in lignes[1]
    assert refusee.demande.nom not in "".join(lignes[1])
    url = reverse("orientations:export", kwargs={"quoi": "places", "format": "csv"})
    assert client.get(url).status_code == 403


def test_export_xlsx_types(client, distribution):
    PropositionFactory(acceptee=True)
    connecter(client, distribution.sophie)
    url = reverse("orientations:export", kwargs={"quoi": "propositions", "format": "xlsx"})
    classeur = load_workbook(io.BytesIO(client.get(url).content))
    feuille = classeur["Propositions"]
    assert feuille["A1"].value == "Référence SI-SIAO"
    assert feuille.cell(row=2, column=9).is_date
    assert client.get(url.replace(".xlsx", ".ods")).status_code == 404
