"""Limites d'un dossier reçu par l'API : les mêmes que sur le site.

Une seule définition : chaque limite est lue sur le champ du formulaire d'étape qui la pose
(`iml.appels.formulaires`) ; l'API la vérifie et la publie dans son schéma OpenAPI
(`maxLength`, `maximum`). Les chemins sont ceux du document (`partenariats[*].nom` : tout
élément de la liste).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Limites:
    #: Longueur maximale des textes, par chemin ; `texte_defaut` pour les autres textes.
    textes: dict[str, int]
    texte_defaut: int
    #: Plus grand entier accepté (une case des annexes 2 et 3).
    entier_max: int
    #: Montants : chiffres au plus, dont décimales au plus.
    montant_chiffres: int
    montant_decimales: int
    #: Lignes d'une liste (partenariats, postes, recettes, lignes et trimestres des annexes).
    elements_max: int
    #: Caractères de la zone (une commune par ligne sur le site, lignes comprises).
    zone_caracteres_max: int
    #: Imbrication maximale du document (le schéma en compte moins de 10).
    profondeur_max: int = 16
    #: Clés d'un objet (le schéma en déclare moins de 30 par objet).
    cles_max: int = 64

    @property
    def montant_max(self) -> int:
        return 10 ** (self.montant_chiffres - self.montant_decimales) - 1

    def texte_max(self, chemin_generique: str) -> int:
        return self.textes.get(chemin_generique, self.texte_defaut)

    def elements_max_pour(self, chemin_generique: str) -> int:
        """Une commune tient au moins sur un caractère et un saut de ligne."""
        if chemin_generique == "zone":
            return self.zone_caracteres_max // 2
        return self.elements_max


def _max(formulaire: Any, champ: str) -> int:
    return int(formulaire.base_fields[champ].max_length)


@lru_cache(maxsize=1)
def limites() -> Limites:
    """Les limites des formulaires du site, lues là où le site les définit."""
    from iml.appels.forms.dossier.base import champ_montant, champ_texte_long
    from iml.appels.forms.dossier.lignes import LIGNES_MAX
    from iml.appels.forms.dossier.porteur import IdentiteForm
    from iml.appels.forms.dossier.projet import ZonePublicForm

    long = int(champ_texte_long("texte").max_length)
    nom = _max(IdentiteForm, "nom")
    personne = _max(IdentiteForm, "representant_nom")
    textes = {
        "porteur.nom": nom,
        "porteur.siret": _max(IdentiteForm, "siret"),
        "porteur.representant.nom": personne,
        "porteur.representant.prenom": _max(IdentiteForm, "representant_prenom"),
        "porteur.representant.qualite": _max(IdentiteForm, "representant_qualite"),
        "porteur.adresse": _max(IdentiteForm, "adresse"),
        "porteur.courriel": _max(IdentiteForm, "courriel"),
        "porteur.telephone": _max(IdentiteForm, "telephone"),
        "public_specialise": _max(ZonePublicForm, "public_specialise"),
        # Sur le site, les noms de partenaires et les libellés ont la longueur d'un nom.
        "partenariats[*].nom": nom,
        "services.gestion.MANDAT_GESTION[*].libelle": nom,
        "services.gestion.SOUS_LOCATION[*].libelle": nom,
        "services.accompagnement.MANDAT_GESTION.partenaire_delegue.nom": nom,
        "services.accompagnement.SOUS_LOCATION.partenaire_delegue.nom": nom,
        # Une commune par ligne sur le site : chacune a la longueur d'un nom.
        "zone[*]": nom,
    }
    montant = champ_montant("montant")
    return Limites(
        textes=textes,
        texte_defaut=long,
        entier_max=_entier_max_echeancier(),
        montant_chiffres=int(montant.max_digits),
        montant_decimales=int(montant.decimal_places),
        elements_max=LIGNES_MAX,
        zone_caracteres_max=_max(ZonePublicForm, "zone"),
    )


def _entier_max_echeancier() -> int:
    """La borne des cases des annexes 2 et 3 (`EcheancierForm`, champs construits par
    trimestre) : lue sur un champ construit, sans dossier."""
    from iml.appels.forms.dossier.projet import EcheancierForm

    formulaire = EcheancierForm.__new__(EcheancierForm)
    formulaire.fields = {}
    formulaire.contexte = _ContexteUnTrimestre()
    formulaire.construire()
    return max(int(c.max_value) for c in formulaire.fields.values())


class _ContexteUnTrimestre:
    """Juste ce que `EcheancierForm.construire` lit : un trimestre."""

    class _Trimestre:
        libelle = "T1 2019"

    trimestres = (_Trimestre(),)
