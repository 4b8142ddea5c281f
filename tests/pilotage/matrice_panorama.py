"""Matrice des permissions du panorama régional (volet C ; fusionnée par
tests/test_matrice_permissions.py).

Objets (`preparer`) : le panorama Nouvelle-Aquitaine de la démonstration (seed 000), déclaré
par paul. Aucune URL ne porte d'identifiant : la région est celle de l'acteur.

- Page et exports : l'État (claire : la Bretagne, sa région ; paul : la Nouvelle-Aquitaine) et
  la plateforme (page de choix de la région ; export sans région choisie : 404) ; les autres :
  403.
- Historique d'un indicateur : les lecteurs, pour un département de leur région (une autre
  région : 404).
- Saisie et import : la DREETS (paul) seulement ; la DDETS et la plateforme : 403.
"""

from __future__ import annotations

from tests.test_matrice_permissions import statuts

__all__ = ["CIBLES", "MATRICE", "preparer"]

CSV = (
    "Département;Année;Source;Date de la source;places_chez_soi\r\n"
    "Landes;2019;Matrice;31/12/2019;?\r\n"
).encode()


class _Sortie:
    def write(self, texte: str) -> None:
        pass


def preparer(d) -> None:
    from iml.pilotage.demo_panorama import charger_demo

    if getattr(d, "panorama_prepare", False):
        return
    charger_demo(d.org.__dict__, _Sortie())
    d.panorama_prepare = True


def _fichier(d, persona: str, quoi: str | None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {}, {"fichier": SimpleUploadedFile("panorama.csv", CSV)}


def _saisie(d, persona: str, quoi: str | None):
    from iml.comptes.models import Territoire

    landes = Territoire.objects.get(niveau="DEPARTEMENT", code="40")
    donnees = {"departement": landes.pk, "annee": 2019, "indicateur": "PLACES_PETIT_CHEZ_SOI",
               "etat": "NON_RENSEIGNE", "source": "Matrice",
               "date_source": "31/12/2019"}  # fmt: skip
    return {}, donnees


def _historique(d, persona: str, quoi: str | None):
    """« propre » : un département de la région de la persona (la Nouvelle-Aquitaine pour la
    plateforme) ; « autre » : un département d'une autre région."""
    if quoi is None:
        return {}, {}  # le journal de l'année (la plateforme n'a pas choisi de région : 404)
    bretagne = persona == "claire"
    code = ("35" if bretagne else "40") if quoi == "propre" else ("40" if bretagne else "35")
    donnees = {"departement": code, "annee": 2019, "indicateur": "PLACES_CHEZ_SOI"}
    return {}, donnees | ({"region": "75"} if persona == "admin" else {})


CIBLES = {
    "pilotage:panorama_historique": _historique,
    "pilotage:panorama_export": lambda d, p, q: ({"format": q}, {}),
    "pilotage:panorama_import": _fichier,
    "pilotage:panorama_saisie": _saisie,
}

_LECTURE = statuts(403, claire=200, paul=200, admin=200)
_EXPORT = statuts(403, claire=200, paul=200, admin=404)

MATRICE: dict = {
    ("pilotage:panorama", "get", None): _LECTURE,
    ("pilotage:panorama_export", "get", "csv"): _EXPORT,
    ("pilotage:panorama_export", "get", "xlsx"): _EXPORT,
    ("pilotage:panorama_export", "get", "ods"): _EXPORT,
    ("pilotage:panorama_historique", "get", None): statuts(403, claire=200, paul=200, admin=404),
    ("pilotage:panorama_historique", "get", "propre"): _LECTURE,
    ("pilotage:panorama_historique", "get", "autre"): statuts(403, claire=404, paul=404, admin=404),
    ("pilotage:panorama_saisie", "get", None): statuts(403, paul=200),
    ("pilotage:panorama_saisie", "post", None): statuts(403, paul=302),
    ("pilotage:panorama_import", "get", None): statuts(403, paul=200),
    ("pilotage:panorama_import", "post", None): statuts(403, paul=302),
}
