"""Démonstration : charge les barèmes livrés (national, Nouvelle-Aquitaine, Ille-et-Vilaine)."""

from iml.referentiel.services import charger_jeux_fichiers


def charger_demo(organisations, sortie) -> None:
    bilan = charger_jeux_fichiers()
    sortie.write(f"Barèmes : {len(bilan.crees)} créé(s), {len(bilan.inchanges)} déjà présent(s).\n")
