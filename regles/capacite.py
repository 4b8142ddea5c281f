"""Capacité et typologie : places par logement, petits logements, annexes 2 et 3.

Annexes 2 (logements) et 3 (places) : une ligne par typologie × forme, un nombre par
trimestre. Interprétation (`echeancier_cumulatif`, faux par défaut) : chaque nombre est une
entrée du trimestre (la colonne TOTAL des annexes somme les trimestres) ; le stock ouvert à la
fin d'un trimestre est la somme des entrées jusqu'à lui. Les totaux sont toujours calculés.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate

from regles.bareme import Bareme
from regles.calcul import arrondir, part_pct
from regles.constats import Constat, alerte, erreur, info
from regles.format import pluriel, pourcentage
from regles.types import Mode, Typologie


@dataclass(frozen=True)
class LigneEcheancier:
    """Une ligne d'annexe 2 ou 3 : typologie × forme, un nombre par trimestre."""

    typologie: Typologie
    mode: Mode
    trimestres: tuple[int, ...]

    @property
    def cle(self) -> tuple[Typologie, Mode]:
        """Typologie et forme : une seule ligne par couple."""
        return self.typologie, self.mode


def stock(ligne: LigneEcheancier, bareme: Bareme) -> tuple[int, ...]:
    """Stock à la fin de chaque trimestre (R-SCHEDULE-CONSISTENCY, interprétation cumulative)."""
    if bareme.echeancier_cumulatif:
        return ligne.trimestres
    return tuple(accumulate(ligne.trimestres))


def total(ligne: LigneEcheancier, bareme: Bareme) -> int:
    """Total de la ligne, calculé et jamais saisi (R-SCHEDULE-CONSISTENCY) : le stock final."""
    s = stock(ligne, bareme)
    return s[-1] if s else 0


def totaux_par(
    lignes: Sequence[LigneEcheancier], bareme: Bareme
) -> tuple[dict[Mode, int], dict[Typologie, int]]:
    """Totaux par forme et par typologie (R-SCHEDULE-CONSISTENCY)."""
    par_mode = {m: 0 for m in Mode}
    par_typo = {t: 0 for t in Typologie}
    for ligne in lignes:
        n = total(ligne, bareme)
        par_mode[ligne.mode] += n
        par_typo[ligne.typologie] += n
    return par_mode, par_typo


def places_max(typologie: Typologie, logements: int, bareme: Bareme) -> int:
    """R-CAPACITY : places au plus dans `logements` logements de cette typologie."""
    return logements * bareme.capacite(typologie)


def verifier_adequation_menage(
    typologie: Typologie, personnes: int, bareme: Bareme, champ: str | None = None
) -> tuple[Constat, ...]:
    """R-CAPACITY : un ménage de `personnes` personnes tient-il dans ce logement ?"""
    capacite = bareme.capacite(typologie)
    if personnes > capacite:
        return (
            erreur(
                "R-CAPACITY",
                f"un ménage de {personnes} personnes dépasse la capacité d'un logement "
                f"{typologie.libelle} ({pluriel(capacite, 'place')} au plus).",
                champ,
            ),
        )
    return ()


def _doublons(lignes: Sequence[LigneEcheancier], nom: str) -> list[Constat]:
    vus: set[tuple[Typologie, Mode]] = set()
    constats = []
    for i, ligne in enumerate(lignes):
        if ligne.cle in vus:
            constats.append(
                erreur(
                    "R-SCHEDULE-CONSISTENCY",
                    f"ligne en double pour {ligne.typologie.libelle} en "
                    f"{ligne.mode.libelle.lower()} dans l'annexe {nom}.",
                    f"{'logements' if nom == '2' else 'places'}[{i}]",
                )
            )
        vus.add(ligne.cle)
    return constats


