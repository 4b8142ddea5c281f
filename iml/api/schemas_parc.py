"""Formes JSON du parc dans l'API : logements (lecture, création, modification partielle) et
bailleurs (lecture). Les bornes sont celles des champs du modèle, publiées dans le schéma."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Schema
from pydantic import ConfigDict, field_validator

from iml.parc.enums import Conventionnement, OrigineBailleur, TypeBailleur
from regles.types import ClasseDpe, Mode, StatutLogement, Typologie, Zone

__all__ = [
    "ClasseDpe",
    "Mode",
    "StatutLogement",
    "Typologie",
    "Zone",
]


def _decimal(entiers: int, exemple: str, description: str) -> object:
    """Une chaîne décimale positive : `entiers` chiffres avant le point, 2 décimales au plus
    (« 520.50 » ; la virgule est refusée)."""
    motif = rf"^[0-9]{{1,{entiers}}}(\.[0-9]{{1,2}})?$"
    return Annotated[
        str,
        Field(pattern=motif, max_length=entiers + 3, examples=[exemple], description=description),
    ]


#: Montants mensuels en euros (8 chiffres avant le point, comme le modèle : 10 chiffres dont 2
#: décimales) ; null : non renseigné (R-UNKNOWN), jamais 0.
Montant = _decimal(8, "520.00", "Euros par mois, chaîne décimale (« 520.00 »)")
Surface = _decimal(4, "32.50", "Mètres carrés, de 0 à 9999.99, chaîne décimale")
Hauteur = _decimal(2, "2.50", "Mètres, de 0 à 99.99, chaîne décimale")
Capacite = Annotated[int, Field(ge=1, le=7, description="Places (R-CAPACITY : 1 à 7)")]
Etage = Annotated[int, Field(ge=-5, le=60, description="Étage, de -5 à 60 (0 : rez-de-chaussée)")]
CodePostal = Annotated[str, Field(pattern=r"^[0-9]{5}$", max_length=5, examples=["35000"])]
CommuneSaisie = Annotated[
    str,
    Field(
        min_length=1,
        max_length=100,
        examples=["35238"],
        description="Code INSEE ou nom d'une commune du département de l'opérateur",
    ),
]


def _texte(longueur: int, minimum: int = 0) -> object:
    return Annotated[str, Field(min_length=minimum, max_length=longueur)]


Reference = _texte(60)
Adresse = _texte(250, 1)
Complement = _texte(120)
Justification = _texte(2000)
IdObjet = Annotated[int, Field(ge=1, le=2**63 - 1)]


class Commune(Schema):
    code: str = Field(description="Code INSEE")
    nom: str | None = Field(None, description="Nom officiel (COG) ; null : code inconnu du COG")


class Logement(Schema):
    """Un logement du parc. Montants et mesures en chaînes décimales ; null : non renseigné
    (R-UNKNOWN). Le bailleur est donné par son identifiant seul (pas son identité)."""

    id: int
    reference: str = Field(description="Référence de l'opérateur ; vide si aucune")
    adresse: str
    complement: str
    code_postal: str
    commune: Commune
    typologie: Typologie
    capacite: int = Field(description="Places (R-CAPACITY)")
    surface_m2: str | None
    hauteur_sous_plafond_m: str | None
    etage: int | None
    ascenseur: bool | None
    plain_pied: bool | None
    meuble: bool
    forme: Mode = Field(description="R-MODE")
    bail_glissant_possible: bool
    loyer: str | None = Field(description="Loyer hors charges, euros par mois")
    charges: str | None
    redevance: str | None = Field(description="Sous-location seulement (R-MODE)")
    zone: Zone
    zone_forcee: bool = Field(description="true : zone saisie à la main, sinon dérivée")
    classe_dpe: ClasseDpe | None
    date_dpe: dt.date | None
    conventionnement: Conventionnement
    logement_social: bool = Field(description="Exception R-PUBLIC-STOCK")
    justification_social: str
    justification_social_le: dt.date | None
    date_mobilisation: dt.date | None
    date_restitution: dt.date | None
    statut: StatutLogement
    convention: str | None = Field(description="Numéro de la convention de financement")
    bailleur: int = Field(description="Identifiant du bailleur (GET /api/parc/bailleurs)")


class PageLogements(Schema):
    nombre: int = Field(description="Logements qui répondent aux filtres, toutes pages")
    limit: int
    offset: int
    resultats: list[Logement]


class _Saisie(Schema):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _sans_caractere_nul(cls, valeur: object) -> object:
        """Le caractère nul (U+0000) n'entre pas en base (PostgreSQL le refuse)."""
        if isinstance(valeur, str) and "\x00" in valeur:
            raise ValueError("caractère nul interdit")
        return valeur

    reference: Reference = None  # type: ignore[valid-type]
    complement: Complement = None  # type: ignore[valid-type]
    capacite: Capacite | None = Field(
        None, description="Places ; absente à la création : le maximum de la typologie"
    )
    surface_m2: Surface | None = None  # type: ignore[valid-type]
    hauteur_sous_plafond_m: Hauteur | None = None  # type: ignore[valid-type]
    etage: Etage | None = None
    ascenseur: bool | None = None
    plain_pied: bool | None = None
    loyer: Montant | None = None  # type: ignore[valid-type]
    charges: Montant | None = None  # type: ignore[valid-type]
    redevance: Montant | None = Field(None, description="Sous-location seulement (R-MODE)")  # type: ignore[valid-type]
    zone: Zone | None = Field(None, description="Prise en compte avec zone_forcee=true")
    classe_dpe: ClasseDpe | None = None
    date_dpe: dt.date | None = None
    justification_social: Justification = None  # type: ignore[valid-type]
    justification_social_le: dt.date | None = None
    date_mobilisation: dt.date | None = None
    convention: IdObjet | None = Field(
        None, description="Identifiant d'une convention de votre organisation ; null : aucune"
    )


