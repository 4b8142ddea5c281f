"""Jeux de paramètres datés (barèmes) : national < régional < appel, édités sans déploiement."""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from regles.bareme import Bareme, ParametreInvalide, fusionner_couches

#: Barèmes résolus, par empreinte du contenu de la chaîne (national → jeu) : un barème est
#: immuable, et une chaîne modifiée change d'empreinte. Borné (les plus anciens sortent).
_BAREMES: OrderedDict[str, Bareme] = OrderedDict()
_BAREMES_MAX = 64
#: Champs qu'un jeu figé (gel.py) ne peut plus changer.
CHAMPS_FIGES = (
    "code",
    "version",
    "niveau",
    "parent_id",
    "territoire",
    "libelle",
    "date_effet",
    "parametres",
)


def vider_cache_baremes() -> None:
    _BAREMES.clear()


def _empreinte(documents: list[dict[str, Any]]) -> str:
    brut = json.dumps(documents, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(brut.encode()).hexdigest()


class NiveauJeu(models.TextChoices):
    NATIONAL = "NATIONAL", "National"
    REGIONAL = "REGIONAL", "Régional"
    DEPARTEMENTAL = "DEPARTEMENTAL", "Départemental"
    APPEL = "APPEL", "Appel à candidatures"


class OrigineJeu(models.TextChoices):
    FICHIER = "FICHIER", "Fichier versionné"
    CLONE = "CLONE", "Copie éditée par un administrateur"


class JeuParametres(models.Model):
    """Un jeu = le contenu d'un fichier de iml/referentiel/data/ (ou sa copie éditée)."""

    code = models.SlugField(max_length=80)
    version = models.PositiveIntegerField(default=1)
    niveau = models.CharField(max_length=14, choices=NiveauJeu.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="enfants"
    )
    territoire = models.CharField(
        "code INSEE du territoire", max_length=3, blank=True, help_text="Vide pour le national."
    )
    libelle = models.CharField("libellé", max_length=200)
    date_effet = models.DateField("date d'effet")
    source = models.TextField(blank=True)
    sources = models.JSONField("sources par paramètre", default=dict, blank=True)
    parametres = models.JSONField("paramètres", default=dict)
    origine = models.CharField(max_length=8, choices=OrigineJeu.choices, default=OrigineJeu.CLONE)
    cree_le = models.DateTimeField(auto_now_add=True)
    modifie_le = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "jeu de paramètres"
        verbose_name_plural = "jeux de paramètres"
        ordering = ["niveau", "code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="jeu_code_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.libelle} ({self.code} v{self.version})"

    def en_document(self) -> dict[str, Any]:
        """Le jeu au format des fichiers de données (une couche pour regles.bareme)."""
        return {
            "code": self.code,
            "version": self.version,
            "niveau": self.niveau,
            "parent": self.parent.code if self.parent else None,
            "territoire": self.territoire or None,
            "libelle": self.libelle,
            "date_effet": self.date_effet.isoformat(),
            "source": self.source,
            "sources": self.sources,
            "parametres": self.parametres,
        }

    def chaine(self) -> list[JeuParametres]:
        """Du national jusqu'à ce jeu."""
        jeux: list[JeuParametres] = []
        courant: JeuParametres | None = self
        while courant is not None:
            if courant in jeux:
                raise ValidationError("Le jeu de paramètres a un parent circulaire.")
            jeux.insert(0, courant)
            courant = courant.parent
        return jeux

    def en_bareme(self) -> Bareme:
        """Le barème résolu (couches fusionnées), prêt pour regles/ ; construit une fois par
        contenu de chaîne (cache du processus, clé : empreinte des documents)."""
        documents = [j.en_document() for j in self.chaine()]
        cle = _empreinte(documents)
        bareme = _BAREMES.get(cle)
        if bareme is None:
            bareme = fusionner_couches(documents)
            _BAREMES[cle] = bareme
            while len(_BAREMES) > _BAREMES_MAX:
                _BAREMES.popitem(last=False)
        return bareme

    def clean(self) -> None:
        self._refuser_si_fige()
        try:
            self.en_bareme()
        except ParametreInvalide as erreur:
            raise ValidationError({"parametres": str(erreur)}) from erreur

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Un jeu figé (il a servi) n'est jamais réécrit, par aucun chemin (ADR 0002)."""
        self._refuser_si_fige()
        super().save(*args, **kwargs)

    def _refuser_si_fige(self) -> None:
        if self.pk is None:
            return
        stocke = type(self).objects.filter(pk=self.pk).values(*CHAMPS_FIGES).first()
        if stocke is None or all(getattr(self, c) == stocke[c] for c in CHAMPS_FIGES):
            return
        from iml.referentiel.gel import verifier_modifiable

        verifier_modifiable(self)
