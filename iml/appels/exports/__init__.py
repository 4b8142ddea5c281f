"""Exports d'un dossier et d'un appel : annexes 1b, 2 et 3 (xlsx, ods), synthèse (xlsx).

`tableaux` décrit les grilles indépendamment du format ; `xlsx` et `ods` les écrivent ; le PDF
(`iml.appels.pdf`) les rend en HTML. Voir `tableaux` pour la neutralisation des formules.
"""

from __future__ import annotations

from collections.abc import Sequence

from iml.appels.exports import ods, xlsx
from iml.appels.exports.annexes import feuille_budget, feuille_echeancier
from iml.appels.exports.source import Source, source_dossier
from iml.appels.exports.synthese import feuille_synthese
from iml.appels.exports.tableaux import Feuille
from iml.appels.models import AppelACandidatures

__all__ = ["Source", "annexes_ods", "annexes_xlsx", "feuilles_annexes", "source_dossier"]


def feuilles_annexes(source: Source) -> list[Feuille]:
    """Annexe 1b (budget), annexe 2 (logements), annexe 3 (places)."""
    return [
        feuille_budget(source),
        feuille_echeancier(source, "2"),
        feuille_echeancier(source, "3"),
    ]


def annexes_xlsx(source: Source) -> bytes:
    return xlsx.classeur(feuilles_annexes(source))


def annexes_ods(source: Source) -> bytes:
    return ods.classeur(feuilles_annexes(source))


def synthese_xlsx(appel: AppelACandidatures, sources: Sequence[Source]) -> bytes:
    return xlsx.classeur([feuille_synthese(appel, sources)])
