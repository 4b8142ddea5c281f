"""Lecture pure des documents JSON d'entrée (dictionnaires) en dataclasses figées.

Chaque fonction `lire_*` refuse une entrée invalide par `EntreeInvalide(champ, message)` :
`champ` est le chemin du champ (`logements[2].typologie`), `message` une phrase française.
Les formes JSON sont décrites par les schémas de `iml/referentiel/schemas/` ; la ligne de
commande valide d'abord le schéma, puis appelle ces fonctions, qui revérifient types et
valeurs (elles servent aussi sans schéma, côté Django). Le dossier complet est lu par
`regles.entrees_dossier`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import ParamSpec, TypeVar

from regles import conversion as cv
from regles.appel import ProjetRetenu
from regles.budget import Accompagnement, LigneCout, ProjetBudget, Services
from regles.capacite import LigneEcheancier
from regles.effort import SituationMenage
from regles.eligibilite import PartenaireDelegue, Validite
from regles.subvention import Mobilisation
from regles.types import (
    Categorie,
    ModaliteAccompagnement,
    Mode,
    SuiteParcours,
    Typologie,
    Zone,
)

P = ParamSpec("P")
R = TypeVar("R")
ZERO = Decimal(0)


class EntreeInvalide(cv.ValeurInvalide):
    """Entrée refusée : `champ` nomme le champ, `message` dit pourquoi, en français."""


def entree(fonction: Callable[P, R]) -> Callable[P, R]:
    """Décorateur : toute `ValeurInvalide` levée pendant la lecture devient `EntreeInvalide`."""

    @functools.wraps(fonction)
    def lire(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fonction(*args, **kwargs)
        except EntreeInvalide:
            raise
        except cv.ValeurInvalide as e:
            raise EntreeInvalide(e.champ, e.message) from e

    return lire


def montant(obj: Mapping[str, object], cle: str, chemin: str) -> Decimal | None:
    """Montant facultatif, positif ou nul ; `None` = non renseigné (R-UNKNOWN)."""
    return cv.decimal_ou_none(obj.get(cle), cv.sous(chemin, cle), minimum=ZERO)


def choix_ou_none(
    classe: type[cv.E], obj: Mapping[str, object], cle: str, chemin: str
) -> cv.E | None:
    """Membre d'énumération facultatif."""
    v = obj.get(cle)
    return None if v is None else cv.choix(classe, v, cv.sous(chemin, cle))


def validite(valeur: object, chemin: str) -> Validite | None:
    """{"date_debut", "date_fin"} ; `null` : absent."""
    if valeur is None:
        return None
    obj = cv.objet(valeur, chemin)
    cv.cles(obj, chemin, requises=set(), permises={"date_debut", "date_fin"})
    debut = cv.jour_ou_none(obj.get("date_debut"), cv.sous(chemin, "date_debut"))
    fin = cv.jour_ou_none(obj.get("date_fin"), cv.sous(chemin, "date_fin"))
    if debut and fin and fin < debut:
        raise cv.ValeurInvalide(cv.sous(chemin, "date_fin"), "date de fin avant la date de début")
    return Validite(debut, fin)


def lignes_echeancier(
    valeur: object, chemin: str, nombre: int | None = None
) -> tuple[LigneEcheancier, ...]:
    """Annexe 2 ou 3 : [{typologie, mode, trimestres: [entiers ≥ 0]}] ; `nombre` impose la
    longueur de `trimestres` (celle de l'appel)."""
    lignes = []
    for i, x in enumerate(cv.liste(valeur if valeur is not None else [], chemin)):
        c = cv.indice(chemin, i)
        obj = cv.objet(x, c)
        cv.cles(obj, c, requises={"typologie", "mode", "trimestres"}, permises=set())
        ct = cv.sous(c, "trimestres")
        valeurs = cv.liste(obj["trimestres"], ct)
        if nombre is not None and len(valeurs) != nombre:
            raise cv.ValeurInvalide(ct, f"{nombre} trimestres attendus, {len(valeurs)} reçus")
        lignes.append(
            LigneEcheancier(
                cv.choix(Typologie, obj["typologie"], cv.sous(c, "typologie")),
                cv.choix(Mode, obj["mode"], cv.sous(c, "mode")),
                tuple(cv.entier(v, cv.indice(ct, q), minimum=0) for q, v in enumerate(valeurs)),
            )
        )
    return tuple(lignes)


