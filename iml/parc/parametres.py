"""Les paramètres du parc en vigueur : bloc `parc` du dernier jeu national qui le porte
(décence, classes DPE exclues, zones tendues, délai d'alerte des contrats)."""

from __future__ import annotations

from iml.referentiel.models import JeuParametres, NiveauJeu
from regles.bareme import Bareme
from regles.parametres_parc import ParametresParc


class ParametresParcAbsents(LookupError):
    """Aucun jeu national ne porte le bloc `parc` : le référentiel n'est pas chargé."""


def _jeux_nationaux():
    return JeuParametres.objects.filter(niveau=NiveauJeu.NATIONAL).order_by(
        "-date_effet", "-version"
    )


def _charger_si_absent(trouve):
    """Une base sans jeu national, ou dont les jeux nationaux précèdent le bloc `parc`,
    reçoit d'abord les jeux versionnés du dépôt (chargement idempotent, `charger_baremes`)."""
    valeur = trouve()
    if valeur is not None:
        return valeur
    from iml.referentiel.services import charger_jeux_fichiers

    charger_jeux_fichiers()
    return trouve()


def bareme_national() -> Bareme:
    """Le barème national le plus récent (R-CAPACITY : places maximales par typologie)."""
    jeu = _charger_si_absent(lambda: _jeux_nationaux().first())
    if jeu is None:
        raise ParametresParcAbsents("Aucun jeu de paramètres national n'est chargé.")
    return jeu.en_bareme()


def _parc_le_plus_recent() -> ParametresParc | None:
    for jeu in _jeux_nationaux():
        if (parc := jeu.en_bareme().parc) is not None:
            return parc
    return None


def parametres_parc() -> ParametresParc:
    """Bloc `parc` du jeu national le plus récent qui le porte (date d'effet, puis version)."""
    parc = _charger_si_absent(_parc_le_plus_recent)
    if parc is None:
        raise ParametresParcAbsents(
            "Aucun jeu national ne porte les paramètres du parc : chargez les barèmes "
            "(iml manage charger_baremes)."
        )
    return parc
