"""Formulaires du dossier de candidature : une classe par étape, dans l'ordre du parcours."""

from __future__ import annotations

from iml.appels.forms.dossier.base import ContexteDossier, FormulaireEtape
from iml.appels.forms.dossier.financement import EvaluationForm, FinancementForm
from iml.appels.forms.dossier.porteur import AgrementsForm, ExperienceForm, IdentiteForm
from iml.appels.forms.dossier.prestations import ServicesForm
from iml.appels.forms.dossier.projet import EcheancierForm, ZonePublicForm

ETAPES: tuple[type[FormulaireEtape], ...] = (
    IdentiteForm,
    ExperienceForm,
    AgrementsForm,
    ZonePublicForm,
    EcheancierForm,
    ServicesForm,
    FinancementForm,
    EvaluationForm,
)
SLUGS = tuple(e.slug for e in ETAPES)


def etape(slug: str) -> type[FormulaireEtape] | None:
    return next((e for e in ETAPES if e.slug == slug), None)


def rang(slug: str) -> int:
    """Rang (1 à 8) d'une étape ; 0 si inconnue."""
    return SLUGS.index(slug) + 1 if slug in SLUGS else 0


def suivante(slug: str) -> type[FormulaireEtape] | None:
    i = rang(slug)
    return ETAPES[i] if 0 < i < len(ETAPES) else None


def precedente(slug: str) -> type[FormulaireEtape] | None:
    i = rang(slug)
    return ETAPES[i - 2] if i > 1 else None


__all__ = ["ETAPES", "SLUGS", "ContexteDossier", "FormulaireEtape", "etape", "rang"]
