"""Évaluation du dossier par le moteur, pour le panneau de conformité et les étapes.

Rien n'est enregistré ici : on évalue le contenu enregistré, fusionné au besoin avec les
données non enregistrées de l'étape en cours, comme s'il était déposé le jour même.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from iml.appels import moteur
from iml.appels.forms.dossier.base import FormulaireEtape
from iml.appels.models import AppelACandidatures
from iml.comptes.models import Organisation
from regles.types import Mode

NIVEAUX = (("erreur", "Erreurs"), ("alerte", "Alertes"), ("info", "Informations"))


@dataclass
class Evaluation:
    """Ce que montre le panneau : constats par niveau, chiffres, entrée invalide."""

    contenu: dict[str, Any]
    invalide: list[str] = field(default_factory=list)
    constats: list[dict[str, Any]] = field(default_factory=list)
    chiffres: dict[str, Any] = field(default_factory=dict)
    bareme_code: str = ""
    bareme_version: int = 0

    def __post_init__(self) -> None:
        self.constats = [avec_texte(c) for c in self.constats]

    def par_niveau(self) -> list[dict[str, Any]]:
        return [
            {"niveau": n, "titre": t, "constats": [c for c in self.constats if c["niveau"] == n]}
            for n, t in NIVEAUX
        ]

    def nombre(self, niveau: str) -> int:
        return sum(1 for c in self.constats if c.get("niveau") == niveau)

    @property
    def nombre_erreurs(self) -> int:
        return self.nombre("erreur")

    @property
    def nombre_alertes(self) -> int:
        return self.nombre("alerte")

    @property
    def nombre_infos(self) -> int:
        return self.nombre("info")

    @property
    def budget(self) -> Mapping[str, Any]:
        return self.chiffres.get("budget") or {}

    @property
    def logements_total(self) -> int | None:
        return total_des_formes(self.budget.get("logements"))

    @property
    def places_total(self) -> int | None:
        return total_des_formes(self.budget.get("places"))


def total_des_formes(par_forme: Mapping[str, Any] | None) -> int | None:
    """Somme des deux formes ; non renseignée si l'une manque (R-UNKNOWN, jamais 0)."""
    if not par_forme:
        return None
    valeurs = [par_forme.get(m.value) for m in Mode]
    if any(v is None for v in valeurs):
        return None
    return sum(int(v) for v in valeurs)


def avec_texte(constat: Mapping[str, Any]) -> dict[str, Any]:
    """Le constat, et son message sans le préfixe « R-… : » (l'id est affiché à part)."""
    message = str(constat.get("message") or "")
    prefixe = f"{constat.get('regle')} : "
    return {**constat, "texte": message.removeprefix(prefixe)}


def contenu_fusionne(contenu: Mapping[str, Any], formulaire: FormulaireEtape) -> dict[str, Any]:
    """Le contenu enregistré, avec les clés de l'étape remplacées par la saisie en cours."""
    return {**contenu, **formulaire.vers_contenu()}


def evaluer(
    contenu: Mapping[str, Any],
    appel: AppelACandidatures,
    jour: date,
    *,
    operateur: Organisation | None = None,
) -> Evaluation:
    """Le moteur sur `contenu`, déposé (virtuellement) le `jour` donné ; avec `operateur`, le
    SIRET déclaré est comparé au sien (R-ELIGIBILITY)."""
    a_evaluer = {**contenu, "date_depot": jour.isoformat()}
    resultat = moteur.verifier(a_evaluer, appel, jour, operateur=operateur)
    return Evaluation(
        contenu=dict(contenu),
        invalide=list(resultat.invalide),
        constats=list(resultat.constats),
        chiffres=dict(resultat.chiffres or {}),
        bareme_code=resultat.bareme_code,
        bareme_version=resultat.bareme_version,
    )


def evaluation_figee(version: Any) -> Evaluation:
    """Les constats et chiffres gardés par une version déposée (sans recalcul)."""
    return Evaluation(
        contenu=dict(version.contenu),
        constats=list(version.constats),
        chiffres=dict(version.chiffres),
        bareme_code=version.bareme_code,
        bareme_version=version.bareme_version,
    )
