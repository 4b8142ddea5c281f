"""Entrées du menu des orientations : « Orientations » pour la coordination du SIAO
(demandes, registre, propositions) ; « Propositions du SIAO » pour la direction et la gestion
locative d'un opérateur ; les chiffres pour l'État et l'administration de la plateforme."""

from iml.comptes.acteur import Acteur
from iml.orientations import perms
from iml.ui.navigation import Entree, ajouter


def _chiffres_seulement(acteur: Acteur) -> bool:
    return perms.peut_voir_chiffres(acteur) and not perms.coordonne(acteur)


ajouter(Entree("Orientations", "orientations:accueil", perms.coordonne, ordre=38))
ajouter(
    Entree("Propositions du SIAO", "orientations:accueil", perms.gere_les_orientations, ordre=38)
)
ajouter(Entree("Orientations", "orientations:chiffres", _chiffres_seulement, ordre=38))