class LogementCreation(_Saisie):
    """Un logement qui entre au parc « en captation » (les statuts changent sur le site)."""

    bailleur: IdObjet = Field(description="Identifiant d'un bailleur de votre organisation")
    adresse: Adresse  # type: ignore[valid-type]
    code_postal: CodePostal
    commune: CommuneSaisie
    typologie: Typologie
    forme: Mode = Field(description="R-MODE")
    meuble: bool = False
    bail_glissant_possible: bool = Field(False, description="Sous-location seulement")
    zone_forcee: bool = False
    conventionnement: Conventionnement = Conventionnement.AUCUN
    logement_social: bool = Field(False, description="Exception R-PUBLIC-STOCK, justifiée")


class LogementModification(_Saisie):
    """Modification partielle : seuls les champs envoyés changent. Le statut ne se change
    pas ici (transitions sur le site). Un champ obligatoire ne peut pas valoir null."""

    adresse: Adresse = None  # type: ignore[valid-type,assignment]
    code_postal: CodePostal = None  # type: ignore[assignment]
    commune: CommuneSaisie = None  # type: ignore[assignment]
    typologie: Typologie = None  # type: ignore[assignment]
    forme: Mode = None  # type: ignore[assignment]
    meuble: bool = None  # type: ignore[assignment]
    bail_glissant_possible: bool = None  # type: ignore[assignment]
    zone_forcee: bool = None  # type: ignore[assignment]
    conventionnement: Conventionnement = None  # type: ignore[assignment]
    logement_social: bool = None  # type: ignore[assignment]


class Bailleur(Schema):
    """Un bailleur privé : données personnelles, vues par la direction et la gestion locative
    de son opérateur seulement."""

    id: int
    reference: str
    type: TypeBailleur
    nom: str
    prenom: str
    telephone: str
    courriel: str
    adresse: str
    origine: OrigineBailleur
    consentement_contact: bool
    consentement_le: dt.date | None
    ne_pas_contacter: bool = Field(description="R-CONTACT : hors prospection")
    logements: int = Field(description="Logements du parc de ce bailleur")


class PageBailleurs(Schema):
    nombre: int
    limit: int
    offset: int
    resultats: list[Bailleur]
