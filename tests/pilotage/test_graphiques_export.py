"""La vue d'export générique d'un tableau du pilotage (`pilotage:export_tableau`) : le tableau
est construit pour l'acteur connecté, avec les paramètres de la requête."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from iml.pilotage import exports_tableaux
from iml.pilotage.graphiques import Colonne, Ligne, Tableau
from tests.factories import connecter


@pytest.fixture
def tableau_essai(monkeypatch):
    """Un tableau enregistré le temps du test : il rend l'organisation de l'acteur et le
    paramètre « annee », et refuse l'acteur sans organisation."""
    monkeypatch.setattr(exports_tableaux, "REGISTRE", {})
    vus = []

    def construire(acteur, parametres):
        vus.append((acteur, dict(parametres)))
        if acteur.organisation is None:
            raise PermissionDenied("Réservé aux organisations.")
        return Tableau(
            titre="Essai",
            entete_lignes="Organisation",
            colonnes=(Colonne("Places"),),
            lignes=(Ligne(acteur.organisation.nom, (None,)),),
            source="Essai",
            date=date(2026, 3, 5),
            nom="essai",
        )

    exports_tableaux.enregistrer("essai", construire)
    return vus


@pytest.mark.django_db
def test_l_export_construit_le_tableau_pour_l_acteur_et_ses_parametres(
    client, distribution, tableau_essai
):
    connecter(client, distribution.marc)
    url = reverse("pilotage:export_tableau", kwargs={"nom": "essai", "format": "csv"})
    reponse = client.get(url, {"annee": "2019"})
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "text/csv; charset=utf-8"
    assert reponse["Content-Disposition"] == 'attachment; filename="essai-2026-03-05.csv"'
    contenu = reponse.content.decode("utf-8")
    assert f"{distribution.org.ais35.nom};non renseigné" in contenu
    acteur, parametres = tableau_essai[0]
    assert acteur.organisation == distribution.org.ais35 and parametres == {"annee": "2019"}


@pytest.mark.django_db
@pytest.mark.parametrize("format_", ["xlsx", "ods"])
def test_l_export_tableur(client, distribution, tableau_essai, format_):
    connecter(client, distribution.claire)
    url = reverse("pilotage:export_tableau", kwargs={"nom": "essai", "format": format_})
    reponse = client.get(url)
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == exports_tableaux.FORMATS[format_]
    assert reponse.content[:2] == b"PK"


@pytest.mark.django_db
def test_format_ou_tableau_inconnus_404_et_refus_du_constructeur_403(
    client, distribution, tableau_essai
):
    connecter(client, distribution.marc)
    pdf = reverse("pilotage:export_tableau", kwargs={"nom": "essai", "format": "pdf"})
    assert client.get(pdf).status_code == 404
    autre = reverse("pilotage:export_tableau", kwargs={"nom": "autre", "format": "csv"})
    assert client.get(autre).status_code == 404
    connecter(client, distribution.admin)
    csv = reverse("pilotage:export_tableau", kwargs={"nom": "essai", "format": "csv"})
    assert client.get(csv).status_code == 403


def test_un_nom_ne_sert_qu_une_fois(monkeypatch):
    monkeypatch.setattr(exports_tableaux, "REGISTRE", {})
    exports_tableaux.enregistrer("unique", lambda a, p: None)
    with pytest.raises(ValueError, match="déjà enregistré"):
        exports_tableaux.enregistrer("unique", lambda a, p: None)
