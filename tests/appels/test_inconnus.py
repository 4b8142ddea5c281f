"""R-UNKNOWN dans la couche Django : une place ou un montant non renseigné n'est jamais compté
pour zéro, ni dans les chiffres clés, ni dans le panneau de l'appel, ni dans le panneau de
conformité ; un total qui inclut un inconnu est inconnu."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from iml.appels import presentation
from iml.appels.forms.dossier.conformite import Evaluation
from tests.appels.test_appels_fabriques import creer_appel, deposer
from tests.factories import connecter

pytestmark = pytest.mark.django_db

#: Chiffres figés d'une version dont les places en sous-location ne sont pas renseignées.
SANS_SL = {"budget": {"places": {"MANDAT_GESTION": 10}, "cout_par_place": None}}


def _cellules(page: str, libelle: str) -> list[str]:
    ligne = re.search(rf"<th scope=\"row\">{libelle}</th>(.*?)</tr>", page, re.S)
    assert ligne, libelle
    return re.findall(r"<td[^>]*>(.*?)</td>", ligne.group(1), re.S)


def test_chiffres_cles_places_inconnues_si_une_forme_manque(distribution):
    appel = creer_appel(distribution.claire, "Appel 35")
    dossier = deposer(appel, distribution.org.ais35, distribution.marc, chiffres=SANS_SL)
    cles = presentation.chiffres_cles(dossier.derniere_version)
    assert (cles.places_mg, cles.places_sl, cles.places) == (10, None, None)


def test_le_panneau_de_l_appel_ne_compte_pas_l_inconnu_pour_zero(client, distribution):
    """Deux dossiers : 16 places connues, et un dossier sans places en sous-location ; les
    places proposées sont « non renseignées », pas 26 (ni 16)."""
    appel = creer_appel(distribution.claire, "Appel 35")
    deposer(appel, distribution.org.ais35, distribution.marc)
    deposer(appel, distribution.org.relais35, distribution.marc, chiffres=SANS_SL)
    connecter(client, distribution.claire)
    reponse = client.get(reverse("appels:instruction", args=[appel.pk]))
    panneau = reponse.context["panneau"]
    assert panneau.places_proposees is None
    page = reponse.content.decode()
    assert "places proposées non renseignées" in page
    assert "26 places proposées" not in page
    places = [ligne["cles"].places for ligne in reponse.context["lignes"]]
    assert sorted(places, key=lambda p: p is None) == [16, None]
    assert "non renseigné" in page


def test_le_panneau_de_conformite_montre_non_renseigne():
    """Places en mandat connues, sous-location absente : le total n'est pas « 4 »."""
    evaluation = Evaluation(
        contenu={},
        chiffres={
            "budget": {
                "logements": {"MANDAT_GESTION": 3},
                "places": {"MANDAT_GESTION": 4},
                "total": None,
            }
        },
    )
    assert (evaluation.logements_total, evaluation.places_total) == (None, None)
    page = render_to_string("appels/dossiers/_panneau_conformite.html", {"evaluation": evaluation})
    assert _cellules(page, "Places") == ["non renseigné"]
    assert _cellules(page, "Logements") == ["non renseigné"]
    assert _cellules(page, "Budget annuel") == ["non renseigné"]


def test_le_panneau_de_conformite_somme_les_formes_connues():
    evaluation = Evaluation(
        contenu={},
        chiffres={"budget": {"places": {"MANDAT_GESTION": 4, "SOUS_LOCATION": 0}}},
    )
    assert evaluation.places_total == 4


def test_la_synthese_de_l_appel_ne_compte_pas_l_inconnu_pour_zero(client, distribution):
    """Un dossier dont la version ne donne pas ses logements ni ses places : ses cellules et
    les totaux sont « non renseigné », pas 0 ni un total partiel."""
    from io import BytesIO

    import openpyxl

    appel = creer_appel(distribution.claire, "Appel 35")
    deposer(appel, distribution.org.ais35, distribution.marc)
    deposer(
        appel, distribution.org.relais35, distribution.marc, chiffres={"budget": {"total": None}}
    )
    connecter(client, distribution.claire)
    reponse = client.get(reverse("appels:appel_synthese_xlsx", kwargs={"pk": appel.pk}))
    assert reponse.status_code == 200
    feuille = openpyxl.load_workbook(BytesIO(reponse.content)).active
    lignes = [[c.value for c in ligne] for ligne in feuille.iter_rows()]
    total = next(ligne for ligne in lignes if ligne[0] == "TOTAL")
    relais = next(ligne for ligne in lignes if ligne[0] and "Relais" in str(ligne[0]))
    assert relais[5:9] == ["non renseigné"] * 4
    assert total[5:9] == ["non renseigné"] * 4
