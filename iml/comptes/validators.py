"""Validation des identifiants administratifs."""

from django.core.exceptions import ValidationError


def cle_luhn_valide(chiffres: str) -> bool:
    """Contrôle de Luhn utilisé par le SIREN et le SIRET."""
    total = 0
    for rang, caractere in enumerate(reversed(chiffres)):
        valeur = int(caractere)
        if rang % 2 == 1:
            valeur *= 2
            if valeur > 9:
                valeur -= 9
        total += valeur
    return total % 10 == 0


def valider_siret(valeur: str) -> None:
    """Un SIRET a 14 chiffres et une clé de Luhn valide. Exception : les établissements de
    La Poste (SIREN 356000000) dont la somme des chiffres est un multiple de 5 ; le siège
    (35600000000048) suit, lui, la règle de Luhn."""
    if len(valeur) != 14 or not (valeur.isascii() and valeur.isdigit()):
        raise ValidationError(
            "Le SIRET doit comporter exactement 14 chiffres.", code="siret_format"
        )
    if cle_luhn_valide(valeur):
        return
    if valeur.startswith("356000000") and sum(int(c) for c in valeur) % 5 == 0:
        return
    raise ValidationError("Le SIRET n'est pas valide (clé de contrôle).", code="siret_cle")
