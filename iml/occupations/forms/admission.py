"""Formulaire de l'admission : ménage (sans occupation en cours), logement (disponible ou
vacant), date d'entrée, loyer ou redevance et charges (ceux du logement par défaut), bail
glissant et suite du parcours (sous-location). La forme est celle du logement. Les contrôles
du domaine (R-CAPACITY, R-EFFORT-*, R-CATEGORY…) sont faits par le service et montrés avant
toute écriture."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from dsfr.forms import DsfrBaseForm

from iml.comptes.acteur import Acteur
from iml.menages.models import Menage
from iml.menages.selectors import menages_visibles
from iml.occupations.enums import CHOIX_SUITE
from iml.occupations.services.preparation import STATUTS_ADMISSIBLES
from iml.parc.forms.logements import date, montant
from iml.parc.models import Logement
from iml.parc.presentation_logements import libelle_commune
from iml.parc.selectors import logements_visibles
from iml.ui.erreurs import ResumeErreursMixin, requis_selon_le_cas
from regles.format import euros
from regles.types import Mode, StatutOccupation


class ChoixMenage(forms.ModelChoiceField):
    def label_from_instance(self, obj: Menage) -> str:
        return f"{obj.reference} — {obj.nom} {obj.prenom}"


class ChoixLogement(forms.ModelChoiceField):
    def label_from_instance(self, obj: Logement) -> str:
        return (
            f"{obj.adresse}, {libelle_commune(obj.commune)} — {obj.get_typologie_display()} — "
            f"{obj.get_forme_display().lower()} ({obj.get_statut_display().lower()})"
        )


def _choix(libelle: str) -> dict[str, str]:
    return {
        "required": f"« {libelle} » : ce champ est obligatoire.",
        "invalid_choice": f"« {libelle} » : choisissez une valeur de la liste.",
    }


def tarif_du_logement(logement: Logement) -> tuple[Decimal | None, Decimal | None]:
    """Mandat de gestion : loyer + charges ; sous-location : redevance + charges."""
    loyer = logement.redevance if logement.forme == Mode.SOUS_LOCATION else logement.loyer
    return loyer, logement.charges


class AdmissionForm(ResumeErreursMixin, DsfrBaseForm):
    menage = ChoixMenage(
        label="Ménage", queryset=None, empty_label="Choisir un ménage",
        help_text="Les ménages de votre organisation qui n'occupent aucun logement.",
        error_messages=_choix("Ménage"),
    )  # fmt: skip
    logement = ChoixLogement(
        label="Logement", queryset=None, empty_label="Choisir un logement",
        help_text="Les logements disponibles ou vacants de votre parc ; l'occupation prend la "
        "forme du logement (mandat de gestion ou sous-location).",
        error_messages=_choix("Logement"),
    )  # fmt: skip
    date_entree = date("Date d'entrée")
    loyer = montant(
        "Loyer ou redevance (€ par mois)",
        "Vide : celui du logement (loyer en mandat de gestion, redevance en sous-location).",
    )
    charges = montant("Charges (€ par mois)", "Vide : celles du logement.")
    bail_glissant = forms.BooleanField(
        label="Bail glissant prévu (sous-location seulement)", required=False
    )
    suite_parcours = requis_selon_le_cas(
        forms.ChoiceField(
            label="Suite du parcours prévue", choices=[("", "Choisir"), *CHOIX_SUITE],
            required=False, error_messages=_choix("Suite du parcours prévue"),
        ),
        "requise en sous-location",
    )  # fmt: skip
    derogation = forms.CharField(
        label="Justification de la dérogation", required=False, max_length=4000,
        widget=forms.Textarea({"rows": 4}),
        help_text="Direction seulement : pourquoi admettre malgré le contrôle bloquant. "
        "Elle est conservée avec le contrôle d'admission.",
    )  # fmt: skip

    def __init__(self, *args: Any, acteur: Acteur, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.retenues: dict[str, Any] = {}
        self.fields["menage"].queryset = (
            menages_visibles(acteur)
            .exclude(occupations__statut=StatutOccupation.EN_COURS)
            .order_by("reference")
        )
        self.fields["logement"].queryset = (
            logements_visibles(acteur)
            .filter(statut__in=STATUTS_ADMISSIBLES)
            .order_by("adresse", "pk")
        )
        self.fields["date_entree"].required = True
        self.fields["date_entree"].error_messages["required"] = (
            "« Date d'entrée » : ce champ est obligatoire."
        )

    def clean(self) -> dict[str, Any]:
        donnees = super().clean()
        self.retenues = dict(donnees)
        logement = donnees.get("logement")
        if logement is None:
            return donnees
        loyer, charges = tarif_du_logement(logement)
        for champ, defaut in (("loyer", loyer), ("charges", charges)):
            if donnees.get(champ) is None and champ not in self.errors:
                if defaut is None:
                    self.add_error(
                        champ,
                        f"« {self.fields[champ].label} » : le logement n'en porte pas, "
                        "saisissez le montant.",
                    )
                else:
                    donnees[champ] = defaut
        if logement.forme == Mode.SOUS_LOCATION:
            if not donnees.get("suite_parcours") and "suite_parcours" not in self.errors:
                self.add_error(
                    "suite_parcours",
                    "R-SL-DURATION : en sous-location, la suite du parcours est prévue dès "
                    "l'entrée (bail glissant, relogement, procédure prioritaire).",
                )
        else:
            donnees["bail_glissant"] = False
        self.retenues = dict(donnees)
        return donnees

    def donnees(self) -> dict[str, Any]:
        """Les arguments de `preparer_admission` et `admettre` (sans la dérogation) ; les
        valeurs retenues par `clean`, même si un refus du service les a ensuite marquées."""
        d = self.retenues
        return {
            "menage": d["menage"],
            "logement": d["logement"],
            "forme": d["logement"].forme,
            "date_entree": d["date_entree"],
            "loyer": d["loyer"],
            "charges": d["charges"],
            "bail_glissant": d["bail_glissant"],
            "suite_parcours": d["suite_parcours"],
        }

    def valeurs(self) -> dict[str, str]:
        """Les valeurs retenues, pour les champs cachés de l'aperçu (rien ne se perd)."""
        d = self.retenues
        return {
            "menage": str(d["menage"].pk),
            "logement": str(d["logement"].pk),
            "date_entree": d["date_entree"].isoformat(),
            "loyer": str(d["loyer"]),
            "charges": str(d["charges"]),
            "bail_glissant": "on" if d["bail_glissant"] else "",
            "suite_parcours": d["suite_parcours"],
        }


def initial_admission(logement: Logement | None, menage: Menage | None) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    if menage is not None:
        initial["menage"] = menage.pk
    if logement is not None:
        loyer, charges = tarif_du_logement(logement)
        initial |= {"logement": logement.pk, "loyer": loyer, "charges": charges}
        initial["bail_glissant"] = logement.bail_glissant_possible
    return initial


def libelle_tarif(logement: Logement) -> str:
    loyer, charges = tarif_du_logement(logement)
    nom = "redevance" if logement.forme == Mode.SOUS_LOCATION else "loyer"
    return f"{nom} {euros(loyer)} + charges {euros(charges)}"
