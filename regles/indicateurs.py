"""Indicateurs des tableaux de bord du pilotage : occupation, vacance, répartition des formes,
petits logements, coût par place, cofinancements.

Fonctions pures (ni Django, ni base, ni horloge : le jour est un argument). R-UNKNOWN partout :
une entrée `None` (non renseignée) rend un indicateur `None`, jamais calculé comme 0 ; un
dénominateur nul rend aussi `None` (un taux sans base n'existe pas). Les pourcentages sont
arrondis au pas du barème (`pourcentages_arrondi`), demi au-dessus, comme partout.

- Taux d'occupation : places occupées ÷ places ouvertes.
- Taux d'ouverture : places ouvertes ÷ places financées.
- R-MODE-SPLIT : part des places financées en mandat de gestion et en sous-location, et écart
  en points à la cible de l'appel (`repartition_cible_pct`), contrôlé sur l'ensemble des
  conventions du territoire, pas convention par convention.
- R-SMALL-UNITS : part des places en petits logements (`capacite.part_petits_logements`), contre
  `petits_logements_part_min_pct`.
- R-COST-PLACE-MAX : montant annuel de l'État ÷ places financées, contre
  `cout_moyen_max_par_place` (bornes incluses : 2 200,00 € passe).
- Jours de vacance : pour chaque vacance ouverte, du jour où elle commence au jour du tableau,
  bornes incluses ; une vacance qui commence après le jour ne compte pas.
- R-COFUNDING : montants par financeur, la part de chacun dans le total connu.
- R-CEILING-NA : plafond régional des logements mobilisés (somme des plafonds par logement),
  à comparer au montant annuel de la convention.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from regles.bareme import Bareme
from regles.calcul import arrondir, divise, part_pct
from regles.types import Categorie, FormuleMandat, Mode, Zone


def taux_pct(
    numerateur: int | Decimal | None, denominateur: int | Decimal | None, pas: Decimal
) -> Decimal | None:
    """`numerateur ÷ denominateur` en %, arrondi au pas ; `None` si l'un est inconnu ou si le
    dénominateur est nul."""
    if numerateur is None or denominateur is None or denominateur == 0:
        return None
    return part_pct(numerateur, denominateur, pas)


def taux_occupation(occupees: int | None, ouvertes: int | None, pas: Decimal) -> Decimal | None:
    """Places occupées ÷ places ouvertes (%)."""
    return taux_pct(occupees, ouvertes, pas)


def taux_ouverture(ouvertes: int | None, financees: int | None, pas: Decimal) -> Decimal | None:
    """Places ouvertes ÷ places financées (%)."""
    return taux_pct(ouvertes, financees, pas)


@dataclass(frozen=True)
class Repartition:
    """R-MODE-SPLIT : parts des places par forme (%) et cible de l'appel (%)."""

    part_mg: Decimal
    part_sl: Decimal
    cible_mg: Decimal
    cible_sl: Decimal

    @property
    def ecart_mg_points(self) -> Decimal:
        """Part du mandat de gestion moins sa cible (points ; négatif : en dessous)."""
        return self.part_mg - self.cible_mg


def repartition_formes(
    places_mg: int | None,
    places_sl: int | None,
    cible: Mapping[Mode, Decimal],
    pas: Decimal,
) -> Repartition | None:
    """R-MODE-SPLIT : `None` si une forme est inconnue ou s'il n'y a aucune place."""
    if places_mg is None or places_sl is None or places_mg + places_sl == 0:
        return None
    total = places_mg + places_sl
    return Repartition(
        part_mg=part_pct(places_mg, total, pas),
        part_sl=part_pct(places_sl, total, pas),
        cible_mg=cible[Mode.MANDAT_GESTION],
        cible_sl=cible[Mode.SOUS_LOCATION],
    )


def cout_par_place(montant: Decimal | None, places: int | None) -> Decimal | None:
    """R-COST-PLACE-MAX : montant annuel ÷ places financées, au centime ; `None` si le montant
    ou les places sont inconnus, ou sans place."""
    if places is None:
        return None
    return divise(montant, places)


