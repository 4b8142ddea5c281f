"""Ce qu'exportent les documents d'un dossier : une version déposée (ou le brouillon en cours),
lue par `regles`, avec les chiffres et les constats du moteur.

Les chiffres et constats d'une version sont ceux figés au dépôt ; s'ils manquent (brouillon,
version importée), ils sont recalculés par le moteur (`iml.appels.moteur.verifier`) avec le
barème de l'appel. Les montants JSON (« 85500.00 », nombres) sont relus en `Decimal` ; `None`
reste « non renseigné » (R-UNKNOWN).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.http import Http404
from django.utils import timezone

from iml.appels import moteur
from iml.appels.models import Dossier, VersionDossier
from regles.bareme import Bareme
from regles.calendrier import Trimestre, trimestres_appel
from regles.dossier import Dossier as DossierLu
from regles.entrees import EntreeInvalide
from regles.entrees_dossier import lire_dossier


@dataclass
class Source:
    """Un dossier tel qu'il est exporté : version (ou brouillon), lecture, chiffres, constats."""

    dossier: Dossier
    version: VersionDossier | None
    contenu: dict[str, Any]
    lu: DossierLu
    bareme: Bareme
    chiffres: dict[str, Any] = field(default_factory=dict)
    constats: list[dict[str, Any]] = field(default_factory=list)

    @property
    def trimestres(self) -> tuple[Trimestre, ...]:
        return trimestres_appel(self.bareme)

    @property
    def libelle_version(self) -> str:
        if self.version is None:
            return "brouillon non déposé"
        return f"version {self.version.numero} déposée le {self.version.deposee_le:%d/%m/%Y}"

    @property
    def budget(self) -> dict[str, Any]:
        return dict(self.chiffres.get("budget") or {})


def decimal(valeur: Any) -> Decimal | None:
    """Montant JSON (texte ou nombre) en `Decimal` ; `None` reste `None` (R-UNKNOWN)."""
    if valeur is None or valeur == "":
        return None
    return Decimal(str(valeur))


def lire(contenu: dict[str, Any]) -> DossierLu:
    """Le contenu JSON lu par `regles` ; un contenu illisible n'est pas exportable (404)."""
    try:
        return lire_dossier(contenu)
    except EntreeInvalide as erreur:
        raise Http404(f"Contenu du dossier illisible : {erreur}") from erreur


def _jour_reference(version: VersionDossier | None) -> date:
    if version is not None:
        return timezone.localdate(version.deposee_le)
    return timezone.localdate()


def source_dossier(dossier: Dossier, numero: int | None = None) -> Source:
    """La version `numero` (par défaut la dernière ; le brouillon s'il n'y en a aucune)."""
    if numero is not None:
        version = dossier.versions.filter(numero=numero).first()
        if version is None:
            raise Http404("Version inconnue.")
    else:
        version = dossier.derniere_version
    contenu = dict(version.contenu if version is not None else dossier.contenu)
    source = Source(
        dossier=dossier,
        version=version,
        contenu=contenu,
        lu=lire(contenu),
        bareme=dossier.appel.jeu.en_bareme(),
    )
    if version is not None and version.chiffres.get("budget"):
        source.chiffres, source.constats = dict(version.chiffres), list(version.constats)
    else:
        resultat = moteur.verifier(contenu, dossier.appel, _jour_reference(version))
        source.chiffres, source.constats = dict(resultat.chiffres), list(resultat.constats)
    return source
