"""Énumérations des ménages (valeurs stockées ASCII, libellés français)."""

from django.db import models

from regles.types import Categorie, LienPersonne, NatureRessource, PublicPrioritaire

CHOIX_CATEGORIE = Categorie.choices()
CHOIX_LIEN = LienPersonne.choices()
CHOIX_NATURE_RESSOURCE = NatureRessource.choices()
CHOIX_CRITERE = PublicPrioritaire.choices()


class PublicSpecialise(models.TextChoices):
    """Public d'une IML spécialisée (R-CATEGORY) : une catégorie, jamais un motif détaillé."""

    JEUNES = "JEUNES", "Jeunes"
    SORTANTS_ASE = "SORTANTS_ASE", "Sortants de l'aide sociale à l'enfance"
    GENS_DU_VOYAGE = "GENS_DU_VOYAGE", "Gens du voyage"
    PROTECTION_INTERNATIONALE = (
        "PROTECTION_INTERNATIONALE",
        "Bénéficiaires d'une protection internationale",
    )
    SORTANTS_DETENTION = "SORTANTS_DETENTION", "Sortants de détention ou sous main de justice"
    VICTIMES_VIOLENCES = "VICTIMES_VIOLENCES", "Victimes de violences"
    GRANDE_EXCLUSION = "GRANDE_EXCLUSION", "Personnes longtemps à la rue"
    AUTRE = "AUTRE", "Autre public"


class SituationAvant(models.TextChoices):
    """Public (situation avant l'entrée) : une catégorie, sans détail."""

    HEBERGEMENT = "HEBERGEMENT", "Sortant d'hébergement (CHRS, CHU, ALT…)"
    HOTEL = "HOTEL", "Hébergé à l'hôtel"
    RUE = "RUE", "Sans abri"
    TIERS = "TIERS", "Hébergé chez un tiers"
    EXPULSION = "EXPULSION", "Menacé d'expulsion"
    RUPTURE_FAMILIALE = "RUPTURE_FAMILIALE", "Rupture familiale"
    LOGEMENT_INDIGNE = "LOGEMENT_INDIGNE", "Logement indigne ou suroccupé"
    AUTRE = "AUTRE", "Autre situation"
