"""Lectures des tableaux de bord du pilotage : des nombres, jamais un nom de ménage.

Périmètre (celui des autres applications, lu par leurs sélecteurs) : l'État son territoire
(DDETS : son département ; DREETS : sa région), l'opérateur ses conventions, le SIAO son
département, le cofinanceur ce qu'il cofinance dans son territoire (R-COFUNDING,
R-CD-MEASURES), l'administration de la plateforme tout. Chaque lecture est une requête groupée
(ou un nombre fixe de requêtes) : le nombre de requêtes ne dépend pas du nombre de lignes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, Max, Q, QuerySet, Sum

from iml.appels.enums import StatutDossier
from iml.appels.models import Cofinancement, Convention
from iml.comptes.acteur import Acteur
from iml.comptes.selectors import filtre_territoire
from regles.types import Financeur, StatutOccupation
from regles.types_orientations import StatutProposition, StatutVacance

ETAT, OPERATEUR, SIAO, COFINANCEUR = "etat", "operateur", "siao", "cofinanceur"


def profil(acteur: Acteur) -> str | None:
    """Le tableau de bord de l'acteur : État (et plateforme), opérateur (direction, gestion
    locative), SIAO (coordination), cofinanceur ; `None` : pas de tableau de bord chiffré."""
    from iml.orientations.perms import coordonne
    from iml.parc.perms import gere_le_parc

    if acteur.agit_pour_la_plateforme or acteur.est_etat:
        return ETAT
    if gere_le_parc(acteur):
        return OPERATEUR
    if coordonne(acteur):
        return SIAO
    if acteur.est_cofinanceur and acteur.organisation is not None:
        return COFINANCEUR
    return None


# --- Conventions et places -----------------------------------------------------------------


def conventions(acteur: Acteur) -> QuerySet[Convention]:
    """Les conventions du tableau de bord : celles du territoire (État, plateforme), celles de
    l'organisation (opérateur) ; aucune sinon. Avenants préchargés (montants en vigueur)."""
    from iml.parc.selectors import conventions_des_chiffres

    return conventions_des_chiffres(acteur, territoire=acteur.est_etat).prefetch_related("avenants")


def places_occupees(conventions_ids: list[int]) -> dict[int, int]:
    """Par convention : les places des logements qu'une occupation en cours occupe (capacité
    du logement). Une requête."""
    from iml.occupations.models import Occupation

    lignes = (
        Occupation.objects.filter(
            logement__convention_id__in=conventions_ids, statut=StatutOccupation.EN_COURS
        )
        .values("logement__convention_id")
        .annotate(places=Sum("logement__capacite", default=0))
        .order_by()
    )
    return {ligne["logement__convention_id"]: ligne["places"] for ligne in lignes}


def places_ouvertes_au(conventions_ids: list[int], jour: date) -> dict[int, int | None]:
    """Par convention : les places ouvertes au `jour` (capacité des logements mobilisés ce
    jour-là ou avant et pas encore restitués ; hors captation ; un logement restitué sans date
    n'a jamais compté, comme dans la montée en charge). Un logement ouvert aujourd'hui sans
    date de mobilisation rend la convention inconnue à cette date (R-UNKNOWN) ; une convention
    sans logement : 0. Une requête."""
    from iml.parc.models import Logement
    from regles.types import StatutLogement

    ouverts = [StatutLogement.DISPONIBLE, StatutLogement.OCCUPE, StatutLogement.VACANT]
    resultat: dict[int, int | None] = dict.fromkeys(conventions_ids, 0)
    lignes = (
        Logement.objects.filter(convention_id__in=conventions_ids)
        .exclude(statut=StatutLogement.EN_CAPTATION)
        .values_list("convention_id", "capacite", "date_mobilisation", "date_restitution",
                     "statut")
    )  # fmt: skip
    for convention, capacite, mobilise, restitue, statut in lignes:
        if mobilise is None:
            if statut in ouverts:
                resultat[convention] = None
            continue
        if statut == StatutLogement.RESTITUE and restitue is None:
            continue
        ouvert = mobilise <= jour and (restitue is None or restitue > jour)
        actuel = resultat[convention]
        if ouvert and actuel is not None:
            resultat[convention] = None if capacite is None else actuel + capacite
    return resultat


# --- Opérateurs du périmètre, sorties et séjours -------------------------------------------


def operateurs(acteur: Acteur) -> list[int]:
    """Les opérateurs dont l'acteur lit les chiffres des occupations. Une requête."""
    from iml.occupations.selectors_chiffres import operateurs_des_chiffres

    return list(operateurs_des_chiffres(acteur).values_list("pk", flat=True))


