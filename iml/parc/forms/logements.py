"""Formulaires des logements : la fiche (groupée par rubriques) et le changement de statut.

Les nombres se saisissent à la française (« 520,50 ») ; un nombre mal formé, négatif ou
démesuré est refusé sous son champ en le nommant. Les règles du domaine (R-CAPACITY, R-MODE,
R-PUBLIC-STOCK, date du DPE) sont vérifiées par le service, dont les refus sont reportés sous
leurs champs par la vue.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from dsfr.forms import DsfrBaseForm

from iml.comptes.acteur import Acteur
from iml.parc import selectors
from iml.parc.communes import code_commune
from iml.parc.enums import (
    CHOIX_CLASSE_DPE,
    CHOIX_FORME,
    CHOIX_TYPOLOGIE,
    CHOIX_ZONE,
    Conventionnement,
)
from iml.parc.models import Logement, Prospect
from iml.parc.parametres import bareme_national
from iml.parc.presentation_logements import libelle_commune
from iml.ui.erreurs import ResumeErreursMixin
from regles.format import nombre

OUI_NON = [("", "Non renseigné"), ("1", "Oui"), ("0", "Non")]
MONTANT_MAX = Decimal("99999999.99")


def messages_nombre(libelle: str, exemple: str, maximum: str) -> dict[str, str]:
    """Les refus d'un champ numérique, chacun nommant le champ (« % » doublé dans les
    messages qui reçoivent les paramètres de leur validateur)."""
    trop = f"« {libelle} » : la valeur dépasse le maximum de {maximum}.".replace("%", "%%")
    return {
        "required": f"« {libelle} » : ce champ est obligatoire.",
        "invalid": f"« {libelle} » : saisissez un nombre en chiffres, par exemple {exemple}.",
        "min_value": f"« {libelle} » : la valeur ne peut pas être négative.",
        "max_value": trop,
        "max_digits": trop,
        "max_whole_digits": trop,
        "max_decimal_places": f"« {libelle} » : deux décimales au plus.",
    }


def montant(libelle: str, aide: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=libelle, required=False, localize=True, help_text=aide,
        min_value=0, max_value=MONTANT_MAX, max_digits=10, decimal_places=2,
        error_messages=messages_nombre(libelle, "520,50", "99 999 999,99 €"),
    )  # fmt: skip


def decimal(libelle: str, maximum: Decimal, exemple: str, chiffres: int) -> forms.DecimalField:
    return forms.DecimalField(
        label=libelle, required=False, localize=True, min_value=0, max_value=maximum,
        max_digits=chiffres, decimal_places=2,
        error_messages=messages_nombre(libelle, exemple, nombre(maximum)),
    )  # fmt: skip


def date(libelle: str, aide: str = "") -> forms.DateField:
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    return forms.DateField(
        label=libelle, required=False, widget=widget, help_text=aide,
        error_messages={"invalid": f"« {libelle} » : saisissez une date, par exemple 05/03/2026."},
    )  # fmt: skip


def oui_non(libelle: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=libelle, choices=OUI_NON, required=False, coerce=lambda v: v == "1", empty_value=None
    )


def _aide_capacite() -> str:
    maximums = bareme_national().capacite_max_places
    liste = ", ".join(f"{t.libelle} {n}" for t, n in maximums.items())
    return f"Laissée vide : le maximum R-CAPACITY de la typologie ({liste})."


#: Rubriques de la fiche : (titre, champs).
RUBRIQUES = (
    ("Adresse et commune", ("reference", "adresse", "complement", "code_postal", "commune")),
    ("Bailleur", ("bailleur",)),
    (
        "Caractéristiques",
        (
            "typologie",
            "capacite",
            "surface_m2",
            "hauteur_sous_plafond_m",
            "etage",
            "ascenseur",
            "plain_pied",
            "meuble",
        ),
    ),  # fmt: skip
    (
        "Intermédiation locative",
        (
            "forme",
            "bail_glissant_possible",
            "convention",
            "loyer",
            "charges",
            "redevance",
            "zone_forcee",
            "zone",
        ),
    ),  # fmt: skip
    ("Énergie", ("classe_dpe", "date_dpe")),
    ("Conventionnement Anah / Loc'Avantages", ("conventionnement",)),
    (
        "Exception du parc social (R-PUBLIC-STOCK)",
        ("logement_social", "justification_social", "justification_social_le"),
    ),
)
OUI_NON_CHAMPS = ("ascenseur", "plain_pied")


class LogementForm(ResumeErreursMixin, DsfrBaseForm):
    reference = forms.CharField(label="Référence de l'opérateur", max_length=60, required=False)
    adresse = forms.CharField(label="Adresse", max_length=250)
    complement = forms.CharField(label="Complément d'adresse", max_length=120, required=False)
    code_postal = forms.CharField(label="Code postal", max_length=5, help_text="Exemple : 35000")
    commune = forms.CharField(
        label="Commune", max_length=80, help_text="Nom ou code INSEE, par exemple Rennes ou 35238."
    )
    bailleur = forms.ModelChoiceField(
        label="Bailleur", queryset=None, empty_label="Choisir un bailleur",
        error_messages={
            "required": "« Bailleur » : choisissez le bailleur du logement.",
            "invalid_choice": "« Bailleur » : choisissez un bailleur de votre organisation.",
        },
    )  # fmt: skip
    typologie = forms.ChoiceField(label="Typologie", choices=[("", "Choisir"), *CHOIX_TYPOLOGIE])
    capacite = forms.IntegerField(
        label="Capacité (places)", required=False, min_value=1, max_value=99,
        error_messages=messages_nombre("Capacité (places)", "3", "99"),
    )  # fmt: skip
    surface_m2 = decimal("Surface habitable (m²)", Decimal("9999.99"), "32,5", 6)
    hauteur_sous_plafond_m = decimal("Hauteur sous plafond (m)", Decimal("10"), "2,50", 4)
    etage = forms.IntegerField(
        label="Étage", required=False, min_value=-5, max_value=60,
        help_text="0 pour le rez-de-chaussée ; -1 pour un sous-sol.",
        error_messages=messages_nombre("Étage", "2", "60")
        | {"min_value": "« Étage » : -5 au plus bas."},
    )  # fmt: skip
    ascenseur = oui_non("Ascenseur")
    plain_pied = oui_non("Accès de plain-pied")
    meuble = forms.BooleanField(label="Meublé", required=False)
    forme = forms.ChoiceField(label="Forme d'IML", choices=[("", "Choisir"), *CHOIX_FORME])
    bail_glissant_possible = forms.BooleanField(
        label="Bail glissant possible", required=False, help_text="Sous-location seulement."
    )
    convention = forms.ModelChoiceField(
        label="Convention de financement", queryset=None, required=False,
        empty_label="Aucune convention pour l'instant",
        error_messages={
            "invalid_choice": "« Convention » : choisissez une convention de la liste."
        },
    )  # fmt: skip
    loyer = montant("Loyer hors charges (€ par mois)")
    charges = montant("Charges (€ par mois)")
    redevance = montant(
        "Redevance demandée au ménage (€ par mois)",
        "Sous-location seulement : en mandat de gestion, le ménage paie le loyer.",
    )
    zone_forcee = forms.BooleanField(
        label="Saisir la zone à la main", required=False,
        help_text="Sinon, la zone est déduite de la commune (paramètre daté des zones tendues).",
    )  # fmt: skip
    zone = forms.ChoiceField(
        label="Zone (si saisie à la main)", choices=[("", "Choisir"), *CHOIX_ZONE], required=False
    )
    classe_dpe = forms.ChoiceField(
        label="Classe DPE", choices=[("", "Non renseignée"), *CHOIX_CLASSE_DPE], required=False
    )
    date_dpe = date("Date du DPE")
    conventionnement = forms.ChoiceField(
        label="Conventionnement", choices=Conventionnement.choices, initial="AUCUN"
    )
    logement_social = forms.BooleanField(label="Logement du parc social", required=False)
    justification_social = forms.CharField(
        label="Justification de l'exception", required=False, widget=forms.Textarea({"rows": 3}),
        help_text="Exigée pour un logement social : par exemple, droits en cours d'ouverture.",
    )  # fmt: skip
    justification_social_le = date("Justification datée du")

    def __init__(self, *args: Any, acteur: Acteur, avec_bailleur: bool = True, **kw: Any):
        super().__init__(*args, **kw)
        self.acteur = acteur
        # Le champ lié est déjà créé (DsfrBaseForm) : l'aide lui est donnée aussi.
        self.fields["capacite"].help_text = self["capacite"].help_text = _aide_capacite()
        self.fields["convention"].queryset = selectors.conventions_rattachables(acteur)  # type: ignore[attr-defined]
        self.fields["convention"].label_from_instance = lambda c: c.numero  # type: ignore[attr-defined]
        if avec_bailleur:
            self.fields["bailleur"].queryset = selectors.bailleurs_visibles(acteur)  # type: ignore[attr-defined]
        else:
            del self.fields["bailleur"]
        for nom in ("typologie", "forme", "conventionnement"):
            libelle = self.fields[nom].label
            self.fields[nom].error_messages |= {
                "required": f"« {libelle} » : ce champ est obligatoire.",
                "invalid_choice": f"« {libelle} » : choisissez une valeur de la liste.",
            }

    def rubriques(self) -> list[tuple[str, list]]:
        return [
            (titre, [self[c] for c in champs if c in self.fields]) for titre, champs in RUBRIQUES
        ]

    def clean_commune(self) -> str:
        return code_commune(self.cleaned_data["commune"], self.acteur.territoire.code)

    def clean(self) -> dict[str, Any]:
        donnees = super().clean()
        if donnees.get("zone_forcee") and not donnees.get("zone"):
            self.add_error(
                "zone", "« Zone » : choisissez la zone quand vous la saisissez à la main."
            )
        return donnees

    def donnees(self) -> dict[str, Any]:
        """Les champs du service (`creer_logement`, `modifier_logement`), bailleur à part."""
        d = {k: v for k, v in self.cleaned_data.items() if k != "bailleur"}
        if not d["zone_forcee"]:
            d.pop("zone")
        return d


def initial_du_logement(logement: Logement) -> dict[str, Any]:
    initial = {nom: getattr(logement, nom) for nom in LogementForm.base_fields if nom != "bailleur"}
    initial["commune"] = libelle_commune(logement.commune)
    initial["convention"] = logement.convention_id
    for nom in OUI_NON_CHAMPS:
        valeur = getattr(logement, nom)
        initial[nom] = "" if valeur is None else ("1" if valeur else "0")
    return initial


def initial_du_prospect(prospect: Prospect) -> dict[str, Any]:
    return {
        "bailleur": prospect.bailleur_id,
        "adresse": prospect.adresse,
        "commune": libelle_commune(prospect.commune),
        "typologie": prospect.typologie,
    }


class StatutLogementForm(ResumeErreursMixin, DsfrBaseForm):
    """Le passage choisi (bouton `vers`), une note, et la confirmation d'une restitution."""

    vers = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label="Note (conservée dans l'historique)", required=False,
        widget=forms.Textarea({"rows": 2}), max_length=2000,
        help_text="Exigée pour une restitution au bailleur.",
    )  # fmt: skip
    confirmation = forms.BooleanField(
        label="Je confirme la restitution : elle est définitive et ne peut pas être annulée.",
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        donnees = super().clean()
        if donnees.get("vers") == "RESTITUE" and not donnees.get("confirmation"):
            self.add_error(
                "confirmation",
                "Restitution : cochez la confirmation ; elle est définitive et ne peut pas "
                "être annulée.",
            )
        return donnees
