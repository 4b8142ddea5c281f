"""Entrées du menu du pilotage. Chaque volet (montée en charge, panorama, statistiques) ajoute
la sienne ici."""

from iml.pilotage.perms import acces_panorama, voit_la_montee_en_charge, voit_les_statistiques
from iml.ui.navigation import Entree, ajouter

ajouter(Entree("Montée en charge", "pilotage:montee", voit_la_montee_en_charge, ordre=45))
ajouter(Entree("Statistiques annuelles", "pilotage:statistiques", voit_les_statistiques, ordre=60))
ajouter(
    Entree("Panorama régional", "pilotage:panorama", lambda a: acces_panorama(a) is None, ordre=62)
)
