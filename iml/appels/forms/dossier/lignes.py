"""Lignes répétées d'un formulaire d'étape (postes de gestion, financements, partenariats) :
les lignes enregistrées, plus deux lignes vides ; une ligne vide est ignorée."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from django import forms

LIGNES_MAX = 40


def nombre_lignes(prefixe: str, existantes: int, donnees: Mapping[str, Any] | None) -> int:
    """Lignes à afficher : enregistrées + 2 (3 au moins), ou celles reçues en POST."""
    rangs = []
    for cle in donnees or {}:
        m = re.fullmatch(rf"{re.escape(prefixe)}_(\d+)_\w+", cle)
        if m:
            rangs.append(int(m.group(1)))
    recues = max(rangs) + 1 if rangs else 0
    return min(max(existantes + 2, 3, recues), LIGNES_MAX)


def ajouter_lignes(
    formulaire: forms.Form,
    prefixe: str,
    nombre: int,
    colonnes: Mapping[str, Callable[[int], forms.Field]],
) -> None:
    """Ajoute `nombre` lignes de champs `{prefixe}_{i}_{colonne}`."""
    for i in range(nombre):
        for colonne, fabrique in colonnes.items():
            formulaire.fields[f"{prefixe}_{i}_{colonne}"] = fabrique(i)


def valeurs_lignes(
    formulaire: Any, prefixe: str, nombre: int, colonnes: tuple[str, ...]
) -> list[tuple[int, dict[str, Any]]]:
    """(rang, {colonne: valeur}) des lignes où au moins une valeur est saisie."""
    lignes = []
    for i in range(nombre):
        valeurs = {c: formulaire.donnee(f"{prefixe}_{i}_{c}") for c in colonnes}
        if any(v not in (None, "") for v in valeurs.values()):
            lignes.append((i, valeurs))
    return lignes


def initial_lignes(
    prefixe: str, elements: list[Mapping[str, Any]], lecture: Mapping[str, Callable[[Any], Any]]
) -> dict[str, Any]:
    """Valeurs initiales des lignes : `lecture` donne, par colonne, la valeur tirée du JSON."""
    initial = {}
    for i, element in enumerate(elements):
        for colonne, lire in lecture.items():
            initial[f"{prefixe}_{i}_{colonne}"] = lire(element)
    return initial


def rangees_lignes(
    formulaire: Any, prefixe: str, nombre: int, colonnes: tuple[str, ...]
) -> list[list[tuple[Any, list]]]:
    """Pour le gabarit : une liste par ligne de (champ lié, constats)."""
    return [
        [
            (
                formulaire[f"{prefixe}_{i}_{c}"],
                formulaire.constats_champs.get(f"{prefixe}_{i}_{c}", []),
            )
            for c in colonnes
        ]
        for i in range(nombre)
    ]
