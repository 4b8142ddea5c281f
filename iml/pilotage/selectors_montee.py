"""Lectures de la montée en charge (R-RAMPUP), cadrées par le périmètre de l'acteur.

Périmètre : l'opérateur ses conventions, l'État celles des appels de son territoire
(département, ou région pour un service régional), l'administration de la plateforme toutes
(`iml.appels.selectors.dossiers_visibles`) ; les autres rien. Une convention hors périmètre est
une 404. Des nombres seulement : ni ménage, ni bailleur, ni adresse.

Requêtes : les conventions (décision, opérateur, appel, jeu, territoire), leurs versions, leurs
logements et les occupations de ces logements : quatre lectures, quel que soit le nombre de
conventions. Le calcul est `regles.montee_en_charge`.

Pour les tableaux de bord : `jalons_a_surveiller(acteur, jour)` rend les jalons à risque et
manqués du périmètre (convention, date, part exigée, part atteinte).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from iml.appels.enums import ResultatDecision, StatutDossier
from iml.appels.models import Convention, VersionDossier
from iml.appels.selectors import dossiers_visibles
from iml.comptes.acteur import Acteur
from iml.occupations.models import Occupation
from iml.parc.models import Logement
from iml.pilotage import perms
from regles.bareme import Bareme
from regles.capacite import LigneEcheancier, totaux_par
from regles.conversion import ValeurInvalide
from regles.entrees import lignes_echeancier
from regles.montee_en_charge import (
    EntreeMontee,
    EtatJalon,
    LogementReel,
    Montee,
    OccupationReelle,
    montee_convention,
)
from regles.montee_en_charge_agregats import agreger, trimestres_communs
from regles.subvention import PlacesRetenues, rapports_places_retenues
from regles.types import Mode, Typologie


@dataclass(frozen=True)
class MonteeConvention:
    """Une convention et sa montée en charge (aucune donnée personnelle)."""

    pk: int
    numero: str
    operateur: str
    appel: str
    appel_pk: int
    departement: str
    region: str
    montee: Montee


@dataclass(frozen=True)
class Groupe:
    """Un agrégat (appel, département, région) : son libellé et sa montée en charge."""

    libelle: str
    montee: Montee
    appel_pk: int | None = None


@dataclass(frozen=True)
class JalonASurveiller:
    """Un jalon à risque ou manqué d'une convention du périmètre (pour les tableaux de bord)."""

    convention_pk: int
    numero: str
    operateur: str
    date: date
    part_min_pct: Decimal
    part_pct: Decimal | None
    places_exigees: int | None
    places_ouvertes: int
    etat: EtatJalon


def _conventions(qs: QuerySet[Convention]) -> QuerySet[Convention]:
    return (
        qs.select_related(
            "dossier__operateur",
            "dossier__decision",
            "dossier__appel__jeu",
            "dossier__appel__territoire__region",
        )
        .prefetch_related(
            Prefetch(
                "dossier__versions",
                queryset=VersionDossier.objects.only("dossier", "numero", "contenu"),
            )
        )
        .order_by("dossier__appel__nom", "dossier__operateur__nom", "numero")
    )


def conventions_du_perimetre(acteur: Acteur) -> QuerySet[Convention]:
    """Les conventions dont l'acteur lit la montée en charge (vide sans droit)."""
    if perms.acces_montee(acteur) is not None:
        return Convention.objects.none()
    return _conventions(Convention.objects.filter(dossier__in=dossiers_visibles(acteur)))


def toutes_les_conventions() -> QuerySet[Convention]:
    """Toutes les conventions, pour la tâche quotidienne des alertes seulement (aucun écran :
    les écrans passent par `conventions_du_perimetre`)."""
    return _conventions(Convention.objects.all())


def convention_ou_404(acteur: Acteur, pk: int) -> Convention:
    return get_object_or_404(conventions_du_perimetre(acteur), pk=pk)


def _annexe(contenu: dict, cle: str) -> tuple[LigneEcheancier, ...] | None:
    try:
        return lignes_echeancier(contenu.get(cle), cle)
    except ValeurInvalide:
        return None


