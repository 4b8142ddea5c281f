"""Écritures du référentiel : chargement des fichiers, clonage."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from iml.referentiel.models import JeuParametres, OrigineJeu

ORDRE_NIVEAUX = ["NATIONAL", "REGIONAL", "DEPARTEMENTAL", "APPEL"]


@dataclass
class BilanChargement:
    crees: list[str] = field(default_factory=list)
    inchanges: list[str] = field(default_factory=list)
    divergents: list[str] = field(default_factory=list)


def _natif(valeur: object) -> object:
    """Décimaux des fichiers en chaînes exactes (« 0.1 ») : ce que la base rend à la relecture."""
    return json.loads(json.dumps(valeur, cls=DjangoJSONEncoder))


def _champs(document: dict) -> dict:
    document = _natif(document)
    return {
        "niveau": document["niveau"],
        "territoire": document.get("territoire") or "",
        "libelle": document["libelle"],
        "date_effet": date.fromisoformat(document["date_effet"]),
        "source": document.get("source", ""),
        "sources": document.get("sources", {}),
        "parametres": document["parametres"],
    }


@transaction.atomic
def charger_jeux_fichiers() -> BilanChargement:
    """Idempotent : crée les (code, version) absents ; un jeu existant n'est jamais écrasé
    (changer un fichier impose d'en monter la version)."""
    from iml.referentiel.fichiers import lire_jeux

    bilan = BilanChargement()
    documents = sorted(lire_jeux(), key=lambda d: ORDRE_NIVEAUX.index(d["niveau"]))
    for document in documents:
        cle = f"{document['code']} v{document['version']}"
        parent = None
        if document.get("parent"):
            parent = (
                JeuParametres.objects.filter(code=document["parent"]).order_by("-version").first()
            )
        existant = JeuParametres.objects.filter(
            code=document["code"], version=document["version"]
        ).first()
        if existant is None:
            jeu = JeuParametres(
                code=document["code"],
                version=document["version"],
                parent=parent,
                origine=OrigineJeu.FICHIER,
                **_champs(document),
            )
            jeu.full_clean()
            jeu.save()
            bilan.crees.append(cle)
        elif existant.parametres == _natif(document["parametres"]):
            bilan.inchanges.append(cle)
        else:
            bilan.divergents.append(cle)
    return bilan


@transaction.atomic
def cloner_jeu(jeu: JeuParametres) -> JeuParametres:
    """Copie éditable d'un jeu (même parent), sous un code nouveau, version 1."""
    n = 1
    while JeuParametres.objects.filter(code=f"{jeu.code}-copie-{n}").exists():
        n += 1
    copie = JeuParametres.objects.create(
        code=f"{jeu.code}-copie-{n}",
        version=1,
        niveau=jeu.niveau,
        parent=jeu.parent,
        territoire=jeu.territoire,
        libelle=f"{jeu.libelle} (copie {n})",
        date_effet=jeu.date_effet,
        source=jeu.source,
        sources=jeu.sources,
        parametres=jeu.parametres,
        origine=OrigineJeu.CLONE,
    )
    return copie


@transaction.atomic
def nouvelle_version(
    jeu: JeuParametres,
    *,
    parametres: dict[str, Any] | None = None,
    libelle: str | None = None,
    date_effet: date | None = None,
    source: str | None = None,
) -> JeuParametres:
    """Version suivante d'un jeu (même code, même parent), éditable : la seule façon de
    changer un jeu figé (ADR 0002). L'ancienne version reste telle qu'elle a servi ; les
    appels, versions déposées et conventions qui la citent n'en changent pas."""
    derniere = JeuParametres.objects.filter(code=jeu.code).order_by("-version").first()
    numero = (derniere.version if derniere else jeu.version) + 1
    suivante = JeuParametres(
        code=jeu.code,
        version=numero,
        niveau=jeu.niveau,
        parent=jeu.parent,
        territoire=jeu.territoire,
        libelle=libelle or jeu.libelle,
        date_effet=date_effet or jeu.date_effet,
        source=source
        if source is not None
        else f"Version {numero} de {jeu.code} (après v{jeu.version})",
        sources=copy.deepcopy(jeu.sources),
        parametres=copy.deepcopy(jeu.parametres if parametres is None else parametres),
        origine=OrigineJeu.CLONE,
    )
    suivante.full_clean()
    suivante.save()
    return suivante


def jeu_courant(code: str) -> JeuParametres | None:
    return JeuParametres.objects.filter(code=code).order_by("-version").first()
