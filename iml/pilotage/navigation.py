"""Entrées du menu du pilotage. Chaque volet (montée en charge, panorama, statistiques) ajoute
la sienne ici."""

from iml.pilotage.perms import voit_les_statistiques
from iml.ui.navigation import Entree, ajouter  # noqa: F401

ajouter(Entree("Statistiques annuelles", "pilotage:statistiques", voit_les_statistiques, ordre=60))
