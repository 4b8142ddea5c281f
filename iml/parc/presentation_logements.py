"""Ce que les écrans des logements et des contrats affichent : libellés (commune, statut),
filtres et décompte de la liste, contrôle de décence, échéance des contrats, transitions
permises. Lecture seule : les écritures passent par `iml.parc.services`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, QuerySet

from iml.comptes import communes
from iml.parc.models import ContratBailleur, Logement
from iml.parc.parametres import parametres_parc
from iml.parc.services.logements import constats_decence, transition_manuelle
from regles.constats import Constat
from regles.decence import CaracteristiquesDecence, alertes_location_en_cours
from regles.transitions import TRANSITIONS_LOGEMENT, Transition
from regles.types import Mode, StatutLogement, Typologie

NON_RENSEIGNE = "non renseigné"

#: Couleur DSFR du badge de chaque statut.
BADGES = {
    StatutLogement.EN_CAPTATION: "fr-badge--new",
    StatutLogement.DISPONIBLE: "fr-badge--success",
    StatutLogement.OCCUPE: "fr-badge--info",
    StatutLogement.VACANT: "fr-badge--warning",
    StatutLogement.EN_TRAVAUX: "fr-badge--warning",
    StatutLogement.RESTITUE: "",
}


def libelle_commune(code: str) -> str:
    """« Rennes (35238) » ; le code seul si le COG ne le connaît pas ; « non renseigné »."""
    if not code:
        return NON_RENSEIGNE
    trouvee = communes.commune(code)
    return trouvee.libelle if trouvee else code


def oui_non_inconnu(valeur: object) -> str:
    if valeur is None or valeur == "":
        return NON_RENSEIGNE
    return "oui" if valeur else "non"


def badge_statut(statut: str) -> dict[str, str]:
    return {
        "libelle": StatutLogement(statut).libelle,
        "classe": BADGES.get(StatutLogement(statut), ""),
    }


# --- Liste ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filtres:
    statut: str = ""
    forme: str = ""
    commune: str = ""
    typologie: str = ""
    convention: str = ""
    commune_inconnue: bool = False

    def en_parametres(self) -> str:
        """La chaîne d'URL des filtres actifs, pour la pagination."""
        from urllib.parse import urlencode

        champs = ("statut", "forme", "commune", "typologie", "convention")
        return urlencode({c: getattr(self, c) for c in champs if getattr(self, c)})


def lire_filtres(params: Any, code_dept: str) -> Filtres:
    """Les filtres de la requête ; une valeur hors liste est ignorée, une commune inconnue
    est signalée (la liste est alors vide, pas toute la liste)."""
    statut = params.get("statut", "")
    forme = params.get("forme", "")
    typologie = params.get("typologie", "")
    convention = params.get("convention", "")
    saisie = params.get("commune", "").strip()
    code, inconnue = "", False
    if saisie:
        try:
            trouvee = communes.resoudre(saisie, code_dept)
        except ValueError:
            trouvee = None
        code, inconnue = (trouvee.code, False) if trouvee else ("", True)
    return Filtres(
        statut=statut if statut in StatutLogement.__members__ else "",
        forme=forme if forme in Mode.__members__ else "",
        commune=libelle_commune(code) if code else saisie,
        typologie=typologie if typologie in Typologie.__members__ else "",
        convention=convention if convention.isascii() and convention.isdigit() else "",
        commune_inconnue=inconnue,
    )


def filtrer(qs: QuerySet[Logement], f: Filtres) -> QuerySet[Logement]:
    if f.commune_inconnue:
        return qs.none()
    if f.statut:
        qs = qs.filter(statut=f.statut)
    if f.forme:
        qs = qs.filter(forme=f.forme)
    if f.typologie:
        qs = qs.filter(typologie=f.typologie)
    if f.convention:
        qs = qs.filter(convention_id=int(f.convention))
    if f.commune:
        code = f.commune.rsplit("(", 1)[-1].rstrip(")")
        qs = qs.filter(commune=code)
    return qs


def compte_par_statut(qs: QuerySet[Logement]) -> list[dict[str, Any]]:
    """Chaque statut avec son nombre de logements (une requête), zéro compris."""
    nombres = dict(qs.order_by().values_list("statut").annotate(n=Count("pk")))
    return [
        {"statut": s.value, **badge_statut(s.value), "nombre": nombres.get(s.value, 0)}
        for s in StatutLogement
    ]


# --- Fiche ----------------------------------------------------------------------------------


def _caracteristiques(logement: Logement) -> CaracteristiquesDecence:
    return CaracteristiquesDecence(
        surface_m2=logement.surface_m2,
        hauteur_sous_plafond_m=logement.hauteur_sous_plafond_m,
        classe_dpe=logement.classe_dpe or None,
        date_dpe=logement.date_dpe,
    )


def controle_decence(logement: Logement, jour: date) -> dict[str, Any]:
    """Le panneau « Contrôle de décence » : une nouvelle location le `jour` pour un logement
    qui n'est pas loué, les alertes de la location en cours pour un logement occupé."""
    if logement.statut == StatutLogement.RESTITUE:
        return {"sans_objet": True, "constats": ()}
    constats: tuple[Constat, ...]
    if logement.statut == StatutLogement.OCCUPE:
        constats = alertes_location_en_cours(_caracteristiques(logement), parametres_parc(), jour)
        intro = "Location en cours : alertes sur sa conformité à venir."
    else:
        constats = constats_decence(logement, jour)
        intro = f"Mise en location au {jour:%d/%m/%Y} : ce que vérifie le pré-contrôle."
    return {
        "sans_objet": False,
        "intro": intro,
        "erreurs": [c for c in constats if c.niveau.value == "erreur"],
        "alertes": [c for c in constats if c.niveau.value != "erreur"],
        "conforme": not constats,
    }


def contrats_presentes(contrats: list[ContratBailleur], jour: date) -> list[dict[str, Any]]:
    """Chaque contrat, avec « échéance proche » quand sa fin tombe dans le délai d'alerte
    (paramètre `parc.alerte_fin_contrat_jours`) et qu'il n'est pas résilié."""
    delai = timedelta(days=parametres_parc().alerte_fin_contrat_jours)
    return [
        {
            "contrat": c,
            "echeance_proche": c.resilie_le is None and jour <= c.date_fin <= jour + delai,
            "termine": c.resilie_le is not None or c.date_fin < jour,
        }
        for c in contrats
    ]


def transitions_permises(logement: Logement) -> tuple[Transition, ...]:
    """Les passages de la table que la fiche propose : l'entrée et la sortie d'un ménage se
    notent depuis son occupation."""
    return tuple(
        t
        for t in TRANSITIONS_LOGEMENT.suivants(logement.statut)
        if transition_manuelle(t.de, t.vers)
    )


def libelle_statut(statut: str) -> str:
    return TRANSITIONS_LOGEMENT.libelle(statut) if statut else "création"
