"""Formes JSON des réponses de l'API (publiées dans le document OpenAPI)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, Schema

#: Le plus grand identifiant d'une base (entier signé sur 64 bits).
ID_MAX = 2**63 - 1

#: Un identifiant dans le chemin ou la requête : 1 à ID_MAX (au-delà : 422, pas une erreur 500).
Identifiant = Annotated[int, Field(ge=1, le=ID_MAX)]


class Erreur(Schema):
    """Toute réponse d'erreur : `detail` est une phrase française qui nomme le champ ou la
    règle ; `erreurs` détaille, quand il y en a plusieurs, chaque message."""

    detail: str
    erreurs: list[str] | None = None


#: Les erreurs possibles d'une lecture d'un objet.
ERREURS_LECTURE: dict[int, type[Schema]] = {401: Erreur, 404: Erreur, 422: Erreur}


class Bareme(Schema):
    code: str = Field(description="Code du jeu de paramètres (barème daté)")
    version: int


class Appel(Schema):
    id: int
    nom: str
    territoire: str = Field(description="Code INSEE du département")
    statut: str = Field(description="BROUILLON, PUBLIE, CLOS ou DECIDE")
    places: int | None = Field(None, description="Places recherchées par l'appel")
    date_lancement: dt.date | None = None
    date_limite_depot: dt.date | None = Field(None, description="Incluse (R-AAC)")
    date_selection: dt.date | None = None
    date_debut_montee_en_charge: dt.date | None = None
    bareme: Bareme


#: Montants et nombres non entiers : chaînes décimales, jamais de flottants.
Decimal = Annotated[str, Field(pattern=r"^-?\d+(\.\d+)?$", examples=["85500.00"])]


class Jalon(Schema):
    date: dt.date
    part_min_pct: Decimal | None = Field(description="Part minimale des places ouvertes, en %")


class Critere(Schema):
    code: str
    libelle: str
    poids: Decimal | None


class AppelDetail(Appel):
    service: str = Field(description="Service de l'État qui a lancé l'appel")
    exercices: list[int] = []
    budget: Decimal | None = Field(None, description="Budget de l'appel en euros ; null : non fixé")
    jalons: list[Jalon] = Field([], description="Montée en charge attendue (R-RAMPUP)")
    criteres_selection: list[Critere] = Field([], description="R-SELECTION")
    note_max: Decimal | None = None
    parametres: dict[str, Any] = Field(
        description="Paramètres propres de l'appel (surcharge du barème national)"
    )


class Operateur(Schema):
    nom: str
    siret: str


class Constat(Schema):
    regle: str = Field(description="Identifiant de la règle (R-…)")
    niveau: str = Field(description="erreur, alerte ou info")
    message: str
    champ: str | None = Field(None, description="Chemin du champ concerné")


class ChiffresCles(Schema):
    """Chiffres de la dernière version déposée ; montants en chaîne décimale (« 85500.00 »)."""

    places: int | None = None
    logements: int | None = None
    budget_total: str | None = None
    cout_par_place: str | None = None
    petits_logements_pct: str | None = None


class Dossier(Schema):
    id: int
    appel: int = Field(description="Identifiant de l'appel")
    operateur: Operateur
    statut: str = Field(description="BROUILLON, DEPOSE, RETENU, PARTIELLEMENT_RETENU ou REFUSE")
    version: int | None = Field(None, description="Numéro de la dernière version déposée")
    deposee_le: dt.datetime | None = None
    chiffres_cles: ChiffresCles
    erreurs: int | None = Field(
        None, description="Constats de niveau erreur de la dernière version ; null sans version"
    )
    alertes: int | None = Field(
        None, description="Constats de niveau alerte de la dernière version ; null sans version"
    )


class DossierDetail(Dossier):
    bareme: Bareme | None = None
    contenu: dict[str, Any] | None = Field(
        None,
        description="Contenu de la dernière version, au format du corps d'un dépôt "
        "(iml/referentiel/schemas/conformite.schema.json) ; montants en chaînes décimales",
    )
    constats: list[Constat] = []
    chiffres: dict[str, Any] = {}


class Depot(Schema):
    """Réponse d'un dépôt réussi : la version figée et ce qu'en dit le moteur de règles."""

    dossier: int = Field(description="Identifiant du dossier")
    version: int = Field(description="Numéro de la version déposée")
    bareme: Bareme
    constats: list[Constat]
    chiffres: dict[str, Any]
