"""Formes de l'IML et parc mobilisé (R-MODE, R-PUBLIC-STOCK)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from regles.constats import Constat, alerte, erreur, info
from regles.format import date_fr, pluriel
from regles.types import Mode


def verifier_forme(
    mode: Mode, bail_glissant: bool, champ: str | None = None
) -> tuple[Constat, ...]:
    """R-MODE : deux formes ; le bail glissant n'existe qu'en sous-location."""
    if bail_glissant and mode is not Mode.SOUS_LOCATION:
        return (
            erreur(
                "R-MODE",
                f"le bail glissant n'existe qu'en sous-location, pas en {mode.libelle.lower()}.",
                champ,
            ),
        )
    return ()


@dataclass(frozen=True)
class ParcSocial:
    """Logements du parc social mobilisés par exception (R-PUBLIC-STOCK)."""

    logements: int
    motif: str | None
    date_fin: date | None


def verifier_parc_social(
    parc: ParcSocial | None, jour: date, champ: str = "parc_social"
) -> tuple[Constat, ...]:
    """R-PUBLIC-STOCK : le parc privé est la règle ; le parc social, une exception motivée et datée.

    Sans logement social : rien. Sinon une alerte rappelle l'exception, et une erreur signale un
    motif ou une date de fin manquants, ou une date de fin déjà passée au `jour` donné.
    """
    if parc is None or parc.logements == 0:
        return ()
    constats = [
        alerte(
            "R-PUBLIC-STOCK",
            f"{pluriel(parc.logements, 'logement')} du parc social : exception au principe de "
            "mobilisation du parc privé, limitée dans le temps.",
            champ,
        )
    ]
    if not parc.motif:
        constats.append(
            erreur(
                "R-PUBLIC-STOCK", "motif de l'exception (parc social) manquant.", f"{champ}.motif"
            )
        )
    constats.append(_constat_date_fin(parc.date_fin, jour, champ))
    return tuple(constats)


def _constat_date_fin(date_fin: date | None, jour: date, champ: str) -> Constat:
    """R-PUBLIC-STOCK : la date de fin de l'exception, manquante, passée ou à venir."""
    if date_fin is None:
        return erreur(
            "R-PUBLIC-STOCK",
            "date de fin de l'exception (parc social) manquante.",
            f"{champ}.date_fin",
        )
    if date_fin < jour:
        return erreur(
            "R-PUBLIC-STOCK",
            f"exception (parc social) terminée le {date_fr(date_fin)}, avant le {date_fr(jour)}.",
            f"{champ}.date_fin",
        )
    return info("R-PUBLIC-STOCK", f"exception accordée jusqu'au {date_fr(date_fin)}.")
