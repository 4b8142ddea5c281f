"""Erreurs des formulaires : résumé en tête de page (DSFR) et champs requis selon le cas.

`resume_erreurs(form)` : toutes les erreurs d'un formulaire, dans l'ordre des champs, chacune
avec l'ancre du champ visé ; le gabarit `ui/_resume_erreurs.html` les affiche en tête du
formulaire et `ui/resume_erreurs.js` y porte le focus.

`requis_selon_le_cas(champ, quand)` : un champ requis dans certains cas seulement (vérifiés par
le formulaire ou le service) dit lesquels dans son libellé (« requis pour un refus ») au lieu
d'être marqué « (Optionnel) ».
"""

from __future__ import annotations

from typing import Any

from django import forms


def resume_erreurs(form: forms.BaseForm) -> list[dict[str, str]]:
    """Les erreurs générales puis celles des champs, chacune avec l'ancre de son champ."""
    lignes = [{"ancre": "", "message": str(e)} for e in form.non_field_errors()]
    for bf in form:
        ancre = bf.id_for_label or bf.auto_id or ""
        lignes += [{"ancre": ancre, "message": str(e)} for e in bf.errors]
    return lignes


class ResumeErreursMixin:
    """`form.resume_erreurs` pour le gabarit `ui/_resume_erreurs.html`."""

    def resume_erreurs(self) -> list[dict[str, str]]:
        return resume_erreurs(self)  # type: ignore[arg-type]


def _pas_d_attribut_required(initial: Any) -> bool:
    return False


def requis_selon_le_cas(champ: forms.Field, quand: str) -> forms.Field:
    """Libellé « … (requis pour …) » ; le champ vide reste accepté par Django (la règle qui
    l'exige est vérifiée ailleurs) et n'a pas l'attribut HTML `required`."""
    champ.label = f"{champ.label} ({quand})"
    return sans_marque(champ)


def sans_marque(champ: forms.Field) -> forms.Field:
    """Un champ facultatif affiché sans « (Optionnel) » (une case « Supprimer », un champ
    requis selon le cas) : vide accepté, pas d'attribut HTML `required`."""
    champ.required = True  # affichage : pas de marque « (Optionnel) »
    champ.validate = lambda valeur: None  # type: ignore[method-assign]
    champ.widget.use_required_attribute = _pas_d_attribut_required  # type: ignore[method-assign]
    return champ
