"""Les paramètres des occupations en vigueur : bloc `occupations` du barème national le plus
récent (alertes, jour d'appel des loyers, seuil des impayés, vacance, sorties)."""

from __future__ import annotations

from iml.parc.parametres import ParametresParcAbsents, bareme_national
from regles.bareme import Bareme
from regles.parametres_occupations import ParametresOccupations


def bareme() -> Bareme:
    """Le barème national le plus récent qui porte le bloc `occupations` ; une base dont les
    jeux précèdent ce bloc reçoit d'abord les jeux versionnés du dépôt (idempotent)."""
    courant = bareme_national()
    if courant.occupations is None:
        from iml.referentiel.services import charger_jeux_fichiers

        charger_jeux_fichiers()
        courant = bareme_national()
    if courant.occupations is None:
        raise ParametresParcAbsents(
            "Aucun jeu national ne porte les paramètres des occupations : chargez les barèmes "
            "(iml manage charger_baremes)."
        )
    return courant


def parametres_occupations() -> ParametresOccupations:
    occupations = bareme().occupations
    assert occupations is not None
    return occupations
