"""Écritures du panorama régional : déclarer un indicateur (une nouvelle ligne, jamais une
modification : l'historique reste), importer un tableau (tout ou rien, erreurs par ligne)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iml.comptes.acteur import Acteur
from iml.comptes.models import Territoire
from iml.pilotage import perms, selectors_panorama
from iml.pilotage.models import EtatValeur, IndicateurDeclare
from regles.panorama import Indicateur, valider_valeur


@dataclass(frozen=True)
class Declaration:
    departement: Territoire
    annee: int
    indicateur: str
    valeur: Decimal | None  # None : non renseigné (R-UNKNOWN), jamais 0
    source: str
    date_source: date


def _verifier(d: Declaration, aujourd_hui: date) -> None:
    erreurs: dict[str, list[str]] = {}
    if not 2000 <= d.annee <= aujourd_hui.year:
        erreurs["annee"] = [f"Année : {d.annee} hors bornes ; une année de 2000 à "
                            f"{aujourd_hui.year} (l'année en cours)."]  # fmt: skip
    if d.indicateur not in Indicateur.__members__:
        erreurs["indicateur"] = ["Indicateur inconnu."]
    if d.valeur is not None and (message := valider_valeur(d.valeur)):
        erreurs["valeur"] = [f"Valeur : {message}"]
    if not d.source.strip():
        erreurs["source"] = ["Source : indiquez d'où vient le chiffre (étude, cahier, courrier)."]
    if d.date_source > aujourd_hui:
        erreurs["date_source"] = ["Date de la source : elle ne peut pas être dans le futur."]
    if erreurs:
        raise ValidationError(erreurs)


def _identique(courante: IndicateurDeclare | None, d: Declaration) -> bool:
    return courante is not None and (
        courante.valeur == d.valeur
        and courante.source == d.source.strip()
        and courante.date_source == d.date_source
    )


def declarer(
    *,
    acteur: Acteur,
    declaration: Declaration,
    origine: str = "SAISIE",
    maintenant: datetime | None = None,
) -> IndicateurDeclare | None:
    """R-UNKNOWN : une valeur connue ou « non renseigné » ; la DREETS, pour un département de
    sa région. Rend la nouvelle ligne, ou `None` si la déclaration en vigueur est identique."""
    perms.exiger(perms.acces_saisie_panorama(acteur, declaration.departement))
    maintenant = maintenant or timezone.now()
    _verifier(declaration, timezone.localdate(maintenant))
    d = declaration
    if _identique(selectors_panorama.courante(d.departement, d.annee, d.indicateur), d):
        return None
    return IndicateurDeclare.objects.create(
        departement=d.departement,
        annee=d.annee,
        indicateur=d.indicateur,
        etat=EtatValeur.NON_RENSEIGNE if d.valeur is None else EtatValeur.RENSEIGNE,
        valeur=d.valeur,
        source=d.source.strip(),
        date_source=d.date_source,
        organisation=acteur.organisation,
        saisi_par=acteur.utilisateur,
        saisi_le=maintenant,
        origine=origine,
    )


@dataclass
class ResultatImport:
    enregistrees: int = 0
    inchangees: int = 0


@transaction.atomic
def importer(
    *, acteur: Acteur, declarations: list[Declaration], maintenant: datetime | None = None
) -> ResultatImport:
    """Toutes les déclarations (déjà validées ligne à ligne par `imports_panorama`) ou aucune."""
    perms.exiger(perms.acces_saisie_panorama(acteur))
    maintenant = maintenant or timezone.now()
    resultat = ResultatImport()
    for d in declarations:
        if declarer(acteur=acteur, declaration=d, origine="IMPORT", maintenant=maintenant):
            resultat.enregistrees += 1
        else:
            resultat.inchangees += 1
    return resultat


@transaction.atomic
def declarer_saisie(*, acteur: Acteur, declaration: Declaration) -> IndicateurDeclare | None:
    return declarer(acteur=acteur, declaration=declaration)
