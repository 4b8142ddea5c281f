"""Tableaux de bord de l'État et des opérateurs : places financées, mobilisées, ouvertes,
occupées ; taux d'ouverture et d'occupation ; jours de vacance ; répartition MG/SL contre la
cible (R-MODE-SPLIT) ; petits logements (R-SMALL-UNITS) ; coût par place contre la convention
et le plafond (R-COST-PLACE-MAX) ; sorties vers le logement et durée moyenne de séjour.

Les chiffres viennent de `selectors_tableaux` (lectures groupées), les calculs de
`regles/indicateurs.py` ; chaque tableau est un `graphiques.Tableau` (graphique, table de
données, exports). Des nombres seulement : jamais un nom de ménage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.urls import reverse

from iml.appels.services.avenants import montants_en_vigueur
from iml.comptes.acteur import Acteur
from iml.pilotage import selectors_tableaux as sel
from iml.pilotage.graphiques import Colonne, Ligne, Tableau
from iml.pilotage.indicateurs_tableaux import (
    NON_RENSEIGNE,
    Indicateur,
    indicateur_cout,
    indicateur_petits_logements,
    indicateur_vacance,
    indicateurs_places,
    indicateurs_sorties,
)
from regles import indicateurs as ind
from regles.bareme import Bareme
from regles.format import date_fr
from regles.types import Mode, Typologie

PLACES = Colonne("Places financées", unite="places", feminin=True)
LOGEMENTS = Colonne("Logements mobilisés", unite="logements")
OUVERTES = Colonne("Places ouvertes", unite="places", feminin=True)
OCCUPEES = Colonne("Places occupées", unite="places", feminin=True)


@dataclass(frozen=True)
class Tache:
    """Une ligne de la file de travail : combien, et où aller."""

    libelle: str
    nombre: int
    url: str | None = None
    detail: str = ""


@dataclass
class TableauDeBord:
    profil: str
    titre: str
    jour: date
    indicateurs: list[Indicateur] = field(default_factory=list)
    tableaux: list[Tableau] = field(default_factory=list)
    file: list[Tache] = field(default_factory=list)
    conventions_a_signer: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Groupe:
    """Places d'un groupe de conventions (un opérateur, une convention, le total)."""

    libelle: str
    financees: int | None = 0
    mobilises: int = 0
    ouvertes: int = 0
    occupees: int = 0

    def ajouter(self, financees: int | None, mobilises: int, ouvertes: int, occupees: int) -> None:
        # R-UNKNOWN : une convention sans places financées connues rend le groupe inconnu.
        self.financees = (
            None if self.financees is None or financees is None else (self.financees + financees)
        )
        self.mobilises += mobilises
        self.ouvertes += ouvertes
        self.occupees += occupees


@dataclass
class Lecture:
    """Tout ce que lit un tableau de bord d'État ou d'opérateur (une fois)."""

    chiffres: list
    conventions: list
    occupees: dict[int, int]
    baremes: dict[int, Bareme]


def _lire(acteur: Acteur) -> Lecture:
    from iml.parc.presentation_chiffres import chiffres_des_conventions

    conventions = list(sel.conventions(acteur))
    baremes: dict[int, Bareme] = {}
    for c in conventions:
        jeu = c.dossier.appel.jeu
        if jeu.pk not in baremes:
            baremes[jeu.pk] = jeu.en_bareme()
    return Lecture(
        chiffres=chiffres_des_conventions(conventions),
        conventions=conventions,
        occupees=sel.places_occupees([c.pk for c in conventions]),
        baremes=baremes,
    )


def _source(acteur: Acteur) -> str:
    if acteur.agit_pour_la_plateforme:
        return "conventions, parc et occupations de toute la plateforme"
    quoi = "conventions du territoire" if acteur.est_etat else "conventions de l'organisation"
    return f"{quoi}, parc et occupations (données du système)"


# --- Tableaux ------------------------------------------------------------------------------


def tableau_places(acteur: Acteur, lecture: Lecture, jour: date) -> Tableau:
    """Par opérateur (État) ou par convention (opérateur) : financées, mobilisés, ouvertes,
    occupées, avec le total."""
    groupes: dict[str, Groupe] = {}
    par_operateur = acteur.est_etat or acteur.agit_pour_la_plateforme
    for convention, chiffres in zip(lecture.conventions, lecture.chiffres, strict=True):
        cle = chiffres.operateur if par_operateur else f"Convention {chiffres.numero}"
        groupe = groupes.setdefault(cle, Groupe(cle))
        groupe.ajouter(
            chiffres.financees,
            chiffres.mobilises,
            chiffres.ouvertes,
            lecture.occupees.get(convention.pk, 0),
        )
    return Tableau(
        titre="Places financées, mobilisées, ouvertes et occupées",
        entete_lignes="Opérateur" if par_operateur else "Convention",
        colonnes=(PLACES, LOGEMENTS, OUVERTES, OCCUPEES),
        lignes=tuple(
            Ligne(g.libelle, (g.financees, g.mobilises, g.ouvertes, g.occupees))
            for g in groupes.values()
        ),
        source=_source(acteur),
        date=jour,
        nom="places",
        totaux=True,
        inconnues=("convention sans décision", "conventions sans décision")
        if not par_operateur
        else ("opérateur non renseigné", "opérateurs non renseignés"),
    )


