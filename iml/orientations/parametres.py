"""Les paramètres du SIAO en vigueur : bloc `siao` du barème national le plus récent (délai de
réponse d'un opérateur à une proposition, délai d'alerte d'une vacance non pourvue, poids de
priorité du moteur)."""

from __future__ import annotations

from typing import Any

from iml.parc.parametres import ParametresParcAbsents, bareme_national
from regles.bareme import Bareme


def bareme() -> Bareme:
    """Le barème national le plus récent qui porte le bloc `siao` ; une base dont les jeux
    précèdent ce bloc reçoit d'abord les jeux versionnés du dépôt (idempotent)."""
    courant = bareme_national()
    if getattr(courant, "siao", None) is None:
        from iml.referentiel.services import charger_jeux_fichiers

        charger_jeux_fichiers()
        courant = bareme_national()
    if getattr(courant, "siao", None) is None:
        raise ParametresParcAbsents(
            "Aucun jeu national ne porte les paramètres du SIAO : chargez les barèmes "
            "(iml manage charger_baremes)."
        )
    return courant


def parametres_siao() -> Any:
    return bareme().siao  # type: ignore[attr-defined]


def delai_reponse_jours() -> int:
    """R-SIAO : jours laissés à l'opérateur pour répondre à une proposition."""
    return int(parametres_siao().proposition_delai_reponse_jours)


def vacance_alerte_jours() -> int:
    """R-SIAO : jours après lesquels une vacance non pourvue déclenche une alerte."""
    return int(parametres_siao().vacance_alerte_jours)
