"""La section « Accompagnement » de la fiche du ménage (`menages:menage`) : pour le référent
et la direction, le résumé du plan ouvert et le lien vers le dossier ; pour la gestion locative
de l'opérateur, seulement qu'un plan existe (depuis, intensité, référent), sans lien ni note
(`perms.voit_existence_plan`) ; pour les autres, rien."""

from __future__ import annotations

from typing import Any

from iml.accompagnement import perms, selectors_plan
from iml.accompagnement.presentation_plan import resume_fiche
from iml.comptes.acteur import Acteur
from iml.menages.models import Menage


def section_accompagnement(acteur: Acteur, menage: Menage) -> dict[str, Any]:
    """Le contexte de `accompagnement/_plan_fiche.html` (`accompagnement` vaut None quand la
    section n'est pas montrée) ; une requête."""
    complet = perms.acces_accompagnement(acteur, menage.operateur_id, menage.referent_id) is None
    if not (complet or perms.voit_existence_plan(acteur, menage.operateur_id)):
        return {"accompagnement": None}
    plan = selectors_plan.plan_ouvert_de_la_fiche(menage)
    return {"accompagnement": resume_fiche(plan, menage, complet)}
