"""Entrées du menu du pilotage. Chaque volet (montée en charge, panorama, statistiques) ajoute
la sienne ici."""

from iml.pilotage import exports_panorama  # noqa: F401 — enregistre le graphique du panorama
from iml.pilotage.perms import acces_panorama
from iml.ui.navigation import Entree, ajouter  # noqa: F401

ajouter(
    Entree("Panorama régional", "pilotage:panorama", lambda a: acces_panorama(a) is None, ordre=62)
)
