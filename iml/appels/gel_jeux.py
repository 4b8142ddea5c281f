"""Usages d'un jeu de paramètres par les appels (ADR 0002) : un appel publié, clos ou décidé,
une version déposée, une convention figent le jeu qui a servi (et ses parents)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q

from iml.appels.enums import StatutAppel
from iml.appels.models import AppelACandidatures, Convention, VersionDossier
from iml.referentiel.models import JeuParametres


def usage_des_jeux(jeux: Sequence[JeuParametres]) -> str | None:
    """Le premier usage qui fige l'un des `jeux`, en français ; `None` s'ils n'ont pas servi."""
    appel = AppelACandidatures.objects.filter(jeu__in=jeux).exclude(statut=StatutAppel.BROUILLON)
    premier = appel.first()
    if premier is not None:
        statut = premier.get_statut_display().lower()
        return f"il sert à l'appel « {premier.nom} » ({statut})"
    cles = Q(pk__in=[])
    for jeu in jeux:
        cles |= Q(bareme_code=jeu.code, bareme_version=jeu.version)
    version = VersionDossier.objects.filter(cles).select_related("dossier__operateur").first()
    if version is not None:
        qui = version.dossier.operateur.nom
        return f"il a servi à la version {version.numero} déposée du dossier de « {qui} »"
    convention = Convention.objects.filter(cles).first()
    if convention is not None:
        return f"il a servi à la convention n° {convention.numero}"
    return None
