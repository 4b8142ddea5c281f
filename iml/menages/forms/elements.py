"""Formulaires des éléments de la fiche du ménage : un membre, une valeur de ressource, un
critère de priorité. Chacun a son préfixe (plusieurs formulaires sur la même page) ; les dates
dans le futur sont refusées par le service, sous leur champ."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from iml.menages.enums import CHOIX_CRITERE, CHOIX_LIEN, CHOIX_NATURE_RESSOURCE
from iml.parc.forms.logements import date, messages_nombre, montant
from iml.ui.erreurs import ResumeErreursMixin


def _liste(libelle: str, valeurs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=libelle, choices=[("", "Choisir"), *valeurs],
        error_messages={
            "required": f"« {libelle} » : choisissez une valeur.",
            "invalid_choice": f"« {libelle} » : choisissez une valeur de la liste.",
        },
    )  # fmt: skip


class PersonneForm(ResumeErreursMixin, DsfrBaseForm):
    prefix = "membre"

    lien = _liste("Lien avec la personne de référence", CHOIX_LIEN)
    annee_naissance = forms.IntegerField(
        label="Année de naissance", min_value=1900, max_value=2100,
        help_text="Quatre chiffres, par exemple 2016.",
        error_messages=messages_nombre("Année de naissance", "2016", "2100")
        | {"min_value": "« Année de naissance » : 1900 au plus tôt."},
    )  # fmt: skip


class RessourceForm(ResumeErreursMixin, DsfrBaseForm):
    prefix = "ressource"

    nature = _liste("Nature", CHOIX_NATURE_RESSOURCE)
    montant = montant("Montant mensuel (€)")
    connue_le = date("Connue le", "La date à laquelle ce montant est connu.")

    def __init__(self, *args: Any, **kw: Any):
        kw.setdefault("initial", {"connue_le": timezone.localdate()})
        super().__init__(*args, **kw)
        for nom, libelle in (("montant", "Montant mensuel (€)"), ("connue_le", "Connue le")):
            self.fields[nom].required = True
            self.fields[nom].error_messages["required"] = (
                f"« {libelle} » : ce champ est obligatoire."
            )


class CritereForm(ResumeErreursMixin, DsfrBaseForm):
    prefix = "critere"

    critere = _liste("Critère de priorité", CHOIX_CRITERE)
    reconnu_le = date(
        "Reconnu le", "Facultatif : la date de la reconnaissance, si elle est connue."
    )
