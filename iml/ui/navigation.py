"""Navigation principale par type d'organisation et rôle.

Chaque application ajoute ses entrées avec `ajouter(...)` dans son AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from iml.comptes.acteur import Acteur


@dataclass(frozen=True)
class Entree:
    libelle: str
    url_name: str
    visible: Callable[[Acteur], bool]
    ordre: int = 50


_ENTREES: list[Entree] = []


def ajouter(entree: Entree) -> None:
    if entree not in _ENTREES:
        _ENTREES.append(entree)


def menu(acteur: Acteur | None, chemin: str) -> list[dict[str, object]]:
    if acteur is None:
        return []
    elements = []
    for entree in sorted(_ENTREES, key=lambda e: e.ordre):
        if not entree.visible(acteur):
            continue
        url = reverse(entree.url_name)
        actif = chemin == url if url == "/" else chemin.startswith(url)
        elements.append({"libelle": entree.libelle, "url": url, "actif": actif})
    return elements


ajouter(Entree("Tableau de bord", "ui:accueil", lambda a: True, ordre=0))
ajouter(
    Entree(
        "Organisations",
        "ui:organisations",
        lambda a: a.est_etat or a.est_siao or a.est_administrateur,
        ordre=80,
    )
)
ajouter(
    Entree(
        "Mon organisation",
        "ui:organisations",
        lambda a: (a.est_operateur or a.est_cofinanceur) and not a.est_administrateur,
        ordre=80,
    )
)
ajouter(Entree("Journal d'audit", "ui:journal", lambda a: a.est_administrateur, ordre=90))
ajouter(Entree("Administration", "admin:index", lambda a: a.est_administrateur, ordre=95))
