"""Modèles du pilotage : indicateurs déclarés du panorama régional (R-UNKNOWN) et statistiques
annuelles (R-STATS). La montée en charge et les tableaux de bord n'ont pas de modèle : ils
lisent les autres applications par leurs sélecteurs."""

from iml.pilotage.models.panorama import *  # noqa: F403
from iml.pilotage.models.statistiques import *  # noqa: F403
