"""Démonstration du panorama régional : Nouvelle-Aquitaine, seed 000 (fiche thématique n° 4).

Paul (DREETS Nouvelle-Aquitaine) déclare par le service :

- « Un chez-soi d'abord », places financées au 31/12/2019 : la colonne du seed (6, 85, ?, ?,
  10, 5, ?). **Interprétation** (docs/adr/0013) : le texte du seed a perdu les noms des sept
  départements ; dans l'ordre des codes INSEE, Gironde (Bordeaux, 100 places programmées de 2018
  à 2020) en deuxième, on lit Charente-Maritime 6, Gironde 85, Landes ?, Lot-et-Garonne ?,
  Pyrénées-Atlantiques 10, Vienne 5, Haute-Vienne ?. Les cinq autres départements, absents de
  la liste « des départements qui ont mis en place le dispositif », déclarent 0. Le total se lit
  « 106 places connues, 3 départements non renseignés ».
- Deux-Sèvres : 83 mesures financées en 2019 = 53 État + 30 conseil départemental ; en 2018,
  45 = 25 + 20 (appel à projets conjoint de 2018).
- Mesures des conseils départementaux de Charente, Corrèze, Creuse, Dordogne, Gironde et
  Haute-Vienne (ils « financent des mesures en IML ») : non renseignées.

Idempotent : `vider_demo` efface les déclarations de démonstration de la région avant.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from iml.comptes.acteur import acteur_pour
from iml.comptes.models import Territoire, Utilisateur
from iml.pilotage.models import IndicateurDeclare
from iml.pilotage.services_panorama import Declaration, declarer
from regles.panorama import Indicateur

REGION = "75"
SOURCE = "Étude régionale sur l'IML en Nouvelle-Aquitaine, fiche thématique n° 4"
AU_31_12_2019 = date(2019, 12, 31)
CHEZ_SOI_2019 = {"17": 6, "33": 85, "40": None, "47": None, "64": 10, "86": 5, "87": None}
SANS_CHEZ_SOI = ("16", "19", "23", "24", "79")
MESURES_79 = {2018: (25, 20), 2019: (53, 30)}
CD_FINANCEURS = ("16", "19", "23", "24", "33", "87")


def vider_demo(organisations, sortie) -> None:
    IndicateurDeclare.objects.filter(departement__region__code=REGION, origine="DEMO").delete()


def _declarations() -> list[Declaration]:
    deps = {t.code: t for t in Territoire.objects.filter(region__code=REGION)}
    chez_soi = f"{SOURCE}, §I.B (places financées au 31.12.2019)"
    lignes = [
        Declaration(deps[c], 2019, Indicateur.PLACES_CHEZ_SOI.value,
                    None if v is None else Decimal(v), chez_soi, AU_31_12_2019)
        for c, v in CHEZ_SOI_2019.items()
    ] + [
        Declaration(deps[c], 2019, Indicateur.PLACES_CHEZ_SOI.value, Decimal(0),
                    f"{SOURCE}, §I.B : absent des départements qui ont mis en place le dispositif",
                    AU_31_12_2019)
        for c in SANS_CHEZ_SOI
    ]  # fmt: skip
    for annee, (etat, cd) in MESURES_79.items():
        source = f"{SOURCE}, §II.1 (appel à projets Deux-Sèvres)"
        jour = date(annee, 12, 31)
        lignes += [
            Declaration(deps["79"], annee, indicateur.value, Decimal(n), source, jour)
            for indicateur, n in ((Indicateur.MESURES_ETAT, etat),
                                  (Indicateur.MESURES_DEPARTEMENT, cd))
        ]  # fmt: skip
    lignes += [
        Declaration(deps[c], 2019, Indicateur.MESURES_DEPARTEMENT.value, None,
                    f"{SOURCE}, §II.1 : le département finance des mesures, nombre non publié",
                    AU_31_12_2019)
        for c in CD_FINANCEURS
    ]  # fmt: skip
    return lignes


def charger_demo(organisations, sortie) -> None:
    """Vide puis recrée le panorama Nouvelle-Aquitaine du seed 000 (idempotent)."""
    vider_demo(organisations, sortie)
    paul = acteur_pour(Utilisateur.objects.get(email="paul.lefevre@dreets-na.demo"), None)
    n = 0
    for d in _declarations():
        if declarer(acteur=paul, declaration=d, origine="DEMO"):
            n += 1
    sortie.write(f"Panorama Nouvelle-Aquitaine : {n} indicateurs déclarés (seed 000).\n")
