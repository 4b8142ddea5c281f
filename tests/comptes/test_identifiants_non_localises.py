"""Un identifiant recopié dans la page (valeur d'un bouton radio, id d'un formulaire, paramètre
d'URL) ne passe jamais par le séparateur de milliers du français : « 3 359 » renvoyé par le
navigateur ne désigne plus rien (404). Vu en vrai : changement d'organisation impossible dès
que l'adhésion dépasse le numéro 999."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from iml.comptes.models import Adhesion
from tests.factories import connecter

RACINE = Path(__file__).resolve().parents[2]
#: Un identifiant numérique affiché sans filtre dans un attribut HTML.
IDENTIFIANT_BRUT = re.compile(
    r'="[^"]*\{\{\s*[\w.]*(?:\.pk|\.id|(?<!auto)_id|\.numero|annee)\s*\}\}[^"]*"'
)


def test_aucun_gabarit_ne_localise_un_identifiant_dans_un_attribut():
    fautes = [
        f"{chemin.relative_to(RACINE)}:{numero}: {ligne.strip()}"
        for chemin in sorted((RACINE / "iml").rglob("*.html"))
        for numero, ligne in enumerate(chemin.read_text(encoding="utf-8").splitlines(), 1)
        if IDENTIFIANT_BRUT.search(ligne)
    ]
    assert not fautes, "Ajoutez |unlocalize (charger l10n) :\n" + "\n".join(fautes)


@pytest.mark.django_db
def test_le_changement_d_organisation_marche_au_dela_de_999_adhesions(client, distribution):
    d = distribution
    relais = Adhesion.objects.get(utilisateur=d.nadia, organisation=d.org.relais35)
    Adhesion.objects.filter(pk=relais.pk).update(id=12345)
    connecter(client, d.nadia)

    page = client.get(reverse("comptes:mon_compte")).content.decode()
    valeur = re.search(
        r'name="adhesion" value="([^"]+)"[^>]*>\s*<label[^>]*>Association Le Relais', page
    )
    assert valeur and valeur.group(1) == "12345", valeur and valeur.group(1)

    reponse = client.post(reverse("comptes:changer_organisation"), {"adhesion": valeur.group(1)})
    assert reponse.status_code == 302
