"""Classeur du comité : une ligne par dossier déposé, puis une ligne TOTAL.

Pour chaque dossier : la demande (chiffres clés de sa dernière version, subvention demandée par
exercice) et, une fois décidé, la note pondérée (R-SELECTION), la décision, les places retenues,
la subvention calculée pour les places retenues (R-SUBSIDY-PRORATA, celle des conventions ; 0 €
pour un dossier refusé) et le montant conventionné en vigueur. Les totaux sont des formules
(somme de la colonne) ; un total dont un terme est inconnu reste « non renseigné » (R-UNKNOWN).
L'en-tête est figé et porte des filtres automatiques (`Feuille.filtre`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from iml.appels.enums import ResultatDecision
from iml.appels.exports.source import Source, decimal
from iml.appels.exports.tableaux import (
    NON_RENSEIGNE,
    Cellule,
    Feuille,
    Somme,
    entier,
    jour,
    montant,
    pct,
    texte,
)
from iml.appels.models import AppelACandidatures
from iml.appels.presentation import notes_du_dossier
from iml.appels.services.avenants import montants_en_vigueur
from iml.appels.services.conventions import calculer_convention
from regles.appel import noter
from regles.bareme import Bareme
from regles.calcul import divise, somme
from regles.format import siret
from regles.types import Mode

MG, SL = Mode.MANDAT_GESTION.value, Mode.SOUS_LOCATION.value
PREMIERE_LIGNE = 4  # lignes 0 à 3 : titre, barème, vide, en-têtes


def _subventions(source: Source) -> dict[int, Decimal | None]:
    return {
        int(s["annee"]): decimal(s.get("total")) for s in source.chiffres.get("subventions") or []
    }


def _nombres(source: Source) -> list[int | None]:
    b = source.budget
    lg, pl = b.get("logements") or {}, b.get("places") or {}
    return [lg.get(MG), lg.get(SL), pl.get(MG), pl.get(SL)]


def _nombre(valeur: int | None) -> Cellule:
    """Logements ou places : « non renseigné » quand inconnus (R-UNKNOWN), jamais vide ni 0."""
    return texte(NON_RENSEIGNE) if valeur is None else entier(valeur)


def _demande(source: Source, exercices: Sequence[int]) -> list[Cellule | None]:
    version, b = source.version, source.budget
    subventions = _subventions(source)
    return [
        texte(source.dossier.operateur.nom),
        texte(siret(source.dossier.operateur.siret)),
        texte(source.dossier.get_statut_display()),
        entier(version.numero if version else None),
        jour(timezone.localdate(version.deposee_le) if version else None),
        *[_nombre(n) for n in _nombres(source)],
        pct(decimal(source.chiffres.get("petits_logements_pct"))),
        montant(decimal(b.get("total"))),
        montant(decimal(b.get("cout_par_place"))),
        *[montant(subventions.get(a)) for a in exercices],
    ]


def _retenus(source: Source, exercices: Sequence[int]) -> dict[int, Decimal | None]:
    """Subvention calculée pour les places retenues (celle de la convention) ; 0 si refusé."""
    decision = getattr(source.dossier, "decision", None)
    if decision is None:
        return {}
    if decision.resultat == ResultatDecision.REFUSE:
        return {a: Decimal("0.00") for a in exercices}
    try:
        calcul = calculer_convention(source.dossier)
    except ValidationError:
        return {a: None for a in exercices}
    return {a.annee: a.total for a in calcul.annees}


def _conventionnes(source: Source) -> dict[int, Decimal | None]:
    convention = getattr(source.dossier, "convention", None)
    if convention is None:
        return {}
    return {int(a): decimal(v) for a, v in montants_en_vigueur(convention).items()}


def _decision(source: Source, exercices: Sequence[int], bareme: Bareme) -> list[Cellule | None]:
    decision = getattr(source.dossier, "decision", None)
    notes = {code: n.note for code, n in notes_du_dossier(source.dossier).items()}
    note = noter(notes, bareme)[0] if notes else None
    retenus, conventionnes = _retenus(source, exercices), _conventionnes(source)
    places = (None, None, None)
    if decision is not None:
        places = (decision.places_mg, decision.places_sl, decision.places_retenues)
    return [
        Cellule(note, "decimal") if note is not None else None,
        texte(decision.get_resultat_display() if decision else "Non décidé"),
        *[entier(p) if p is not None else None for p in places],
        *[montant(retenus[a]) if a in retenus else None for a in exercices],
        *[montant(conventionnes.get(a)) if conventionnes else None for a in exercices],
    ]


def _constats(source: Source) -> list[Cellule | None]:
    niveaux = [c.get("niveau") for c in source.constats]
    return [entier(niveaux.count("erreur")), entier(niveaux.count("alerte"))]


def _total(lignes: list[list[Cellule | None]], colonne: int, fin: int) -> Cellule | None:
    """Somme de la colonne en formule ; « non renseigné » si un terme l'est (R-UNKNOWN)."""
    cellules = [ligne[colonne] for ligne in lignes if ligne[colonne] is not None]
    if not cellules:
        return None
    if any(c.valeur == NON_RENSEIGNE for c in cellules if c is not None):
        return montant(None, True)
    nature = cellules[0].nature if cellules[0] is not None else "entier"
    valeur = sum((c.valeur for c in cellules if c is not None), Decimal(0))  # type: ignore[misc]
    valeur = int(valeur) if nature == "entier" else valeur
    return Cellule(valeur, nature, True, Somme(PREMIERE_LIGNE, fin, colonne))


