"""Les paramètres du SIAO en vigueur : bloc `siao` du barème national le plus récent (délai de
réponse d'un opérateur à une proposition, délai d'alerte d'une vacance non pourvue, poids de
priorité du moteur)."""

from __future__ import annotations

from iml.parc.parametres import ParametresParcAbsents, bareme_national
from regles.bareme import Bareme
from regles.parametres_siao import ParametresSiao


def bareme() -> Bareme:
    """Le barème national le plus récent qui porte le bloc `siao` ; une base dont les jeux
    précèdent ce bloc reçoit d'abord les jeux versionnés du dépôt (idempotent)."""
    courant = bareme_national()
    if courant.siao is None:
        from iml.referentiel.services import charger_jeux_fichiers

        charger_jeux_fichiers()
        courant = bareme_national()
    if courant.siao is None:
        raise ParametresParcAbsents(
            "Aucun jeu national ne porte les paramètres du SIAO : chargez les barèmes "
            "(iml manage charger_baremes)."
        )
    return courant


def parametres_siao() -> ParametresSiao:
    siao = bareme().siao
    assert siao is not None
    return siao


def delai_reponse_jours() -> int:
    """R-SIAO : jours laissés à l'opérateur pour répondre à une proposition."""
    return parametres_siao().proposition_delai_reponse_jours


def vacance_alerte_jours() -> int:
    """R-SIAO : jours après lesquels une vacance non pourvue déclenche une alerte."""
    return parametres_siao().vacance_alerte_jours
