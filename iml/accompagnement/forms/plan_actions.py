"""Formulaires des gestes du dossier d'accompagnement : ajouter un objectif, changer son
statut, noter une revue, cocher une étape (R-ACCOMP-ETAPES), clore le plan. Chacun a son
préfixe (plusieurs formulaires sur la même page) ; les dates dans le futur et les autres règles
sont refusées par le service, sous leur champ."""

from __future__ import annotations

from typing import Any

from django import forms
from dsfr.forms import DsfrBaseForm

from iml.accompagnement.enums import (
    CHOIX_DOMAINE,
    CHOIX_INTENSITE,
    CHOIX_ISSUE_PLAN,
    CHOIX_STATUT_OBJECTIF,
)
from iml.accompagnement.models import NOTE_MAX, Objectif
from iml.parc.forms.logements import date
from iml.ui.erreurs import ResumeErreursMixin


def _liste(libelle: str, valeurs: Any, widget: Any = None) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=libelle, choices=[("", "Choisir"), *valeurs], widget=widget or forms.Select,
        error_messages={
            "required": f"« {libelle} » : choisissez une valeur.",
            "invalid_choice": f"« {libelle} » : choisissez une valeur de la liste.",
        },
    )  # fmt: skip


def _date_requise(form: forms.Form, nom: str) -> None:
    champ = form.fields[nom]
    champ.required = True
    champ.error_messages["required"] = f"« {champ.label} » : ce champ est obligatoire."


def note_courte(libelle: str, rappel: str, requis: bool = False) -> forms.CharField:
    """Une note courte ({NOTE_MAX} caractères) ; le rappel « la personne peut la lire » est
    affiché à côté (`aria-describedby`)."""
    return forms.CharField(
        label=libelle, required=requis, max_length=NOTE_MAX,
        widget=forms.Textarea({"rows": 3, "aria-describedby": rappel}),
        help_text=f"{NOTE_MAX} caractères au plus : des faits utiles, pas de diagnostic.",
        error_messages={
            "required": f"« {libelle} » : ce champ est obligatoire.",
            "max_length": f"« {libelle} » : {NOTE_MAX} caractères au plus.",
        },
    )  # fmt: skip


class ObjectifForm(ResumeErreursMixin, DsfrBaseForm):
    prefix = "objectif"

    domaine = _liste("Domaine", CHOIX_DOMAINE)
    libelle = forms.CharField(
        label="Objectif", max_length=200,
        help_text="Ce que le ménage et le travailleur social visent, par exemple « Ouvrir un "
        "compte bancaire ».",
        error_messages={
            "required": "« Objectif » : ce champ est obligatoire.",
            "max_length": "« Objectif » : 200 caractères au plus.",
        },
    )  # fmt: skip
    revue_le = date("À revoir le", "La date à laquelle on fera le point sur cet objectif.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _date_requise(self, "revue_le")


class StatutObjectifForm(DsfrBaseForm):
    """Le statut d'un objectif : atteint, abandonné, remis en cours. Une action ouverte par
    les impayés ne se remet pas en cours à la main (R-ACCOMP-IMPAYES : la tâche quotidienne
    l'ouvre et la ferme selon la dette)."""

    statut = forms.ChoiceField(
        choices=CHOIX_STATUT_OBJECTIF,
        error_messages={
            "required": "« Statut de l'objectif » : choisissez une valeur.",
            "invalid_choice": "« Statut de l'objectif » : choisissez une valeur de la liste.",
        },
    )

    def __init__(self, *args: Any, objectif: Objectif, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.objectif = objectif


class RevueForm(ResumeErreursMixin, DsfrBaseForm):
    prefix = "revue"

    le = date("Revu le")
    intensite = _liste("Intensité décidée", CHOIX_INTENSITE)
    conclusion = note_courte("Conclusion", "rappel-notes-revue")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _date_requise(self, "le")


class EtapeForm(ResumeErreursMixin, DsfrBaseForm):
    """Cocher une étape de la liste (R-ACCOMP-ETAPES) ; sans date, faite aujourd'hui. Champs
    `code` et `faite_le` sans préfixe (contrat des volets)."""

    code = forms.ChoiceField(
        label="Étape",
        error_messages={
            "required": "« Étape » : choisissez l'étape faite.",
            "invalid_choice": "« Étape » : choisissez une étape restante de la liste.",
        },
    )
    faite_le = date("Faite le", "Laissée vide : aujourd'hui.")

    def __init__(self, *args: Any, restantes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [("", "Choisir"), *restantes]  # type: ignore[attr-defined]


class ClotureForm(ResumeErreursMixin, DsfrBaseForm):
    fin_le = date("Fin de l'accompagnement")
    issue = _liste("Issue", CHOIX_ISSUE_PLAN, widget=forms.RadioSelect)
    note_fin = note_courte("Note de fin", "rappel-notes")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _date_requise(self, "fin_le")
        self.fields["issue"].choices = CHOIX_ISSUE_PLAN  # type: ignore[attr-defined]