def _montant_de(cellule: Cellule | None) -> Decimal | None:
    """Le montant d'une cellule ; `None` si elle est vide ou « non renseigné » (R-UNKNOWN)."""
    return cellule.valeur if cellule and cellule.nature == "montant" else None  # type: ignore[return-value]


def _places_demandees(lignes: list[list[Cellule | None]]) -> int | None:
    """Places demandées de tous les dossiers ; inconnues dès qu'un terme l'est (R-UNKNOWN)."""
    cellules = [ligne[c] for ligne in lignes for c in (7, 8)]
    if any(c is None or not isinstance(c.valeur, int) for c in cellules):
        return None
    return sum(int(c.valeur) for c in cellules if c is not None)


def _totaux(lignes, sommees: Sequence[int], largeur: int) -> list[Cellule | None]:
    fin = PREMIERE_LIGNE + len(lignes) - 1
    totaux: list[Cellule | None] = [None] * largeur
    totaux[0] = texte("TOTAL", True)
    for colonne in sommees:
        totaux[colonne] = _total(lignes, colonne, fin) if lignes else None
    budget = somme(_montant_de(ligne[10]) for ligne in lignes)
    places = _places_demandees(lignes)
    cout = None if places is None else divise(budget, places)
    totaux[11] = montant(cout, True) if lignes else None
    return totaux


def _entetes(exercices: Sequence[int]) -> list[str]:
    return [
        "Opérateur",
        "SIRET",
        "Statut",
        "Version",
        "Déposée le",
        "Logements MG",
        "Logements SL",
        "Places demandées MG",
        "Places demandées SL",
        "Petits logements (%)",
        "Budget annuel",
        "Coût par place",
        *[f"Subvention demandée {a}" for a in exercices],
        "Note pondérée",
        "Décision",
        "Places retenues MG",
        "Places retenues SL",
        "Places retenues",
        *[f"Subvention retenue {a}" for a in exercices],
        *[f"Montant conventionné {a}" for a in exercices],
        "Erreurs",
        "Alertes",
    ]


def _colonnes_sommees(entetes: Sequence[str]) -> list[int]:
    sommees = ("Logements", "Places ", "Budget", "Subvention", "Montant", "Erreurs", "Alertes")
    return [i for i, e in enumerate(entetes) if e.startswith(sommees)]


def feuille_synthese(appel: AppelACandidatures, sources: Sequence[Source]) -> Feuille:
    """Classeur du comité (voir le module)."""
    bareme = appel.jeu.en_bareme()
    exercices = list(bareme.appel.exercices) if bareme.appel else []
    entetes = _entetes(exercices)
    f = Feuille("Synthèse", largeurs=[36, 16, 20, 9, 12] + [11] * 5 + [15] * (len(entetes) - 10))
    f.ajouter(texte(f"Synthèse de l'appel « {appel.nom} »", True))
    f.fusionner(0, 0, 0, len(entetes) - 1)
    f.ajouter(
        texte(
            f"{appel.territoire} — barème {bareme.bareme_id} v{bareme.version} — édité le "
            f"{timezone.localdate():%d/%m/%Y}"
        )
    )
    f.fusionner(1, 0, 1, len(entetes) - 1)
    f.ajouter()
    f.ajouter(*[texte(e, True) for e in entetes])
    lignes = [
        _demande(s, exercices) + _decision(s, exercices, bareme) + _constats(s) for s in sources
    ]
    for ligne in lignes:
        f.ajouter(*ligne)
    f.filtre = (PREMIERE_LIGNE - 1, PREMIERE_LIGNE + max(len(lignes), 1) - 1)
    r = f.ajouter(*_totaux(lignes, _colonnes_sommees(entetes), len(entetes)))
    f.fusionner(r, 0, r, 4)
    return f
