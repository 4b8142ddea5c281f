"""Lectures du panorama régional : la région de l'acteur, ses départements, la dernière
déclaration de chaque (département, indicateur) d'une année, leur historique, et les chiffres
calculés depuis les conventions du système (lus par les sélecteurs des appels et du parc, dans
le périmètre de l'acteur)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404

from iml.comptes.acteur import Acteur
from iml.comptes.enums import NiveauTerritoire
from iml.comptes.models import Territoire
from iml.parc.parametres import bareme_national
from iml.pilotage.models import IndicateurDeclare
from regles.panorama import (
    Indicateur,
    Total,
    Unite,
    financement_petit_chez_soi,
    somme_connue,
    totaliser,
)

#: Indicateur déclaré qui correspond à une catégorie et une forme des conventions.
PAR_CATEGORIE_FORME = {
    (c, f): Indicateur(f"PLACES_{c}_{'MG' if f == 'MANDAT_GESTION' else 'SL'}")
    for c in ("CLASSIQUE", "SPECIALISEE", "PSY")
    for f in ("MANDAT_GESTION", "SOUS_LOCATION")
}


def regions() -> list[Territoire]:
    return list(Territoire.objects.filter(niveau=NiveauTerritoire.REGION).order_by("nom"))


def region_de(acteur: Acteur, code: str | None = None) -> Territoire | None:
    """La région du panorama : celle de l'État (sa région, ou celle de son département) ; la
    plateforme choisit par `code` (`None` tant qu'elle n'a pas choisi). Une autre région : 404."""
    territoire = acteur.territoire
    if acteur.agit_pour_la_plateforme:
        if not code:
            return None
        return get_object_or_404(Territoire, niveau=NiveauTerritoire.REGION, code=code)
    if territoire is None:
        raise Http404("Aucune région.")
    propre = territoire if territoire.niveau == NiveauTerritoire.REGION else territoire.region
    if propre is None or (code and code != propre.code):
        raise Http404("Région hors de votre périmètre.")
    return propre


def departements_qs(region: Territoire):
    return Territoire.objects.filter(region=region).order_by("code")


def departements(region: Territoire) -> list[Territoire]:
    return list(departements_qs(region))


def annees(region: Territoire) -> list[int]:
    return sorted(
        set(
            IndicateurDeclare.objects.filter(departement__region=region).values_list(
                "annee", flat=True
            )
        ),
        reverse=True,
    )


def declarations(region: Territoire, annee: int) -> dict[tuple[int, str], list[IndicateurDeclare]]:
    """Par (département, indicateur) : les déclarations de l'année, la plus récente d'abord
    (elle fait foi ; les autres sont son historique). Une requête."""
    par_cle: dict[tuple[int, str], list[IndicateurDeclare]] = defaultdict(list)
    qs = (
        IndicateurDeclare.objects.filter(departement__region=region, annee=annee)
        .select_related("saisi_par", "organisation")
        .order_by("-saisi_le", "-pk")
    )
    for d in qs:
        par_cle[(d.departement_id, d.indicateur)].append(d)
    return dict(par_cle)


def courante(departement: Territoire, annee: int, indicateur: str) -> IndicateurDeclare | None:
    return (
        IndicateurDeclare.objects.filter(
            departement=departement, annee=annee, indicateur=indicateur
        )
        .order_by("-saisi_le", "-pk")
        .first()
    )


@dataclass
class Calcules:
    """Places financées par les conventions signées du système, par département et indicateur
    (catégorie × forme) ; `sans_categorie` : places dont le dossier ne dit pas sa catégorie ;
    `hors_perimetre` : départements dont l'acteur ne voit pas les conventions."""

    places: dict[tuple[int, str], int] = field(default_factory=dict)
    sans_categorie: dict[int, int] = field(default_factory=dict)
    conventions: dict[int, int] = field(default_factory=dict)
    visibles: set[int] = field(default_factory=set)
    jour: date | None = None


def _categorie(convention) -> str | None:
    versions = list(convention.dossier.versions.all())  # préchargées
    if not versions:
        return None
    return max(versions, key=lambda v: v.numero).contenu.get("categorie") or None


