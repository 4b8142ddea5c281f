"""Présentation de la montée en charge (R-RAMPUP) : pastilles des états de jalon, niveaux
d'agrégat selon l'acteur, résumé des jalons d'un agrégat. Aucun calcul ici (`regles`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from iml.comptes.acteur import Acteur
from iml.pilotage.graphiques import Colonne, Ligne, Tableau
from regles.calendrier import Trimestre
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
        compte = montee.etats.get((jalon.date, jalon.part_min_pct), {})
        parts = [f"{compte[e]} {e.libelle.lower()}" for e in EtatJalon if compte.get(e)]
        lignes.append({"jalon": jalon, "pastille": pastille(jalon.etat), "etats": ", ".join(parts)})
    return lignes


def trimestre_en_cours(jour: date) -> str:
    """Libellé du trimestre du `jour` (« 4e trim. 2026 ») : l'en-tête des places prévues au
    trimestre dit de quel trimestre il s'agit (revue 13, constat 16)."""
    return Trimestre(jour.year, (jour.month - 1) // 3 + 1).libelle


def places_ouvertes(montee: Montee) -> int:
    """Places ouvertes au jour de la montée en charge (somme des typologies et formes)."""
    return sum(c.reel.places for c in montee.par_cle)


def places_prevues_au_jour(montee: Montee) -> int | None:
    """Places prévues au trimestre du jour ; non renseignées si une annexe manque (R-UNKNOWN)."""
    total = 0
    for c in montee.par_cle:
        if c.prevu_au_jour is None:
            return None
        total += c.prevu_au_jour.places
    return total


def groupe(g) -> dict:
    """Un agrégat pour la liste : ses chiffres au jour et le résumé de ses jalons."""
    return {
        "groupe": g,
        "prevues": places_prevues_au_jour(g.montee),
        "ouvertes": places_ouvertes(g.montee),
        "jalons": resume_etats(g.montee),
    }


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


SOURCE = (
    "annexes 2 et 3 de la version retenue du dossier (prévu) ; logements et occupations "
    "déclarés par l'opérateur (réel)"
)


def tableau_trimestres(
    titre: str, montee: Montee, nom: str = "", parametres: dict[str, str] | None = None
) -> Tableau:
    """Le graphique des places prévues, ouvertes et occupées par trimestre, avec sa table de
    données et ses exports (`pilotage/_graphique.html`). Un trimestre à venir n'a pas de réel :
    « non renseigné », un trou dans le graphique, jamais 0."""
    return Tableau(
        titre=titre,
        entete_lignes="Trimestre",
        # Libellés courts : la table tient à 390 px sans défilement (le titre dit « places »).
        colonnes=(
            Colonne("Prévues", unite="places", feminin=True),
            Colonne("Ouvertes", unite="places", feminin=True),
            Colonne("Occupées", unite="places", feminin=True),
        ),
        lignes=tuple(
            Ligne(
                t.trimestre.libelle,
                (
                    None if t.prevu is None else t.prevu.places,
                    None if t.reel is None else t.reel.places,
                    None if t.reel is None else t.reel.occupees,
                ),
            )
            for t in montee.trimestres
        ),
        source=SOURCE,
        date=montee.jour,
        nom=nom,
        parametres=parametres or {},
        graphique="lignes",
        inconnues=("valeur à venir ou non renseignée", "valeurs à venir ou non renseignées"),
    )
