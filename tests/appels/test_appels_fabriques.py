"""Fabriques des appels et dossiers de l'État, partagées par les tests des appels, de
l'instruction et leurs matrices de permissions (ce module n'importe pas la matrice, pour
éviter une importation circulaire ; il ne contient pas de test)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from iml.appels import perms
from iml.appels.enums import StatutAppel, StatutDossier
from iml.appels.models import AppelACandidatures, Dossier, VersionDossier
from iml.appels.services.statuts import appliquer_transition
from iml.comptes.acteur import Acteur, acteur_pour
from iml.comptes.enums import Role, TypeOrganisation
from iml.comptes.models import Adhesion, Organisation, Utilisateur
from iml.referentiel.models import JeuParametres, OrigineJeu
from tests.factories import UtilisateurFactory, departement, siret_valide

DONNEES = Path(__file__).resolve().parents[2] / "iml" / "referentiel" / "data"
JEUX = ("national-2018.json", "appel-35-2019-2020.json")


def charger_jeux() -> None:
    """Les jeux de paramètres des fichiers ; sans `iml.referentiel.fichiers`, ceux du barème
    national et de l'appel d'Ille-et-Vilaine, lus directement des fichiers JSON."""
    try:
        from iml.referentiel.services import charger_jeux_fichiers

        charger_jeux_fichiers()
        return
    except ModuleNotFoundError:
        pass
    for nom in JEUX:
        document = json.loads((DONNEES / nom).read_text(encoding="utf-8"))
        if JeuParametres.objects.filter(code=document["code"]).exists():
            continue
        parent = JeuParametres.objects.filter(code=document.get("parent") or "").first()
        JeuParametres.objects.create(
            code=document["code"],
            version=document["version"],
            niveau=document["niveau"],
            parent=parent,
            territoire=document.get("territoire") or "",
            libelle=document["libelle"],
            date_effet=date.fromisoformat(document["date_effet"]),
            source=document.get("source", ""),
            sources=document.get("sources", {}),
            parametres=document["parametres"],
            origine=OrigineJeu.FICHIER,
        )


def jeu(code: str) -> JeuParametres:
    trouve = JeuParametres.objects.filter(code=code).order_by("-version").first()
    if trouve is None:
        charger_jeux()
        trouve = JeuParametres.objects.filter(code=code).order_by("-version").first()
    return trouve


def acteur(utilisateur: Utilisateur) -> Acteur:
    return acteur_pour(utilisateur, None)


def agent_ddets33() -> Utilisateur:
    """Un agent instructeur d'une DDETS de la Gironde (département de la région de Paul)."""
    organisation, _ = Organisation.objects.get_or_create(
        siret=siret_valide(33033),
        defaults={
            "type": TypeOrganisation.ETAT,
            "nom": "DDETS de la Gironde",
            "territoire": departement("33"),
        },
    )
    utilisateur = Utilisateur.objects.filter(email="agent@ddets33.test").first()
    if utilisateur is None:
        utilisateur = UtilisateurFactory(email="agent@ddets33.test")
    Adhesion.objects.get_or_create(
        utilisateur=utilisateur, organisation=organisation, role=Role.AGENT_INSTRUCTEUR
    )
    return utilisateur


def creer_appel(
    agent: Utilisateur,
    nom: str,
    statut: str = StatutAppel.PUBLIE,
    *,
    source: str = "appel-35-2019-2020",
    appel: dict[str, Any] | None = None,
) -> AppelACandidatures:
    """Un appel créé, paramétré (bloc `appel` fusionné) puis mené jusqu'à `statut` par les
    services (`AppelFactory`)."""
    from tests.appels.factories import AppelFactory

    parametres = {"appel": appel} if appel else None
    return AppelFactory(agent=agent, nom=nom, statut=statut, source=source, parametres=parametres)


def appel_ouvert(distribution) -> AppelACandidatures:
    """Un appel publié de la DDETS 35 dont le dépôt est ouvert aujourd'hui (R-AAC)."""
    from tests.appels.factories import AppelFactory

    return AppelFactory(agent=distribution.claire, nom="Appel ouvert", ouvert=True)


def contenu_dossier(organisation: Organisation) -> dict[str, Any]:
    return {
        "bareme": "appel-35-2019-2020",
        "porteur": {
            "nom": organisation.nom,
            "siret": organisation.siret,
            "statut": "ASSOCIATION",
            "representant": {"nom": "Bernard", "prenom": "Marc", "qualite": "directeur"},
        },
        "zone": ["Rennes (35238)"],
        "publics": ["SORTANT_HEBERGEMENT", "DALO_SANS_DOMICILE"],
        "attention_sante": True,
        "experience": "Douze ans de gestion locative adaptée.",
    }


def chiffres_dossier(mg: int, sl: int, petits: str, cout: str) -> dict[str, Any]:
    """Chiffres au format de `regles.conformite.verifier_dossier` (ceux que fige le dépôt)."""
    return {
        "budget": {
            "places": {"MANDAT_GESTION": mg, "SOUS_LOCATION": sl},
            "cout_par_place": cout,
        },
        "petits_logements_pct": petits,
    }


CONSTATS = [
    {
        "regle": "R-RAMPUP",
        "niveau": "erreur",
        "message": "R-RAMPUP : 40,0 % des places ouvertes au 31/12/2019 pour un minimum de 50 %.",
        "champ": "places",
    },
    {
        "regle": "R-COST-PLACE-MAX",
        "niveau": "alerte",
        "message": "R-COST-PLACE-MAX : coût moyen proche du maximum.",
        "champ": "budget",
    },
    {
        "regle": "R-MODE-SPLIT",
        "niveau": "info",
        "message": "R-MODE-SPLIT : la répartition s'apprécie sur l'ensemble des projets retenus.",
        "champ": None,
    },
]