def _entree(convention: Convention, bareme: Bareme, logements, occupations) -> EntreeMontee:
    dossier = convention.dossier
    versions = list(dossier.versions.all())
    contenu = max(versions, key=lambda v: v.numero).contenu or {} if versions else {}
    places = _annexe(contenu, "places") if versions else None
    decision = getattr(dossier, "decision", None)
    if decision is not None and decision.resultat == ResultatDecision.REFUSE:
        decision = None
    rapports: dict[Mode, tuple[int, int]] = {}
    if decision is not None and places and dossier.statut == StatutDossier.PARTIELLEMENT_RETENU:
        demandees = totaux_par(places, bareme)[0]
        par_forme = {
            Mode.MANDAT_GESTION: decision.places_mg,
            Mode.SOUS_LOCATION: decision.places_sl,
        }
        retenues = PlacesRetenues(decision.places_retenues, par_forme)
        rapports = rapports_places_retenues(demandees, retenues)
    return EntreeMontee(
        logements_prevus=_annexe(contenu, "logements") if versions else None,
        places_prevues=places,
        rapports=rapports,
        capacite=decision.places_mg + decision.places_sl if decision is not None else None,
        logements=tuple(logements),
        occupations=tuple(occupations),
    )


def _reel(ids: list[int]) -> tuple[dict[int, list], dict[int, list]]:
    """Logements datés de leur mobilisation (leur statut décide du reste :
    `regles.parc.ouvert_au`) et occupations de ces logements, par convention : deux requêtes."""
    logements: dict[int, list[LogementReel]] = defaultdict(list)
    lignes = Logement.objects.filter(
        convention_id__in=ids, date_mobilisation__isnull=False
    ).values_list(
        "pk", "convention_id", "typologie", "forme", "capacite", "date_mobilisation",
        "date_restitution", "statut",
    )  # fmt: skip
    for pk, conv, typo, forme, capacite, mobilise, restitue, statut in lignes:
        logements[conv].append(
            LogementReel(pk, Typologie(typo), Mode(forme), capacite, mobilise, restitue, statut)
        )
    occupations: dict[int, list[OccupationReelle]] = defaultdict(list)
    for logement, conv, entree, sortie in Occupation.objects.filter(
        logement__convention_id__in=ids
    ).values_list("logement_id", "logement__convention_id", "date_entree", "date_sortie"):
        occupations[conv].append(OccupationReelle(logement, entree, sortie))
    return logements, occupations


def alerte_jours(bareme: Bareme) -> int:
    """`pilotage.alerte_jalon_jours` du barème de l'appel, ou du national le plus récent pour
    un appel dont le barème précède ce bloc."""
    if bareme.pilotage is not None:
        return bareme.pilotage.alerte_jalon_jours
    from iml.parc.parametres import bareme_national

    national = bareme_national()
    if national.pilotage is None:
        from iml.referentiel.services import charger_jeux_fichiers

        charger_jeux_fichiers()
        national = bareme_national()
    assert national.pilotage is not None, "barème national sans bloc « pilotage »"
    return national.pilotage.alerte_jalon_jours


def _alertes(baremes: dict[int, Bareme]) -> dict[int, int]:
    """`alerte_jours` par jeu : le national le plus récent n'est lu qu'une fois pour tous les
    appels dont le barème précède le bloc `pilotage` (pas une requête par convention)."""
    resultat: dict[int, int] = {}
    national: int | None = None
    for pk, bareme in baremes.items():
        if bareme.pilotage is not None:
            resultat[pk] = bareme.pilotage.alerte_jalon_jours
            continue
        if national is None:
            national = alerte_jours(bareme)
        resultat[pk] = national
    return resultat


