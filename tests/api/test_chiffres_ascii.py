"""Identifiants et codes : seuls les chiffres ASCII 0-9 comptent (issue 8, point 12).

`str.isdigit()` accepte « ٣ » (chiffre arabe oriental) et `int("٣") == 3` : un SIRET, un code à
usage unique, un identifiant ou une année écrits ainsi passaient pour valides.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from iml.appels.forms.appels import ParametresAppelForm
from iml.comptes.forms import CodeTotpForm
from iml.comptes.validators import valider_siret
from tests.api.outils import monde
from tests.factories import connecter

ARABES = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
RACINE = Path(__file__).resolve().parents[2]


def arabe(texte: str | int) -> str:
    return str(texte).translate(ARABES)


def test_un_siret_en_chiffres_arabes_orientaux_est_refuse():
    valider_siret("42000000000034")  # le même SIRET en chiffres ASCII est valide
    with pytest.raises(ValidationError, match="exactement 14 chiffres"):
        valider_siret(arabe("42000000000034"))


def test_un_code_a_usage_unique_en_chiffres_arabes_orientaux_est_refuse():
    formulaire = CodeTotpForm(data={"code": arabe("123456")})
    assert not formulaire.is_valid()
    assert formulaire.errors["code"] == ["Le code ne contient que des chiffres."]


@pytest.mark.django_db
def test_changer_d_organisation_avec_un_identifiant_en_chiffres_arabes_donne_404(
    client, distribution
):
    relais = distribution.nadia.adhesions.get(organisation=distribution.org.relais35)
    connecter(client, distribution.nadia)
    url = reverse("comptes:changer_organisation")
    assert client.post(url, {"adhesion": arabe(relais.pk)}).status_code == 404
    assert client.post(url, {"adhesion": relais.pk}).status_code == 302


@pytest.mark.django_db
def test_une_version_d_export_en_chiffres_arabes_donne_404(client, distribution):
    m = monde(distribution)
    connecter(client, distribution.claire)
    url = reverse("appels:dossier_annexes_xlsx", kwargs={"pk": m.dossier_ais.pk})
    assert client.get(f"{url}?version={arabe(1)}").status_code == 404
    assert client.get(f"{url}?version=1").status_code == 200


@pytest.mark.django_db
def test_des_exercices_en_chiffres_arabes_sont_refuses(distribution):
    m = monde(distribution)
    bareme = m.appel35.jeu.en_bareme()
    initial = ParametresAppelForm(bareme=bareme, nom="x")
    donnees = {n: initial.get_initial_for_field(c, n) for n, c in initial.fields.items()}
    donnees = {k: "" if v is None else str(v) for k, v in donnees.items()}
    formulaire = ParametresAppelForm(
        {**donnees, "exercices": arabe("2019, 2020")}, bareme=bareme, nom="x"
    )
    assert not formulaire.is_valid()
    assert formulaire.errors["exercices"] == [
        "Exercices : années sur quatre chiffres, séparées par des virgules."
    ]


def test_aucun_isdigit_sans_isascii_dans_iml():
    """Garde : chaque `isdigit()` de `iml/` est précédé de `isascii()` sur la même valeur."""
    fautifs = []
    for fichier in sorted((RACINE / "iml").rglob("*.py")):
        for numero, ligne in enumerate(fichier.read_text(encoding="utf-8").splitlines(), 1):
            for valeur in re.findall(r"([\w.\[\]\"']+)\.isdigit\(\)", ligne):
                if f"{valeur}.isascii()" not in ligne:
                    fautifs.append(f"{fichier.relative_to(RACINE)}:{numero}")
    assert fautifs == []