def sorties_et_sejours(
    operateurs_ids: list[int], annee: int
) -> tuple[dict[str, int], list[tuple[date, date]]]:
    """Sorties de l'année par destination (tous opérateurs du périmètre) et (entrée, sortie)
    de chacune. Deux requêtes."""
    from iml.occupations.selectors_chiffres import sejours, sorties_par_destination

    par_destination: dict[str, int] = defaultdict(int)
    for comptes in sorties_par_destination(operateurs_ids, annee).values():
        for destination, n in comptes.items():
            par_destination[destination] += n
    return dict(par_destination), [(e, s) for _, e, s in sejours(operateurs_ids, annee)]


# --- Vacances -------------------------------------------------------------------------------


def debuts_des_vacances(acteur: Acteur) -> list[date]:
    """Le jour de disponibilité de chaque vacance déclarée au SIAO et non pourvue du
    périmètre (État : opérateurs du territoire ; opérateur : les siennes ; SIAO : son
    département). Une requête."""
    from iml.orientations.models import DeclarationVacance
    from iml.orientations.selectors import vacances_visibles

    if acteur.agit_pour_la_plateforme:
        qs = DeclarationVacance.objects.all()
    elif acteur.est_etat:
        qs = DeclarationVacance.objects.filter(filtre_territoire(acteur, "operateur__territoire"))
    else:
        qs = vacances_visibles(acteur)
    return list(
        qs.filter(statut=StatutVacance.DECLAREE).order_by().values_list("disponible_le", flat=True)
    )


# --- Files de travail ----------------------------------------------------------------------


@dataclass(frozen=True)
class FileEtat:
    dossiers_a_instruire: int
    conventions_a_signer: list[tuple[str, int]]
    """(numéro, dossier) des conventions sans signature enregistrée."""


def file_etat(acteur: Acteur) -> FileEtat:
    """Dossiers déposés sans décision, conventions non signées du territoire. Deux
    requêtes."""
    from iml.appels.selectors import dossiers_visibles

    a_instruire = dossiers_visibles(acteur).filter(statut=StatutDossier.DEPOSE).count()
    non_signees = (
        conventions(acteur)
        .filter(date_signature__isnull=True)
        .values_list("numero", "dossier_id")
        .order_by("numero")
    )
    return FileEtat(a_instruire, list(non_signees))


@dataclass(frozen=True)
class FileOperateur:
    renouvellements_dus: int
    """Sous-locations en cours dont la période finit dans le plus long délai d'alerte."""
    mandats_fin_proche: int
    impayes: int
    vacances: int
    propositions_sans_reponse: int
    propositions_en_retard: int
    """Sans réponse passé la date de réponse attendue (R-SIAO)."""


def file_operateur(acteur: Acteur, jour: date) -> FileOperateur:
    """La file de travail d'un opérateur. Un nombre fixe de requêtes."""
    from iml.occupations.models import Occupation
    from iml.occupations.parametres import parametres_occupations
    from iml.occupations.selectors_compte import endettees
    from iml.orientations.selectors import propositions_visibles
    from regles.types import Mode

    params = parametres_occupations()
    operateur = acteur.organisation
    assert operateur is not None
    en_cours = Occupation.objects.filter(operateur=operateur, statut=StatutOccupation.EN_COURS)
    horizon_sl = jour + timedelta(days=max(params.sl_alertes_jours, default=0))
    renouvellements = (
        en_cours.filter(forme=Mode.SOUS_LOCATION)
        .annotate(fin=Max("periodes__fin"))
        .filter(fin__lte=horizon_sl)
        .count()
    )
    horizon_mg = jour + timedelta(days=max(params.mg_alertes_fin_jours, default=0))
    mandats = en_cours.filter(forme=Mode.MANDAT_GESTION, fin_financement__lte=horizon_mg).count()
    propositions = propositions_visibles(acteur).filter(statut=StatutProposition.PROPOSEE)
    chiffres = propositions.aggregate(
        total=Count("pk"), en_retard=Count("pk", filter=Q(echeance__lt=jour))
    )
    return FileOperateur(
        renouvellements_dus=renouvellements,
        mandats_fin_proche=mandats,
        impayes=len(endettees(operateur.pk, jour)),
        vacances=len(debuts_des_vacances(acteur)),
        propositions_sans_reponse=chiffres["total"],
        propositions_en_retard=chiffres["en_retard"],
    )


@dataclass(frozen=True)
class FileSiao:
    vacances_a_pourvoir: list[date]
    menages_en_attente: int
    propositions_par_statut: dict[str, int]


