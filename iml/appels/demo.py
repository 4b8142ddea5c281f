"""Démonstration : l'appel d'Ille-et-Vilaine 2019-2020 (140 places) et trois dossiers déposés —
un conforme (retenu et conventionné), un avec trop peu de petits logements (partiellement
retenu), un au-dessus de 2 200 € par place (refusé) — plus un appel ouvert pour essayer."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from iml.appels import moteur, services
from iml.appels.enums import ResultatDecision, StatutAppel
from iml.appels.models import AppelACandidatures
from iml.appels.services_conventions import etablir_convention
from iml.appels.services_instruction import decider, noter
from iml.comptes.acteur import acteur_pour
from iml.comptes.models import Utilisateur
from iml.referentiel.services import jeu_courant

EXEMPLE = Path(__file__).resolve().parents[2] / "docs" / "schemas" / "exemples" / "conformite.json"
NOM_APPEL = "Création de 140 places d'intermédiation locative en Ille-et-Vilaine (2019-2020)"
NOM_APPEL_OUVERT = "Création de 135 places d'IML en Ille-et-Vilaine (2027-2028, démonstration)"
PARIS = ZoneInfo("Europe/Paris")


def _acteur(email: str):
    return acteur_pour(Utilisateur.objects.get(email=email), None)


def _ligne(typologie: str, mode: str, trimestres: list[int]) -> dict:
    return {"typologie": typologie, "mode": mode, "trimestres": trimestres}


def contenu_conforme(organisation) -> dict:
    """L'exemple documenté (annexe 1b de l'appel : 50 places, 85 500 €, 1 710 € par place)."""
    contenu = json.loads(EXEMPLE.read_text(encoding="utf-8"))
    contenu.pop("$schema", None)
    contenu.pop("date_depot", None)
    contenu["porteur"] = {
        **contenu["porteur"],
        "nom": organisation.nom,
        "siret": organisation.siret,
    }
    return contenu


def contenu_peu_de_petits_logements(organisation) -> dict:
    """20 % des places en petits logements (R-SMALL-UNITS : 30 % au moins)."""
    contenu = contenu_conforme(organisation)
    contenu["logements"] = [
        _ligne("T2", "SOUS_LOCATION", [0, 1, 1, 0, 0, 0, 0, 0]),
        _ligne("T3", "SOUS_LOCATION", [0, 1, 1, 1, 1, 0, 0, 0]),
        _ligne("T4", "SOUS_LOCATION", [0, 0, 1, 1, 0, 1, 0, 0]),
    ]
    contenu["places"] = [
        _ligne("T2", "SOUS_LOCATION", [0, 3, 3, 0, 0, 0, 0, 0]),
        _ligne("T3", "SOUS_LOCATION", [0, 4, 4, 4, 4, 0, 0, 0]),
        _ligne("T4", "SOUS_LOCATION", [0, 0, 2, 2, 0, 2, 0, 0]),
    ]
    contenu["financements"] = []
    return contenu


def contenu_trop_cher(organisation) -> dict:
    """Personnes seules en sous-location avec accompagnement renforcé : plus de 2 200 € par
    place (R-COST-PLACE-MAX)."""
    contenu = contenu_conforme(organisation)
    contenu["logements"] = [
        _ligne("STUDIO", "SOUS_LOCATION", [0, 3, 3, 2, 2, 0, 0, 0]),
        _ligne("T1", "SOUS_LOCATION", [0, 1, 1, 1, 1, 0, 0, 0]),
    ]
    contenu["places"] = [
        _ligne("STUDIO", "SOUS_LOCATION", [0, 3, 3, 2, 2, 0, 0, 0]),
        _ligne("T1", "SOUS_LOCATION", [0, 1, 1, 1, 1, 0, 0, 0]),
    ]
    contenu["services"] = copy.deepcopy(contenu["services"])
    contenu["services"]["gestion"].pop("MANDAT_GESTION", None)
    contenu["services"]["accompagnement"] = {
        "SOUS_LOCATION": {"modalite": "INTERNE", "montant_par_menage": 2200}
    }
    contenu["financements"] = []
    return contenu


def _avec_financements(contenu: dict, appel) -> dict:
    """Recettes = le budget calculé par le moteur, financé par l'État (programme 177)."""
    budget = moteur.verifier(contenu, appel, date(2019, 3, 1)).chiffres["budget"]
    contenu["financements"] = [
        {"financeur": "ETAT_P177", "service": service.upper(), "montant": float(budget[service])}
        for service in ("captation", "gestion", "accompagnement")
        if budget[service] not in (None, "0.00")
    ]
    return contenu


