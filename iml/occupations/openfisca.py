"""Estimation de l'aide au logement par OpenFisca-France (docs/adr/0009).

Deux temps, séparés pour être testés chacun :

- `situation(donnees)` : pure, sans OpenFisca ni base de données. Un dictionnaire décrivant le
  ménage, le logement et le mois entre ; la situation OpenFisca (individus, familles, foyers
  fiscaux, ménages) sort. Aucun nom, aucune référence du ménage : des rôles, des dates de
  naissance, des montants.
- `calculer_aide(situation, mois)` : importe OpenFisca à la première demande (jamais au
  démarrage), construit le `FranceTaxBenefitSystem` une fois par processus (~3 s) et calcule
  `aide_logement` pour le mois ; un `Decimal` arrondi au centime.

Simplifications (dites dans l'ADR) : les ressources courantes valent pour les 13 mois précédents
et le mois lui-même (l'aide lit l'année glissante de M-13 à M-2) ; le salaire net saisi tient lieu
de salaire imposable ; salaires et AAH sont portés par la personne de référence ; les « autres
ressources » et une aide au logement déjà connue ne sont pas transmises ; un membre né une année
donnée est né le 1er juillet ; un enfant de 21 ans ou plus, un parent ou un autre membre forme
sa propre famille dans le logement.
"""

from __future__ import annotations

import threading
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

#: Identifiants neutres des entités de la situation (jamais un nom).
REFERENCE = "personne_reference"
CONJOINT = "conjoint"
FAMILLE = "famille"
FOYER = "foyer_fiscal"
MENAGE = "menage"

#: Âge à partir duquel un enfant n'est plus à charge au sens des aides au logement.
AGE_ENFANT_A_CHARGE = 21

#: Ressource du ménage -> (entité qui la porte, variable OpenFisca-France).
#: Les salaires vont à `salaire_net` et à `salaire_imposable` : l'aide au logement (depuis 2021)
#: lit le salaire imposable de l'année glissante, que le net saisi ne nourrit pas.
VARIABLES_RESSOURCES: dict[str, tuple[tuple[str, str], ...]] = {
    "SALAIRE": (("individu", "salaire_net"), ("individu", "salaire_imposable")),
    "AAH": (("individu", "aah"),),
    "RSA": (("famille", "rsa"),),
    "PRESTATIONS_FAMILIALES": (("famille", "af"),),
}

#: Mois d'historique : l'aide au logement retient les ressources de M-13 à M-2 (année glissante).
MOIS_AVANT = 13

#: Le paquet et sa version, pour le libellé du moteur (« OpenFisca-France 176.1.8 »).
PAQUET = "openfisca-france"
VERSION_ATTENDUE = "176.1.8"

_systeme: Any = None
_verrou = threading.Lock()


class EstimationImpossible(Exception):
    """Le calcul n'a pas abouti ; le message, en français, peut être montré."""


def mois_precedents(mois: date, nombre: int = MOIS_AVANT) -> list[str]:
    """Les `nombre` mois avant `mois` puis `mois` lui-même, au format « AAAA-MM »."""
    liste = []
    for decalage in range(nombre, -1, -1):
        total = mois.year * 12 + (mois.month - 1) - decalage
        liste.append(f"{total // 12:04d}-{total % 12 + 1:02d}")
    return liste


def _montant(valeur: Decimal) -> float:
    """OpenFisca ne calcule qu'en nombres flottants : la conversion se fait ici, à la frontière,
    et seulement ici."""
    return float(valeur)


def _rangement(membres: list[tuple[str, int]], mois: date) -> tuple[str | None, list, list]:
    """Conjoint (le premier), enfants à charge, autres membres : des identifiants et leur année."""
    conjoint = None
    enfants, autres = [], []
    for rang, (lien, annee) in enumerate(membres, start=1):
        if lien == "CONJOINT" and conjoint is None:
            conjoint = (CONJOINT, annee)
        elif lien == "ENFANT" and mois.year - annee < AGE_ENFANT_A_CHARGE:
            enfants.append((f"enfant_{rang}", annee))
        else:
            autres.append((f"autre_{rang}", annee))
    return conjoint, enfants, autres


def _porter_ressources(
    individu: dict[str, Any], famille: dict[str, Any], ressources: dict, periodes: list[str]
) -> None:
    """Chaque ressource connue, même montant chaque mois de l'année glissante."""
    for nature, montant in sorted(ressources.items()):
        if nature not in VARIABLES_RESSOURCES or montant is None:
            continue
        for entite, variable in VARIABLES_RESSOURCES[nature]:
            porteur = individu if entite == "individu" else famille
            porteur[variable] = {p: _montant(montant) for p in periodes}


