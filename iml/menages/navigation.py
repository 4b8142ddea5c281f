"""Entrée du menu des ménages : direction, gestion locative et travail social de l'opérateur."""

from iml.menages import perms
from iml.ui.navigation import Entree, ajouter

ajouter(Entree("Ménages", "menages:liste", perms.peut_lire_menages, ordre=34))
