"""Entrées du menu des occupations : le compte des ménages et les chiffres (nombres et taux)."""

from iml.menages import perms
from iml.ui.navigation import Entree, ajouter

ajouter(Entree("Occupations", "occupations:chiffres", perms.peut_voir_chiffres, ordre=35))