def calcules(acteur: Acteur, region: Territoire, jour: date) -> Calcules:
    """R-CATEGORY, R-MODE : places retenues (MG, SL) des conventions signées des départements de
    la région que l'acteur voit (`conventions_des_chiffres`), rangées par catégorie et forme."""
    from iml.parc.selectors import conventions_des_chiffres

    resultat = Calcules(jour=jour)
    deps = departements(region)
    if acteur.agit_pour_la_plateforme or acteur.est_etat_regional:
        resultat.visibles = {d.pk for d in deps}
    elif acteur.territoire is not None:
        resultat.visibles = {acteur.territoire.pk} & {d.pk for d in deps}
    places: dict[tuple[int, str], int] = defaultdict(int)
    conventions = conventions_des_chiffres(acteur, territoire=True).filter(
        dossier__appel__territoire__region=region, date_signature__isnull=False
    )
    for conv in conventions:
        dep = conv.dossier.appel.territoire_id
        decision = getattr(conv.dossier, "decision", None)
        if decision is None:
            continue
        resultat.conventions[dep] = resultat.conventions.get(dep, 0) + 1
        categorie = _categorie(conv)
        for forme, n in (
            ("MANDAT_GESTION", decision.places_mg),
            ("SOUS_LOCATION", decision.places_sl),
        ):
            indicateur = PAR_CATEGORIE_FORME.get((categorie, forme)) if categorie else None
            if indicateur is None:
                resultat.sans_categorie[dep] = resultat.sans_categorie.get(dep, 0) + n
            else:
                places[(dep, indicateur.value)] += n
    resultat.places = dict(places)
    return resultat


def total_calcule(c: Calcules, dep_id: int, indicateur: str) -> Decimal | None:
    """Places calculées d'un département ; `None` hors du périmètre de l'acteur (inconnu pour
    lui, jamais 0) ; 0 s'il voit le département et qu'aucune convention n'en porte."""
    if dep_id not in c.visibles:
        return None
    return Decimal(c.places.get((dep_id, indicateur), 0))


# --- Tableau du panorama (page, graphique, exports) -------------------------------------------


@dataclass(frozen=True)
class Case:
    """Une case déclarée : `etat` ∈ connu, non_renseigne (« ? » déclaré), non_declare (aucune
    déclaration : inconnu aussi, jamais 0)."""

    valeur: Decimal | None
    etat: str
    derniere: IndicateurDeclare | None = None
    corrections: int = 0
    calcule: Decimal | None = None


@dataclass(frozen=True)
class TotalPanorama(Total):
    """Un total de la région ; `declare` faux : aucune case en dessous n'a de déclaration, le
    total dit « non déclaré » comme ses cases (et n'est pas « incomplet » : il n'y a rien)."""

    declare: bool = True

    @classmethod
    def de(cls, total: Total, declare: bool) -> TotalPanorama:
        return cls(total.connu, total.non_renseignes, total.departements, total.unite, declare)

    @property
    def incomplet(self) -> bool:
        return self.declare and not self.complet

    @property
    def texte(self) -> str:
        return super().texte if self.declare else "non déclaré"

    @property
    def texte_euros(self) -> str:
        return super().texte_euros if self.declare else "non déclaré"


def _declare(cases: list[Case]) -> bool:
    return any(c.etat != "non_declare" for c in cases)


@dataclass
class LignePanorama:
    departement: Territoire
    cases: list[Case]
    mesures_total: Decimal | None = None
    financement_petit_chez_soi: Decimal | None = None


@dataclass
class Panorama:
    region: Territoire
    annee: int
    indicateurs: list[Indicateur]
    lignes: list[LignePanorama]
    totaux: list[TotalPanorama]
    total_mesures: TotalPanorama
    total_financement: TotalPanorama
    par_place: dict = field(default_factory=dict)
    sources: list[tuple[str, date]] = field(default_factory=list)
    calcules: Calcules | None = None


def _case(historique: list[IndicateurDeclare] | None, calcule: Decimal | None) -> Case:
    if not historique:
        return Case(None, "non_declare", calcule=calcule)
    d = historique[0]
    etat = "non_renseigne" if d.valeur is None else "connu"
    return Case(d.valeur, etat, d, len(historique) - 1, calcule)


