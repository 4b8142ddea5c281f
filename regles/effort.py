"""Taux d'effort et reste à vivre, selon la forme d'IML (R-EFFORT-MG, R-EFFORT-SL).

Interprétation (iml-rules.md) : taux d'effort = (loyer ou redevance + charges − aide au
logement) ÷ ressources mensuelles allocations comprises ; reste à vivre = ressources − ce coût
net, présenté par personne et par jour (÷ personnes ÷ `jours_par_mois`). Le taux est arrondi
au pas `pourcentages_arrondi` (0,1 point) avant comparaison : 30,0 % passe, 30,1 % non.
Le minimum de reste à vivre (`reste_a_vivre_min_jour_personne`) n'a pas de valeur dans les
sources : vide, il n'est pas contrôlé et le résultat le dit par une info.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from regles.bareme import Bareme
from regles.calcul import arrondir, part_pct, somme
from regles.capacite import verifier_adequation_menage
from regles.constats import Constat, erreur, info
from regles.format import euros, pourcentage
from regles.formes import verifier_forme
from regles.types import Mode, Typologie

REGLE_EFFORT = {Mode.MANDAT_GESTION: "R-EFFORT-MG", Mode.SOUS_LOCATION: "R-EFFORT-SL"}


@dataclass(frozen=True)
class SituationMenage:
    """Coût du logement et ressources mensuels d'un ménage ; `None` = non renseigné."""

    mode: Mode
    loyer: Decimal | None
    charges: Decimal | None
    aide_logement: Decimal | None
    ressources: Decimal | None
    personnes: int
    typologie: Typologie | None = None
    bail_glissant: bool = False


@dataclass(frozen=True)
class ResultatEffort:
    """Chiffres et constats d'un contrôle d'effort."""

    cout_net: Decimal | None
    taux_pct: Decimal | None
    taux_max_pct: Decimal
    reste_a_vivre_mensuel: Decimal | None
    reste_a_vivre_jour_personne: Decimal | None
    constats: tuple[Constat, ...]


def cout_net(loyer: Decimal, charges: Decimal, aide_logement: Decimal) -> Decimal:
    """R-EFFORT-MG, R-EFFORT-SL : loyer (ou redevance) + charges − aide au logement."""
    return loyer + charges - aide_logement


def taux_effort(cout: Decimal, ressources: Decimal, bareme: Bareme) -> Decimal:
    """R-EFFORT-MG, R-EFFORT-SL : coût net ÷ ressources, en %, arrondi au pas du barème."""
    return part_pct(cout, ressources, bareme.pourcentages_arrondi)


def reste_a_vivre_jour(
    ressources: Decimal, cout: Decimal, personnes: int, bareme: Bareme
) -> Decimal:
    """R-EFFORT-SL : (ressources − coût net) ÷ personnes ÷ jours par mois, au centime."""
    return arrondir((ressources - cout) / personnes / bareme.jours_par_mois)


def _controle_taux(
    s: SituationMenage, cout: Decimal, ressources: Decimal, bareme: Bareme
) -> tuple[Decimal, Constat]:
    regle = REGLE_EFFORT[s.mode]
    plafond = bareme.taux_effort_max_pct[s.mode]
    taux = taux_effort(cout, ressources, bareme)
    forme = s.mode.libelle.lower()
    chiffres = f"{euros(cout)} de coût net pour {euros(ressources)} de ressources"
    if taux > plafond:
        texte = (
            f"taux d'effort {pourcentage(taux)} supérieur au plafond de "
            f"{pourcentage(plafond, 0)} ({forme} ; {chiffres})."
        )
        return taux, erreur(regle, texte, "loyer")
    texte = (
        f"taux d'effort {pourcentage(taux)} dans le plafond de {pourcentage(plafond, 0)} "
        f"({forme} ; {chiffres})."
    )
    return taux, info(regle, texte)


def _controle_reste(s: SituationMenage, rav: Decimal, bareme: Bareme) -> Constat:
    minimum = bareme.reste_a_vivre_min_jour_personne
    texte = f"reste à vivre {euros(rav)} par personne et par jour"
    if s.mode is not Mode.SOUS_LOCATION:
        return info("R-EFFORT-MG", f"{texte} (aucun minimum en mandat de gestion).")
    if minimum is None:
        return info(
            "R-EFFORT-SL",
            f"{texte} ; aucun minimum fixé par le barème : reste à vivre non contrôlé.",
        )
    if rav < minimum:
        return erreur(
            "R-EFFORT-SL",
            f"{texte}, inférieur au minimum garanti de {euros(minimum)}.",
            "ressources",
        )
    return info("R-EFFORT-SL", f"{texte}, au moins le minimum garanti de {euros(minimum)}.")


def verifier_effort(s: SituationMenage, bareme: Bareme) -> ResultatEffort:
    """R-EFFORT-MG, R-EFFORT-SL (avec R-MODE et R-CAPACITY) : effort, reste à vivre, taille.

    Une valeur non renseignée (R-UNKNOWN) ou des ressources nulles empêchent le calcul : une
    info le dit, sans erreur.
    """
    constats = list(verifier_forme(s.mode, s.bail_glissant, "bail_glissant"))
    if s.typologie is not None:
        constats += verifier_adequation_menage(s.typologie, s.personnes, bareme, "personnes")
    regle = REGLE_EFFORT[s.mode]
    plafond = bareme.taux_effort_max_pct[s.mode]
    cout = somme([s.loyer, s.charges, None if s.aide_logement is None else -s.aide_logement])
    if cout is None or s.ressources is None or s.ressources <= 0:
        constats.append(
            info(
                regle,
                "loyer, charges, aide ou ressources non renseignés (ou ressources "
                "nulles) : taux d'effort non calculé.",
            )
        )
        return ResultatEffort(cout, None, plafond, None, None, tuple(constats))
    taux, constat = _controle_taux(s, cout, s.ressources, bareme)
    rav = reste_a_vivre_jour(s.ressources, cout, s.personnes, bareme)
    constats += [constat, _controle_reste(s, rav, bareme)]
    mensuel = arrondir(s.ressources - cout)
    return ResultatEffort(arrondir(cout), taux, plafond, mensuel, rav, tuple(constats))
