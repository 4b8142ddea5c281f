"""API du pilotage : les indicateurs des services de l'État (DDETS, DREETS), dans leur
périmètre, comme les pages du pilotage — tableau de bord, tableaux de chiffres (les mêmes que
les exports : places, formes, typologies, coûts, montée en charge, panorama), jalons de montée
en charge (R-RAMPUP), statistiques annuelles (R-STATS).

Un jeton d'une autre organisation (opérateur, SIAO, cofinanceur) reçoit 403 : ses chiffres sont
sur le site. « Non renseigné » vaut `null`, jamais 0 (R-UNKNOWN) ; un total dit ce qu'il sait
(`connu`) et combien de lignes sont inconnues (`non_renseignes`). Nombres entiers en nombres,
montants et parts en chaînes décimales. Aucune donnée personnelle : des nombres seulement.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from iml.api import schemas
from iml.comptes.acteur import Acteur
from iml.pilotage import selectors_montee
from iml.pilotage.exports_tableaux import exportable as tableau_exportable
from iml.pilotage.graphiques import Tableau, Valeur
from iml.pilotage.statistiques.selectors import lignes_revues, statistiques_visibles
from iml.pilotage.views.tableaux import tableau_de_bord

router = Router(tags=["Pilotage"])

REFUS = (
    "Les indicateurs du pilotage sont servis par l'API aux services de l'État (DDETS, DREETS) ; "
    "les vôtres sont sur votre tableau de bord."
)
ERREURS: dict[int, type[Schema]] = {
    401: schemas.Erreur,
    403: schemas.Erreur,
    404: schemas.Erreur,
    422: schemas.Erreur,
}
Nom = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{0,39}$", max_length=40)]
Annee = Annotated[int, Field(ge=2000, le=2100, description="Année des statistiques")]


def _etat(request: HttpRequest) -> Acteur:
    acteur: Acteur = request.acteur  # type: ignore[attr-defined]
    if not (acteur.est_etat or acteur.agit_pour_la_plateforme):
        raise HttpError(403, REFUS)
    return acteur


def _valeur(valeur: Valeur | Decimal | int | None) -> int | str | None:
    if valeur is None or isinstance(valeur, int):
        return valeur
    return str(valeur)


# --- Schémas ------------------------------------------------------------------------------


class ColonnePilotage(Schema):
    libelle: str
    nature: str = Field(description="entier, decimal, montant ou pourcentage")
    unite: str


class LignePilotage(Schema):
    libelle: str
    valeurs: list[int | str | None] = Field(description="une par colonne ; null : non renseigné")


class TotalPilotage(Schema):
    colonne: str
    connu: int | str = Field(description="somme des valeurs connues")
    non_renseignes: int = Field(description="lignes dont la valeur est inconnue")
    complet: bool
    texte: str = Field(description="« 106 places connues, 3 départements non renseignés »")


class TableauPilotage(Schema):
    nom: str
    titre: str
    source: str
    date: date
    entete_lignes: str
    colonnes: list[ColonnePilotage]
    lignes: list[LignePilotage]
    totaux: list[TotalPilotage]


class IndicateurPilotage(Schema):
    libelle: str
    valeur: str
    detail: str
    regle: str
    alerte: bool


class TableauDeBordPilotage(Schema):
    titre: str
    date: date
    indicateurs: list[IndicateurPilotage]
    tableaux: list[TableauPilotage]


class JalonMontee(Schema):
    date: date
    part_min_pct: str
    part_pct: str | None
    places_exigees: int | None
    places_ouvertes: int
    etat: str
    etat_libelle: str


class MonteeConvention(Schema):
    convention: int
    numero: str
    operateur: str
    appel: str
    departement: str
    region: str
    jalons: list[JalonMontee]


class LigneStatistique(Schema):
    cle: str
    rubrique: str
    libelle: str
    calculee: int | str | None
    retenue: int | str | None
    corrigee: bool


class StatistiqueAnnuelle(Schema):
    id: int
    annee: int
    operateur: str
    statut: str
    statut_libelle: str
    date_limite: date
    lignes: list[LigneStatistique]


def _tableau(t: Tableau) -> dict:
    totaux = []
    if t.totaux:
        for rang, colonne in enumerate(t.colonnes):
            total = t.total(rang)
            totaux.append(
                {
                    "colonne": colonne.libelle, "connu": _valeur(total.connu),
                    "non_renseignes": total.non_renseignes, "complet": total.complet,
                    "texte": t.texte_total(rang),
                }
            )  # fmt: skip
    return {
        "nom": t.nom, "titre": t.titre, "source": t.source, "date": t.date,
        "entete_lignes": t.entete_lignes,
        "colonnes": [
            {"libelle": c.libelle, "nature": c.nature, "unite": c.unite} for c in t.colonnes
        ],
        "lignes": [
            {"libelle": ligne.libelle, "valeurs": [_valeur(v) for v in ligne.valeurs]}
            for ligne in t.lignes
        ],
        "totaux": totaux,
    }  # fmt: skip


# --- Points d'entrée ----------------------------------------------------------------------


@router.get(
    "/pilotage/tableau-de-bord",
    response={200: TableauDeBordPilotage, **ERREURS},
    url_name="pilotage_tableau_de_bord",
    summary="Tableau de bord de l'État",
)
def tableau_de_bord_etat(request: HttpRequest):
    """Les chiffres clés (R-MODE-SPLIT, R-SMALL-UNITS, R-COST-PLACE-MAX, taux d'ouverture et
    d'occupation, vacance, sorties, durée de séjour) et les tableaux du tableau de bord du
    service, sur les conventions de son territoire."""
    acteur = _etat(request)
    bord = tableau_de_bord(acteur, timezone.localdate())
    if bord is None:  # pragma: no cover — un service de l'État a toujours le sien
        raise HttpError(403, REFUS)
    return {
        "titre": bord.titre, "date": bord.jour,
        "indicateurs": [vars(i) for i in bord.indicateurs],
        "tableaux": [_tableau(t) for t in bord.tableaux],
    }  # fmt: skip


@router.get(
    "/pilotage/tableaux/{nom}",
    response={200: TableauPilotage, **ERREURS},
    url_name="pilotage_tableau",
    summary="Un tableau de chiffres du pilotage",
)
def tableau(request: HttpRequest, nom: Nom):
    """Le tableau `nom` (places, formes, typologies, couts, montee-convention avec
    `?convention=`, montee-appel avec `?appel=`, panorama avec `?region=` et `?annee=`) : les
    mêmes chiffres que l'export CSV du site, dans le périmètre du service."""
    acteur = _etat(request)
    exportable = tableau_exportable(nom)
    if exportable is None:
        raise HttpError(404, f"Tableau inconnu : « {nom} ».")
    parametres = {k: v[:40] for k, v in request.GET.items()}
    try:
        return _tableau(exportable.construire(acteur, parametres))
    except PermissionDenied as refus:
        raise HttpError(403, str(refus) or REFUS) from refus


@router.get(
    "/pilotage/montee-en-charge",
    response={200: list[MonteeConvention], **ERREURS},
    url_name="pilotage_montee",
    summary="Jalons de montée en charge des conventions",
)
def montee_en_charge(request: HttpRequest):
    """R-RAMPUP : pour chaque convention du territoire, ses jalons (part exigée, part atteinte,
    places exigées et ouvertes) et leur état : ATTEINT, MANQUE, A_RISQUE, A_VENIR,
    NON_RENSEIGNE."""
    acteur = _etat(request)
    jour = timezone.localdate()
    return [
        {
            "convention": m.pk, "numero": m.numero, "operateur": m.operateur,
            "appel": m.appel, "departement": m.departement, "region": m.region,
            "jalons": [
                {
                    "date": j.date, "part_min_pct": str(j.part_min_pct),
                    "part_pct": _valeur(j.part_pct), "places_exigees": j.places_exigees,
                    "places_ouvertes": j.places_ouvertes, "etat": j.etat.value,
                    "etat_libelle": j.etat.libelle,
                }
                for j in m.montee.jalons
            ],
        }
        for m in selectors_montee.montees(selectors_montee.conventions_du_perimetre(acteur), jour)
    ]  # fmt: skip


@router.get(
    "/pilotage/statistiques",
    response={200: list[StatistiqueAnnuelle], **ERREURS},
    url_name="pilotage_statistiques",
    summary="Statistiques annuelles des opérateurs",
)
def statistiques(request: HttpRequest, annee: Annee):
    """R-STATS : les statistiques de l'année des opérateurs du territoire, valeurs calculées
    et retenues (après les corrections de l'opérateur) ; `null` : non renseigné."""
    acteur = _etat(request)
    qs = statistiques_visibles(acteur).filter(annee=annee).prefetch_related("corrections")
    resultat = []
    for s in qs.order_by("operateur__nom"):
        corrections = sorted(s.corrections.all(), key=lambda c: (c.le, c.pk))
        resultat.append(
            {
                "id": s.pk, "annee": s.annee, "operateur": s.operateur.nom,
                "statut": s.statut, "statut_libelle": s.get_statut_display(),
                "date_limite": s.campagne.date_limite,
                "lignes": [
                    {
                        "cle": ligne.cle, "rubrique": ligne.rubrique, "libelle": ligne.libelle,
                        "calculee": _valeur(ligne.calculee), "retenue": _valeur(ligne.retenue),
                        "corrigee": ligne.corrigee,
                    }
                    for ligne in lignes_revues(s, corrections)
                ],
            }
        )  # fmt: skip
    return resultat
