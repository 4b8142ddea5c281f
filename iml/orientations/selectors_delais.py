"""Délais entre les étapes des propositions (R-SIAO) : proposée → réponse de l'opérateur →
décision du SIAO sur un refus → admission du ménage, en jours ; médiane et maximum, par
opérateur pour le SIAO (ses propositions), pour le territoire seulement pour l'État et la
plateforme (des nombres, jamais un nom). Aussi : les jours de vacance d'une déclaration."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from statistics import median

from django.utils import timezone

from iml.comptes.acteur import Acteur
from iml.orientations import perms, selectors
from iml.orientations.models import DeclarationVacance, Proposition
from regles.types_orientations import StatutProposition

#: Étapes mesurées : clé, libellé.
ETAPES = (
    ("reponse", "De la proposition à la réponse de l'opérateur"),
    ("decision", "De la réponse (refus) à la décision du SIAO"),
    ("admission", "De l'accord à l'admission du ménage"),
    ("total", "De la proposition à l'admission"),
)


def jours_vacance(vacance: DeclarationVacance, aujourd_hui: date) -> int:
    """Jours entre la disponibilité et l'entrée d'un ménage (ou aujourd'hui, si la vacance
    court encore) ; 0 pour un logement pas encore libéré."""
    fin = vacance.pourvue_le or aujourd_hui
    return max(0, (fin - vacance.disponible_le).days)


def quand_admise(proposition: Proposition) -> date | None:
    """Le jour où l'admission a été notée (événement « ménage admis »)."""
    for evenement in proposition.evenements.all():
        if evenement.vers == StatutProposition.ADMISE and evenement.de != evenement.vers:
            return timezone.localdate(evenement.le)
    return None


def _ecarts(p: Proposition) -> dict[str, int]:
    admise = quand_admise(p)
    accord = p.decidee_le if p.decision_siao == "PASSE_OUTRE" else p.repondue_le
    bornes = {
        "reponse": (p.proposee_le, p.repondue_le),
        "decision": (p.repondue_le, p.decidee_le),
        "admission": (accord, admise),
        "total": (p.proposee_le, admise),
    }
    return {k: (fin - debut).days for k, (debut, fin) in bornes.items() if debut and fin}


@dataclass(frozen=True)
class Mesure:
    nombre: int
    mediane: float | None
    maximum: int | None


def _mesure(valeurs: list[int]) -> Mesure:
    if not valeurs:
        return Mesure(0, None, None)
    return Mesure(len(valeurs), float(median(valeurs)), max(valeurs))


@dataclass
class LigneDelais:
    libelle: str
    valeurs: dict[str, list[int]] = field(default_factory=lambda: {k: [] for k, _ in ETAPES})

    def ajouter(self, ecarts: dict[str, int]) -> None:
        for cle, jours in ecarts.items():
            self.valeurs[cle].append(jours)

    @property
    def mesures(self) -> list[Mesure]:
        return [_mesure(self.valeurs[cle]) for cle, _ in ETAPES]


@dataclass
class RapportDelais:
    par_operateur: list[LigneDelais]
    ensemble: LigneDelais
    propositions: int


def _propositions(acteur: Acteur):
    if perms.coordonne(acteur):
        return selectors.propositions_visibles(acteur)
    if perms.peut_voir_chiffres(acteur):
        return Proposition.objects.filter(selectors.logements_du_territoire(acteur))
    return Proposition.objects.none()


def rapport(acteur: Acteur) -> RapportDelais:
    """Le SIAO : par opérateur et pour l'ensemble ; l'État, la plateforme : l'ensemble
    seulement (`par_operateur` vide)."""
    qs = _propositions(acteur).select_related("operateur").prefetch_related("evenements")
    detail = perms.coordonne(acteur)
    ensemble, lignes = LigneDelais("Ensemble"), {}
    total = 0
    for p in _ordonnees(qs):
        total += 1
        ecarts = _ecarts(p)
        ensemble.ajouter(ecarts)
        if detail:
            lignes.setdefault(p.operateur_id, LigneDelais(p.operateur.nom)).ajouter(ecarts)
    return RapportDelais(sorted(lignes.values(), key=lambda ligne: ligne.libelle), ensemble, total)


def _ordonnees(qs) -> Iterable[Proposition]:
    return qs.order_by("pk").iterator(chunk_size=500)