def _par_cle(lignes_des_conventions: Iterable[list], rang: int) -> list[int | None]:
    """Somme, ligne à ligne (forme ou typologie), de l'attribut `rang` des conventions ;
    inconnu dès qu'une convention l'ignore (R-UNKNOWN)."""
    totaux: list[int | None] = []
    for lignes in zip(*lignes_des_conventions, strict=True):
        valeurs = [(lg.financees, lg.mobilises, lg.ouvertes)[rang] for lg in lignes]
        totaux.append(None if any(v is None for v in valeurs) else sum(valeurs))
    return totaux


def _financees_et_ouvertes(
    acteur: Acteur,
    jour: date,
    par_cle: list,
    cles,
    titre: str,
    entete: str,
    nom: str,
    source: str = "",
) -> Tableau:
    """Places financées (rang 0) et ouvertes (rang 2) par clé (forme ou typologie)."""
    financees = _par_cle(par_cle, 0) if par_cle else [0] * len(cles)
    ouvertes = _par_cle(par_cle, 2) if par_cle else [0] * len(cles)
    return Tableau(
        titre=titre,
        entete_lignes=entete,
        colonnes=(PLACES, OUVERTES),
        lignes=tuple(
            Ligne(k.libelle, (f, o)) for k, f, o in zip(cles, financees, ouvertes, strict=True)
        ),
        source=_source(acteur) + source,
        date=jour,
        nom=nom,
        totaux=True,
    )  # fmt: skip


def tableau_formes(acteur: Acteur, lecture: Lecture, jour: date) -> Tableau:
    """Par forme : places financées (décisions) et ouvertes (parc)."""
    formes = [c.par_forme for c in lecture.chiffres]
    return _financees_et_ouvertes(
        acteur, jour, formes, Mode, "Places par forme d'IML", "Forme", "formes"
    )


def tableau_typologies(acteur: Acteur, lecture: Lecture, jour: date) -> Tableau:
    """Par typologie : places financées (annexe 3 du dossier) et ouvertes (parc)."""
    typos = [c.par_typologie for c in lecture.chiffres]
    return _financees_et_ouvertes(
        acteur, jour, typos, Typologie, "Places par typologie", "Typologie", "typologies",
        " ; places financées par typologie : annexe 3 du dossier",
    )  # fmt: skip


def _montant_annee(convention, annee: int) -> Decimal | None:
    brut = montants_en_vigueur(convention).get(str(annee))
    return None if brut is None else Decimal(brut)


def annee_des_montants(lecture: Lecture, jour: date) -> int:
    """L'exercice le plus récent, jusqu'à l'année du jour, pour lequel une convention lue a un
    montant de l'État ; l'année du jour s'il n'y en a aucun."""
    annees = {
        int(cle)
        for convention in lecture.conventions
        for cle, montant in montants_en_vigueur(convention).items()
        if montant is not None and int(cle) <= jour.year
    }
    return max(annees, default=jour.year)


def _regional(bareme: Bareme) -> bool:
    return bareme.plafonds_sous_location is not None or bareme.plafonds_mandat_gestion is not None


def plafond_des_logements(convention, chiffres, bareme: Bareme) -> Decimal | None:
    """R-CEILING-NA : plafond régional des logements mobilisés de la convention, d'après la
    catégorie, la zone et l'accompagnement de la dernière version du dossier (inconnu si la
    version est illisible)."""
    from regles.conversion import ValeurInvalide
    from regles.entrees_dossier import lire_dossier
    from regles.types import ModaliteAccompagnement

    versions = list(convention.dossier.versions.all())
    if not versions:
        return None
    try:
        dossier = lire_dossier(max(versions, key=lambda v: v.numero).contenu)
    except ValeurInvalide:
        return None
    acc = dossier.services.accompagnement.get(Mode.MANDAT_GESTION)
    logements = {m: lg.mobilises for m, lg in zip(Mode, chiffres.par_forme, strict=True)}
    return ind.plafond_regional(
        bareme, logements, dossier.categorie, dossier.zone_marche,
        mg_accompagne=acc is not None and acc.modalite is not ModaliteAccompagnement.DROIT_COMMUN,
    )  # fmt: skip


def _ouvertes_de_l_annee(
    lecture: Lecture, annee: int, jour: date
) -> tuple[date, dict[int, int | None]]:
    """Les places ouvertes de l'année du montant, par convention : au 31/12 de cette année
    (au jour pour l'année en cours) — jamais celles d'aujourd'hui pour un montant passé."""
    au = min(date(annee, 12, 31), jour)
    if au == jour:
        paires = zip(lecture.conventions, lecture.chiffres, strict=True)
        return au, {c.pk: ch.ouvertes for c, ch in paires}
    return au, sel.places_ouvertes_au([c.pk for c in lecture.conventions], au)