def _depassement_ligne(
    i: int,
    ligne: LigneEcheancier,
    disponibles: Sequence[int],
    bareme: Bareme,
    libelles: Sequence[str],
) -> Constat | None:
    """Un seul constat par ligne fautive : le premier trimestre en dépassement, et combien
    d'autres le sont (le stock se reporte : une erreur se répète sur les trimestres suivants)."""
    capacite = bareme.capacite(ligne.typologie)
    fautifs = []
    for q, ouvertes in enumerate(stock(ligne, bareme)):
        nb_logements = disponibles[q] if q < len(disponibles) else 0
        if ouvertes > nb_logements * capacite:
            fautifs.append((q, ouvertes, nb_logements))
    if not fautifs:
        return None

    def nom(q: int) -> str:
        return libelles[q] if q < len(libelles) else f"trimestre {q + 1}"

    q, ouvertes, nb_logements = fautifs[0]
    suite = ""
    if len(fautifs) > 1:
        suite = f" Dépassement sur {len(fautifs)} trimestres, de {nom(q)} à {nom(fautifs[-1][0])}."
    return erreur(
        "R-SCHEDULE-CONSISTENCY",
        f"{ligne.typologie.libelle} en {ligne.mode.libelle.lower()} : "
        f"{pluriel(ouvertes, 'place')} à la fin de {nom(q)} pour "
        f"{pluriel(nb_logements, 'logement')}, soit {pluriel(nb_logements * capacite, 'place')} "
        f"au plus (R-CAPACITY, {pluriel(capacite, 'place')} par logement).{suite}",
        f"places[{i}].trimestres[{q}]",
    )


def verifier_coherence_echeanciers(
    logements: Sequence[LigneEcheancier],
    places: Sequence[LigneEcheancier],
    bareme: Bareme,
    libelles: Sequence[str] = (),
) -> tuple[Constat, ...]:
    """R-SCHEDULE-CONSISTENCY, R-CAPACITY : places (annexe 3) ≤ logements (annexe 2) × capacité.

    Comparaison des stocks, par typologie, forme et trimestre : des places ouvertes un
    trimestre peuvent l'être dans des logements captés plus tôt. Un constat par ligne fautive,
    placé sur son premier trimestre en dépassement. `libelles` nomme les trimestres
    (« 2e trim. 2019 ») ; à défaut, leur rang.
    """
    constats = _doublons(logements, "2") + _doublons(places, "3")
    stocks_logements = {ligne.cle: stock(ligne, bareme) for ligne in logements}
    for i, ligne in enumerate(places):
        constat = _depassement_ligne(
            i, ligne, stocks_logements.get(ligne.cle, ()), bareme, libelles
        )
        if constat is not None:
            constats.append(constat)
    return tuple(constats)


def part_petits_logements(places: Mapping[Typologie, int], bareme: Bareme) -> Decimal | None:
    """R-SMALL-UNITS : part des places en petits logements (%), arrondie ; `None` sans place."""
    total_places = sum(places.values())
    if total_places == 0:
        return None
    petites = sum(n for t, n in places.items() if t in bareme.petits_logements_typologies)
    return part_pct(petites, total_places, bareme.pourcentages_arrondi)


def part_petits_logements_retenus(
    projets: Sequence[tuple[Decimal | None, int]], bareme: Bareme
) -> Decimal | None:
    """R-SMALL-UNITS, R-UNKNOWN : part des petits logements des projets retenus d'un appel,
    moyenne des parts de chaque projet pondérée par ses places retenues, arrondie au pas.

    `projets` : (part du projet en %, places retenues). `None` sans place retenue, ou si la
    part d'un projet qui garde des places est non renseignée (jamais comptée pour zéro).
    Exemple : 40 % sur 10 places et 20 % sur 30 places → (400 + 600) ÷ 40 = 25 %.
    """
    total = sum(n for _, n in projets)
    if total == 0 or any(p is None and n for p, n in projets):
        return None
    somme = sum((p * n for p, n in projets if p is not None), Decimal(0))
    return arrondir(somme / total, bareme.pourcentages_arrondi)


def verifier_petits_logements(
    places: Mapping[Typologie, int], bareme: Bareme, champ: str | None = "places"
) -> tuple[Constat, ...]:
    """R-SMALL-UNITS : au moins 30 % (paramètre) des places en studio, T1, T2."""
    part = part_petits_logements(places, bareme)
    minimum = bareme.petits_logements_part_min_pct
    if part is None:
        return (
            alerte("R-SMALL-UNITS", "aucune place : part de petits logements non calculée.", champ),
        )
    petites = sum(n for t, n in places.items() if t in bareme.petits_logements_typologies)
    detail = f"{pluriel(petites, 'place')} sur {sum(places.values())}"
    if part < minimum:
        return (
            erreur(
                "R-SMALL-UNITS",
                f"{pourcentage(part)} des places en petits logements ({detail}), moins que le "
                f"minimum de {pourcentage(minimum, 0)}.",
                champ,
            ),
        )
    return (
        info(
            "R-SMALL-UNITS",
            f"{pourcentage(part)} des places en petits logements ({detail}), minimum "
            f"{pourcentage(minimum, 0)} respecté.",
            champ,
        ),
    )
