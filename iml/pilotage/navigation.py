"""Entrées du menu du pilotage. Chaque volet (montée en charge, panorama, statistiques) ajoute
la sienne ici."""

from iml.ui.navigation import Entree, ajouter  # noqa: F401
