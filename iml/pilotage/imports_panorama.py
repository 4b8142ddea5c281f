"""Import du panorama régional (CSV ou XLSX, format : docs/formats/panorama.md) : une ligne
par département et par année, une colonne par indicateur. Cellule vide : indicateur non
déclaré par cette ligne (rien ne change) ; « ? » ou « non renseigné » : déclaré non renseigné
(R-UNKNOWN, jamais 0) ; un nombre entier : la valeur. Tout ou rien : chaque erreur nomme sa
ligne et sa colonne, et rien n'est écrit s'il y en a une. Le fichier (douze départements au
plus par région) est lu dans la requête (docs/adr/0013)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from iml.comptes.models import Territoire
from iml.occupations.imports.colonnes import Colonne
from iml.occupations.imports.lecture import _tableau
from iml.occupations.imports.validation import Erreur, ErreursImport
from iml.orientations.services.imports import decoder
from iml.parc.imports import conversions as cv
from iml.parc.imports import lecture
from iml.parc.imports.colonnes import normaliser_entete
from iml.pilotage.services_panorama import Declaration
from regles.panorama import Indicateur, valider_valeur

__all__ = ["COLONNES", "ErreursImport", "lire"]

#: Au-delà, le fichier n'est pas un tableau régional (12 départements × quelques années).
LIGNES_MAX = 500
INCONNU = {"?", "non renseigne", "non renseignee", "nr", "inconnu", "n c", "nc"}

COLONNES: tuple[Colonne, ...] = (
    Colonne("departement", "Département", "Code INSEE (« 79 ») ou nom (« Deux-Sèvres ») d'un "
            "département de votre région", "79", True),
    Colonne("annee", "Année", "Année de la valeur (au 31 décembre)", "2019", True),
    Colonne("source", "Source", "D'où vient le chiffre (étude, cahier départemental…)",
            "Étude régionale IML, fiche n° 4", True),
    Colonne("date_source", "Date de la source", "JJ/MM/AAAA, pas dans le futur", "31/12/2019",
            True),
) + tuple(
    Colonne(i.value.lower(), i.libelle, "Nombre entier ; « ? » : non renseigné ; vide : non "
            "déclaré par cette ligne", "85" if i is Indicateur.PLACES_CHEZ_SOI else "")
    for i in Indicateur
)  # fmt: skip
NOMS = tuple(c.nom for c in COLONNES)
REQUISES = tuple(c.nom for c in COLONNES if c.requise)
PAR_NOM = {c.nom: c for c in COLONNES}
ALIAS = {normaliser_entete(c.libelle): c.nom for c in COLONNES} | {
    "code_departement": "departement",
    "code": "departement",
}


def _erreur(numero: int | None, colonne: str | None, message: str) -> Erreur:
    libelle = PAR_NOM[colonne].dans_une_phrase if colonne in PAR_NOM else None
    return Erreur(numero, colonne, message, libelle)


def _departement(brut: str, par_code: dict[str, Territoire], par_nom: dict[str, Territoire]):
    texte = brut.strip()
    if texte.isascii() and texte.isdigit() and len(texte) == 1:
        texte = "0" + texte
    trouve = par_code.get(texte.upper()) or par_nom.get(normaliser_entete(texte))
    if trouve is None:
        raise ValueError(f"« {brut} » n'est pas un département de votre région.")
    return trouve


def _valeur(brut: str) -> Decimal | None:
    """`None` : non renseigné ; ValueError : valeur refusée."""
    if normaliser_entete(brut).replace("_", " ") in INCONNU or brut.strip() == "?":
        return None
    valeur = Decimal(cv.entier(brut))
    if message := valider_valeur(valeur):
        raise ValueError(f"« {brut} » : {message}")
    return valeur


def _ligne(numero, valeurs, deps, aujourd_hui, erreurs) -> list[Declaration]:
    par_code, par_nom = deps
    lues: dict[str, object] = {}
    for nom, conversion in (
        ("departement", lambda b: _departement(b, par_code, par_nom)),
        ("annee", cv.entier),
        ("date_source", cv.jour),
        ("source", str.strip),
    ):
        brut = valeurs.get(nom, "").strip()
        if not brut:
            erreurs.append(_erreur(numero, nom, "valeur requise."))
            continue
        try:
            lues[nom] = conversion(brut)
        except ValueError as refus:
            erreurs.append(_erreur(numero, nom, str(refus)))
    annee = lues.get("annee")
    if isinstance(annee, int) and not 2000 <= annee <= aujourd_hui.year:
        erreurs.append(_erreur(numero, "annee", f"{annee} : une année de 2000 à aujourd'hui."))
        lues.pop("annee")
    jour = lues.get("date_source")
    if isinstance(jour, date) and jour > aujourd_hui:
        erreurs.append(_erreur(numero, "date_source", "elle ne peut pas être dans le futur."))
    if isinstance(lues.get("source"), str) and len(str(lues["source"])) > 300:
        erreurs.append(_erreur(numero, "source", "300 caractères au plus."))
    return _indicateurs(numero, valeurs, lues, erreurs)


def _indicateurs(numero, valeurs, lues, erreurs) -> list[Declaration]:
    """Une déclaration par cellule d'indicateur non vide (si la ligne est lisible)."""
    resultat: list[Declaration] = []
    for indicateur in Indicateur:
        brut = valeurs.get(indicateur.value.lower(), "")
        if not brut.strip():
            continue
        try:
            valeur = _valeur(brut)
        except ValueError as refus:
            erreurs.append(_erreur(numero, indicateur.value.lower(), str(refus)))
            continue
        if len(lues) == 4:
            resultat.append(
                Declaration(lues["departement"], lues["annee"], indicateur.value, valeur,
                            lues["source"], lues["date_source"])
            )  # fmt: skip
    if not any(valeurs.get(i.value.lower(), "").strip() for i in Indicateur):
        erreurs.append(_erreur(numero, None, "aucun indicateur renseigné sur cette ligne."))
    return resultat


def lire(contenu: bytes, nom: str, region: Territoire, aujourd_hui: date) -> list[Declaration]:
    """Les déclarations du fichier ; `lecture.FichierIllisible` (fichier entier refusé) ou
    `ErreursImport` (toutes les erreurs, ligne par ligne)."""
    ext = lecture.verifier(contenu, nom)
    if ext == ".xlsx":
        brutes = lecture._lignes_xlsx(contenu)
    else:
        brutes = lecture._lignes_csv(decoder(contenu).encode("utf-8"))
    tableau = _tableau(brutes, ALIAS, NOMS, REQUISES, "aucun département à importer")
    if len(tableau.lignes) > LIGNES_MAX:
        raise lecture.FichierIllisible(f"Le fichier dépasse {LIGNES_MAX} lignes.")
    deps = list(Territoire.objects.filter(region=region))
    index = ({d.code: d for d in deps}, {normaliser_entete(d.nom): d for d in deps})
    erreurs: list[Erreur] = []
    declarations: list[Declaration] = []
    vues: dict[tuple[int, int], int] = {}
    for numero, valeurs in tableau.lignes:
        lues = _ligne(numero, valeurs, index, aujourd_hui, erreurs)
        if lues:
            cle = (lues[0].departement.pk, lues[0].annee)
            if cle in vues:
                erreurs.append(_erreur(numero, None, f"même département et même année que la "
                                       f"ligne {vues[cle]}."))  # fmt: skip
            vues.setdefault(cle, numero)
        declarations += lues
    if erreurs:
        raise ErreursImport(erreurs)
    return declarations