def file_siao(acteur: Acteur) -> FileSiao:
    """Vacances sans proposition en cours, demandes en attente sans proposition, propositions
    par statut. Trois requêtes."""
    from iml.orientations.selectors import (
        demandes_en_attente,
        propositions_visibles,
        vacances_a_pourvoir,
    )

    par_statut = dict(
        propositions_visibles(acteur)
        .values_list("statut")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("statut", "n")
    )
    return FileSiao(
        vacances_a_pourvoir=list(
            vacances_a_pourvoir(acteur).order_by().values_list("disponible_le", flat=True)
        ),
        menages_en_attente=demandes_en_attente(acteur).count(),
        propositions_par_statut=par_statut,
    )


# --- Cofinanceur ----------------------------------------------------------------------------


def _siennes(acteur: Acteur) -> Q:
    """Les lignes du cofinanceur : celles qui le nomment ; et les lignes du conseil
    départemental sans organisation nommée, s'il est lui-même le conseil départemental — ce
    qu'une ligne au moins dit explicitement en le nommant avec ce financeur (R-COFUNDING). Un
    autre cofinanceur (une ARS…) ne voit jamais les montants du département comme les siens."""
    est_le_departement = Exists(
        Cofinancement.objects.filter(
            organisation=acteur.organisation, financeur=Financeur.CONSEIL_DEPARTEMENTAL
        )
    )
    return Q(organisation=acteur.organisation) | (
        Q(organisation__isnull=True, financeur=Financeur.CONSEIL_DEPARTEMENTAL)
        & Q(est_le_departement)
    )


def annee_des_cofinancements(acteur: Acteur, jour: date) -> int:
    """L'exercice le plus récent, jusqu'à l'année du jour, des cofinancements du cofinanceur
    dans son territoire ; l'année du jour s'il n'y en a aucun. Une requête."""
    if not acteur.est_cofinanceur or acteur.organisation is None:
        return jour.year
    annee = (
        Cofinancement.objects.filter(_siennes(acteur), annee__lte=jour.year)
        .filter(filtre_territoire(acteur, "convention__dossier__appel__territoire"))
        .aggregate(a=Max("annee"))["a"]
    )
    return annee or jour.year


def cofinancements(acteur: Acteur, annee: int) -> list[Cofinancement]:
    """Les lignes de cofinancement de l'année des conventions du territoire du cofinanceur
    dont il est l'organisation financeuse (ou, sans organisation nommée, dont le financeur est
    le conseil départemental quand il l'est, cf. `_siennes`) ; convention et avenants
    préchargés. Deux requêtes."""
    if not acteur.est_cofinanceur or acteur.organisation is None:
        return []
    return list(
        Cofinancement.objects.filter(_siennes(acteur), annee=annee)
        .filter(filtre_territoire(acteur, "convention__dossier__appel__territoire"))
        .select_related("convention__dossier__operateur")
        .prefetch_related("convention__avenants")
        .order_by("convention__numero", "financeur")
    )


def mesures_cofinancees(
    acteur: Acteur, jour: date
) -> tuple[dict[str, tuple[int, Decimal | None, int]], int]:
    """Plans d'accompagnement en cours du territoire financés par le département (conseil
    départemental ou FAPI, R-CD-MEASURES) : par financeur, (plans, montant annuel connu,
    montants non renseignés), et le nombre de ces plans. Trois requêtes."""
    from iml.accompagnement.models import FinancementPlan
    from iml.accompagnement.selectors_chiffres import (
        FINANCEURS_DEPARTEMENT,
        operateurs_des_chiffres,
    )

    ops = list(operateurs_des_chiffres(acteur).values_list("pk", flat=True))
    en_cours = Q(plan__debut_le__lte=jour) & (
        Q(plan__fin_le__isnull=True) | Q(plan__fin_le__gte=jour)
    )
    du_departement = FinancementPlan.objects.filter(financeur__in=FINANCEURS_DEPARTEMENT)
    financements = FinancementPlan.objects.filter(
        en_cours, plan__menage__operateur_id__in=ops, plan_id__in=du_departement.values("plan_id")
    )
    lignes = (
        financements.values("financeur")
        .annotate(
            plans=Count("plan_id", distinct=True),
            montant=Sum("montant_annuel"),
            inconnus=Count("pk", filter=Q(montant_annuel__isnull=True)),
        )
        .order_by("financeur")
    )
    par_financeur = {
        ligne["financeur"]: (ligne["plans"], ligne["montant"], ligne["inconnus"])
        for ligne in lignes
    }
    return par_financeur, financements.values("plan_id").distinct().count()
