"""Exports des orientations vers l'application nationale du SIAO (pas d'API publique) : places
(registre), vacances déclarées, propositions et leurs suites, en CSV (« ; », UTF-8 avec BOM,
dates JJ/MM/AAAA, montants « 1 234,50 ») ou XLSX (valeurs typées, en-tête figé et filtres).
Mise en page : docs/formats/siao-exports.md. Chaque export part des lectures cadrées de
`selectors` : il ne contient que ce que l'acteur voit. Aucun nom de ménage : la référence
SI-SIAO suffit à l'application nationale (données minimales). Une valeur sans objet (pas
encore de réponse) est une cellule vide ; une valeur inconnue, « non renseigné » (R-UNKNOWN)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from iml.appels.exports import xlsx
from iml.appels.exports.tableaux import Cellule, Feuille, texte
from iml.comptes.acteur import Acteur
from iml.orientations import perms, selectors
from iml.orientations.presentation import etat_place
from iml.orientations.selectors_delais import jours_vacance, quand_admise
from iml.parc.exports import en_csv
from regles.types import Mode, Typologie
from regles.types_orientations import (
    DecisionSiao,
    MotifRefus,
    NatureVacance,
    StatutProposition,
    StatutVacance,
)

FORMATS = ("csv", "xlsx")
SANS_OBJET = ""


@dataclass(frozen=True)
class Export:
    """Un export : son titre (nom de feuille), qui peut le demander, ses colonnes (libellé,
    nature de la cellule xlsx) et ses lignes."""

    titre: str
    autorise: Callable[[Acteur], bool]
    colonnes: tuple[tuple[str, str], ...]
    lignes: Callable[[Acteur, date], Iterable[list[Any]]]


def _logement(lg) -> list[Any]:
    return [
        lg.operateur.siret, lg.operateur.nom, lg.reference or SANS_OBJET, lg.commune,
        Typologie(lg.typologie).libelle, lg.capacite, Mode(lg.forme).libelle,
    ]  # fmt: skip


COLONNES_LOGEMENT = (
    ("SIRET de l'opérateur", "texte"), ("Opérateur", "texte"), ("Référence du logement", "texte"),
    ("Commune (code INSEE)", "texte"), ("Typologie", "texte"), ("Places", "entier"),
    ("Forme", "texte"),
)  # fmt: skip


def _places(acteur: Acteur, aujourd_hui: date) -> Iterable[list[Any]]:
    for lg in selectors.registre(acteur):
        ouverte = lg.vacances_ouvertes[0] if lg.vacances_ouvertes else None
        yield [
            *_logement(lg),
            lg.convention.numero if lg.convention_id else SANS_OBJET,
            etat_place(lg),
            ouverte.disponible_le if ouverte else SANS_OBJET,
        ]


def _vacances(acteur: Acteur, aujourd_hui: date) -> Iterable[list[Any]]:
    qs = selectors.vacances_visibles(acteur).exclude(statut=StatutVacance.ANNULEE)
    for v in qs.select_related("logement__operateur"):
        yield [
            *_logement(v.logement),
            NatureVacance(v.nature).libelle,
            v.disponible_le,
            v.declaree_le or SANS_OBJET,
            StatutVacance(v.statut).libelle,
            v.pourvue_le or SANS_OBJET,
            jours_vacance(v, aujourd_hui),
        ]


def _propositions(acteur: Acteur, aujourd_hui: date) -> Iterable[list[Any]]:
    qs = selectors.propositions_visibles(acteur).select_related("logement__operateur")
    for p in qs.prefetch_related("evenements").order_by("proposee_le", "pk"):
        admise = quand_admise(p)
        yield [
            p.demande.reference_siao,
            *_logement(p.logement),
            p.proposee_le,
            p.echeance,
            StatutProposition(p.statut).libelle,
            p.repondue_le or SANS_OBJET,
            MotifRefus(p.motif_refus).libelle if p.motif_refus else SANS_OBJET,
            p.note_refus,
            DecisionSiao(p.decision_siao).libelle if p.decision_siao else SANS_OBJET,
            p.decidee_le or SANS_OBJET,
            p.menage_informe_le or SANS_OBJET,
            admise or SANS_OBJET,
        ]


EXPORTS: dict[str, Export] = {
    "places": Export("Places", perms.coordonne, (
        *COLONNES_LOGEMENT, ("Convention de financement", "texte"), ("État", "texte"),
        ("Vacant ou disponible le", "date"),
    ), _places),
    "vacances": Export("Vacances", perms.voit_les_propositions, (
        *COLONNES_LOGEMENT, ("Nature", "texte"), ("Disponible le", "date"),
        ("Déclarée le", "date"), ("État", "texte"), ("Pourvue le", "date"),
        ("Jours de vacance", "entier"),
    ), _vacances),
    "propositions": Export("Propositions", perms.voit_les_propositions, (
        ("Référence SI-SIAO", "texte"), *COLONNES_LOGEMENT, ("Proposée le", "date"),
        ("Réponse attendue le", "date"), ("État", "texte"), ("Réponse le", "date"),
        ("Motif du refus", "texte"), ("Précision sur le refus", "texte"),
        ("Décision du SIAO", "texte"), ("Décision le", "date"),
        ("Ménage informé le", "date"), ("Admission le", "date"),
    ), _propositions),
}  # fmt: skip


def _cellule(valeur: Any, nature: str) -> Cellule:
    if valeur is None or valeur == SANS_OBJET:
        return texte(valeur)
    if nature in ("entier", "date"):
        return Cellule(valeur, nature)
    return texte(valeur)


def exporter(acteur: Acteur, quoi: str, format_: str, aujourd_hui: date) -> tuple[bytes, int]:
    """Le fichier et son nombre de lignes ; `quoi` hors de `EXPORTS` : KeyError."""
    export = EXPORTS[quoi]
    perms.exiger(None if export.autorise(acteur) else perms.REFUS_SIAO)
    lignes = list(export.lignes(acteur, aujourd_hui))
    entetes = [libelle for libelle, _ in export.colonnes]
    if format_ == "csv":
        return en_csv(entetes, lignes), len(lignes)
    feuille = Feuille(export.titre, largeurs=[max(12, len(e) + 2) for e in entetes])
    feuille.ajouter(*(texte(e, gras=True) for e in entetes))
    for ligne in lignes:
        feuille.ajouter(*(_cellule(v, n) for v, (_, n) in zip(ligne, export.colonnes, strict=True)))
    feuille.filtre = (0, max(1, len(feuille.lignes) - 1))
    return xlsx.classeur([feuille]), len(lignes)