def _partenaire(valeur: object, chemin: str) -> PartenaireDelegue | None:
    if valeur is None:
        return None
    obj = cv.objet(valeur, chemin)
    cles = {"nom", "description", "convention", "budget_annee_pleine", "agrement_L365_3"}
    cv.cles(obj, chemin, requises=set(), permises=cles)
    return PartenaireDelegue(
        nom=cv.texte_ou_none(obj.get("nom"), cv.sous(chemin, "nom")),
        description=cv.texte_ou_none(obj.get("description"), cv.sous(chemin, "description")),
        convention=cv.texte_ou_none(obj.get("convention"), cv.sous(chemin, "convention")),
        budget_annee_pleine=montant(obj, "budget_annee_pleine", chemin),
        agrement_l365_3=validite(obj.get("agrement_L365_3"), cv.sous(chemin, "agrement_L365_3")),
    )


def _accompagnement(valeur: object, chemin: str) -> Accompagnement:
    obj = cv.objet(valeur, chemin)
    permises = {"etp", "montant_par_menage", "partenaire_delegue"}
    cv.cles(obj, chemin, requises={"modalite"}, permises=permises)
    return Accompagnement(
        modalite=cv.choix(ModaliteAccompagnement, obj["modalite"], cv.sous(chemin, "modalite")),
        etp=montant(obj, "etp", chemin),
        montant_par_menage=montant(obj, "montant_par_menage", chemin),
        partenaire=_partenaire(
            obj.get("partenaire_delegue"), cv.sous(chemin, "partenaire_delegue")
        ),
    )


def _gestion(valeur: object, chemin: str) -> tuple[LigneCout, ...]:
    lignes = []
    for i, x in enumerate(cv.liste(valeur, chemin)):
        c = cv.indice(chemin, i)
        obj = cv.objet(x, c)
        cv.cles(obj, c, requises={"libelle", "cout_par_logement"}, permises=set())
        lignes.append(
            LigneCout(
                cv.texte(obj["libelle"], cv.sous(c, "libelle")),
                montant(obj, "cout_par_logement", c),
            )
        )
    return tuple(lignes)


def services(valeur: object, chemin: str = "services") -> Services:
    """Prestations : captation, gestion (lignes par forme), accompagnement (par forme)."""
    obj = cv.objet(valeur if valeur is not None else {}, chemin)
    cv.cles(obj, chemin, requises=set(), permises={"captation", "gestion", "accompagnement"})
    c_cap = cv.sous(chemin, "captation")
    captation = cv.objet(obj.get("captation") or {}, c_cap)
    cv.cles(captation, c_cap, requises=set(), permises={"cout_par_logement", "description"})
    c_ges, c_acc = cv.sous(chemin, "gestion"), cv.sous(chemin, "accompagnement")
    gestion = cv.table(Mode, obj.get("gestion") or {}, c_ges, complete=False)
    accomp = cv.table(Mode, obj.get("accompagnement") or {}, c_acc, complete=False)
    return Services(
        captation_par_logement=montant(captation, "cout_par_logement", c_cap),
        gestion={m: _gestion(v, cv.sous(c_ges, m.value)) for m, v in gestion.items()},
        accompagnement={m: _accompagnement(v, cv.sous(c_acc, m.value)) for m, v in accomp.items()},
    )


