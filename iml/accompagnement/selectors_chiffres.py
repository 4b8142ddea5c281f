"""Lectures des chiffres d'activité de l'accompagnement : des nombres par opérateur, jamais un
ménage (R-STATS).

Le périmètre : la direction d'un opérateur lit le sien ; l'État les opérateurs de son
territoire (DDETS : son département ; DREETS : sa région) ; un cofinanceur les plans de son
territoire financés par les fonds du département (conseil départemental ou FAPI,
R-CD-MEASURES) ; l'administration de la plateforme tous.
Contacts et orientations comptent quand ils sont datés pendant un plan du périmètre. Chaque
lecture est une requête groupée : le nombre de requêtes ne dépend pas du nombre de plans.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet

from iml.accompagnement import perms
from iml.accompagnement.models import Contact, FinancementPlan, OrientationPartenaire, Plan
from iml.comptes.acteur import Acteur
from iml.comptes.enums import TypeOrganisation
from iml.comptes.models import Organisation
from regles.types import Financeur

#: Les fonds du département (R-CD-MEASURES) : ce que le cofinanceur lit.
FINANCEURS_DEPARTEMENT = (Financeur.CONSEIL_DEPARTEMENTAL, Financeur.FAPI)


def operateurs_des_chiffres(acteur: Acteur) -> QuerySet[Organisation]:
    """Les opérateurs dont l'acteur lit les chiffres (vide s'il n'en lit aucun)."""
    from iml.comptes.selectors import filtre_territoire

    qs = Organisation.objects.filter(type=TypeOrganisation.OPERATEUR).order_by("nom", "pk")
    if not perms.peut_voir_chiffres(acteur):
        return qs.none()
    if acteur.agit_pour_la_plateforme:
        return qs
    if acteur.est_etat or acteur.est_cofinanceur:
        return qs.filter(filtre_territoire(acteur, "territoire"))
    if acteur.est_operateur:
        return qs.filter(pk=acteur.organisation.pk)
    return qs.none()


def _plans(operateurs: list[int], cofinances: bool) -> QuerySet[Plan]:
    """Les plans des ménages de ces opérateurs ; pour un cofinanceur, ceux qu'un financeur du
    département finance : le conseil départemental ou le FAPI (R-CD-MEASURES, R-COFUNDING) ;
    un plan financé par l'ARS ou l'État seuls n'est pas le sien."""
    qs = Plan.objects.filter(menage__operateur_id__in=operateurs)
    if cofinances:
        departement = FinancementPlan.objects.filter(
            plan_id=OuterRef("pk"), financeur__in=FINANCEURS_DEPARTEMENT
        )
        qs = qs.filter(Exists(departement))
    return qs


def _dans_l_annee(annee: int, aujourd_hui: date) -> Q:
    fin = min(date(annee, 12, 31), aujourd_hui)
    return Q(debut_le__lte=fin) & (Q(fin_le__isnull=True) | Q(fin_le__gte=date(annee, 1, 1)))


def plans_de_l_annee(
    operateurs: list[int], annee: int, aujourd_hui: date, cofinances: bool
) -> list[tuple]:
    """(opérateur, ménage, début, fin, intensité, dispositif, issue) de chaque plan ouvert à un
    moment de l'année : aucune identité, l'identifiant du ménage ne sert qu'à compter ses mois
    d'accompagnement. Une requête."""
    return list(
        _plans(operateurs, cofinances)
        .filter(_dans_l_annee(annee, aujourd_hui))
        .order_by()
        .values_list(
            "menage__operateur_id",
            "menage_id",
            "debut_le",
            "fin_le",
            "intensite",
            "dispositif",
            "issue",
        )
    )


def _pendant_un_plan(operateurs: list[int], cofinances: bool) -> Exists:
    """Un contact ou une orientation daté pendant un plan du périmètre de son ménage."""
    plans = _plans(operateurs, cofinances).filter(
        Q(fin_le__isnull=True) | Q(fin_le__gte=OuterRef("le")),
        menage_id=OuterRef("menage_id"),
        debut_le__lte=OuterRef("le"),
    )
    return Exists(plans)


def contacts_par_canal(
    operateurs: list[int], annee: int, cofinances: bool
) -> dict[int, dict[str, int]]:
    """Par opérateur et par canal : les contacts de l'année notés pendant un plan. Une
    requête."""
    lignes = (
        Contact.objects.filter(menage__operateur_id__in=operateurs, le__year=annee)
        .filter(_pendant_un_plan(operateurs, cofinances))
        .order_by()
        .values("menage__operateur_id", "canal")
        .annotate(n=Count("pk"))
    )
    resultat: dict[int, dict[str, int]] = {}
    for ligne in lignes:
        resultat.setdefault(ligne["menage__operateur_id"], {})[ligne["canal"]] = ligne["n"]
    return resultat


def orientations(
    operateurs: list[int], annee: int, cofinances: bool
) -> list[tuple[int, str, str, int]]:
    """(opérateur, type de partenaire, suite, nombre) des orientations de l'année notées
    pendant un plan. Une requête."""
    lignes = (
        OrientationPartenaire.objects.filter(menage__operateur_id__in=operateurs, le__year=annee)
        .filter(_pendant_un_plan(operateurs, cofinances))
        .order_by()
        .values("menage__operateur_id", "partenaire__type", "issue")
        .annotate(n=Count("pk"))
    )
    return [
        (ligne["menage__operateur_id"], ligne["partenaire__type"], ligne["issue"], ligne["n"])
        for ligne in lignes
    ]


def premiere_annee(operateurs: list[int]) -> int | None:
    """L'année du premier plan connu parmi ces opérateurs. Une requête."""
    premier = Plan.objects.filter(menage__operateur_id__in=operateurs).aggregate(d=Min("debut_le"))[
        "d"
    ]
    return premier.year if premier else None
