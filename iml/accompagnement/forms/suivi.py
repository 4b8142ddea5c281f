"""Formulaires du suivi : un contact (saisie rapide au téléphone), une orientation vers un
partenaire et sa suite. Les règles du domaine (date dans le futur, partenaire actif de
l'annuaire R-PARTNERS) sont vérifiées par les services ; la vue reporte leurs refus sous leurs
champs. Chaque message nomme son champ."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from iml.accompagnement.enums import CHOIX_CANAL, CHOIX_ISSUE_ORIENTATION, CHOIX_MOTIF
from iml.accompagnement.models import NOTE_MAX, Partenaire
from iml.ui.erreurs import ResumeErreursMixin, requis_selon_le_cas
from regles.types_accompagnement import IssueOrientation

#: Gabarit des choix en tuiles (grandes cibles au doigt).
TUILES = "accompagnement/contact_tuiles.html"

#: Durées proposées d'un geste (minutes), puis « autre ».
DUREES_RAPIDES = (15, 30, 45, 60, 90)
AUTRE = "autre"
DUREE_MAX = 600


def jour(libelle: str, requis: bool = True, aide: str = "") -> forms.DateField:
    return forms.DateField(
        label=libelle, required=requis, help_text=aide,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": f"« {libelle} » : ce champ est obligatoire.",
            "invalid": f"« {libelle} » : saisissez une date, par exemple 05/03/2026.",
        },
    )  # fmt: skip


def tuiles(libelle: str, choix: Any, requis: bool, message: str, aide: str = "") -> Any:
    champ = forms.ChoiceField(
        label=libelle, choices=choix, required=requis, widget=forms.RadioSelect, help_text=aide,
        error_messages={
            "required": f"« {libelle} » : {message}",
            "invalid_choice": f"« {libelle} » : choisissez une valeur proposée.",
        },
    )  # fmt: skip
    champ.template_name = TUILES
    return champ


class ContactForm(ResumeErreursMixin, DsfrBaseForm):
    """Un contact en quelques touches : canal, date (aujourd'hui), durée, note facultative."""

    canal = tuiles("Canal", CHOIX_CANAL, True, "choisissez comment le contact a eu lieu.")
    le = jour("Date du contact")
    duree = tuiles(
        "Durée",
        [(str(m), f"{m}\u00a0min") for m in DUREES_RAPIDES] + [(AUTRE, "Autre durée")],
        False,
        "",
        aide="Touchez la durée la plus proche ; sans choix, elle reste « non notée ».",
    )
    duree_autre = requis_selon_le_cas(
        forms.IntegerField(
            label="Autre durée, en minutes",
            required=False,
            min_value=1,
            max_value=DUREE_MAX,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            error_messages={
                "invalid": "« Autre durée » : saisissez un nombre de minutes, par exemple 20.",
                "min_value": "« Autre durée » : au moins 1 minute.",
                "max_value": f"« Autre durée » : {DUREE_MAX} minutes (10 heures) au plus.",
            },
        ),
        "si « Autre durée »",
    )
    note = forms.CharField(
        label="Note", required=False, max_length=NOTE_MAX,
        widget=forms.Textarea(
            {"rows": 4, "data-compteur": "compteur-note",
             "aria-describedby": "rappel-note compteur-note"}
        ),
        error_messages={
            "max_length": f"« Note » : {NOTE_MAX} caractères au plus (vous en avez saisi "
            "%(show_value)d)."
        },
    )  # fmt: skip

    def __init__(self, *args: Any, **kw: Any):
        kw.setdefault("initial", {"le": timezone.localdate()})
        super().__init__(*args, **kw)

    def clean(self) -> dict[str, Any]:
        donnees = super().clean()
        choix, autre = donnees.get("duree"), donnees.get("duree_autre")
        if "duree_autre" in self.errors:
            return donnees
        if choix == AUTRE and autre is None:
            self.add_error("duree_autre", "« Autre durée » : indiquez le nombre de minutes.")
        elif choix not in ("", AUTRE, None) and autre is not None:
            self.add_error(
                "duree_autre",
                "« Autre durée » : laissez ce champ vide quand une durée est choisie plus haut, "
                "ou choisissez « Autre durée ».",
            )
        return donnees

    def donnees(self) -> dict[str, Any]:
        """Les champs du service `noter_contact`."""
        d = self.cleaned_data
        choix = d.get("duree")
        if choix and choix != AUTRE:
            minutes: int | None = int(choix)
        else:
            minutes = d.get("duree_autre")
        return {"le": d["le"], "canal": d["canal"], "duree_minutes": minutes, "note": d["note"]}


class PartenaireChoix(forms.ModelChoiceField):
    def label_from_instance(self, obj: Partenaire) -> str:
        commune = f", {obj.commune}" if obj.commune else ""
        return f"{obj.nom} ({obj.get_type_display()}{commune})"


class OrientationForm(ResumeErreursMixin, DsfrBaseForm):
    """R-PARTNERS : vers un partenaire actif de l'annuaire, un motif en catégorie, une date."""

    partenaire = PartenaireChoix(
        label="Partenaire", queryset=None, empty_label="Choisir un partenaire",
        help_text="Les partenaires actifs de l'annuaire de votre organisation.",
        error_messages={
            "required": "« Partenaire » : choisissez un partenaire de l'annuaire.",
            "invalid_choice": "« Partenaire » : choisissez un partenaire actif de votre annuaire "
            "(R-PARTNERS).",
        },
    )  # fmt: skip
    motif = forms.ChoiceField(
        label="Motif", choices=[("", "Choisir un motif"), *CHOIX_MOTIF],
        help_text="Une catégorie, sans détail sur la situation de la personne.",
        error_messages={
            "required": "« Motif » : choisissez une catégorie.",
            "invalid_choice": "« Motif » : choisissez une catégorie de la liste.",
        },
    )  # fmt: skip
    le = jour("Orienté le")

    def __init__(self, *args: Any, partenaires: Any, **kw: Any):
        kw.setdefault("initial", {"le": timezone.localdate()})
        super().__init__(*args, **kw)
        self.fields["partenaire"].queryset = partenaires  # type: ignore[attr-defined]


class SuiteForm(ResumeErreursMixin, DsfrBaseForm):
    """La suite d'une orientation : une issue connue a sa date."""

    issue = tuiles("Suite", CHOIX_ISSUE_ORIENTATION, True, "choisissez la suite donnée.")
    issue_le = requis_selon_le_cas(
        jour("Suite connue le", requis=False), "sauf « En attente de réponse »"
    )

    def clean(self) -> dict[str, Any]:
        donnees = super().clean()
        issue = donnees.get("issue")
        if issue == IssueOrientation.EN_ATTENTE:
            donnees["issue_le"] = None
        elif issue and not donnees.get("issue_le") and "issue_le" not in self.errors:
            self.add_error("issue_le", "« Suite connue le » : indiquez la date de cette suite.")
        return donnees