DEPOSEE_LE = datetime(2019, 3, 1, 9, 0, tzinfo=UTC)


def deposer(
    appel: AppelACandidatures,
    organisation: Organisation,
    deposant: Utilisateur,
    *,
    chiffres: dict[str, Any] | None = None,
    constats: list[dict[str, Any]] | None = None,
) -> Dossier:
    """Un dossier déposé le 1er mars 2019 avec des chiffres et des constats choisis.

    Les tests de l'instruction épinglent ainsi des chiffres clés (places, coût par place,
    erreurs et alertes) que le moteur ne produit pas d'un contenu réaliste ; la version est
    donc créée directement. Le reste suit le produit : le dépôt n'est accepté que si le
    service l'accepterait (appel publié, date limite non passée, direction d'un opérateur du
    département) ; un dossier d'appel clos se dépose avant la clôture (`clore`). Pour un dépôt
    par le service, chiffres du moteur, voir `DossierFactory` (`tests/appels/factories.py`)."""
    refus = perms.acces_deposer_sur(acteur(deposant), appel, DEPOSEE_LE.date())
    assert refus is None, f"Le service refuserait ce dépôt : {refus}"
    dossier, _ = Dossier.objects.get_or_create(
        appel=appel, operateur=organisation, defaults={"contenu": contenu_dossier(organisation)}
    )
    VersionDossier.objects.create(
        dossier=dossier,
        numero=dossier.versions.count() + 1,
        contenu=dossier.contenu,
        constats=CONSTATS if constats is None else constats,
        chiffres=chiffres or chiffres_dossier(10, 6, "37.5", "1710.00"),
        bareme_code=appel.jeu.code,
        bareme_version=appel.jeu.version,
        deposee_le=DEPOSEE_LE,
        deposee_par=deposant,
    )
    if dossier.statut == StatutDossier.BROUILLON:
        appliquer_transition(
            acteur=acteur(deposant), objet=dossier, vers=StatutDossier.DEPOSE, maintenant=DEPOSEE_LE
        )
    return dossier


def clore(appel: AppelACandidatures) -> AppelACandidatures:
    """Clôt l'appel par le service (le lendemain de la date limite, ou par anticipation)."""
    from tests.appels.factories import clore as clore_par_le_service

    return clore_par_le_service(appel)


def dossier_fige(
    distribution,
    statut: str = StatutAppel.PUBLIE,
    *,
    appel: dict[str, Any] | None = None,
    chiffres: dict[str, Any] | None = None,
    constats: list[dict[str, Any]] | None = None,
) -> Dossier:
    """Le dossier de l'AIS Rennes (marc) aux chiffres choisis (`deposer`) sur un appel 2019 de
    la DDETS 35, déposé pendant que l'appel est publié puis, pour `statut` clos, l'appel clos
    par le service le lendemain de sa date limite."""
    assert statut in (StatutAppel.PUBLIE, StatutAppel.CLOS), statut
    objet = creer_appel(distribution.claire, "Appel 35", appel=appel)
    dossier = deposer(
        objet, distribution.org.ais35, distribution.marc, chiffres=chiffres, constats=constats
    )
    if statut == StatutAppel.CLOS:
        clore(objet)
    return dossier


def preparer(distribution) -> None:
    """Appels (35 publié, 35 brouillon, 35 clos, 33 publié) et dossiers déposés (AIS sur le 35
    publié et sur le 35 clos, Solidarité Logement Gironde sur le 33), rangés sur
    `distribution.etat_appels`."""
    if hasattr(distribution, "etat_appels"):
        return
    d = distribution
    agent33 = agent_ddets33()
    appel35 = creer_appel(d.claire, "Appel IML 35 — publié")
    appel35_clos = creer_appel(d.claire, "Appel IML 35 — clos")
    dossier35_clos = deposer(appel35_clos, d.org.ais35, d.marc)
    clore(appel35_clos)
    appel33 = creer_appel(agent33, "Appel IML 33 — publié")
    d.etat_appels = SimpleNamespace(
        source=jeu("appel-35-2019-2020"),
        appel35=appel35,
        appel35_brouillon=creer_appel(d.claire, "Appel IML 35 — brouillon", StatutAppel.BROUILLON),
        appel35_clos=appel35_clos,
        appel33=appel33,
        agent33=agent33,
        dossier35=deposer(appel35, d.org.ais35, d.marc),
        dossier35_clos=dossier35_clos,
        dossier33=deposer(appel33, d.org.solidarite33, d.louis),
    )


# --- Données POST -------------------------------------------------------------------------------


def donnees_parametres(appel: AppelACandidatures, **changements: Any) -> dict[str, str]:
    """Le formulaire des paramètres tel qu'affiché (valeurs initiales), modifié par
    `changements`."""
    from iml.appels.forms.appels import ParametresAppelForm

    form = ParametresAppelForm(bareme=appel.jeu.en_bareme(), nom=appel.nom)
    donnees = {}
    for nom, champ in form.fields.items():
        valeur = form.get_initial_for_field(champ, nom)
        donnees[nom] = (
            ""
            if valeur is None
            else (valeur.isoformat() if isinstance(valeur, date) else str(valeur))
        )
    donnees.update({k: str(v) for k, v in changements.items()})
    return donnees
