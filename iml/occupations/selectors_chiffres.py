"""Lectures des chiffres des occupations : des nombres par opérateur, jamais un ménage.

Le périmètre : l'opérateur (direction, gestion locative) lit le sien ; l'État les opérateurs
de son territoire (DDETS : son département ; DREETS : sa région) ; l'administration de la
plateforme tous. Chaque lecture est une requête groupée par opérateur : le nombre de
requêtes ne dépend pas du nombre d'occupations.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Min, Q, QuerySet

from iml.comptes.acteur import Acteur
from iml.comptes.enums import TypeOrganisation
from iml.comptes.models import Organisation
from iml.menages import perms
from iml.occupations.models import Occupation, Periode
from regles.calendrier import ajouter_mois
from regles.types import DestinationSortie, Mode, StatutOccupation


def operateurs_des_chiffres(acteur: Acteur) -> QuerySet[Organisation]:
    """Les opérateurs dont l'acteur lit les chiffres (vide s'il n'en lit aucun)."""
    from iml.comptes.selectors import filtre_territoire

    qs = Organisation.objects.filter(type=TypeOrganisation.OPERATEUR).order_by("nom", "pk")
    if acteur.agit_pour_la_plateforme:
        return qs
    if acteur.est_etat:
        return qs.filter(filtre_territoire(acteur, "territoire"))
    if perms.gere_les_menages(acteur):
        return qs.filter(pk=acteur.organisation.pk)
    return qs.none()


def _par_operateur(lignes) -> dict[int, dict]:
    return {ligne.pop("operateur_id"): ligne for ligne in lignes}


def comptes(
    operateurs: list[int], annee: int, aujourd_hui: date, fin_mandat_jours: int
) -> dict[int, dict]:
    """Par opérateur : ménages logés aujourd'hui par forme, entrées de l'année (hors mandat
    qui suit un glissement), glissements de l'année (dont suivis d'un mandat de gestion),
    sous-locations en cours depuis plus de 12 mois, mandats de gestion dont le financement
    finit dans `fin_mandat_jours` jours ou est échu. Une requête."""
    en_cours = Q(statut=StatutOccupation.EN_COURS)
    glissement = Q(destination=DestinationSortie.GLISSEMENT_BAIL, date_sortie__year=annee)
    lignes = (
        Occupation.objects.filter(operateur_id__in=operateurs)
        .values("operateur_id")
        .annotate(
            loges_mg=Count("pk", filter=en_cours & Q(forme=Mode.MANDAT_GESTION)),
            loges_sl=Count("pk", filter=en_cours & Q(forme=Mode.SOUS_LOCATION)),
            entrees=Count("pk", filter=Q(date_entree__year=annee, precedente__isnull=True)),
            glissements=Count("pk", filter=glissement),
            glissements_mandat=Count("pk", filter=glissement & Q(suivante__isnull=False)),
            sl_plus_12_mois=Count(
                "pk",
                filter=en_cours
                & Q(forme=Mode.SOUS_LOCATION, date_entree__lte=ajouter_mois(aujourd_hui, -12)),
            ),
            mg_fin_proche=Count(
                "pk",
                filter=en_cours
                & Q(
                    forme=Mode.MANDAT_GESTION,
                    fin_financement__lte=aujourd_hui + timedelta(days=fin_mandat_jours),
                ),
            ),
        )
        .order_by()
    )
    return _par_operateur(lignes)


def renouvellements(operateurs: list[int], annee: int) -> dict[int, int]:
    """Par opérateur : les renouvellements de sous-location décidés dans l'année. Une requête."""
    lignes = (
        Periode.objects.filter(
            occupation__operateur_id__in=operateurs, rang__gte=1, decide_le__year=annee
        )
        .values("occupation__operateur_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {ligne["occupation__operateur_id"]: ligne["n"] for ligne in lignes}


def sorties_par_destination(operateurs: list[int], annee: int) -> dict[int, dict[str, int]]:
    """Par opérateur et par destination : les sorties de l'année. Une requête."""
    lignes = (
        Occupation.objects.filter(
            operateur_id__in=operateurs,
            statut=StatutOccupation.TERMINEE,
            date_sortie__year=annee,
        )
        .values("operateur_id", "destination")
        .annotate(n=Count("pk"))
        .order_by()
    )
    resultat: dict[int, dict[str, int]] = {}
    for ligne in lignes:
        resultat.setdefault(ligne["operateur_id"], {})[ligne["destination"]] = ligne["n"]
    return resultat


def sejours(operateurs: list[int], annee: int) -> list[tuple[int, date, date]]:
    """(opérateur, entrée, sortie) de chaque sortie de l'année, pour les durées de séjour
    (la médiane ne se calcule pas en SQL portable) : trois colonnes, aucune identité. Une
    requête."""
    return list(
        Occupation.objects.filter(
            operateur_id__in=operateurs,
            statut=StatutOccupation.TERMINEE,
            date_sortie__year=annee,
        )
        .order_by()
        .values_list("operateur_id", "date_entree", "date_sortie")
    )


def premiere_annee(operateurs: list[int]) -> int | None:
    """L'année de la première entrée connue parmi ces opérateurs. Une requête."""
    premiere = Occupation.objects.filter(operateur_id__in=operateurs).aggregate(
        d=Min("date_entree")
    )["d"]
    return premiere.year if premiere else None