def _totaux(indicateurs: list[Indicateur], lignes: list[LignePanorama]):
    """Les totaux de la région (R-UNKNOWN) : un par indicateur, les mesures État + département,
    le financement « un petit chez-soi » ; « non déclaré » si aucune case n'est déclarée."""
    colonne = {i: [ligne.cases[k] for ligne in lignes] for k, i in enumerate(indicateurs)}
    totaux = [
        TotalPanorama.de(totaliser([c.valeur for c in colonne[i]], i.unite), _declare(colonne[i]))
        for i in indicateurs
    ]
    mesures = colonne[Indicateur.MESURES_ETAT] + colonne[Indicateur.MESURES_DEPARTEMENT]
    total_mesures = totaliser([ligne.mesures_total for ligne in lignes], Unite.MESURES)
    total_financement = totaliser([ligne.financement_petit_chez_soi for ligne in lignes])
    return (
        totaux,
        TotalPanorama.de(total_mesures, _declare(mesures)),
        TotalPanorama.de(total_financement, _declare(colonne[Indicateur.PLACES_PETIT_CHEZ_SOI])),
    )


def panorama(acteur: Acteur, region: Territoire, annee: int, jour: date) -> Panorama:
    """Le tableau de l'année : déclarations en vigueur, totaux R-UNKNOWN, mesures État +
    département, financement « un petit chez-soi », chiffres calculés à côté."""
    indicateurs = list(Indicateur)
    decl = declarations(region, annee)
    calc = calcules(acteur, region, jour)
    par_place = dict(bareme_national().petit_chez_soi_financement_par_place)
    lignes, sources = [], set()
    for dep in departements(region):
        cases = []
        for i in indicateurs:
            calcule = (
                total_calcule(calc, dep.pk, i.value) if i in PAR_CATEGORIE_FORME.values() else None
            )
            cases.append(_case(decl.get((dep.pk, i.value)), calcule))
        par_i = dict(zip(indicateurs, cases, strict=True))
        ligne = LignePanorama(dep, cases)
        ligne.mesures_total = somme_connue(
            [par_i[Indicateur.MESURES_ETAT].valeur, par_i[Indicateur.MESURES_DEPARTEMENT].valeur]
        )
        ligne.financement_petit_chez_soi = financement_petit_chez_soi(
            par_i[Indicateur.PLACES_PETIT_CHEZ_SOI].valeur, par_place
        ).total
        lignes.append(ligne)
        sources |= {(c.derniere.source, c.derniere.date_source) for c in cases if c.derniere}
    totaux, total_mesures, total_financement = _totaux(indicateurs, lignes)
    return Panorama(
        region, annee, indicateurs, lignes, totaux,
        total_mesures=total_mesures, total_financement=total_financement,
        par_place=par_place, sources=sorted(sources, key=lambda s: (s[1], s[0])), calcules=calc,
    )  # fmt: skip


def plafonds(region: Territoire):
    """R-CEILING-NA : les plafonds du jeu régional en vigueur de la région (barème daté), ou
    `None` si la région n'en a pas."""
    from django.utils import timezone

    from iml.referentiel.models import JeuParametres, NiveauJeu

    jeu = (
        JeuParametres.objects.filter(
            niveau=NiveauJeu.REGIONAL, territoire=region.code,
            date_effet__lte=timezone.localdate(),
        )
        .order_by("-date_effet", "-version")
        .first()
    )  # fmt: skip
    if jeu is None:
        return None
    b = jeu.en_bareme()
    if b.plafonds_sous_location is None and b.plafonds_mandat_gestion is None:
        return None
    return {
        "jeu": jeu,
        "sous_location": b.plafonds_sous_location,
        "mandat": b.plafonds_mandat_gestion,
    }


def historique(region: Territoire, annee: int, code: str = "", indicateur: str = ""):
    """Les déclarations de l'année dans la région, la plus récente d'abord ; filtrées sur un
    département (de la région, sinon 404) et un indicateur s'ils sont donnés."""
    qs = IndicateurDeclare.objects.filter(departement__region=region, annee=annee)
    departement = None
    if code:
        departement = get_object_or_404(Territoire, region=region, code=code)
        qs = qs.filter(departement=departement)
    if indicateur:
        qs = qs.filter(indicateur=indicateur)
    qs = qs.select_related("departement", "saisi_par", "organisation").order_by("-saisi_le", "-pk")
    return departement, list(qs)