def _par_mode(valeur: object, chemin: str) -> dict[Mode, int]:
    brut = cv.table(Mode, valeur if valeur is not None else {}, chemin, complete=False)
    return {m: cv.entier(v, cv.sous(chemin, m.value), minimum=0) for m, v in brut.items()}


def _verbe(
    data: object, permises: set[str], requises: frozenset[str] = frozenset()
) -> Mapping[str, object]:
    obj = cv.objet(data, "")
    cv.cles(obj, "", requises=set(requises), permises=permises | {"bareme", "$schema"})
    return obj


@entree
def nom_bareme(data: object) -> str | None:
    """Code du barème nommé par l'entrée (clé « bareme »), s'il y en a un."""
    obj = cv.objet(data, "")
    return cv.texte_ou_none(obj.get("bareme"), "bareme")


@entree
def lire_effort(data: object) -> SituationMenage:
    """Verbe `effort` : {mode, loyer, charges, aide_logement, ressources, personnes,
    typologie?, bail_glissant?} ; montants mensuels, `loyer` = loyer (MG) ou redevance (SL)."""
    cles = {"loyer", "charges", "aide_logement", "ressources", "typologie", "bail_glissant"}
    obj = _verbe(data, cles, frozenset({"mode", "personnes"}))
    return SituationMenage(
        mode=cv.choix(Mode, obj["mode"], "mode"),
        loyer=montant(obj, "loyer", ""),
        charges=montant(obj, "charges", ""),
        aide_logement=montant(obj, "aide_logement", ""),
        ressources=montant(obj, "ressources", ""),
        personnes=cv.entier(obj["personnes"], "personnes", minimum=1),
        typologie=choix_ou_none(Typologie, obj, "typologie", ""),
        bail_glissant=cv.booleen(obj.get("bail_glissant", False), "bail_glissant"),
    )


@dataclass(frozen=True)
class EntreeSousLocation:
    """Verbe `sous-location`."""

    date_entree: date
    renouvellements: int
    suite_parcours: SuiteParcours | None
    bail_glissant: bool


@entree
def lire_sous_location(data: object) -> EntreeSousLocation:
    """Verbe `sous-location` : {date_entree, renouvellements?, suite_parcours?, bail_glissant?}."""
    obj = _verbe(
        data, {"renouvellements", "suite_parcours", "bail_glissant"}, frozenset({"date_entree"})
    )
    return EntreeSousLocation(
        date_entree=cv.jour(obj["date_entree"], "date_entree"),
        renouvellements=cv.entier(obj.get("renouvellements", 0), "renouvellements", minimum=0),
        suite_parcours=choix_ou_none(SuiteParcours, obj, "suite_parcours", ""),
        bail_glissant=cv.booleen(obj.get("bail_glissant", False), "bail_glissant"),
    )


@entree
def lire_budget(data: object) -> ProjetBudget:
    """Verbe `budget` : {logements: {forme: n}, places: {forme: n}, services, categorie?,
    zone_marche?}."""
    obj = _verbe(data, {"categorie", "zone_marche"}, frozenset({"logements", "places", "services"}))
    return ProjetBudget(
        logements=_par_mode(obj["logements"], "logements"),
        places=_par_mode(obj["places"], "places"),
        services=services(obj["services"]),
        categorie=choix_ou_none(Categorie, obj, "categorie", ""),
        zone=choix_ou_none(Zone, obj, "zone_marche", ""),
    )


@dataclass(frozen=True)
class EntreeSubvention:
    """Verbe `subvention` : services, et logements (annexe 2) ou mobilisations datées."""

    services: Services
    logements: tuple[LigneEcheancier, ...]
    mobilisations: tuple[Mobilisation, ...]
    annees: tuple[int, ...]


