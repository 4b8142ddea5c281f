"""Paramètres des occupations : horloge de la sous-location, fenêtre du mandat de gestion,
appels de loyer, seuil des impayés, vacance.

Bloc facultatif `occupations` d'un jeu de paramètres (R-SL-DURATION, R-MG-GLS-DURATION,
R-IMPAYES, R-VACANCE, R-SORTIE) ; absent d'un jeu d'avant son ajout, il vaut `None` dans le
`Bareme`. La lecture stricte du bloc est `lire_occupations`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from regles import conversion as cv
from regles.types import DestinationSortie


@dataclass(frozen=True)
class ParametresOccupations:
    """Bloc `occupations` d'un barème."""

    sl_alertes_jours: tuple[int, ...]
    mg_alertes_fin_jours: tuple[int, ...]
    mg_revue_alerte_jours: int
    jour_appel_loyer: int
    impayes_seuil_mois: int
    vacance_plafond_jours_an: int | None
    destinations_logement: frozenset[DestinationSortie]


NOMS_OCCUPATIONS: frozenset[str] = frozenset(f.name for f in fields(ParametresOccupations))


def _jours(v: object, chemin: str) -> tuple[int, ...]:
    """Délais d'alerte en jours, distincts, du plus long au plus court."""
    jours = [
        cv.entier(x, cv.indice(chemin, i), minimum=0) for i, x in enumerate(cv.liste(v, chemin))
    ]
    if len(set(jours)) != len(jours):
        raise cv.ValeurInvalide(chemin, "délai d'alerte en double")
    return tuple(sorted(jours, reverse=True))


def _destinations(v: object, chemin: str) -> frozenset[DestinationSortie]:
    return frozenset(
        cv.choix(DestinationSortie, x, cv.indice(chemin, i))
        for i, x in enumerate(cv.liste(v, chemin))
    )


def lire_occupations(v: object, chemin: str) -> ParametresOccupations | None:
    """Lit le bloc `occupations` (toutes les clés requises, aucune inconnue) ; `None` reste
    `None`."""
    if v is None:
        return None
    obj = cv.objet(v, chemin)
    cv.cles(obj, chemin, requises=set(NOMS_OCCUPATIONS), permises=set())

    def s(cle: str) -> str:
        return cv.sous(chemin, cle)

    plafond = obj["vacance_plafond_jours_an"]
    return ParametresOccupations(
        sl_alertes_jours=_jours(obj["sl_alertes_jours"], s("sl_alertes_jours")),
        mg_alertes_fin_jours=_jours(obj["mg_alertes_fin_jours"], s("mg_alertes_fin_jours")),
        mg_revue_alerte_jours=cv.entier(
            obj["mg_revue_alerte_jours"], s("mg_revue_alerte_jours"), minimum=0
        ),
        jour_appel_loyer=cv.entier(
            obj["jour_appel_loyer"], s("jour_appel_loyer"), minimum=1, maximum=28
        ),
        impayes_seuil_mois=cv.entier(obj["impayes_seuil_mois"], s("impayes_seuil_mois"), minimum=1),
        vacance_plafond_jours_an=None
        if plafond is None
        else cv.entier(plafond, s("vacance_plafond_jours_an"), minimum=0, maximum=366),
        destinations_logement=_destinations(
            obj["destinations_logement"], s("destinations_logement")
        ),
    )