class _Calcul:
    """Les données d'un lot de conventions, lues une fois, et leur calcul."""

    def __init__(self, conventions) -> None:
        self.conventions = list(conventions)
        self.baremes: dict[int, Bareme] = {}
        for c in self.conventions:
            jeu = c.dossier.appel.jeu
            if jeu.pk not in self.baremes:
                self.baremes[jeu.pk] = jeu.en_bareme()
        self.alertes = _alertes(self.baremes)
        self.logements, self.occupations = _reel([c.pk for c in self.conventions])

    def bareme(self, c: Convention) -> Bareme:
        return self.baremes[c.dossier.appel.jeu.pk]

    def alerte(self, c: Convention) -> int:
        return self.alertes[c.dossier.appel.jeu.pk]

    def montee(self, c: Convention, jour: date, trimestres=None) -> Montee:
        bareme = self.bareme(c)
        entree = _entree(c, bareme, self.logements[c.pk], self.occupations[c.pk])
        return montee_convention(entree, bareme, jour, self.alerte(c), trimestres)

    def ligne(self, c: Convention, jour: date) -> MonteeConvention:
        appel = c.dossier.appel
        territoire = appel.territoire
        return MonteeConvention(
            c.pk, c.numero, c.dossier.operateur.nom, appel.nom, appel.pk, territoire.nom,
            territoire.region.nom if territoire.region else territoire.nom,
            self.montee(c, jour),
        )  # fmt: skip

    def groupe(
        self, libelle: str, membres: list[Convention], jour: date, appel_pk: int | None = None
    ) -> Groupe | None:
        communs = trimestres_communs(self.bareme(c) for c in membres)
        montees = [self.montee(c, jour, communs) for c in membres]
        bareme = self.bareme(membres[0])
        total = agreger(montees, jour, self.alerte(membres[0]), bareme.pourcentages_arrondi)
        return Groupe(libelle, total, appel_pk) if total is not None else None


def montees(conventions, jour: date) -> list[MonteeConvention]:
    """La montée en charge de chaque convention (déjà lue dans le périmètre)."""
    calcul = _Calcul(conventions)
    return [calcul.ligne(c, jour) for c in calcul.conventions]


def montee_de(convention: Convention, jour: date) -> MonteeConvention:
    return montees([convention], jour)[0]


def _cle(c: Convention, niveau: str) -> tuple[str, int | None]:
    appel = c.dossier.appel
    territoire = appel.territoire
    if niveau == "appel":
        return appel.nom, appel.pk
    if niveau == "departement":
        return f"{territoire.nom} ({territoire.code})", None
    return (territoire.region.nom if territoire.region else territoire.nom), None


def groupes(conventions, jour: date, niveau: str) -> list[Groupe]:
    """R-RAMPUP : agrégats par `niveau` (« appel », « departement », « region »), chacun
    aligné sur les trimestres de ses appels ; dans l'ordre des libellés."""
    calcul = _Calcul(conventions)
    par: dict[tuple[str, int | None], list[Convention]] = defaultdict(list)
    for c in calcul.conventions:
        par[_cle(c, niveau)].append(c)
    resultat = [
        calcul.groupe(libelle, membres, jour, pk)
        for (libelle, pk), membres in sorted(
            par.items(), key=lambda e: (e[0][0], -1 if e[0][1] is None else e[0][1])
        )
    ]
    return [g for g in resultat if g is not None]


def total(conventions, jour: date, libelle: str = "Ensemble du périmètre") -> Groupe | None:
    """L'agrégat de toutes les conventions données."""
    calcul = _Calcul(conventions)
    if not calcul.conventions:
        return None
    return calcul.groupe(libelle, calcul.conventions, jour)


A_SURVEILLER = (EtatJalon.A_RISQUE, EtatJalon.MANQUE)


def jalons_a_surveiller(acteur: Acteur, jour: date) -> list[JalonASurveiller]:
    """R-RAMPUP : les jalons à risque et manqués des conventions du périmètre de l'acteur, du
    plus proche au plus lointain (manqués d'abord à date égale). Vide sans droit."""
    resultat = [
        JalonASurveiller(
            m.pk, m.numero, m.operateur, j.date, j.part_min_pct, j.part_pct, j.places_exigees,
            j.places_ouvertes, j.etat,
        )
        for m in montees(conventions_du_perimetre(acteur), jour)
        for j in m.montee.jalons
        if j.etat in A_SURVEILLER
    ]  # fmt: skip
    return sorted(resultat, key=lambda j: (j.date, j.etat != EtatJalon.MANQUE, j.numero))
