"""Instruction des dossiers par l'État (R-SELECTION) : chiffres figés, notation, décision,
panneau de l'appel (R-MODE-SPLIT, R-SMALL-UNITS).

Les listes lisent les chiffres et constats figés de la dernière version déposée
(`VersionDossier.chiffres`, `.constats`), jamais recalculés. Les écritures (`noter`, `decider`)
sont atomiques et vérifient leur prédicat (`perms.peut_instruire`, `perms.peut_decider`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from iml.appels import perms
from iml.appels.enums import ResultatDecision
from iml.appels.models import Decision, Dossier, Notation, VersionDossier
from iml.comptes.acteur import Acteur
from regles import appel as regles_appel
from regles.bareme import Bareme
from regles.capacite import part_petits_logements_retenus
from regles.format import nombre
from regles.types import Mode

NIVEAUX = (("erreur", "Erreurs"), ("alerte", "Alertes"), ("info", "Informations"))
DIXIEME = Decimal("0.1")


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


# --- Notation (R-SELECTION) -------------------------------------------------------------------


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


@transaction.atomic
def noter(
    *,
    acteur: Acteur,
    dossier: Dossier,
    notes: Mapping[str, Decimal | None],
    commentaires: Mapping[str, str] | None = None,
) -> Decimal | None:
    """Enregistre la grille de la dernière version déposée, une fois l'appel clos (une note de
    0 à `note_max`, au dixième, et un commentaire par critère ; une note vide retire la notation
    du critère), avec son évaluateur. Renvoie la note pondérée, ou `None` si des critères
    restent à noter."""
    if refus := perms.acces_noter(acteur, dossier):
        raise PermissionDenied(refus.message)
    bareme = dossier.appel.jeu.en_bareme()
    commentaires = commentaires or {}
    renseignees = {code: Decimal(str(note)) for code, note in notes.items() if note is not None}
    if erreurs := erreurs_notes(renseignees, bareme):
        raise ValidationError(erreurs)
    version = derniere_version(dossier)
    Notation.objects.filter(
        version=version, critere__in=[c for c, n in notes.items() if n is None]
    ).delete()
    for code, note in renseignees.items():
        Notation.objects.update_or_create(
            version=version,
            critere=code,
            defaults={
                "dossier": dossier,
                "note": note,
                "commentaire": commentaires.get(code, "").strip(),
                "evaluateur": acteur.utilisateur,
            },
        )
    return total_pondere(renseignees, bareme)


def erreurs_notes(notes: Mapping[str, Decimal], bareme: Bareme) -> dict[str, list[str]]:
    """Toutes les erreurs d'une grille, par critère : critères connus, notes de 0 à
    `note_max` (`regles.appel.noter`), au dixième (R-SELECTION)."""
    erreurs: dict[str, list[str]] = {
        code: ["R-SELECTION : la note doit être un nombre."]
        for code, note in notes.items()
        if not note.is_finite()
    }
    _, constats = regles_appel.noter({c: n for c, n in notes.items() if c not in erreurs}, bareme)
    for c in constats:
        if c.niveau == "erreur":
            erreurs.setdefault(_code_du_champ(c.champ), []).append(c.message)
    for code, note in notes.items():
        # Une note hors bornes est déjà signalée (et 1e100 ne s'arrondit pas au dixième).
        if code not in erreurs and note != note.quantize(DIXIEME):
            erreurs[code] = [
                f"R-SELECTION : note {nombre(note)} : une note se donne au dixième de point."
            ]
    return erreurs


def _code_du_champ(champ: str | None) -> str:
    return champ.removeprefix("notes.") if champ else "__all__"


# --- Décision du comité -----------------------------------------------------------------------


def decider(**arguments: Any) -> Decision:
    """Décision du comité : voir `services_decisions.decider` (amendements, justification des
    erreurs) ; gardé ici pour les appelants existants."""
    from iml.appels.services_decisions import decider as decider_dossier

    return decider_dossier(**arguments)


def _places_decidees(
    resultat: str, places_mg: int, places_sl: int, motifs: str, cles: ChiffresCles
) -> tuple[int, int]:
    """Places retenues (mandat de gestion, sous-location) selon le résultat, vérifiées."""
    if resultat == ResultatDecision.RETENU:
        if cles.places is None:
            raise ValidationError(
                {
                    "resultat": "R-SELECTION : places proposées inconnues dans la version "
                    "déposée ; retenez le dossier partiellement en indiquant les places gardées."
                }
            )
        return cles.places_mg or 0, cles.places_sl or 0
    if resultat == ResultatDecision.PARTIELLEMENT_RETENU:
        _verifier_places_partielles(places_mg, places_sl, cles)
        return places_mg, places_sl
    if resultat == ResultatDecision.REFUSE:
        if not motifs:
            raise ValidationError(
                {"motifs": "R-SELECTION : un refus est motivé : indiquez les motifs."}
            )
        return 0, 0
    raise ValidationError(
        {"resultat": "R-SELECTION : choisissez retenu, partiellement retenu ou refusé."}
    )


def _verifier_places_partielles(places_mg: int, places_sl: int, cles: ChiffresCles) -> None:
    erreurs: dict[str, list[str]] = {}
    if places_mg < 0 or places_sl < 0:
        erreurs["places_mg"] = ["R-SELECTION : un nombre de places n'est jamais négatif."]
    elif places_mg + places_sl == 0:
        erreurs["places_mg"] = [
            "R-SELECTION : une retenue partielle garde au moins une place (mandat de gestion "
            "ou sous-location)."
        ]
    for champ, gardees, proposees, forme in (
        ("places_mg", places_mg, cles.places_mg, "mandat de gestion"),
        ("places_sl", places_sl, cles.places_sl, "sous-location"),
    ):
        if gardees > (proposees or 0):
            erreurs.setdefault(champ, []).append(
                f"R-SELECTION : {gardees} places retenues en {forme} pour {proposees or 0} "
                "proposées par le dossier."
            )
    if erreurs:
        raise ValidationError(erreurs)


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
