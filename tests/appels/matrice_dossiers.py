"""Matrice des permissions des dossiers (fusionnée par tests/test_matrice_permissions.py), et
fabriques des dossiers côté opérateur, partagées par tests/appels/test_dossiers*.py et
test_pieces*.py.

`preparer` crée un appel publié et ouvert de la DDETS 35 (date limite dans 60 jours), le
dossier de marc (AIS Rennes) et celui d'hélène (Le Relais 35), complets, chacun avec une pièce
jointe et une version 1 figée. Cibles : « propre » = le dossier (ou
la pièce) de marc ; « autre » = celui du Relais, une autre organisation.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from iml.appels.enums import StatutAppel, StatutDossier
from iml.appels.models import AppelACandidatures, Dossier, PieceJointe, VersionDossier
from iml.appels.services import appels as services
from iml.appels.services import pieces as services_pieces
from iml.comptes.acteur import Acteur, acteur_pour
from iml.comptes.models import Utilisateur
from iml.referentiel.models import JeuParametres
from iml.referentiel.services import charger_jeux_fichiers
from iml.referentiel.validation import EXEMPLES
from regles.calendrier import Trimestre
from tests.appels import echantillons
from tests.test_matrice_permissions import statuts

EXEMPLE = EXEMPLES / "conformite.json"
#: Des fichiers réels (les pièces sont lues pour de vrai au dépôt).
PDF, PNG, JPEG = echantillons.PDF, echantillons.PNG, echantillons.JPEG


# --- Fabriques ----------------------------------------------------------------------------------


def acteur(utilisateur: Utilisateur) -> Acteur:
    return acteur_pour(utilisateur, None)


def appel_ouvert(agent: Utilisateur, nom: str, jours_restants: int = 60) -> AppelACandidatures:
    """Un appel de la DDETS 35 (copie du jeu de l'Ille-et-Vilaine), publié, dont la date limite
    de dépôt est dans `jours_restants` jours."""
    existant = AppelACandidatures.objects.filter(nom=nom).first()
    if existant:
        return existant
    charger_jeux_fichiers()
    source = JeuParametres.objects.filter(code="appel-35-2019-2020").order_by("-version").first()
    qui = acteur(agent)
    appel = services.creer_appel(acteur=qui, nom=nom, source=source)
    services.modifier_appel(
        acteur=qui, appel=appel, nom=nom, parametres={"appel": calendrier(jours_restants)}
    )
    services.changer_statut_appel(acteur=qui, appel=appel, statut=StatutAppel.PUBLIE)
    return appel


def calendrier(jours_restants: int) -> dict[str, Any]:
    """Calendrier cohérent (R-AAC, R-RAMPUP) autour d'aujourd'hui : lancé il y a 30 jours, date
    limite dans `jours_restants` jours, huit trimestres de montée en charge ensuite."""
    aujourd_hui = timezone.localdate()
    limite = aujourd_hui + timedelta(days=jours_restants)
    selection = limite + timedelta(days=30)
    debut = (selection.replace(day=1) + timedelta(days=32)).replace(day=1)
    premier = Trimestre(debut.year, (debut.month - 1) // 3 + 1)
    dernier = premier
    for _ in range(7):
        dernier = dernier.suivant()
    return {
        "exercices": list(range(premier.annee, dernier.annee + 1)),
        "date_lancement": (aujourd_hui - timedelta(days=30)).isoformat(),
        "date_limite_depot": limite.isoformat(),
        "date_selection": selection.isoformat(),
        "date_debut_montee_en_charge": debut.isoformat(),
        "jalons": [
            {"date": date(debut.year, 12, 31).isoformat(), "part_min_pct": 50},
            {"date": dernier.fin.isoformat(), "part_min_pct": 100},
        ],
        "premier_trimestre": premier.code,
        "nombre_trimestres": 8,
    }


def fermer_le_depot(appel: AppelACandidatures) -> None:
    """Date limite passée depuis hier (l'appel reste publié) : le dépôt est clos.

    Simule le temps qui passe : le jeu d'un appel publié est figé (ADR 0002) et son `save`
    le refuse ; on réécrit donc la date en base sans passer par le modèle."""
    jeu = appel.jeu
    hier = (timezone.localdate() - timedelta(days=1)).isoformat()
    jeu.parametres = {
        **jeu.parametres,
        "appel": {**jeu.parametres["appel"], "date_limite_depot": hier},
    }
    type(jeu).objects.filter(pk=jeu.pk).update(parametres=jeu.parametres)


def contenu_complet(**changements: Any) -> dict[str, Any]:
    """Le dossier d'exemple du schéma (schemas/exemples/conformite.json du paquet), complet."""
    contenu = json.loads(EXEMPLE.read_text(encoding="utf-8"))
    contenu.pop("$schema", None)
    contenu.pop("date_depot", None)
    return {**contenu, **changements}


def dossier_de(
    appel: AppelACandidatures, utilisateur: Utilisateur, contenu: dict[str, Any] | None = None
) -> Dossier:
    """Le dossier de l'organisation de `utilisateur`, ouvert par le service ; `contenu` remplace
    son contenu initial."""
    qui = acteur(utilisateur)
    dossier = services.ouvrir_dossier(acteur=qui, appel=appel, aujourd_hui=timezone.localdate())
    if contenu is not None:
        dossier = services.enregistrer_etape(
            acteur=qui,
            dossier=dossier,
            etape="evaluation",
            donnees=contenu,
            aujourd_hui=timezone.localdate(),
        )
    return dossier


def fichier(nom: str = "agrement.pdf", contenu: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(nom, contenu, content_type="application/octet-stream")


def joindre(dossier: Dossier, utilisateur: Utilisateur, type_piece: str = "AGREMENT_L365_4"):
    return services_pieces.deposer_piece(
        acteur=acteur(utilisateur),
        dossier=dossier,
        type_piece=type_piece,
        fichier=fichier(),
        aujourd_hui=timezone.localdate(),
    )


def deposer(dossier: Dossier, directeur: Utilisateur):
    return services.deposer_dossier(
        acteur=acteur(directeur), dossier=dossier, maintenant=timezone.now()
    )


def figer(dossier: Dossier, deposant: Utilisateur) -> VersionDossier:
    """Une version déposée créée directement (sans le moteur : rapide, pour la matrice)."""
    version = VersionDossier.objects.create(
        dossier=dossier,
        numero=dossier.versions.count() + 1,
        contenu=dossier.contenu,
        bareme_code=dossier.appel.jeu.code,
        bareme_version=dossier.appel.jeu.version,
        deposee_le=timezone.now(),
        deposee_par=deposant,
    )
    Dossier.objects.filter(pk=dossier.pk).update(statut=StatutDossier.DEPOSE)
    dossier.refresh_from_db()
    return version


def preparer(distribution) -> None:
    """Appel ouvert de la DDETS 35 ; dossiers complets de marc et d'hélène, une pièce et une
    version figée chacun ; rangés sur `distribution.dossiers`."""
    if hasattr(distribution, "dossiers"):
        return
    d = distribution
    appel = appel_ouvert(d.claire, "Appel IML 35 — dépôt ouvert")
    marc = Dossier.objects.create(appel=appel, operateur=d.org.ais35, contenu=contenu_complet())
    relais = Dossier.objects.create(
        appel=appel, operateur=d.org.relais35, contenu=contenu_complet()
    )
    piece_marc = joindre(marc, d.marc)
    piece_relais = joindre(relais, d.helene)
    figer(marc, d.marc)
    figer(relais, d.helene)
    d.dossiers = SimpleNamespace(
        appel=appel, marc=marc, relais=relais, piece_marc=piece_marc, piece_relais=piece_relais
    )


# --- Matrice ------------------------------------------------------------------------------------

IDENTITE = {
    "nom": "AIS Rennes Habitat Solidaire",
    "siret": "42000000000034",
    "statut": "ASSOCIATION",
    "representant_prenom": "Marc",
    "representant_nom": "Bernard",
}
GRILLE_CONFORMITE = {"etape": "echeancier", "logements__T2__SOUS_LOCATION__1": "1"}


def _dossier(d, cible: str) -> Dossier:
    return d.dossiers.marc if cible == "propre" else d.dossiers.relais


def _piece(d, cible: str) -> PieceJointe:
    return d.dossiers.piece_marc if cible == "propre" else d.dossiers.piece_relais


def _cible_dossier(donnees: dict[str, Any], **kwargs: Any):
    def cible(d, persona: str, quoi: str) -> tuple[dict[str, Any], dict[str, Any]]:
        return {"pk": _dossier(d, quoi).pk, **kwargs}, donnees

    return cible


def _cible_piece(d, persona: str, quoi: str) -> tuple[dict[str, Any], dict[str, Any]]:
    return {"pk": _piece(d, quoi).pk}, {}


def _cible_appel(d, persona: str, quoi: str) -> tuple[dict[str, Any], dict[str, Any]]:
    return {"pk": d.dossiers.appel.pk}, {}


MATRICE = {
    ("appels:mes_dossiers", "get", None): statuts(404, marc=200),
    # L'appel 35 est lu par tous ceux du département (403 s'ils ne sont pas opérateurs) ; la
    # DREETS Nouvelle-Aquitaine ne le voit pas (404).
    ("appels:dossier_ouvrir", "post", "propre"): statuts(403, marc=302, paul=404),
    ("appels:dossier_ouvrir", "get", "propre"): statuts(405),
    # La copie de travail n'est lue que par son opérateur (l'État lit les versions déposées).
    ("appels:dossier_etape", "get", "propre"): statuts(404, marc=200),
    ("appels:dossier_etape", "get", "autre"): statuts(404),
    ("appels:dossier_etape", "post", "propre"): statuts(404, marc=302),
    ("appels:dossier_conformite", "post", "propre"): statuts(404, marc=200),
    ("appels:dossier_conformite", "post", "autre"): statuts(404),
    ("appels:dossier_conformite", "get", "propre"): statuts(405),
    ("appels:dossier_deposer", "get", "propre"): statuts(404, marc=200),
    ("appels:dossier_deposer", "get", "autre"): statuts(404),
    ("appels:dossier_deposer", "post", "propre"): statuts(404, marc=302),
    # Les versions déposées : l'opérateur et l'État du territoire de l'appel.
    ("appels:dossier_version", "get", "propre"): statuts(404, marc=200, claire=200, admin=200),
    ("appels:dossier_version", "get", "autre"): statuts(404, claire=200, admin=200),
    ("appels:piece_telecharger", "get", "propre"): statuts(404, marc=200, claire=200, admin=200),
    ("appels:piece_telecharger", "get", "autre"): statuts(404, claire=200, admin=200),
    # Supprimer : visible mais pas modifiable pour l'État (403) ; la pièce de marc est dans la
    # version 1 déposée : refus expliqué et retour à l'étape (302).
    ("appels:piece_supprimer", "post", "propre"): statuts(404, marc=302, claire=403, admin=403),
    ("appels:piece_supprimer", "post", "autre"): statuts(404, claire=403, admin=403),
    ("appels:piece_supprimer", "get", "propre"): statuts(405),
}

CIBLES = {
    "appels:dossier_ouvrir": _cible_appel,
    "appels:dossier_etape": _cible_dossier(IDENTITE, etape="identite"),
    "appels:dossier_conformite": _cible_dossier(GRILLE_CONFORMITE),
    "appels:dossier_deposer": _cible_dossier({}),
    "appels:dossier_version": _cible_dossier({}, numero=1),
    "appels:piece_telecharger": _cible_piece,
    "appels:piece_supprimer": _cible_piece,
}
