"""Affichage du journal d'audit en français (django-auditlog n'a pas de traduction française)."""

from auditlog.models import LogEntry
from django import template

register = template.Library()

ACTIONS = {
    LogEntry.Action.CREATE: "Création",
    LogEntry.Action.UPDATE: "Modification",
    LogEntry.Action.DELETE: "Suppression",
    LogEntry.Action.ACCESS: "Consultation",
}


@register.filter
def action_journal(entree: LogEntry) -> str:
    return ACTIONS.get(entree.action, str(entree.action))


@register.filter
def changements(entree: LogEntry) -> list[tuple[str, str]]:
    """(champ, « avant → après ») ; à la création, la seule valeur posée ; pour un
    téléchargement, le document téléchargé."""
    lignes = []
    document = (entree.additional_data or {}).get("document")
    if document:
        lignes.append(("document téléchargé", str(document)))
    for champ, valeurs in (entree.changes_display_dict or {}).items():
        if champ == "ID":
            continue
        avant, apres = (_lisible(v) for v in (list(valeurs) + ["", ""])[:2])
        lignes.append((champ, apres if avant in ("None", "") else f"{avant} → {apres}"))
    return lignes


def _lisible(valeur: object) -> str:
    return {"True": "oui", "False": "non"}.get(str(valeur), str(valeur))
