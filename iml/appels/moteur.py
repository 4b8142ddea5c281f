"""Adaptateur entre les dossiers (JSON) et le moteur de règles pur (`regles/`).

Contrat pour les vues, l'API et les exports : `verifier(contenu, appel, date_reference)` renvoie
un `ResultatMoteur` sérialisable (constats et chiffres en types JSON), avec le barème utilisé.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import jsonschema

from iml.referentiel.validation import traduire, validateur
from regles.appel import verifier_siret_porteur
from regles.conformite import verifier_dossier
from regles.conversion import ValeurInvalide
from regles.entrees_dossier import lire_dossier

if TYPE_CHECKING:
    from iml.appels.models import AppelACandidatures
    from iml.comptes.models import Organisation


@dataclass
class ResultatMoteur:
    bareme_code: str
    bareme_version: int
    invalide: list[str] = field(default_factory=list)
    constats: list[dict[str, Any]] = field(default_factory=list)
    chiffres: dict[str, Any] = field(default_factory=dict)

    def nombre(self, niveau: str) -> int:
        return sum(1 for c in self.constats if c.get("niveau") == niveau)

    @property
    def erreurs(self) -> int:
        return self.nombre("erreur")

    @property
    def alertes(self) -> int:
        return self.nombre("alerte")


@lru_cache(maxsize=1)
def _validateur_dossier() -> jsonschema.protocols.Validator:
    return validateur("conformite")


def erreurs_de_schema(contenu: Any) -> list[str]:
    """Messages français, un par champ fautif, dans l'ordre du document."""
    erreurs = sorted(_validateur_dossier().iter_errors(contenu), key=lambda e: list(e.path))
    messages = []
    for erreur in erreurs:
        champ, message = traduire(erreur)
        messages.append(f"Champ « {champ or '(racine)'} » : {message}.")
    return messages


def _type_json(valeur: Any) -> Any:
    if isinstance(valeur, Decimal):
        return format(valeur, "f")
    if isinstance(valeur, date | datetime):
        return valeur.isoformat()
    if isinstance(valeur, Enum):
        return valeur.value
    raise TypeError(f"non sérialisable : {type(valeur).__name__}")


def en_json(valeur: Any) -> Any:
    """Décimaux en chaînes (« 85500.00 »), dates ISO, énumérations en valeurs : prêt pour un
    JSONField, sans perte de précision."""
    return json.loads(json.dumps(valeur, default=_type_json))


def verifier(
    contenu: dict[str, Any],
    appel: AppelACandidatures,
    date_reference: date,
    *,
    operateur: Organisation | None = None,
) -> ResultatMoteur:
    """Conformité d'un dossier au barème de son appel (toutes les règles qui s'appliquent).

    Le barème est celui de l'appel, quel que soit le champ `bareme` du document. Avec
    `operateur`, le SIRET déclaré du porteur est comparé au sien (R-ELIGIBILITY).
    """
    bareme = appel.jeu.en_bareme()
    resultat = ResultatMoteur(bareme.bareme_id, bareme.version)
    document = {**contenu, "bareme": bareme.bareme_id}
    resultat.invalide = erreurs_de_schema(document)
    if resultat.invalide:
        return resultat
    trimestres = bareme.appel.nombre_trimestres if bareme.appel else None
    try:
        dossier = lire_dossier(document, trimestres)
    except ValeurInvalide as e:
        resultat.invalide = [f"Champ « {e.champ} » : {e.message}."]
        return resultat
    brut = verifier_dossier(dossier, bareme, date_reference=date_reference)
    constats = list(brut.constats)
    if operateur is not None:
        siret = (contenu.get("porteur") or {}).get("siret")
        constats += verifier_siret_porteur(siret, operateur.siret, operateur.nom)
    resultat.constats = [en_json(c.as_dict()) for c in constats]
    resultat.chiffres = en_json(brut.chiffres)
    return resultat