def tableau_couts(acteur: Acteur, lecture: Lecture, jour: date) -> Tableau:
    """Par convention : montant de l'État de l'exercice le plus récent, coût par place
    financée (convention) et par place ouverte (réel), plafond du barème
    (R-COST-PLACE-MAX) ; avec un barème régional, le plafond des logements mobilisés
    (R-CEILING-NA)."""
    annee = annee_des_montants(lecture, jour)
    au, ouvertes = _ouvertes_de_l_annee(lecture, annee, jour)
    regional = any(_regional(b) for b in lecture.baremes.values())
    lignes = []
    for convention, chiffres in zip(lecture.conventions, lecture.chiffres, strict=True):
        montant = _montant_annee(convention, annee)
        bareme = lecture.baremes[convention.dossier.appel.jeu.pk]
        valeurs: tuple = (
            montant,
            ind.cout_par_place(montant, chiffres.financees),
            ind.cout_par_place(montant, ouvertes[convention.pk]),
            bareme.cout_moyen_max_par_place,
        )
        if regional:
            valeurs += (plafond_des_logements(convention, chiffres, bareme),)
        lignes.append(Ligne(f"Convention {chiffres.numero}", valeurs))
    colonnes = (
        Colonne(f"Montant de l'État {annee}", "montant"),
        Colonne("Coût par place financée", "montant"),
        Colonne(f"Coût par place ouverte au {date_fr(au)}", "montant"),
        Colonne("Plafond par place (R-COST-PLACE-MAX)", "montant"),
    )
    if regional:
        colonnes += (Colonne("Plafond régional des logements mobilisés (R-CEILING-NA)",
                             "montant"),)  # fmt: skip
    return Tableau(
        titre=f"Coût par place en {annee}",
        entete_lignes="Convention",
        colonnes=colonnes,
        lignes=tuple(lignes),
        source="montants en vigueur des conventions (dernier avenant signé, sinon négociés)",
        date=jour,
        nom="couts",
        graphique="aucun",
    )


# --- Assemblage -----------------------------------------------------------------------------


def tableaux_places(acteur: Acteur, jour: date) -> tuple[Lecture, list[Tableau]]:
    lecture = _lire(acteur)
    return lecture, [
        tableau_places(acteur, lecture, jour),
        tableau_formes(acteur, lecture, jour),
        tableau_typologies(acteur, lecture, jour),
        tableau_couts(acteur, lecture, jour),
    ]


def tableau_de_bord_places(acteur: Acteur, jour: date, profil: str, titre: str) -> TableauDeBord:
    """Ce qu'ont en commun l'État et l'opérateur."""
    lecture, tableaux = tableaux_places(acteur, jour)
    places, formes, typologies, couts = tableaux
    par_destination, sejours = sel.sorties_et_sejours(sel.operateurs(acteur), jour.year)
    bord = TableauDeBord(profil=profil, titre=titre, jour=jour, tableaux=tableaux)
    bord.indicateurs = [
        *indicateurs_places(lecture, places, formes),
        indicateur_vacance(sel.debuts_des_vacances(acteur), jour),
        indicateur_petits_logements(lecture, typologies),
        indicateur_cout(lecture, couts),
        *indicateurs_sorties(par_destination, sejours, jour.year),
    ]
    return bord


def tableau_de_bord_etat(acteur: Acteur, jour: date) -> TableauDeBord:
    bord = tableau_de_bord_places(acteur, jour, sel.ETAT, "Pilotage du territoire")
    file = sel.file_etat(acteur)
    bord.file = [
        Tache("Dossiers déposés à instruire", file.dossiers_a_instruire,
              reverse("appels:liste")),
        Tache("Conventions à signer", len(file.conventions_a_signer)),
    ]  # fmt: skip
    bord.conventions_a_signer = [
        (numero, reverse("appels:convention", kwargs={"pk": dossier}))
        for numero, dossier in file.conventions_a_signer
    ]
    return bord


def tableau_de_bord_operateur(acteur: Acteur, jour: date) -> TableauDeBord:
    bord = tableau_de_bord_places(acteur, jour, sel.OPERATEUR, "Pilotage de vos conventions")
    file = sel.file_operateur(acteur, jour)
    en_retard = file.propositions_en_retard
    bord.file = [
        Tache("Sous-locations à renouveler bientôt", file.renouvellements_dus,
              detail="période qui finit dans le délai d'alerte (R-SL-DURATION)"),
        Tache("Mandats de gestion dont le financement finit bientôt", file.mandats_fin_proche,
              detail="fin du financement dans le délai d'alerte (R-MG-GLS-DURATION)"),
        Tache("Ménages en impayé", file.impayes, reverse("occupations:impayes")),
        Tache("Vacances déclarées au SIAO", file.vacances, reverse("orientations:vacances")),
        Tache("Propositions du SIAO sans réponse", file.propositions_sans_reponse,
              reverse("orientations:propositions"),
              f"dont {en_retard} après la date de réponse attendue" if en_retard else ""),
    ]  # fmt: skip
    return bord


def date_texte(jour: date) -> str:
    return date_fr(jour)


__all__ = ["NON_RENSEIGNE", "Indicateur", "Tache", "TableauDeBord", "indicateur_vacance"]
