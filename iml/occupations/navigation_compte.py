"""Entrée du menu du compte des ménages : les impayés, pour la direction et la gestion
locative d'un opérateur."""

from iml.menages import perms
from iml.ui.navigation import Entree, ajouter

ajouter(Entree("Impayés", "occupations:impayes", perms.gere_les_menages, ordre=36))
