"""Objets des tests de l'API : l'appel d'Ille-et-Vilaine, un appel en Gironde, des dossiers.

Tout est idempotent (la matrice des permissions prépare ses objets à chaque cas).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from iml.api.auth import emettre_jeton
from iml.appels import perms
from iml.appels.enums import StatutAppel, StatutDossier
from iml.appels.models import AppelACandidatures, Dossier, VersionDossier
from iml.appels.services import appels as services
from iml.appels.services.statuts import appliquer_transition
from iml.comptes.acteur import Acteur, acteur_pour
from iml.comptes.enums import Role, TypeOrganisation
from iml.comptes.models import Adhesion, Organisation, Utilisateur
from iml.referentiel.services import charger_jeux_fichiers, jeu_courant
from tests.factories import departement, siret_valide

PARIS = ZoneInfo("Europe/Paris")
NOM_APPEL_35 = "API — Ille-et-Vilaine 2019-2020"
NOM_APPEL_33 = "API — Gironde 2019-2020"
EXEMPLE = Path(__file__).resolve().parents[2] / "iml/referentiel/schemas/exemples/conformite.json"


def le(jour: str) -> datetime:
    """Midi, heure de Paris, le jour dit (« 2019-02-20 »)."""
    return datetime.fromisoformat(f"{jour}T12:00").replace(tzinfo=PARIS)


def exemple() -> dict:
    """Le dossier d'exemple de iml/referentiel/schemas (format de `iml regles conformite`)."""
    return json.loads(EXEMPLE.read_text(encoding="utf-8"))


def ddets33() -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        siret=siret_valide(33001),
        defaults={
            "type": TypeOrganisation.ETAT,
            "nom": "DDETS de la Gironde",
            "territoire": departement("33"),
        },
    )
    return organisation


def _acteur_etat(organisation: Organisation, utilisateur) -> Acteur:
    """Un agent de ce service (adhésion non enregistrée : seule l'organisation compte)."""
    adhesion = Adhesion(
        utilisateur=utilisateur, organisation=organisation, role=Role.AGENT_INSTRUCTEUR
    )
    return Acteur(utilisateur=utilisateur, adhesion=adhesion)


def appel(d, nom: str, service: Organisation, statut: str = StatutAppel.PUBLIE):
    """Un appel créé par `service` à partir du jeu de l'appel 35 (2019-2020), au statut dit."""
    existant = AppelACandidatures.objects.filter(nom=nom).first()
    if existant:
        return existant
    charger_jeux_fichiers()
    acteur = _acteur_etat(service, d.admin)
    cree = services.creer_appel(acteur=acteur, nom=nom, source=jeu_courant("appel-35-2019-2020"))
    for suivant in (StatutAppel.PUBLIE, StatutAppel.CLOS, StatutAppel.DECIDE):
        if cree.statut == statut:
            break
        cree = services.changer_statut_appel(acteur=acteur, appel=cree, statut=suivant)
    return cree


#: Le jour du dépôt des dossiers figés : l'appel 2019-2020 est alors publié et son dépôt ouvert
#: (date limite le 4 mars 2019).
DEPOSE_LE = le("2019-03-01")


def direction(operateur: Organisation) -> Utilisateur:
    """La direction de l'opérateur : elle seule dépose (elle engage la structure)."""
    return Utilisateur.objects.filter(
        adhesions__organisation=operateur, adhesions__role=Role.DIRECTION
    ).first()


def dossier_depose(d, appel_, operateur: Organisation, statut=StatutDossier.DEPOSE) -> Dossier:
    """Un dossier avec une version figée (constats et chiffres posés tels quels), déposée le
    1er mars 2019 par la direction de l'opérateur ; le dépôt n'est accepté que si le service
    l'accepterait (`perms.acces_deposer_sur` : appel publié, date limite non passée) et le
    statut suit par la transition. `StatutDossier.BROUILLON` : le brouillon seul."""
    assert statut in (StatutDossier.BROUILLON, StatutDossier.DEPOSE), statut
    dossier, cree = Dossier.objects.get_or_create(
        appel=appel_, operateur=operateur, defaults={"contenu": exemple()}
    )
    if not cree or statut == StatutDossier.BROUILLON:
        return dossier
    deposant = direction(operateur)
    qui = acteur_pour(deposant, None)
    refus = perms.acces_deposer_sur(qui, appel_, DEPOSE_LE.date())
    assert refus is None, f"Le service refuserait ce dépôt : {refus}"
    VersionDossier.objects.create(
        dossier=dossier,
        numero=1,
        contenu=exemple(),
        constats=[
            {"regle": "R-COST-PLACE-MAX", "niveau": "erreur", "message": "…", "champ": None},
            {"regle": "R-SMALL-UNITS", "niveau": "alerte", "message": "…", "champ": None},
            {"regle": "R-MODE-SPLIT", "niveau": "info", "message": "…", "champ": None},
        ],
        chiffres={
            "budget": {
                "places": {"MANDAT_GESTION": 25, "SOUS_LOCATION": 25},
                "logements": {"MANDAT_GESTION": 15, "SOUS_LOCATION": 15},
                "total": "85500.00",
                "cout_par_place": "1710.00",
            },
            "petits_logements_pct": "56.0",
        },
        bareme_code=appel_.jeu.code,
        bareme_version=appel_.jeu.version,
        deposee_le=DEPOSE_LE,
        deposee_par=deposant,
    )
    appliquer_transition(acteur=qui, objet=dossier, vers=StatutDossier.DEPOSE, maintenant=DEPOSE_LE)
    return dossier


def monde(d) -> SimpleNamespace:
    """Appel 35 publié avec le dossier déposé de l'AIS et le brouillon du Relais ; appel 33
    (Gironde, Nouvelle-Aquitaine) publié avec le dossier déposé de Solidarité Logement Gironde."""
    appel35 = appel(d, NOM_APPEL_35, d.org.ddets35)
    appel33 = appel(d, NOM_APPEL_33, ddets33())
    m = SimpleNamespace(appel35=appel35, appel33=appel33)
    m.dossier_ais = dossier_depose(d, appel35, d.org.ais35)
    m.dossier_relais = dossier_depose(d, appel35, d.org.relais35, StatutDossier.BROUILLON)
    m.dossier_gironde = dossier_depose(d, appel33, d.org.solidarite33)
    d.api = m
    return m


def jeton(utilisateur, organisation: Organisation | None = None) -> str:
    adhesion = acteur_pour(utilisateur, None).adhesion
    if organisation is not None:
        adhesion = utilisateur.adhesions.get(organisation=organisation, actif=True)
    return emettre_jeton(utilisateur, adhesion)


def entetes(utilisateur) -> dict[str, str]:
    """En-tête d'authentification par jeton porteur pour le client de test."""
    return {"HTTP_AUTHORIZATION": f"Bearer {jeton(utilisateur)}"}
