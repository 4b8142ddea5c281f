"""Les paramètres du parc en vigueur : bloc `parc` du dernier jeu national qui le porte
(décence, classes DPE exclues, zones tendues, délai d'alerte des contrats)."""

from __future__ import annotations

from django.utils import timezone

from iml.referentiel.models import JeuParametres, NiveauJeu
from regles.bareme import Bareme
from regles.parametres_parc import ParametresParc


class ParametresParcAbsents(LookupError):
    """Aucun jeu national ne porte le bloc `parc` : le référentiel n'est pas chargé."""


#: Résultat par état des jeux nationaux (identifiants et dates de modification) : une seule
#: petite requête par appel, sans refusionner les couches à chaque logement d'un import.
_MEMO: dict[tuple, tuple[Bareme, ParametresParc | None]] = {}


def _jeux_nationaux():
    """Les jeux nationaux en vigueur aujourd'hui (un jeu publié d'avance attend sa date
    d'effet), du plus récent au plus ancien."""
    return JeuParametres.objects.filter(
        niveau=NiveauJeu.NATIONAL, date_effet__lte=timezone.localdate()
    ).order_by("-date_effet", "-version")


def _resoudre() -> tuple[Bareme, ParametresParc | None] | None:
    """Le barème national le plus récent et le bloc `parc` du plus récent qui le porte."""
    cle = tuple(_jeux_nationaux().values_list("pk", "modifie_le"))
    if not cle:
        return None
    if cle not in _MEMO:
        jeux = list(_jeux_nationaux())
        parc = next((b.parc for b in (j.en_bareme() for j in jeux) if b.parc is not None), None)
        _MEMO.clear()
        _MEMO[cle] = (jeux[0].en_bareme(), parc)
    return _MEMO[cle]


def _resolu() -> tuple[Bareme, ParametresParc | None]:
    """Une base sans jeu national, ou dont les jeux nationaux précèdent le bloc `parc`,
    reçoit d'abord les jeux versionnés du dépôt (chargement idempotent, `charger_baremes`)."""
    resolu = _resoudre()
    if resolu is None or resolu[1] is None:
        from iml.referentiel.services import charger_jeux_fichiers

        charger_jeux_fichiers()
        resolu = _resoudre()
    if resolu is None:
        raise ParametresParcAbsents("Aucun jeu de paramètres national n'est chargé.")
    return resolu


def bareme_national() -> Bareme:
    """Le barème national le plus récent (R-CAPACITY : places maximales par typologie)."""
    return _resolu()[0]


def parametres_parc() -> ParametresParc:
    """Bloc `parc` du jeu national le plus récent qui le porte (date d'effet, puis version)."""
    parc = _resolu()[1]
    if parc is None:
        raise ParametresParcAbsents(
            "Aucun jeu national ne porte les paramètres du parc : chargez les barèmes "
            "(iml manage charger_baremes)."
        )
    return parc