def au_dessus(valeur: Decimal | None, plafond: Decimal | None) -> bool | None:
    """Vrai si `valeur` dépasse strictement le `plafond` (bornes incluses : égal passe) ;
    `None` si l'un est inconnu (on ne peut pas dire)."""
    if valeur is None or plafond is None:
        return None
    return valeur > plafond


def sous_le_minimum(valeur: Decimal | None, minimum: Decimal) -> bool | None:
    """Vrai si `valeur` est strictement sous le `minimum` ; `None` si `valeur` est inconnue."""
    if valeur is None:
        return None
    return valeur < minimum


def jours_de_vacance(debuts: Iterable[date | None], jour: date) -> int | None:
    """Somme, sur les vacances ouvertes, des jours du début de la vacance au `jour`, bornes
    incluses (ouverte et regardée le même jour : 1 jour). Une vacance future ne compte pas ;
    une vacance sans date de début rend l'ensemble inconnu (`None`, R-UNKNOWN)."""
    total = 0
    for debut in debuts:
        if debut is None:
            return None
        if debut <= jour:
            total += (jour - debut).days + 1
    return total


def moyenne_jours(total: int | None, nombre: int) -> Decimal | None:
    """Moyenne au dixième ; `None` sans élément ou total inconnu."""
    if total is None or nombre == 0:
        return None
    return arrondir(Decimal(total) / nombre, Decimal("0.1"))


@dataclass(frozen=True)
class PartFinanceur:
    """R-COFUNDING : le montant d'un financeur et sa part du total (%)."""

    financeur: str
    montant: Decimal
    part_pct: Decimal | None


def parts_des_financeurs(
    montants: Mapping[str, Decimal | None], pas: Decimal
) -> tuple[tuple[PartFinanceur, ...], int]:
    """Les financeurs de montant connu avec leur part du total connu, et le nombre de montants
    non renseignés (qui ne comptent pas au total, et empêchent de dire une part : la part est
    alors `None`, jamais calculée sur un total incomplet)."""
    connus = {f: m for f, m in montants.items() if m is not None}
    inconnus = len(montants) - len(connus)
    total = sum(connus.values(), Decimal(0))
    parts = tuple(
        PartFinanceur(f, m, None if inconnus or total == 0 else part_pct(m, total, pas))
        for f, m in connus.items()
    )
    return parts, inconnus


def plafond_regional(
    bareme: Bareme,
    logements: Mapping[Mode, int],
    categorie: Categorie | None,
    zone: Zone | None,
    mg_accompagne: bool,
) -> Decimal | None:
    """R-CEILING-NA : plafond des logements mobilisés, trois prestations confondues, soit la
    somme sur les formes du plafond par logement × logements de la forme (sous-location : par
    catégorie et zone ; mandat de gestion : avec ou sans accompagnement, par zone). `None` si
    le barème n'a pas le plafond d'une forme mobilisée, ou si la zone (ou, en sous-location, la
    catégorie) est inconnue ; `None` aussi sans logement mobilisé : pas de plafond à comparer,
    jamais un plafond de 0 € (R-UNKNOWN)."""
    if zone is None or not any(logements.values()):
        return None
    total = Decimal(0)
    for mode, n in logements.items():
        if n == 0:
            continue
        if mode is Mode.SOUS_LOCATION:
            if bareme.plafonds_sous_location is None or categorie is None:
                return None
            plafond = bareme.plafonds_sous_location[categorie][zone]
        else:
            if bareme.plafonds_mandat_gestion is None:
                return None
            formule = (
                FormuleMandat.AVEC_ACCOMPAGNEMENT
                if mg_accompagne
                else FormuleMandat.SANS_ACCOMPAGNEMENT
            )
            plafond = bareme.plafonds_mandat_gestion[formule][zone]
        total += plafond * n
    return total