def _dossier_depose(appel, email: str, contenu: dict):
    acteur = _acteur(email)
    contenu = _avec_financements(contenu, appel)
    dossier = services.ouvrir_dossier(acteur=acteur, appel=appel, aujourd_hui=date(2019, 2, 1))
    services.enregistrer_etape(
        acteur=acteur,
        dossier=dossier,
        etape="recapitulatif",
        donnees=contenu,
        aujourd_hui=date(2019, 2, 1),
    )
    services.deposer_dossier(
        acteur=acteur, dossier=dossier, maintenant=datetime(2019, 3, 1, 10, tzinfo=PARIS)
    )
    dossier.refresh_from_db()
    return dossier


def _appel_2019(organisations):
    claire = _acteur("claire.moreau@ddets35.demo")
    appel = services.creer_appel(
        acteur=claire, nom=NOM_APPEL, source=jeu_courant("appel-35-2019-2020")
    )
    services.changer_statut_appel(acteur=claire, appel=appel, statut=StatutAppel.PUBLIE)
    conforme = _dossier_depose(
        appel, "marc.bernard@ais35.demo", contenu_conforme(organisations["ais35"])
    )
    petits = _dossier_depose(
        appel,
        "helene.garnier@relais35.demo",
        contenu_peu_de_petits_logements(organisations["relais35"]),
    )
    cher = _dossier_depose(
        appel, "gaelle.le-bihan@toit35.demo", contenu_trop_cher(organisations["toit35"])
    )
    services.changer_statut_appel(acteur=claire, appel=appel, statut=StatutAppel.CLOS)
    _instruire(appel, claire, conforme, petits, cher)
    return appel


def _instruire(appel, claire, conforme, petits, cher) -> None:
    criteres = [c.code for c in appel.jeu.en_bareme().appel.criteres_selection]
    for dossier, note in ((conforme, "4.5"), (petits, "3"), (cher, "2")):
        noter(acteur=claire, dossier=dossier, notes={c: Decimal(note) for c in criteres})
    quand = datetime(2019, 4, 25, 14, tzinfo=PARIS)
    decider(acteur=claire, dossier=conforme, resultat=ResultatDecision.RETENU, maintenant=quand)
    decider(
        acteur=claire,
        dossier=petits,
        resultat=ResultatDecision.PARTIELLEMENT_RETENU,
        maintenant=quand,
        places_sl=10,
        motifs="R-SMALL-UNITS : 20 % de petits logements ; seules les places en T2 et T3 sont "
        "retenues dans l'attente d'une offre de studios.",
        justification_erreurs="Le comité retient la seule sous-location, dont les logements "
        "répondent aux besoins ; l'opérateur s'engage à capter des studios en 2020.",
    )
    decider(
        acteur=claire,
        dossier=cher,
        resultat=ResultatDecision.REFUSE,
        maintenant=quand,
        motifs="R-COST-PLACE-MAX : coût moyen supérieur à 2 200 € par place.",
    )
    calcul = services_conventions_calcul(conforme)
    etablir_convention(
        acteur=claire,
        dossier=conforme,
        montants_negocies=calcul,
        motif_ecart="",
        cofinancements=[],
    )
    services.changer_statut_appel(acteur=claire, appel=appel, statut=StatutAppel.DECIDE)


def services_conventions_calcul(dossier) -> dict[int, Decimal | None]:
    from iml.appels.services_conventions import calculer_convention

    calcul = calculer_convention(dossier)
    return {
        int(annee): (Decimal(m) if m is not None else None)
        for annee, m in calcul.montants().items()
    }


def _appel_ouvert() -> None:
    claire = _acteur("claire.moreau@ddets35.demo")
    appel = services.creer_appel(
        acteur=claire, nom=NOM_APPEL_OUVERT, source=jeu_courant("appel-35-2019-2020")
    )
    services.modifier_appel(
        acteur=claire,
        appel=appel,
        nom=NOM_APPEL_OUVERT,
        parametres={
            "appel": {
                "places": 135,
                "exercices": [2027, 2028],
                "date_lancement": "2026-11-02",
                "date_limite_depot": "2027-03-01",
                "date_selection": "2027-04-30",
                "date_debut_montee_en_charge": "2027-04-01",
                "jalons": [
                    {"date": "2027-12-31", "part_min_pct": 50},
                    {"date": "2028-12-31", "part_min_pct": 100},
                ],
                "premier_trimestre": "2027T1",
            }
        },
    )
    services.changer_statut_appel(acteur=claire, appel=appel, statut=StatutAppel.PUBLIE)


def charger_demo(organisations, sortie) -> None:
    """Idempotent : ne crée les appels que s'ils n'existent pas."""
    if not AppelACandidatures.objects.filter(nom=NOM_APPEL).exists():
        _appel_2019(organisations)
        sortie.write(f"Appel créé : {NOM_APPEL} (3 dossiers, 1 convention).\n")
    if not AppelACandidatures.objects.filter(nom=NOM_APPEL_OUVERT).exists():
        _appel_ouvert()
        sortie.write(f"Appel ouvert créé : {NOM_APPEL_OUVERT}.\n")
