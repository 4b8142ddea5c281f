"""Lectures du suivi d'un ménage pour son dossier d'accompagnement (volet suivi) : chronologie
des contacts, orientations vers les partenaires, annuaire de l'opérateur.

Le ménage passé ici a déjà été trouvé dans le périmètre de l'acteur
(`selectors.menage_accompagne_ou_404`) ; chaque lecture fait un nombre fixe de requêtes, quel
que soit le nombre de lignes.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, QuerySet
from django.utils import timezone

from iml.accompagnement import presentation_suivi as p
from iml.accompagnement.models import Partenaire
from iml.accompagnement.selectors import partenaires
from iml.comptes.acteur import Acteur
from iml.menages.models import Menage


def chronologie(menage: Menage, aujourd_hui: date | None = None) -> p.Chronologie:
    """Les contacts du ménage, du plus récent au plus ancien, groupés par mois, avec le nombre
    de contacts du mois en cours (une requête)."""
    contacts = list(menage.contacts.select_related("par").order_by("-le", "-pk"))
    return p.grouper_par_mois(contacts, aujourd_hui or timezone.localdate())


def orientations(menage: Menage) -> p.Orientations:
    """Les orientations du ménage vers des partenaires, la plus récente d'abord, et si
    l'annuaire de son opérateur a un partenaire actif (deux requêtes)."""
    lignes = list(
        menage.orientations_partenaires.select_related("partenaire").order_by("-le", "-pk")
    )
    annuaire_vide = not Partenaire.objects.filter(
        operateur_id=menage.operateur_id, actif=True
    ).exists()
    return p.orientations(lignes, annuaire_vide)


#: Filtre « état » de l'annuaire.
ETATS = {"actifs": True, "inactifs": False}


def annuaire(acteur: Acteur, type_: str = "", etat: str = "") -> QuerySet[Partenaire]:
    """L'annuaire des partenaires de l'opérateur de l'acteur, filtré par type et par état,
    avec le nombre d'orientations de chacun (vide pour qui ne tient pas l'annuaire)."""
    qs = partenaires(acteur).annotate(nombre_orientations=Count("orientations"))
    if type_:
        qs = qs.filter(type=type_)
    if etat in ETATS:
        qs = qs.filter(actif=ETATS[etat])
    return qs.order_by("-actif", "nom", "pk")


def partenaires_pour_orientation(acteur: Acteur) -> QuerySet[Partenaire]:
    """R-PARTNERS : les partenaires actifs de l'annuaire de l'acteur, par nom."""
    return partenaires(acteur, actifs_seulement=True).order_by("nom", "pk")
