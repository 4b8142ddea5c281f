"""Étape « Zone d'implantation et public » : chaque commune saisie est une commune du
territoire de l'appel (référentiel iml.comptes.communes), enregistrée sous sa forme
officielle « Nom (code INSEE) »."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from iml.appels.forms.dossier.base import ContexteDossier
from iml.appels.forms.dossier.projet import ZonePublicForm
from iml.appels.models import AppelACandidatures, Dossier
from iml.appels.moteur import verifier
from iml.comptes.enums import NiveauTerritoire
from iml.comptes.models import Territoire
from tests.appels.matrice_dossiers import appel_ouvert, dossier_de
from tests.factories import connecter

pytestmark = pytest.mark.django_db


@pytest.fixture
def appel(distribution):
    return appel_ouvert(distribution.claire, "Appel IML 35 — zone")


@pytest.fixture
def dossier(appel, distribution):
    return dossier_de(appel, distribution.marc)


def url_etape(dossier: Dossier) -> str:
    return reverse("appels:dossier_etape", kwargs={"pk": dossier.pk, "etape": "zone-et-public"})


def texte(reponse) -> str:
    brut = re.sub(r"<[^>]+>", " ", reponse.content.decode())
    brut = brut.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")
    return re.sub(r"[\s\u00a0\u202f]+", " ", brut)


def formulaire(dossier: Dossier, zone: str) -> ZonePublicForm:
    return ZonePublicForm({"zone": zone}, contexte=ContexteDossier.pour(dossier))


def en_region_bretagne(appel: AppelACandidatures) -> None:
    bretagne = Territoire.objects.get(niveau=NiveauTerritoire.REGION, code="53")
    AppelACandidatures.objects.filter(pk=appel.pk).update(territoire=bretagne)


def test_commune_inconnue_refusee_avec_le_champ_et_la_ligne(client, distribution, dossier):
    connecter(client, distribution.marc)
    reponse = client.post(url_etape(dossier), {"zone": "Rennes\nRenes\n\nVannes"})
    assert reponse.status_code == 200
    page = texte(reponse)
    assert "L'étape n'est pas enregistrée" in page
    assert (
        "« Communes d'implantation » : « Renes » n'est pas une commune d'Ille-et-Vilaine "
        "(ligne 2)." in page
    )
    assert "« Vannes » n'est pas une commune d'Ille-et-Vilaine (ligne 4)." in page
    dossier.refresh_from_db()
    assert "zone" not in dossier.contenu


def test_saisie_acceptee_enregistree_sous_la_forme_officielle(client, distribution, dossier):
    connecter(client, distribution.marc)
    reponse = client.post(
        url_etape(dossier),
        {"zone": "rennes\n35288 ; st-gregoire, BRUZ\n\nRennes (35238)\n35238", "rester": "1"},
    )
    assert reponse.status_code == 302
    dossier.refresh_from_db()
    assert dossier.contenu["zone"] == [
        "Rennes (35238)",
        "Saint-Malo (35288)",
        "Saint-Grégoire (35278)",
        "Bruz (35047)",
    ]
    # Relue telle quelle, la forme enregistrée se valide à nouveau.
    page = client.get(url_etape(dossier))
    assert "Rennes (35238)\nSaint-Malo (35288)" in page.content.decode()
    assert formulaire(dossier, "\n".join(dossier.contenu["zone"])).is_valid()


def test_aide_liste_les_communes_du_departement(client, distribution, dossier):
    connecter(client, distribution.marc)
    page = texte(client.get(url_etape(dossier)))
    assert "Les 332 communes d'Ille-et-Vilaine sont acceptées" in page
    assert "Les 332 communes : Ille-et-Vilaine (35)" in page
    assert "Rennes (35238)" in page


def test_le_moteur_lit_le_code_de_la_forme_officielle(dossier):
    """R-AAC (regles.completude) reconnaît « Nom (code) » comme un code INSEE."""
    contenu = {**dossier.contenu, "zone": ["Rennes (35238)", "Vannes (56260)"]}
    resultat = verifier(contenu, dossier.appel, timezone.localdate())
    assert resultat.invalide == []
    hors = [c for c in resultat.constats if c["regle"] == "R-AAC" and c.get("champ") == "zone[1]"]
    assert len(hors) == 1 and "Vannes (56260)" in hors[0]["message"]
    assert not [c for c in resultat.constats if c.get("champ") == "zone[0]"]


def test_appel_regional_accepte_les_communes_de_ses_departements(appel, dossier):
    en_region_bretagne(appel)
    dossier.refresh_from_db()
    form = formulaire(dossier, "Rennes\nVannes\n29019\nlamballe armor")
    assert form.is_valid(), form.errors
    assert form.vers_contenu()["zone"] == [
        "Rennes (35238)",
        "Vannes (56260)",
        "Brest (29019)",
        "Lamballe-Armor (22093)",
    ]
    assert [g["titre"] for g in form.communes_proposees()] == [
        "Côtes-d'Armor (22)",
        "Finistère (29)",
        "Ille-et-Vilaine (35)",
        "Morbihan (56)",
    ]


def test_appel_regional_refuse_hors_region_et_demande_le_code_des_homonymes(appel, dossier):
    en_region_bretagne(appel)
    dossier.refresh_from_db()
    form = formulaire(dossier, "Bordeaux\nPlouhinec\nPlouhinec (56169)")
    assert not form.is_valid()
    assert form.errors["zone"] == [
        "« Communes d'implantation » : « Bordeaux » n'est pas une commune de Bretagne (ligne 1).",
        "« Communes d'implantation » : « Plouhinec » désigne plusieurs communes "
        "(Plouhinec (29197), Plouhinec (56169)), indiquez le code INSEE (ligne 2).",
    ]


def test_trop_de_communes_inconnues_sont_comptees(dossier):
    form = formulaire(dossier, "\n".join(f"Inconnue {i}" for i in range(15)))
    assert not form.is_valid()
    assert len(form.errors["zone"]) == 11
    assert form.errors["zone"][-1] == ("« Communes d'implantation » : 5 autres lignes à corriger.")
