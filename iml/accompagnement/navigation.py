"""Entrées du menu de l'accompagnement : « Accompagnement » (« Mes ménages ») pour le travail
social et la direction d'un opérateur ; les chiffres d'activité pour l'État, les cofinanceurs
et l'administration de la plateforme (la direction y accède depuis ses pages)."""

from iml.accompagnement import perms
from iml.comptes.acteur import Acteur
from iml.ui.navigation import Entree, ajouter


def _chiffres_seulement(acteur: Acteur) -> bool:
    return perms.peut_voir_chiffres(acteur) and not perms.accompagne(acteur)


ajouter(Entree("Accompagnement", "accompagnement:accueil", perms.accompagne, ordre=37))
ajouter(Entree("Accompagnement", "accompagnement:chiffres", _chiffres_seulement, ordre=37))
