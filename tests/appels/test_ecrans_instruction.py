"""La fiche d'instruction d'un dossier ne montre aucun identifiant interne : le champ visé par un
constat est nommé en français, les paramètres de l'appel par leur version (pas leur code tronqué),
et « de » s'élide devant le nom de l'opérateur."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.appels.test_appels_fabriques import creer_appel, deposer
from tests.factories import connecter

CONSTATS = [
    {
        "regle": "R-ELIGIBILITY",
        "niveau": "erreur",
        "message": "R-ELIGIBILITY : Carte professionnelle « gestion immobilière » non valide.",
        "champ": "agrements.CARTE_PROFESSIONNELLE",
    },
    {
        "regle": "R-UNKNOWN",
        "niveau": "info",
        "message": "R-UNKNOWN : accompagnement non renseigné.",
        "champ": "services.accompagnement.SOUS_LOCATION",
    },
]


def texte(reponse) -> str:
    brut = re.sub(r"<[^>]+>", " ", reponse.content.decode())
    brut = brut.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")
    return re.sub(r"[\s\u00a0\u202f]+", " ", brut)


def test_la_fiche_d_instruction_nomme_les_champs_en_francais(client, distribution):
    appel = creer_appel(distribution.claire, "Appel 35")
    dossier = deposer(appel, distribution.org.ais35, distribution.marc, constats=CONSTATS)
    connecter(client, distribution.claire)
    page = texte(client.get(reverse("appels:dossier_instruction", args=[dossier.pk])))
    assert "agrements.CARTE_PROFESSIONNELLE" not in page
    assert "services.accompagnement.SOUS_LOCATION" not in page
    assert "Agréments et garanties › Carte professionnelle « gestion immobilière »" in page
    assert "Prestations › accompagnement › sous-location" in page
    assert appel.jeu.code not in page
    assert "paramètres de l'appel, version 1" in page
    assert "Dossier d'AIS Rennes Habitat Solidaire" in page
