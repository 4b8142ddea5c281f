"""Vues-modèles des appels et de l'instruction (R-SELECTION) : chiffres clés figés d'une version,
constats par niveau, complétude, note pondérée, notes de la dernière version, panneau de l'appel
(R-MODE-SPLIT, R-SMALL-UNITS). Lectures seulement : les écritures sont dans `services`.

Les listes lisent les chiffres et constats figés de la dernière version déposée
(`VersionDossier.chiffres`, `.constats`), jamais recalculés.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from iml.appels.enums import ResultatDecision
from iml.appels.models import Dossier, Notation, VersionDossier
from regles import appel as regles_appel
from regles.bareme import Bareme
from regles.capacite import part_petits_logements_retenus
from regles.types import Mode

NIVEAUX = (("erreur", "Erreurs"), ("alerte", "Alertes"), ("info", "Informations"))


def _decimal(valeur: Any) -> Decimal | None:
    if valeur is None or isinstance(valeur, bool):
        return None
    try:
        return Decimal(str(valeur))
    except (InvalidOperation, ValueError):
        return None


def _entier(valeur: Any) -> int | None:
    d = _decimal(valeur)
    return None if d is None else int(d)


@dataclass(frozen=True)
class ChiffresCles:
    """Chiffres clés d'une version déposée (lus tels quels ; `None` = non renseigné)."""

    places_mg: int | None = None
    places_sl: int | None = None
    petits_logements_pct: Decimal | None = None
    cout_par_place: Decimal | None = None
    erreurs: int = 0
    alertes: int = 0

    @property
    def places(self) -> int | None:
        """Total des deux formes ; non renseigné dès qu'une forme l'est (R-UNKNOWN)."""
        if self.places_mg is None or self.places_sl is None:
            return None
        return self.places_mg + self.places_sl


def chiffres_cles(version: VersionDossier | None) -> ChiffresCles:
    """Places par forme, part de petits logements, coût par place et nombre d'erreurs et
    d'alertes, lus dans `chiffres` et `constats` de la version (format de
    `regles.conformite.verifier_dossier` : `budget.places`, `budget.cout_par_place`,
    `petits_logements_pct`)."""
    if version is None:
        return ChiffresCles()
    chiffres = version.chiffres or {}
    budget = chiffres.get("budget") or {}
    places = budget.get("places") or chiffres.get("places") or {}
    return ChiffresCles(
        places_mg=_entier(places.get(Mode.MANDAT_GESTION.value)),
        places_sl=_entier(places.get(Mode.SOUS_LOCATION.value)),
        petits_logements_pct=_decimal(chiffres.get("petits_logements_pct")),
        cout_par_place=_decimal(budget.get("cout_par_place", chiffres.get("cout_par_place"))),
        erreurs=version.nombre("erreur"),
        alertes=version.nombre("alerte"),
    )


def derniere_version(dossier: Dossier) -> VersionDossier | None:
    """La dernière version, depuis les versions préchargées s'il y en a (pas de requête)."""
    versions = list(dossier.versions.all())
    return max(versions, key=lambda v: v.numero) if versions else None


def constats_par_niveau(constats: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Constats groupés par niveau (erreurs, alertes, informations), avec leur règle."""
    constats = list(constats)
    return [
        {
            "niveau": niveau,
            "libelle": libelle,
            "constats": [c for c in constats if c.get("niveau") == niveau],
        }
        for niveau, libelle in NIVEAUX
    ]


def completude(constats: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Les manques de complétude (erreurs R-DOSSIER) ; vide = dossier complet."""
    return [c for c in constats if c.get("regle") == "R-DOSSIER" and c.get("niveau") == "erreur"]


def total_pondere(notes: Mapping[str, Decimal | None], bareme: Bareme) -> Decimal | None:
    """Note pondérée d'un dossier, fonction pure : Σ(poids × note) ÷ Σ poids, en `Decimal`,
    arrondie au centième (demi au-dessus), sur la même échelle que les notes (0 à `note_max`).

    Délègue à `regles.appel.noter` (R-SELECTION) ; `None` tant qu'un critère n'est pas noté ou
    qu'une note est hors bornes : on ne présente pas un total partiel comme définitif.
    Exemple : poids 2 et 1, notes 4 et 1 → (8 + 1) ÷ 3 = 3,00."""
    total, _ = regles_appel.noter(notes, bareme)
    return total


def notes_du_dossier(dossier: Dossier) -> dict[str, Notation]:
    """Les notes de la dernière version déposée (une version antérieure garde les siennes)."""
    version = derniere_version(dossier)
    return {
        n.critere: n
        for n in dossier.notations.all()
        if n.version_id == getattr(version, "pk", None)
    }


# --- Panneau de l'appel -----------------------------------------------------------------------


@dataclass
class Panneau:
    """Les projets retenus d'un appel face à l'appel (R-MODE-SPLIT, R-SMALL-UNITS)."""

    places_appel: int | None
    places_proposees: int | None
    places_mg: int = 0
    places_sl: int = 0
    parts: dict[str, Decimal | None] = field(default_factory=dict)
    cibles: dict[str, Decimal] = field(default_factory=dict)
    petits_logements_pct: Decimal | None = None
    petits_logements_min: Decimal = Decimal(0)
    constats: list[dict[str, Any]] = field(default_factory=list)
    retenus: int = 0
    refuses: int = 0
    en_attente: int = 0

    @property
    def places_retenues(self) -> int:
        return self.places_mg + self.places_sl


def panneau_appel(dossiers: Iterable[Dossier], bareme: Bareme) -> Panneau:
    """Places retenues au regard de l'appel, répartition par forme comparée à la cible par
    `regles.appel.verifier_repartition` (sur l'ensemble des projets retenus), et part des
    petits logements des projets retenus : moyenne des parts figées de chaque dossier,
    pondérée par ses places retenues (`None` si l'une manque, R-UNKNOWN). Les places
    proposées sont non renseignées dès qu'un dossier ne les donne pas (jamais comptées 0)."""
    a = bareme.appel
    panneau = Panneau(
        places_appel=a.places if a else None,
        places_proposees=0,
        cibles={m.value: bareme.repartition_cible_pct[m] for m in Mode},
        petits_logements_min=bareme.petits_logements_part_min_pct,
    )
    projets: list[regles_appel.ProjetRetenu] = []
    ponderes: list[tuple[Decimal | None, int]] = []
    for dossier in dossiers:
        cles = chiffres_cles(derniere_version(dossier))
        if panneau.places_proposees is not None:
            panneau.places_proposees = (
                None if cles.places is None else panneau.places_proposees + cles.places
            )
        decision = getattr(dossier, "decision", None)
        if decision is None:
            panneau.en_attente += 1
            continue
        if decision.resultat == ResultatDecision.REFUSE:
            panneau.refuses += 1
            continue
        panneau.retenus += 1
        panneau.places_mg += decision.places_mg
        panneau.places_sl += decision.places_sl
        places = {Mode.MANDAT_GESTION: decision.places_mg, Mode.SOUS_LOCATION: decision.places_sl}
        projets.append(regles_appel.ProjetRetenu(str(dossier.pk), places))
        ponderes.append((cles.petits_logements_pct, decision.places_mg + decision.places_sl))
    panneau.parts = {m.value: p for m, p in regles_appel.repartition(projets, bareme).items()}
    panneau.constats = [c.as_dict() for c in regles_appel.verifier_repartition(projets, bareme)]
    panneau.petits_logements_pct = part_petits_logements_retenus(ponderes, bareme)
    return panneau
