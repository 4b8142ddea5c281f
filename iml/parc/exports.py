"""Export du parc d'un opérateur (xlsx, ods, csv) et modèles d'import (xlsx, csv).

Les colonnes sont celles de l'import (`imports.colonnes`), sous leur libellé français avec
unité : un export se réimporte sans rien changer. xlsx et ods : nombres et dates en valeurs,
en-tête figé et filtres ; csv : textes français (« 520,50 », « 05/03/2026 »), séparateur « ; »,
UTF-8 avec BOM. Inconnu : « non renseigné » (R-UNKNOWN), jamais 0."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from iml.appels.exports import ods, xlsx
from iml.appels.exports.tableaux import NON_RENSEIGNE, Cellule, Feuille, neutraliser, texte
from iml.comptes.communes import commune as commune_du_code
from iml.parc.enums import Conventionnement, OrigineBailleur, TypeBailleur
from iml.parc.imports.colonnes import COLONNES, LIBELLES, NOMS
from iml.parc.models import Logement
from regles.format import date_fr, nombre
from regles.types import Mode, Typologie

FORMATS = {"xlsx": xlsx.TYPE_MIME, "ods": ods.TYPE_MIME, "csv": "text/csv; charset=utf-8"}
DECIMAUX = {"surface_m2", "hauteur_sous_plafond_m"}
MONTANTS = {"loyer", "charges", "redevance"}


def _oui_non(valeur: bool | None) -> str:
    return NON_RENSEIGNE if valeur is None else ("oui" if valeur else "non")


def _commune(code: str) -> str:
    trouvee = commune_du_code(code) if code else None
    return trouvee.libelle if trouvee else code


def valeurs(lg: Logement) -> dict[str, object]:
    """Les valeurs d'un logement, colonne par colonne (textes, nombres, dates ou None)."""
    b = lg.bailleur
    return {
        "reference_logement": lg.reference, "reference_bailleur": b.reference,
        "bailleur_type": TypeBailleur(b.type).label, "bailleur_nom": b.nom,
        "bailleur_prenom": b.prenom, "bailleur_telephone": b.telephone,
        "bailleur_courriel": b.courriel, "bailleur_origine": OrigineBailleur(b.origine).label,
        "bailleur_consentement": _oui_non(b.consentement_contact),
        "bailleur_ne_pas_contacter": _oui_non(b.ne_pas_contacter),
        "adresse": lg.adresse, "complement": lg.complement, "code_postal": lg.code_postal,
        "commune": _commune(lg.commune), "typologie": Typologie(lg.typologie).libelle,
        "capacite": lg.capacite, "surface_m2": lg.surface_m2,
        "hauteur_sous_plafond_m": lg.hauteur_sous_plafond_m, "etage": lg.etage,
        "ascenseur": _oui_non(lg.ascenseur), "plain_pied": _oui_non(lg.plain_pied),
        "meuble": _oui_non(lg.meuble), "forme": Mode(lg.forme).libelle,
        "bail_glissant_possible": _oui_non(lg.bail_glissant_possible), "loyer": lg.loyer,
        "charges": lg.charges, "redevance": lg.redevance,
        "classe_dpe": lg.classe_dpe or NON_RENSEIGNE, "date_dpe": lg.date_dpe,
        "conventionnement": Conventionnement(lg.conventionnement).label,
        "date_mobilisation": lg.date_mobilisation,
        "convention": lg.convention.numero if lg.convention else "",
    }  # fmt: skip


def _cellule(nom: str, valeur: object) -> Cellule:
    if valeur is None:
        return Cellule(NON_RENSEIGNE)
    if nom in MONTANTS:
        return Cellule(valeur, "montant")  # type: ignore[arg-type]
    if nom in DECIMAUX:
        return Cellule(valeur, "decimal")  # type: ignore[arg-type]
    if isinstance(valeur, int):
        return Cellule(valeur, "entier")
    if isinstance(valeur, date):
        return Cellule(valeur, "date")
    return texte(valeur)


def feuille_parc(logements: Iterable[Logement]) -> Feuille:
    f = Feuille("Parc", largeurs=[max(12, len(LIBELLES[n]) + 2) for n in NOMS])
    f.ajouter(*(texte(LIBELLES[n], gras=True) for n in NOMS))
    for lg in logements:
        v = valeurs(lg)
        f.ajouter(*(_cellule(n, v[n]) for n in NOMS))
    f.filtre = (0, max(1, len(f.lignes) - 1))
    return f


def _texte_csv(valeur: object) -> str:
    if valeur is None:
        return NON_RENSEIGNE
    if isinstance(valeur, Decimal):
        return nombre(valeur, 2)
    if isinstance(valeur, date):
        return date_fr(valeur)
    if isinstance(valeur, int):
        return str(valeur).replace("-", "\u2212")
    return neutraliser(str(valeur))


def en_csv(entetes: list[str], lignes: Iterable[list[object]]) -> bytes:
    sortie = io.StringIO()
    ecrivain = csv.writer(sortie, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow(entetes)
    for ligne in lignes:
        ecrivain.writerow([_texte_csv(v) for v in ligne])
    return ("\ufeff" + sortie.getvalue()).encode("utf-8")


def export_parc(logements: Iterable[Logement], format_: str) -> bytes:
    if format_ == "csv":
        lignes = ([valeurs(lg)[n] for n in NOMS] for lg in logements)
        return en_csv([LIBELLES[n] for n in NOMS], lignes)
    ecrivain = xlsx if format_ == "xlsx" else ods
    return ecrivain.classeur([feuille_parc(logements)])


def modele(format_: str) -> bytes:
    """Le modèle d'import : l'en-tête, une ligne d'exemple ; en xlsx, une feuille « Colonnes »
    décrit chaque colonne."""
    exemple = [c.exemple for c in COLONNES]
    if format_ == "csv":
        return en_csv(list(NOMS), [exemple])
    donnees = Feuille("Logements", largeurs=[max(12, len(n) + 2) for n in NOMS])
    donnees.ajouter(*(texte(n, gras=True) for n in NOMS))
    donnees.ajouter(*(texte(e) for e in exemple))
    donnees.filtre = (0, 1)
    aide = Feuille("Colonnes", largeurs=[26, 12, 90])
    aide.ajouter(texte("Colonne", True), texte("Requise", True), texte("Contenu attendu", True))
    for c in COLONNES:
        aide.ajouter(texte(c.nom), texte("oui" if c.requise else "non"), texte(c.description))
    return xlsx.classeur([donnees, aide])
