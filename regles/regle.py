"""Une règle du référentiel : identifiant, source, énoncé, module qui l'applique."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Regle:
    """Une règle : identifiant, paragraphe source, énoncé, module qui l'applique."""

    id: str
    source: str
    enonce: str
    module: str
    interpretation: str = ""