def _logement(donnees: dict[str, Any], periode: str) -> dict[str, Any]:
    statut = "locataire_meuble" if donnees["meuble"] else "locataire_vide"
    return {
        "personne_de_reference": [REFERENCE],
        "loyer": {periode: _montant(donnees["loyer"])},
        "charges_locatives": {periode: _montant(donnees["charges"])},
        "statut_occupation_logement": {periode: statut},
        "depcom": {periode: donnees["commune"]},
    }


def situation(donnees: dict[str, Any]) -> dict[str, Any]:
    """La situation OpenFisca d'un ménage pour un mois.

    `donnees` : `naissance` (date de la personne de référence), `membres` (liste de
    (lien, année de naissance)), `ressources` ({nature: Decimal mensuel}), `commune` (code
    INSEE), `meuble` (bool), `loyer` et `charges` (Decimal mensuels), `mois` (une date du mois).
    """
    mois: date = donnees["mois"]
    periode = f"{mois:%Y-%m}"
    conjoint, enfants, autres = _rangement(donnees.get("membres", []), mois)
    individus: dict[str, dict[str, Any]] = {
        REFERENCE: {"date_naissance": {"ETERNITY": donnees["naissance"].isoformat()}}
    }
    for ident, annee in ([conjoint] if conjoint else []) + enfants + autres:
        individus[ident] = {"date_naissance": {"ETERNITY": f"{annee:04d}-07-01"}}
    parents = [REFERENCE] + ([CONJOINT] if conjoint else [])
    ids_enfants = [ident for ident, _ in enfants]
    familles: dict[str, dict[str, Any]] = {
        FAMILLE: {"parents": parents, "enfants": ids_enfants, "aide_logement": {periode: None}}
    }
    foyers: dict[str, dict[str, Any]] = {
        FOYER: {"declarants": parents, "personnes_a_charge": ids_enfants}
    }
    for ident, _ in autres:
        familles[f"famille_{ident}"] = {"parents": [ident]}
        foyers[f"foyer_fiscal_{ident}"] = {"declarants": [ident]}
    _porter_ressources(
        individus[REFERENCE],
        familles[FAMILLE],
        donnees.get("ressources", {}),
        mois_precedents(mois),
    )
    menage = _logement(donnees, periode) | {"enfants": ids_enfants}
    if conjoint:
        menage["conjoint"] = [CONJOINT]
    if autres:
        menage["autres"] = [ident for ident, _ in autres]
    return {"individus": individus, "familles": familles, "foyers_fiscaux": foyers,
            "menages": {MENAGE: menage}}  # fmt: skip


def moteur() -> str:
    """« OpenFisca-France 176.1.8 » : la version installée (lue sans importer OpenFisca)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"OpenFisca-France {version(PAQUET)}"
    except PackageNotFoundError:
        return f"OpenFisca-France {VERSION_ATTENDUE}"


def systeme() -> Any:
    """Le système socio-fiscal français, construit une fois par processus (~3 s)."""
    global _systeme
    with _verrou:
        if _systeme is None:
            try:
                from openfisca_france import FranceTaxBenefitSystem
            except ImportError as absent:
                raise EstimationImpossible(
                    "Le moteur de calcul OpenFisca-France n'est pas installé sur ce serveur."
                ) from absent
            _systeme = FranceTaxBenefitSystem()
    return _systeme


def calculer_aide(situation_openfisca: dict[str, Any], mois: date) -> Decimal:
    """L'aide au logement mensuelle estimée de la famille de la personne de référence."""
    import copy

    tbs = systeme()
    from openfisca_core.errors import SituationParsingError
    from openfisca_core.simulation_builder import SimulationBuilder

    try:
        simulation = SimulationBuilder().build_from_entities(
            tbs, copy.deepcopy(situation_openfisca)
        )
    except SituationParsingError as refus:
        raise EstimationImpossible(
            "Le moteur de calcul a refusé la situation du ménage (donnée manquante ou "
            "incohérente) ; vérifiez la commune du logement et la composition du ménage."
        ) from refus
    valeurs = simulation.calculate("aide_logement", f"{mois:%Y-%m}")
    rang = list(simulation.populations["famille"].ids).index(FAMILLE)
    return Decimal(str(float(valeurs[rang]))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
