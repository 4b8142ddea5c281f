"""Filtres de gabarit : montants, pourcentages et dates à la française (`regles.format`).

`{% load iml_format %}` puis `{{ montant|euros }}`, `{{ part|pourcentage }}`, `{{ jour|date_fr }}`.
Une valeur absente s'affiche « non renseigné » (R-UNKNOWN), jamais 0.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone

from regles import format as fmt
from regles.libelles import libelle_chemin

register = template.Library()

NON_RENSEIGNE = "non renseigné"


def _decimal(valeur: object) -> Decimal | None:
    if valeur is None or valeur == "" or isinstance(valeur, bool):
        return None
    try:
        return Decimal(str(valeur))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def euros(valeur: object) -> str:
    """« 1 234,50 € » ; « non renseigné » si la valeur manque."""
    return fmt.euros(_decimal(valeur))


@register.filter
def pourcentage(valeur: object, decimales: int = 1) -> str:
    """« 30,1 % » (la valeur est déjà en pourcentage)."""
    d = _decimal(valeur)
    return NON_RENSEIGNE if d is None else fmt.pourcentage(d, int(decimales))


@register.filter
def nombre(valeur: object) -> str:
    """« 1 234,5 » ; « non renseigné » si la valeur manque."""
    d = _decimal(valeur)
    return NON_RENSEIGNE if d is None else fmt.nombre(d)


@register.filter
def date_fr(valeur: object) -> str:
    """« 05/03/2026 » pour une date, un datetime ou une date ISO (« 2026-03-05 »)."""
    if isinstance(valeur, datetime):
        local = timezone.localtime(valeur) if timezone.is_aware(valeur) else valeur
        return fmt.date_fr(local.date())
    if isinstance(valeur, date):
        return fmt.date_fr(valeur)
    if isinstance(valeur, str) and valeur:
        try:
            return fmt.date_fr(date.fromisoformat(valeur))
        except ValueError:
            return valeur
    return NON_RENSEIGNE


@register.filter(name="siret")
def siret_lisible(valeur: object) -> str:
    """« 430 000 000 00041 » ; « non renseigné » si la valeur manque."""
    return fmt.siret(str(valeur)) or NON_RENSEIGNE if valeur else NON_RENSEIGNE


@register.filter
def pluriel(valeur: object, suffixe: str = "s") -> str:
    """Marque du pluriel à la française : « 0 erreur », « 1 erreur », « 2 erreurs »."""
    nombre_ = _decimal(valeur)
    return suffixe if nombre_ is not None and abs(nombre_) >= 2 else ""


@register.filter
def sans_regle(message: object, regle: object) -> str:
    """Le message d'un constat sans son préfixe « R-… : », quand la règle est déjà affichée."""
    texte, prefixe = str(message), f"{regle} : "
    return texte[len(prefixe) :] if texte.startswith(prefixe) else texte


@register.filter
def libelle_champ(chemin: object) -> str:
    """Le libellé français d'un chemin du contenu (« Prestations › accompagnement ›
    sous-location ») : jamais de chemin JSON à l'écran."""
    return libelle_chemin(str(chemin)) if chemin else ""


@register.filter
def libelles_champs(chemins: object) -> str:
    """Plusieurs chemins, en libellés séparés par des points-virgules."""
    if not isinstance(chemins, (list, tuple)):
        return ""
    return " ; ".join(libelle_chemin(str(c)) for c in chemins)


@register.filter
def de(valeur: object) -> str:
    """« d'AIS Rennes… », « de Toit Partagé » : `Dossier {{ dossier.operateur|de }}`."""
    return fmt.de(str(valeur))
