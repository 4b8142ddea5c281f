"""Ce que les écrans des ménages affichent : filtres de la liste, composition, logement actuel,
âge, ressources courantes et historique, occupations (en cours d'abord), libellés du journal.
Lecture seule : les écritures passent par `iml.menages.services.menages`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q, QuerySet

from iml.menages.models import Menage, Ressource
from regles import format as fmt
from regles.types import Categorie, StatutOccupation

NON_RENSEIGNE = "non renseigné"
SANS_REFERENT = "aucun"

#: Situation d'un ménage vis-à-vis des logements de l'IML (filtre de la liste).
SITUATIONS = (
    ("LOGE", "Logé actuellement"),
    ("SANS", "Sans occupation en cours"),
    ("SORTI", "Sorti (dernière occupation terminée)"),
)

#: Pages d'un ménage inscrites au journal des consultations.
PAGES_JOURNAL = {
    "fiche": "Fiche du ménage",
    "compte": "Compte du ménage",
    "accompagnement": "Dossier d'accompagnement",
}


# --- Liste ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filtres:
    q: str = ""
    referent: str = ""
    categorie: str = ""
    situation: str = ""

    @property
    def actifs(self) -> bool:
        return any((self.q, self.referent, self.categorie, self.situation))

    def en_parametres(self) -> str:
        """La chaîne d'URL des filtres actifs, pour la pagination."""
        champs = ("q", "referent", "categorie", "situation")
        return urlencode({c: getattr(self, c) for c in champs if getattr(self, c)})


def lire_filtres(params: Any) -> Filtres:
    """Les filtres de la requête ; une valeur hors liste est ignorée."""
    referent = params.get("referent", "")
    categorie = params.get("categorie", "")
    situation = params.get("situation", "")
    referent_valide = referent == SANS_REFERENT or (referent.isascii() and referent.isdigit())
    return Filtres(
        q=" ".join(params.get("q", "").split())[:100],
        referent=referent if referent_valide else "",
        categorie=categorie if categorie in Categorie.__members__ else "",
        situation=situation if situation in dict(SITUATIONS) else "",
    )


def filtrer(qs: QuerySet[Menage], f: Filtres) -> QuerySet[Menage]:
    """Recherche (chaque mot dans le nom, le prénom ou la référence) et filtres ; `qs` vient
    de `selectors.menages_de_la_liste` (marques `loge` et `sorti`)."""
    for mot in f.q.split():
        qs = qs.filter(
            Q(nom__icontains=mot) | Q(prenom__icontains=mot) | Q(reference__icontains=mot)
        )
    if f.referent == SANS_REFERENT:
        qs = qs.filter(referent__isnull=True)
    elif f.referent:
        qs = qs.filter(referent_id=int(f.referent))
    if f.categorie:
        qs = qs.filter(categorie=f.categorie)
    if f.situation == "LOGE":
        qs = qs.filter(loge=True)
    elif f.situation == "SANS":
        qs = qs.filter(loge=False)
    elif f.situation == "SORTI":
        qs = qs.filter(loge=False, sorti=True)
    return qs.order_by("nom", "prenom", "pk")


def composition(nombre: int) -> str:
    """« 1 personne », « 3 personnes »."""
    return f"{nombre} personne{'s' if nombre >= 2 else ''}"


def ligne_liste(menage: Menage) -> dict[str, Any]:
    """Une ligne de la liste (`menage` lu par `selectors.menages_de_la_liste`)."""
    en_cours = menage.en_cours[0] if menage.en_cours else None  # type: ignore[attr-defined]
    return {
        "menage": menage,
        "composition": composition(1 + menage.nb_membres),  # type: ignore[attr-defined]
        "occupation": en_cours,
    }


# --- Fiche ----------------------------------------------------------------------------------


def age(naissance: date, jour: date) -> int:
    """L'âge en années révolues au `jour`."""
    anniversaire_passe = (jour.month, jour.day) >= (naissance.month, naissance.day)
    return jour.year - naissance.year - (0 if anniversaire_passe else 1)


def membres(menage: Menage, jour: date) -> list[dict[str, Any]]:
    """Les autres membres avec leur âge cette année (l'année de naissance seule est connue)."""
    return [
        {"personne": p, "age": jour.year - p.annee_naissance, "lien": p.get_lien_display()}
        for p in menage.personnes.all()
    ]


@dataclass(frozen=True)
class Ressources:
    courantes: list[Ressource]
    historique: list[Ressource]
    total: Decimal | None  # None : aucune ressource connue (R-UNKNOWN), jamais 0 par défaut


def ressources(menage: Menage, jour: date) -> Ressources:
    """La valeur la plus récente de chaque nature connue au `jour` (la plus récente saisie
    départage deux valeurs du même jour), leur total mensuel, et les valeurs plus anciennes."""
    lignes = sorted(menage.ressources.all(), key=lambda r: (r.connue_le, r.pk), reverse=True)
    courantes: dict[str, Ressource] = {}
    historique = []
    for r in lignes:
        if r.connue_le <= jour and r.nature not in courantes:
            courantes[r.nature] = r
        else:
            historique.append(r)
    valeurs = sorted(courantes.values(), key=lambda r: r.get_nature_display())
    total = sum((r.montant for r in valeurs), Decimal("0.00")) if valeurs else None
    return Ressources(courantes=valeurs, historique=historique, total=total)


def occupations(menage: Menage) -> list[dict[str, Any]]:
    """Les occupations du ménage, l'occupation en cours d'abord (ordre du sélecteur)."""
    return [
        {"occupation": o, "en_cours": o.statut == StatutOccupation.EN_COURS}
        for o in menage.occupations.all()
    ]


def a_une_occupation_en_cours(lignes: list[dict[str, Any]]) -> bool:
    return any(ligne["en_cours"] for ligne in lignes)


def libelle_page(page: str) -> str:
    return PAGES_JOURNAL.get(page, page.replace("_", " ").capitalize())


def description_element(quoi: str, objet: Any) -> str:
    """Ce que la page de confirmation d'un retrait nomme : « Enfant, né(e) en 2016 »,
    « Salaire : 1 100,00 €, connue le 05/03/2026 », le libellé d'un critère."""
    if quoi == "membre":
        return f"{objet.get_lien_display()}, né(e) en {objet.annee_naissance}"
    if quoi == "ressource":
        montant, le = fmt.euros(objet.montant), fmt.date_fr(objet.connue_le)
        return f"{objet.get_nature_display()} : {montant}, connue le {le}"
    return str(objet.get_critere_display())
