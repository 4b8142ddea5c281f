"""Matrice des permissions du volet équipe de l'accompagnement (fusionnée par
tests/test_matrice_permissions.py). Pages sans objet : pas de cible, sauf les données postées
du temps de travail (nadia, travailleuse sociale de l'AIS, à 0,8 ETP depuis aujourd'hui).

- `accompagnement:accueil` (« Mes ménages ») : la direction et le travail social d'un opérateur
  (perms.accompagne) ; personne d'autre (403).
- `accompagnement:equipe`, `accompagnement:temps_travail` : la direction seule
  (perms.acces_equipe).
- `accompagnement:chiffres` et son export CSV : la direction d'un opérateur, l'État, les
  cofinanceurs, l'administration de la plateforme (perms.peut_voir_chiffres) ; le SIAO 403.
"""

from __future__ import annotations

from tests.test_matrice_permissions import statuts


def _temps_travail(d, persona: str, quoi):
    from django.utils import timezone

    donnees = {"utilisateur": d.nadia.pk, "etp": "0,8", "depuis_le": timezone.localdate()}
    return {}, donnees


CIBLES = {"accompagnement:temps_travail": _temps_travail}

_CHIFFRES = statuts(403, claire=200, paul=200, marc=200, anne=200, admin=200)

MATRICE = {
    ("accompagnement:accueil", "get", None): statuts(403, marc=200),
    ("accompagnement:equipe", "get", None): statuts(403, marc=200),
    ("accompagnement:temps_travail", "get", None): statuts(403, marc=200),
    ("accompagnement:temps_travail", "post", None): statuts(403, marc=302),
    ("accompagnement:chiffres", "get", None): _CHIFFRES,
    ("accompagnement:chiffres_export", "get", None): _CHIFFRES,
}

#: Écarts de rôle (voir tests/test_matrice_roles.py).
_TRAVAIL_SOCIAL_ET_GESTION = {"julie": 403, "nadia": 403, "ines": 403}
ECARTS = {
    # La gestion locative sait qu'un plan existe (fiche du ménage), rien de plus : ni « Mes
    # ménages » ni la suite (perms.accompagne : direction et travail social).
    ("accompagnement:accueil", "get", None): {"julie": 403},
    # Vue d'équipe et temps de travail : la direction seule (perms.acces_equipe, R-SW-RATIO).
    ("accompagnement:equipe", "get", None): _TRAVAIL_SOCIAL_ET_GESTION,
    ("accompagnement:temps_travail", "get", None): _TRAVAIL_SOCIAL_ET_GESTION,
    # louis (direction en Gironde) poste nadia, qui n'est pas de son organisation : le
    # formulaire se réaffiche avec l'erreur sous le champ (200), rien n'est écrit.
    ("accompagnement:temps_travail", "post", None): _TRAVAIL_SOCIAL_ET_GESTION | {"louis": 200},
    # Les chiffres d'activité (R-STATS) : la direction, pas le travail social ni la gestion
    # locative (perms.peut_voir_chiffres).
    ("accompagnement:chiffres", "get", None): _TRAVAIL_SOCIAL_ET_GESTION,
    ("accompagnement:chiffres_export", "get", None): _TRAVAIL_SOCIAL_ET_GESTION,
}
