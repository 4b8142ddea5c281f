"""Lecture d'un fichier d'import des ménages : les contrôles et la lecture brute du parc
(`iml.parc.imports.lecture` : extension, taille, contenu réel, classeur décompressé borné, CSV
UTF-8 « ; » ou « , »), puis les colonnes des ménages."""

from __future__ import annotations

from iml.occupations.imports.colonnes import ALIAS, NOMS, REQUISES
from iml.parc.imports.colonnes import COLONNES_MAX, LONGUEUR_ENTETE_MAX, normaliser_entete
from iml.parc.imports.lecture import (
    LIGNES_MAX,
    FichierIllisible,
    Tableau,
    _cellule,
    _lignes_csv,
    _lignes_xlsx,
    taille_max,
    verifier,
)

__all__ = ["FichierIllisible", "Tableau", "lire", "taille_max", "verifier", "LIGNES_MAX"]


def lire(contenu: bytes, nom: str) -> Tableau:
    ext = verifier(contenu, nom)
    brutes = _lignes_xlsx(contenu) if ext == ".xlsx" else _lignes_csv(contenu)
    return _tableau(brutes)


def _colonnes(
    entete: list[str],
    alias: dict[str, str] = ALIAS,
    connus: tuple[str, ...] = NOMS,
    requises: tuple[str, ...] = REQUISES,
) -> list[str]:
    if len(entete) > COLONNES_MAX or any(len(e) > LONGUEUR_ENTETE_MAX for e in entete):
        raise FichierIllisible(
            f"L'en-tête du fichier est trop long (au plus {COLONNES_MAX} colonnes de "
            f"{LONGUEUR_ENTETE_MAX} caractères) : utilisez le modèle d'import."
        )
    noms = [alias.get(n, n) for n in (normaliser_entete(e) for e in entete)]
    inconnues = [e for e, n in zip(entete, noms, strict=True) if n and n not in connus]
    if inconnues:
        raise FichierIllisible(
            "Colonne inconnue : « " + " », « ".join(inconnues) + " » "
            "(voir les colonnes du modèle d'import)."
        )
    doublons = sorted({n for n in noms if n and noms.count(n) > 1})
    if doublons:
        raise FichierIllisible("Colonne en double : « " + " », « ".join(doublons) + " ».")
    absentes = [n for n in requises if n not in noms]
    if absentes:
        raise FichierIllisible("Colonne requise absente : « " + " », « ".join(absentes) + " ».")
    return noms


def _tableau(
    brutes: list[list[str]],
    alias: dict[str, str] = ALIAS,
    connus: tuple[str, ...] = NOMS,
    requises: tuple[str, ...] = REQUISES,
    rien: str = "aucun ménage à importer",
) -> Tableau:
    """Les lignes non vides sous l'en-tête ; `alias`, `connus`, `requises` : les colonnes d'un
    autre import (les demandes du SIAO), `rien` : la fin du message d'un fichier sans lignes."""
    pleines = [(i, r) for i, r in enumerate(brutes, start=1) if any(c.strip() for c in r)]
    if not pleines:
        raise FichierIllisible("Le fichier est vide.")
    (_, entete), donnees = pleines[0], pleines[1:]
    noms = _colonnes([c.strip() for c in entete], alias, connus, requises)
    if not donnees:
        raise FichierIllisible(f"Le fichier n'a que sa ligne d'en-tête : {rien}.")
    if len(donnees) > LIGNES_MAX:
        raise FichierIllisible("Le fichier dépasse 20\u202f000 lignes : découpez-le.")
    tableau = Tableau([n for n in noms if n])
    for numero, brute in donnees:
        valeurs = {n: _cellule(brute, i) for i, n in enumerate(noms) if n}
        tableau.lignes.append((numero, valeurs))
    return tableau
