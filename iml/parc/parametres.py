"""Les paramètres du parc en vigueur : bloc `parc` du dernier jeu national qui le porte
(décence, classes DPE exclues, zones tendues, délai d'alerte des contrats)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from iml.referentiel.models import JeuParametres, NiveauJeu
from regles.bareme import Bareme
from regles.parametres_parc import ExclusionDpe, ParametresParc
from regles.types import ClasseDpe


class ParametresParcAbsents(LookupError):
    """Aucun jeu national ne porte le bloc `parc` : le référentiel n'est pas chargé."""


def _jeux_nationaux():
    """Les jeux nationaux, du plus récent au plus ancien ; une base qui n'en a aucun reçoit
    d'abord les jeux versionnés du dépôt (chargement idempotent, comme `charger_baremes`)."""
    jeux = JeuParametres.objects.filter(niveau=NiveauJeu.NATIONAL)
    if not jeux.exists():
        from iml.referentiel.services import charger_jeux_fichiers

        charger_jeux_fichiers()
    return jeux.order_by("-date_effet", "-version")


def bareme_national() -> Bareme:
    """Le barème national le plus récent (R-CAPACITY : places maximales par typologie)."""
    jeu = _jeux_nationaux().first()
    if jeu is None:
        raise ParametresParcAbsents("Aucun jeu de paramètres national n'est chargé.")
    return jeu.en_bareme()


def parametres_parc() -> ParametresParc:
    """Bloc `parc` du jeu national le plus récent (date d'effet, puis version)."""
    for jeu in _jeux_nationaux():
        parc = getattr(jeu.en_bareme(), "parc", None)
        if parc is not None:
            return parc
    # PROVISOIRE (retiré à la fusion de la branche des règles, qui livre le bloc national).
    return ParametresParc(
        decence_surface_min_m2=Decimal(9),
        decence_hauteur_min_m=Decimal("2.20"),
        decence_volume_min_m3=Decimal(20),
        dpe_exclusions=(
            ExclusionDpe(ClasseDpe.G, date(2025, 1, 1)),
            ExclusionDpe(ClasseDpe.F, date(2028, 1, 1)),
            ExclusionDpe(ClasseDpe.E, date(2034, 1, 1)),
        ),
        dpe_validite_annees=10,
        zones_tendues=frozenset({"35238", "35288"}),
        alerte_fin_contrat_jours=90,
        logement_social_justification_mois=6,
    )
