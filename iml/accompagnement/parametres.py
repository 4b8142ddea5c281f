"""Les paramètres de l'accompagnement en vigueur : bloc `accompagnement` du barème national le
plus récent (étapes, canaux de visite, délai sans contact), avec les paramètres des dispositifs
et du ratio (visites par semaine, ménages par ETP) du même barème."""

from __future__ import annotations

from iml.parc.parametres import ParametresParcAbsents, bareme_national
from regles.bareme import Bareme
from regles.parametres_accompagnement import ParametresAccompagnement


def bareme() -> Bareme:
    """Le barème national le plus récent qui porte le bloc `accompagnement` ; une base dont les
    jeux précèdent ce bloc reçoit d'abord les jeux versionnés du dépôt (idempotent)."""
    courant = bareme_national()
    if courant.accompagnement is None:
        from iml.referentiel.services import charger_jeux_fichiers

        charger_jeux_fichiers()
        courant = bareme_national()
    if courant.accompagnement is None:
        raise ParametresParcAbsents(
            "Aucun jeu national ne porte les paramètres de l'accompagnement : chargez les "
            "barèmes (iml manage charger_baremes)."
        )
    return courant


def parametres_accompagnement() -> ParametresAccompagnement:
    accompagnement = bareme().accompagnement
    assert accompagnement is not None
    return accompagnement
