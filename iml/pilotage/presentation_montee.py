"""Présentation de la montée en charge (R-RAMPUP) : pastilles des états de jalon, niveaux
d'agrégat selon l'acteur, résumé des jalons d'un agrégat. Aucun calcul ici (`regles`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from iml.comptes.acteur import Acteur
from regles.montee_en_charge import EtatJalon, Montee

if TYPE_CHECKING:
    from iml.pilotage.selectors_montee import MonteeConvention

#: Classe DSFR de la pastille de chaque état (le texte dit toujours l'état : la couleur
#: n'est jamais la seule information).
PASTILLES = {
    EtatJalon.ATTEINT: "fr-badge--success",
    EtatJalon.MANQUE: "fr-badge--error",
    EtatJalon.A_RISQUE: "fr-badge--warning",
    EtatJalon.A_VENIR: "fr-badge--info",
    EtatJalon.NON_RENSEIGNE: "",
}


@dataclass(frozen=True)
class Pastille:
    libelle: str
    classe: str


def pastille(etat: EtatJalon) -> Pastille:
    return Pastille(etat.libelle, PASTILLES[etat])


def niveaux(acteur: Acteur) -> list[tuple[str, str]]:
    """Les agrégats montés à l'acteur : par appel toujours ; par département pour un service
    régional ou la plateforme ; par région pour la plateforme."""
    resultat = [("appel", "Par appel à candidatures")]
    if acteur.est_etat_regional or acteur.agit_pour_la_plateforme:
        resultat.append(("departement", "Par département"))
    if acteur.agit_pour_la_plateforme:
        resultat.append(("region", "Par région"))
    return resultat


def resume_etats(montee: Montee) -> list[dict]:
    """Pour chaque jalon d'un agrégat : sa date, sa part exigée et le nombre de conventions
    par état (dans l'ordre de `EtatJalon`), en texte."""
    lignes = []
    for jalon in montee.jalons:
        compte = montee.etats.get(jalon.date, {})
        parts = [f"{compte[e]} {e.libelle.lower()}" for e in EtatJalon if compte.get(e)]
        lignes.append({"jalon": jalon, "pastille": pastille(jalon.etat), "etats": ", ".join(parts)})
    return lignes


def places_ouvertes(montee: Montee) -> int:
    """Places ouvertes au jour de la montée en charge (somme des typologies et formes)."""
    return sum(c.reel.places for c in montee.par_cle)


def lignes(montees: list[MonteeConvention]) -> list[dict]:
    """Une ligne par convention : la convention, ses places ouvertes au jour, ses jalons avec
    leur pastille."""
    return [
        {
            "convention": m,
            "ouvertes": places_ouvertes(m.montee),
            "jalons": [(j, pastille(j.etat)) for j in m.montee.jalons],
        }
        for m in montees
    ]