def _mobilisations(valeur: object, chemin: str) -> tuple[Mobilisation, ...]:
    resultat = []
    for i, x in enumerate(cv.liste(valeur if valeur is not None else [], chemin)):
        c = cv.indice(chemin, i)
        obj = cv.objet(x, c)
        cv.cles(obj, c, requises={"annee", "mois", "mode", "logements"}, permises=set())
        resultat.append(
            Mobilisation(
                cv.entier(obj["annee"], cv.sous(c, "annee"), minimum=2000),
                cv.entier(obj["mois"], cv.sous(c, "mois"), minimum=1, maximum=12),
                cv.choix(Mode, obj["mode"], cv.sous(c, "mode")),
                cv.entier(obj["logements"], cv.sous(c, "logements"), minimum=0),
            )
        )
    return tuple(resultat)


@entree
def lire_subvention(data: object, nombre_trimestres: int | None = None) -> EntreeSubvention:
    """Verbe `subvention` : {services, logements? (annexe 2), mobilisations?, annees?}."""
    obj = _verbe(data, {"logements", "mobilisations", "annees"}, frozenset({"services"}))
    logements = lignes_echeancier(obj.get("logements"), "logements", nombre_trimestres)
    mobilisations = _mobilisations(obj.get("mobilisations"), "mobilisations")
    if not logements and not mobilisations:
        raise cv.ValeurInvalide("logements", "logements (annexe 2) ou mobilisations attendus")
    annees = cv.liste(obj.get("annees") or [], "annees")
    return EntreeSubvention(
        services=services(obj["services"]),
        logements=logements,
        mobilisations=mobilisations,
        annees=tuple(
            cv.entier(a, cv.indice("annees", i), minimum=2000) for i, a in enumerate(annees)
        ),
    )


@dataclass(frozen=True)
class MandatGestion:
    """Un mandat de gestion dont on calcule la fenêtre de financement."""

    date_debut: date
    date_fin_prevue: date | None


@dataclass(frozen=True)
class EntreeCalendrier:
    """Verbe `calendrier` : échéanciers et mandats de gestion."""

    logements: tuple[LigneEcheancier, ...]
    places: tuple[LigneEcheancier, ...]
    capacite: int | None
    mandats: tuple[MandatGestion, ...]


@entree
def lire_calendrier(data: object, nombre_trimestres: int | None = None) -> EntreeCalendrier:
    """Verbe `calendrier` : {places, logements?, capacite?, mandats_gestion?}."""
    obj = _verbe(data, {"places", "logements", "capacite", "mandats_gestion"})
    mandats = []
    for i, x in enumerate(cv.liste(obj.get("mandats_gestion") or [], "mandats_gestion")):
        c = cv.indice("mandats_gestion", i)
        m = cv.objet(x, c)
        cv.cles(m, c, requises={"date_debut"}, permises={"date_fin_prevue"})
        mandats.append(
            MandatGestion(
                cv.jour(m["date_debut"], cv.sous(c, "date_debut")),
                cv.jour_ou_none(m.get("date_fin_prevue"), cv.sous(c, "date_fin_prevue")),
            )
        )
    return EntreeCalendrier(
        logements=lignes_echeancier(obj.get("logements"), "logements", nombre_trimestres),
        places=lignes_echeancier(obj.get("places"), "places", nombre_trimestres),
        capacite=cv.entier_ou_none(obj.get("capacite"), "capacite", minimum=1),
        mandats=tuple(mandats),
    )


@entree
def lire_repartition(data: object) -> tuple[ProjetRetenu, ...]:
    """Verbe `repartition` : {projets: [{code, places: {forme: n}}]}."""
    obj = _verbe(data, set(), frozenset({"projets"}))
    projets = []
    for i, x in enumerate(cv.liste(obj["projets"], "projets")):
        c = cv.indice("projets", i)
        p = cv.objet(x, c)
        cv.cles(p, c, requises={"code", "places"}, permises=set())
        projets.append(
            ProjetRetenu(
                cv.texte(p["code"], cv.sous(c, "code")),
                _par_mode(p["places"], cv.sous(c, "places")),
            )
        )
    return tuple(projets)
