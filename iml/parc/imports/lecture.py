"""Lecture d'un fichier d'import : CSV (séparateur « ; » ou « , », UTF-8 avec ou sans BOM) ou
XLSX (première feuille). Le contenu réel est vérifié (un PDF renommé « .csv » est refusé) ;
chaque valeur est rendue en texte, les en-têtes reconnus par `colonnes.normaliser_entete`."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings

from iml.parc.imports.colonnes import (
    ALIAS,
    COLONNES_MAX,
    LONGUEUR_ENTETE_MAX,
    NOMS,
    REQUISES,
    normaliser_entete,
)

EXTENSIONS = (".csv", ".xlsx")
LIGNES_MAX = 20_000
TAILLE_MAX_DEFAUT = 5 * 1024 * 1024
IGNOREES = {"statut"}  # les statuts changent par les transitions, jamais par un import


class FichierIllisible(ValueError):
    """Le fichier entier est refusé ; le message, en français, dit pourquoi."""


@dataclass
class Tableau:
    """Les colonnes reconnues et les lignes (numéro de ligne du fichier, valeurs en texte)."""

    colonnes: list[str]
    lignes: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def extension(nom: str) -> str:
    nom = nom.lower()
    return next((e for e in EXTENSIONS if nom.endswith(e)), "")


def taille_max() -> int:
    """Taille maximale d'un fichier d'import, en octets (réglage IML_IMPORT_TAILLE_MAX)."""
    return int(getattr(settings, "IML_IMPORT_TAILLE_MAX", TAILLE_MAX_DEFAUT))


def verifier(contenu: bytes, nom: str) -> str:
    """L'extension, la taille et le contenu réel concordent ; rend l'extension."""
    ext = extension(nom)
    if not ext:
        raise FichierIllisible("Le fichier doit être un tableur CSV ou XLSX (.csv ou .xlsx).")
    if len(contenu) > taille_max():
        mo = taille_max() // (1024 * 1024)
        raise FichierIllisible(f"Le fichier dépasse la taille maximale de {mo} Mo.")
    if not contenu.strip():
        raise FichierIllisible("Le fichier est vide.")
    est_zip = contenu.startswith(b"PK\x03\x04")
    if ext == ".xlsx" and not est_zip:
        raise FichierIllisible(
            "Le fichier porte l'extension .xlsx mais n'est pas un classeur XLSX."
        )
    if ext == ".csv" and (est_zip or b"\x00" in contenu[:4096] or contenu.startswith(b"%PDF")):
        raise FichierIllisible(
            "Le fichier porte l'extension .csv mais n'est pas un texte CSV "
            "(un PDF ou un classeur renommé ?)."
        )
    return ext


def lire(contenu: bytes, nom: str) -> Tableau:
    ext = verifier(contenu, nom)
    brutes = _lignes_xlsx(contenu) if ext == ".xlsx" else _lignes_csv(contenu)
    return _tableau(brutes)


def _lignes_csv(contenu: bytes) -> list[list[str]]:
    try:
        texte = contenu.decode("utf-8-sig")
    except UnicodeDecodeError as erreur:
        raise FichierIllisible(
            "Le fichier CSV n'est pas encodé en UTF-8 : enregistrez-le en « CSV UTF-8 »."
        ) from erreur
    premiere = texte.split("\n", 1)[0]
    separateur = ";" if premiere.count(";") >= premiere.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(texte, newline=""), delimiter=separateur))
    except csv.Error as erreur:
        raise FichierIllisible(f"Le fichier CSV est mal formé : {erreur}.") from erreur


def _texte_cellule(valeur: object) -> str:
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, datetime):
        return valeur.date().isoformat()
    if isinstance(valeur, date):
        return valeur.isoformat()
    if isinstance(valeur, float):
        return str(int(valeur)) if valeur.is_integer() else str(Decimal(repr(valeur)))
    return str(valeur)


#: Taille décompressée maximale d'un classeur (un XLSX est un zip : 5 Mo compressés peuvent
#: cacher des gigaoctets).
XLSX_DECOMPRESSE_MAX = 50 * 1024 * 1024


def _verifier_decompresse(contenu: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as erreur:
        raise FichierIllisible("Le fichier XLSX est illisible ou endommagé.") from erreur
    if total > XLSX_DECOMPRESSE_MAX:
        raise FichierIllisible(
            "Le classeur décompressé dépasse 50 Mo : enregistrez-le en CSV ou coupez-le en "
            "plusieurs fichiers."
        )


def _lignes_xlsx(contenu: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    _verifier_decompresse(contenu)
    try:
        classeur = load_workbook(io.BytesIO(contenu), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as erreur:
        raise FichierIllisible("Le fichier XLSX est illisible ou endommagé.") from erreur
    try:
        feuille = classeur.worksheets[0]
        lignes = []
        for ligne in feuille.iter_rows(max_col=COLONNES_MAX + 1, values_only=True):
            valeurs = list(ligne)
            while valeurs and valeurs[-1] is None:  # max_col complète la ligne de vides
                valeurs.pop()
            lignes.append([_texte_cellule(v) for v in valeurs])
            if len(lignes) > LIGNES_MAX + 1:
                break
        return lignes
    finally:
        classeur.close()


def _colonnes(entete: list[str]) -> list[str]:
    if len(entete) > COLONNES_MAX or any(len(e) > LONGUEUR_ENTETE_MAX for e in entete):
        raise FichierIllisible(
            f"L'en-tête du fichier est trop long (au plus {COLONNES_MAX} colonnes de "
            f"{LONGUEUR_ENTETE_MAX} caractères) : utilisez le modèle d'import."
        )
    noms = [normaliser_entete(e) for e in entete]
    noms = [ALIAS.get(n, n) for n in noms]
    inconnues = [e for e, n in zip(entete, noms, strict=True) if n and n not in NOMS]
    inconnues = [e for e in inconnues if normaliser_entete(e) not in IGNOREES]
    if inconnues:
        raise FichierIllisible(
            "Colonne inconnue : « " + "», « ".join(inconnues) + " » "
            "(voir les colonnes du modèle d'import)."
        )
    doublons = sorted({n for n in noms if n and noms.count(n) > 1})
    if doublons:
        raise FichierIllisible("Colonne en double : « " + " », « ".join(doublons) + " ».")
    absentes = [n for n in REQUISES if n not in noms]
    if absentes:
        raise FichierIllisible("Colonne requise absente : « " + " », « ".join(absentes) + " ».")
    return noms


def _cellule(brute: list[str], rang: int) -> str:
    """La valeur de la cellule, sans l'apostrophe qu'un export met devant un texte qui
    commence par = + - @ (neutralisation des formules) : l'export se réimporte tel quel."""
    valeur = brute[rang].strip() if rang < len(brute) else ""
    if valeur.startswith("'") and valeur[1:2] in ("=", "+", "-", "@"):
        return valeur[1:]
    return valeur


def _tableau(brutes: list[list[str]]) -> Tableau:
    lignes_pleines = [(i, r) for i, r in enumerate(brutes, start=1) if any(c.strip() for c in r)]
    if not lignes_pleines:
        raise FichierIllisible("Le fichier est vide.")
    (_, entete), donnees = lignes_pleines[0], lignes_pleines[1:]
    noms = _colonnes([c.strip() for c in entete])
    if not donnees:
        raise FichierIllisible("Le fichier n'a que sa ligne d'en-tête : aucun logement à importer.")
    if len(donnees) > LIGNES_MAX:
        raise FichierIllisible("Le fichier dépasse 20\u202f000 lignes : découpez-le.")
    tableau = Tableau([n for n in noms if n in NOMS])
    for numero, brute in donnees:
        valeurs = {n: _cellule(brute, i) for i, n in enumerate(noms)}
        tableau.lignes.append((numero, {n: v for n, v in valeurs.items() if n in NOMS}))
    return tableau
