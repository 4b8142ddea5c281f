"""Lectures cadrées des ménages : hors périmètre, une fiche est une 404. L'administration de la
plateforme et l'État ne lisent aucun ménage (des nombres seulement, voir les chiffres)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from iml.comptes.acteur import Acteur
from iml.comptes.enums import Role
from iml.comptes.models import Utilisateur
from iml.menages import perms
from iml.menages.models import ConsultationMenage, CriterePriorite, Menage, Personne, Ressource
from iml.occupations.models import Occupation
from regles.types import NatureRessource, StatutOccupation

#: Nombre de consultations d'une fiche montrées à la direction.
CONSULTATIONS_MONTREES = 20


def menages_visibles(acteur: Acteur) -> QuerySet[Menage]:
    qs = Menage.objects.select_related("operateur", "referent")
    if perms.gere_les_menages(acteur):
        return qs.filter(operateur=acteur.organisation)
    if perms.suit_des_menages(acteur):
        return qs.filter(operateur=acteur.organisation, referent=acteur.utilisateur)
    return qs.none()


def menage_ou_404(acteur: Acteur, pk: int) -> Menage:
    return get_object_or_404(menages_visibles(acteur), pk=pk)


def ressources_au(ressources: list[Ressource], jour: date) -> dict[NatureRessource, Decimal]:
    """La ressource la plus récente de chaque nature connue au `jour` (les lignes passées en
    argument, déjà lues : aucune requête)."""
    courantes: dict[NatureRessource, tuple[date, int, Decimal]] = {}
    for r in ressources:
        if r.connue_le > jour:
            continue
        nature = NatureRessource(r.nature)
        cle = (r.connue_le, r.pk)  # des lignes enregistrées : la clé existe toujours
        if nature not in courantes or cle > courantes[nature][:2]:
            courantes[nature] = (r.connue_le, r.pk, r.montant)
    return {nature: valeur[2] for nature, valeur in courantes.items()}


def personnes(menage: Menage) -> int:
    """La personne de référence et les autres membres."""
    return 1 + menage.personnes.count()


# --- Écrans : liste, fiche, éléments de la fiche ---------------------------------------------


def _occupations_en_cours() -> Prefetch:
    en_cours = Occupation.objects.filter(statut=StatutOccupation.EN_COURS).select_related(
        "logement"
    )
    return Prefetch("occupations", queryset=en_cours, to_attr="en_cours")


def menages_de_la_liste(acteur: Acteur) -> QuerySet[Menage]:
    """Les ménages visibles, avec leur nombre de membres, leur occupation en cours (liste
    `en_cours`) et les marques « logé » et « sorti » pour les filtres : un nombre de requêtes
    fixe, quel que soit le nombre de lignes."""
    occupations = Occupation.objects.filter(menage=OuterRef("pk"))
    return (
        menages_visibles(acteur)
        .annotate(
            nb_membres=Count("personnes", distinct=True),
            loge=Exists(occupations.filter(statut=StatutOccupation.EN_COURS)),
            sorti=Exists(occupations.filter(statut=StatutOccupation.TERMINEE)),
        )
        .prefetch_related(_occupations_en_cours())
    )


def menage_de_la_fiche(acteur: Acteur, pk: int) -> Menage:
    """La fiche (404 hors périmètre) et tout ce qu'elle montre, en un nombre fixe de
    requêtes : membres, ressources, critères, occupations (en cours d'abord)."""
    occupations = Occupation.objects.select_related("logement").order_by(
        "statut", "-date_entree", "-pk"
    )
    qs = menages_visibles(acteur).prefetch_related(
        Prefetch("personnes", queryset=Personne.objects.order_by("annee_naissance", "pk")),
        Prefetch("ressources", queryset=Ressource.objects.order_by("-connue_le", "-pk")),
        Prefetch("criteres", queryset=CriterePriorite.objects.order_by("critere")),
        Prefetch("occupations", queryset=occupations),
    )
    return get_object_or_404(qs, pk=pk)


def travailleurs_sociaux(acteur: Acteur) -> QuerySet[Utilisateur]:
    """Les travailleurs sociaux actifs de l'organisation de l'acteur (le choix du référent)."""
    if not acteur.est_operateur:
        return Utilisateur.objects.none()
    return Utilisateur.objects.filter(
        adhesions__organisation=acteur.organisation,
        adhesions__role=Role.TRAVAILLEUR_SOCIAL,
        adhesions__actif=True,
        is_active=True,
    ).order_by("last_name", "first_name", "pk")


def consultations_recentes(acteur: Acteur, menage: Menage) -> list[ConsultationMenage] | None:
    """Les dernières lectures de la fiche, pour la direction de l'opérateur seule (None pour
    les autres : la section n'est pas montrée)."""
    direction = acteur.est_operateur and acteur.role == Role.DIRECTION
    if not direction or acteur.organisation.pk != menage.operateur_id:
        return None
    qs = ConsultationMenage.objects.filter(menage=menage).select_related("par")
    return list(qs.order_by("-le", "-pk")[:CONSULTATIONS_MONTREES])


def personne_ou_404(menage: Menage, pk: int) -> Personne:
    return get_object_or_404(Personne.objects.select_related("menage"), menage=menage, pk=pk)


def ressource_ou_404(menage: Menage, pk: int) -> Ressource:
    return get_object_or_404(Ressource.objects.select_related("menage"), menage=menage, pk=pk)


def critere_ou_404(menage: Menage, pk: int) -> CriterePriorite:
    return get_object_or_404(CriterePriorite.objects.select_related("menage"), menage=menage, pk=pk)
