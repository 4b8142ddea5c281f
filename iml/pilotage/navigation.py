"""Entrées du menu du pilotage. Chaque volet (montée en charge, panorama, statistiques) ajoute
la sienne ici."""

from iml.pilotage.perms import voit_la_montee_en_charge
from iml.ui.navigation import Entree, ajouter  # noqa: F401

ajouter(Entree("Montée en charge", "pilotage:montee", voit_la_montee_en_charge, ordre=45))
