"""Formulaire d'une demande (ménage en attente, côté SIAO) : la personne de référence, la
composition, les ressources et l'aide au logement (vide = inconnue, R-UNKNOWN), la date de la
demande, les communes, le plain-pied, la catégorie, les critères de priorité datés."""

from __future__ import annotations

from datetime import date as Date
from typing import Any

from django import forms
from dsfr.forms import DsfrBaseForm

from iml.orientations.enums import CHOIX_CATEGORIE
from iml.parc.forms.logements import date, montant
from iml.ui.erreurs import ResumeErreursMixin
from regles.types import PublicPrioritaire


def _texte(libelle: str, longueur: int, requis: bool = True, aide: str = "") -> forms.CharField:
    return forms.CharField(
        label=libelle, max_length=longueur, required=requis, help_text=aide,
        error_messages={"required": f"« {libelle} » : ce champ est obligatoire."},
    )  # fmt: skip


def _entier(libelle: str, minimum: int, requis: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=libelle, min_value=minimum, max_value=12, required=requis,
        error_messages={
            "required": f"« {libelle} » : ce champ est obligatoire.",
            "invalid": f"« {libelle} » : saisissez un nombre entier.",
            "min_value": f"« {libelle} » : {minimum} au moins.",
            "max_value": f"« {libelle} » : 12 au plus.",
        },
    )  # fmt: skip


class DemandeForm(ResumeErreursMixin, DsfrBaseForm):
    reference_siao = _texte(
        "Référence SI-SIAO", 60, aide="La référence de la demande dans SI-SIAO."
    )
    nom = _texte("Nom de la personne de référence", 100)
    prenom = _texte("Prénom de la personne de référence", 100)
    adultes = _entier("Adultes", 1)
    enfants = _entier("Enfants", 0)
    ressources = montant(
        "Ressources mensuelles hors aide au logement (€)", "Laissez vide si elles sont inconnues."
    )
    aide_logement = montant(
        "Aide au logement (€ par mois)", "Laissez vide si elle est inconnue (elle ne vaut pas 0)."
    )
    aide_estimee = forms.BooleanField(label="Ce montant est une estimation", required=False)
    demande_le = date("Date de la demande", "L'ancienneté de la demande compte dans la priorité.")
    communes = _texte(
        "Communes souhaitées (codes INSEE)", 300, requis=False,
        aide="Séparés par des virgules, par exemple 35238, 35047.",
    )  # fmt: skip
    communes_strictes = forms.BooleanField(label="Seulement ces communes", required=False)
    plain_pied_requis = forms.BooleanField(label="Accès de plain-pied requis", required=False)
    categorie = forms.ChoiceField(
        label="Catégorie d'IML", choices=[("", "Choisir une catégorie"), *CHOIX_CATEGORIE],
        error_messages={"required": "« Catégorie d'IML » : choisissez-en une."},
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["demande_le"].required = True
        self.fields["demande_le"].error_messages["required"] = (
            "« Date de la demande » : ce champ est obligatoire."
        )
        for critere in PublicPrioritaire:
            self.fields[f"critere_{critere.value}"] = forms.BooleanField(
                label=critere.libelle, required=False
            )
            self.fields[f"reconnu_{critere.value}"] = date(f"{critere.libelle} : reconnu le")

    def champs_criteres(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"critere_{c.value}"], self[f"reconnu_{c.value}"]) for c in PublicPrioritaire]

    def champs_demande(self) -> list[forms.BoundField]:
        return [self[n] for n in self.fields if not n.startswith(("critere_", "reconnu_"))]

    def donnees(self) -> dict[str, Any]:
        d = {
            n: v for n, v in self.cleaned_data.items() if not n.startswith(("critere_", "reconnu_"))
        }
        d["communes"] = [c.strip() for c in d["communes"].split(",") if c.strip()]
        criteres: dict[str, Date | None] = {}
        for c in PublicPrioritaire:
            # Une date de reconnaissance saisie vaut le critère, même case non cochée : la
            # priorité du ménage (R-PRIORITY-PUBLICS) ne se perd pas sans qu'on le voie.
            reconnu = self.cleaned_data.get(f"reconnu_{c.value}")
            if self.cleaned_data.get(f"critere_{c.value}") or reconnu is not None:
                criteres[c.value] = reconnu
        d["criteres"] = criteres
        return d


def initial_demande(demande) -> dict[str, Any]:
    initial = {
        n: getattr(demande, n)
        for n in ("reference_siao", "nom", "prenom", "adultes", "enfants", "ressources",
                  "aide_logement", "aide_estimee", "demande_le", "communes_strictes",
                  "plain_pied_requis", "categorie")
    }  # fmt: skip
    initial["communes"] = ", ".join(demande.communes)
    for c in demande.criteres.all():
        initial[f"critere_{c.critere}"] = True
        initial[f"reconnu_{c.critere}"] = c.reconnu_le
    return initial
