"""Lignes répétées d'un formulaire d'étape (postes de gestion, recettes, partenariats) : un
formset Django par tableau (formulaire de gestion compris).

On affiche les lignes enregistrées, plus deux lignes vides (trois lignes au moins). Le bouton
« Ajouter une ligne » (un bouton d'envoi, sans JavaScript) renvoie la page avec une ligne vide
de plus, sans rien enregistrer. Une ligne vide, ou cochée « Supprimer », est ignorée.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django import forms
from dsfr.utils import dsfr_input_class_attr

from iml.appels.forms.dossier.base import nommer_messages

#: Lignes d'un tableau au plus (le site et l'API : `iml.api.limites`).
LIGNES_MAX = 40
#: Nom du bouton « Ajouter une ligne » ; sa valeur est le préfixe du tableau.
AJOUTER = "ajouter_ligne"


class FormulaireLigne(forms.Form):
    """Une ligne : les sous-classes déclarent `colonnes` et créent leurs champs dans
    `construire` (libellés numérotés par `rang`, à partir de 0)."""

    use_required_attribute = False
    colonnes: ClassVar[tuple[str, ...]]
    #: En-têtes des colonnes du tableau, dans l'ordre des colonnes.
    entetes: ClassVar[tuple[str, ...]]

    def __init__(self, *args: Any, rang: int | None = None, **kwargs: Any) -> None:
        self.rang = rang or 0
        self.numero = self.rang + 1
        self.options = kwargs.pop("options", {})
        super().__init__(*args, **kwargs)
        self.construire()
        nommer_messages(self)
        for nom in self.colonnes:
            dsfr_input_class_attr(self[nom])

    def construire(self) -> None:
        raise NotImplementedError

    def valeur(self, colonne: str) -> Any:
        return getattr(self, "cleaned_data", {}).get(colonne)

    def saisie(self) -> bool:
        """Au moins une valeur saisie (une ligne vide est ignorée)."""
        return any(self.valeur(c) not in (None, "") for c in self.colonnes)

    def supprimee(self) -> bool:
        return bool(self.valeur("DELETE"))

    def complete(self) -> bool:
        """Ce qu'il faut pour écrire la ligne dans le dossier (un financeur, un libellé…)."""
        return True

    def a_retenir(self) -> bool:
        return self.saisie() and not self.supprimee() and self.complete()

    def clean(self) -> dict[str, Any]:
        donnees = super().clean()
        if self.saisie() and not self.supprimee():
            self.verifier()
        return donnees

    def verifier(self) -> None:
        """Contrôles d'une ligne saisie (libellé manquant…) : `add_error` sur la colonne."""


class Lignes(forms.BaseFormSet):
    """Le formset d'un tableau : chaque ligne connaît son rang (libellés « poste 2 »…)."""

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "rang": index}

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            numero = "" if index is None else f" {index + 1}"
            form.fields["DELETE"].label = f"Supprimer la ligne{numero}"

    def lignes(self) -> list[FormulaireLigne]:
        """Les lignes à enregistrer, dans l'ordre : saisies, complètes, non supprimées."""
        if not self.is_bound:
            return []
        self.errors  # noqa: B018 — valide les lignes (cleaned_data)
        return [f for f in self.forms if f.a_retenir()]

    def nom_champ(self, rang: int, colonne: str) -> str:
        """Le nom du champ de la `rang`-ième ligne du dossier (constats du moteur) : la ligne
        enregistrée de ce rang, ou la `rang`-ième ligne du tableau."""
        retenues = self.lignes()
        prefixe = retenues[rang].prefix if rang < len(retenues) else self.add_prefix(rang)
        return f"{prefixe}-{colonne}"

    def erreurs(self) -> list[tuple[forms.BoundField | None, str]]:
        """(champ, message) des erreurs du tableau, lignes supprimées exceptées."""
        resultat: list[tuple[forms.BoundField | None, str]] = [
            (None, str(e)) for e in self.non_form_errors()
        ]
        for f in self.forms:
            if f.is_bound and not f.supprimee():
                resultat += [(None, str(e)) for e in f.non_field_errors()]
                resultat += [(f[n], str(e)) for n in f.colonnes for e in f[n].errors]
        return resultat

    def champ(self, nom: str) -> forms.BoundField | None:
        """Le champ lié de nom HTML `nom` (« fin-2-montant »), s'il est dans ce tableau."""
        for f in self.forms:
            colonne = nom.removeprefix(f"{f.prefix}-")
            if colonne != nom and colonne in f.fields:
                return f[colonne]
        return None

    def ajout_possible(self) -> bool:
        return self.total_form_count() < LIGNES_MAX

    def rangees(self, constats: Mapping[str, list]) -> list[dict[str, Any]]:
        """Pour le gabarit : par ligne, les cellules (champ lié, constats) et la case
        « Supprimer »."""
        return [
            {
                "cellules": [(f[c], constats.get(f[c].html_name, [])) for c in f.colonnes],
                "supprimer": f["DELETE"] if "DELETE" in f.fields else None,
            }
            for f in self.forms
        ]


def classe_lignes(formulaire: type[FormulaireLigne]) -> type[Lignes]:
    """Le formset d'un tableau : lignes enregistrées + deux vides (trois au moins), au plus
    `LIGNES_MAX` (vérifié à l'envoi), une case « Supprimer » par ligne."""
    return forms.formset_factory(
        formulaire,
        formset=Lignes,
        extra=2,
        min_num=1,
        max_num=LIGNES_MAX,
        absolute_max=LIGNES_MAX,
        validate_max=True,
        can_delete=True,
    )


def lier(formulaire: Any, prefixe: str, classe: type[Lignes], **options: Any) -> Lignes:
    """Le formset `prefixe` du formulaire d'étape : lié à ses données s'il l'est (une ligne de
    plus si « Ajouter une ligne » vise ce tableau), sinon aux lignes initiales."""
    donnees = formulaire.data if formulaire.is_bound else None
    if donnees is not None and donnees.get(AJOUTER) == prefixe:
        donnees = donnees.copy()
        cle = f"{prefixe}-TOTAL_FORMS"
        try:
            total = int(donnees.get(cle) or 0)
        except ValueError:
            total = 0
        donnees[cle] = str(min(total + 1, LIGNES_MAX))
    jeu = classe(
        donnees,
        initial=None if donnees is not None else formulaire.initial.get(prefixe),
        prefix=prefixe,
        form_kwargs={"options": options},
        error_messages=MESSAGES_FORMSET,
    )
    formulaire.formsets[prefixe] = jeu
    if donnees is not None and donnees.get(AJOUTER) == prefixe and jeu.forms:
        # La ligne ajoutée prend le focus (sauf résumé des erreurs, qui le prend d'abord).
        nouvelle = jeu.forms[-1]
        nouvelle.fields[nouvelle.colonnes[0]].widget.attrs["autofocus"] = True
    return jeu


def tableau(formulaire: Any, jeu: Lignes, legende: str) -> dict[str, Any]:
    """Pour `_tableau_lignes.html` : le formset, sa légende, ses en-têtes et ses rangées
    (chaque champ avec les constats du moteur qui le visent)."""
    return {
        "jeu": jeu,
        "legende": legende,
        "entetes": jeu.form.entetes,
        "rangees": jeu.rangees(formulaire.constats_champs),
    }


MESSAGES_FORMSET = {
    "missing_management_form": "Le tableau n'a pas été envoyé en entier : rechargez la page "
    "et saisissez de nouveau les lignes.",
    "too_many_forms": f"{LIGNES_MAX} lignes au plus par tableau.",
}
