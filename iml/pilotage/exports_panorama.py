"""Exports du panorama régional (csv, xlsx, ods) : les mêmes chiffres que la page. Une valeur
inconnue s'écrit « non renseigné » (« ? » déclaré) ou « non déclaré » (aucune déclaration),
jamais 0 ; la ligne du total régional dit « 106 places connues, 3 départements non
renseignés » tant qu'une part est inconnue (R-UNKNOWN). Une feuille « Calculé » donne les
places des conventions signées du système, avec leur source et leur date ; la feuille
« Sources » chaque source déclarée et sa date."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from iml.appels.exports import ods, xlsx
from iml.appels.exports.tableaux import Cellule, Feuille, texte
from iml.parc.exports import en_csv
from iml.pilotage.exports_tableaux import enregistrer
from iml.pilotage.graphiques import Colonne, Ligne, Tableau
from iml.pilotage.selectors_panorama import PAR_CATEGORIE_FORME, Panorama
from regles.format import date_fr
from regles.panorama import Indicateur

FORMATS = {"xlsx": xlsx.TYPE_MIME, "ods": ods.TYPE_MIME, "csv": "text/csv; charset=utf-8"}
ETATS = {"non_renseigne": "non renseigné", "non_declare": "non déclaré"}


def _valeur(valeur: Decimal | None, etat: str = "non_renseigne") -> object:
    return ETATS.get(etat, "non renseigné") if valeur is None else int(valeur)


def _euros_ou_inconnu(montant: Decimal | None) -> object:
    """R-UNKNOWN : 0 € (0 place déclarée) est un montant, seul `None` est non renseigné."""
    return "non renseigné" if montant is None else montant


def entetes(p: Panorama) -> list[str]:
    return [
        "Département", "Code",
        *(i.libelle for i in p.indicateurs),
        "Mesures financées (État + département)",
        "Financement « un petit chez-soi » (€)",
    ]  # fmt: skip


def lignes(p: Panorama) -> list[list[object]]:
    rangs = [
        [ligne.departement.nom, ligne.departement.code,
         *(_valeur(c.valeur, c.etat) for c in ligne.cases),
         _valeur(ligne.mesures_total), _euros_ou_inconnu(ligne.financement_petit_chez_soi)]
        for ligne in p.lignes
    ]  # fmt: skip
    total = [
        f"Total {p.region.nom}", "",
        *(t.valeur if t.complet else t.texte for t in p.totaux),
        p.total_mesures.valeur if p.total_mesures.complet else p.total_mesures.texte,
        p.total_financement.valeur if p.total_financement.complet
        else p.total_financement.texte_euros,
    ]  # fmt: skip
    return [*rangs, total]


def _cellule(v: object, gras: bool = False) -> Cellule:
    if isinstance(v, int):
        return Cellule(v, "entier", gras)
    if isinstance(v, Decimal):
        return Cellule(int(v), "entier", gras)
    return texte(v, gras)


def _feuille_calcule(p: Panorama) -> Feuille:
    f = Feuille("Calculé", largeurs=[24, 8, *([18] * len(PAR_CATEGORIE_FORME)), 18])
    jour = date_fr(p.calcules.jour) if p.calcules and p.calcules.jour else ""
    f.ajouter(texte(f"Source : conventions signées du système, au {jour}", True))
    f.ajouter(
        texte("Département", True), texte("Code", True),
        *(texte(i.libelle, True) for i in PAR_CATEGORIE_FORME.values()),
        texte("Catégorie non renseignée (places)", True),
    )  # fmt: skip
    for ligne in p.lignes:
        dep = ligne.departement
        visible = p.calcules is not None and dep.pk in p.calcules.visibles
        valeurs = [
            (
                "hors de votre périmètre"
                if not visible
                else p.calcules.places.get((dep.pk, i.value), 0)
            )
            for i in PAR_CATEGORIE_FORME.values()
        ]
        sans = p.calcules.sans_categorie.get(dep.pk, 0) if visible else "hors de votre périmètre"
        f.ajouter(texte(dep.nom), texte(dep.code), *(_cellule(v) for v in valeurs), _cellule(sans))
    return f


def feuilles(p: Panorama) -> list[Feuille]:
    principale = Feuille(f"Panorama {p.annee}", largeurs=[24, 8] + [18] * (len(p.indicateurs) + 2))
    principale.ajouter(*(texte(e, True) for e in entetes(p)))
    rangs = lignes(p)
    for k, rang in enumerate(rangs):
        principale.ajouter(*(_cellule(v, gras=k == len(rangs) - 1) for v in rang))
    principale.filtre = (0, len(rangs) - 1)
    sources = Feuille("Sources", largeurs=[80, 14])
    sources.ajouter(texte("Source déclarée", True), texte("Date", True))
    for source, jour in p.sources:
        sources.ajouter(texte(source), Cellule(jour, "date"))
    return [principale, _feuille_calcule(p), sources]


def exporter(p: Panorama, format_: str) -> bytes:
    if format_ == "csv":
        pied = [[f"Source : {s}", date_fr(j)] for s, j in p.sources]
        return en_csv(entetes(p), [*lignes(p), *pied])
    ecrivain = xlsx if format_ == "xlsx" else ods
    return ecrivain.classeur(feuilles(p))


# --- Graphique (composant du volet B : iml.pilotage.graphiques) --------------------------------

NOM_GRAPHIQUE = "panorama"


def indicateur_du_graphique(brut: str | None) -> Indicateur:
    return Indicateur(brut) if brut in Indicateur.__members__ else Indicateur.PLACES_CHEZ_SOI


def graphique(p: Panorama, indicateur: Indicateur, requete_region: str = "") -> Tableau:
    """Un indicateur par département : la valeur déclarée (« non renseigné » et « non déclaré »
    sont des trous du graphique, marqués dans le libellé, jamais des barres à zéro) et, pour les
    places par catégorie et forme, les places calculées depuis les conventions à côté."""
    rang = p.indicateurs.index(indicateur)
    calcule = indicateur in PAR_CATEGORIE_FORME.values()
    unite = "places" if indicateur.unite.value == "PLACES" else "mesures"
    colonnes = [Colonne(f"{indicateur.libelle} — déclaré", unite=unite, feminin=True)]
    if calcule:
        colonnes.append(Colonne("Calculé (conventions signées)", unite=unite, feminin=True))
    lignes = tuple(
        Ligne(
            ligne.departement.nom,
            (ligne.cases[rang].valeur, ligne.cases[rang].calcule)
            if calcule
            else (ligne.cases[rang].valeur,),
        )
        for ligne in p.lignes
    )
    parametres = {"annee": str(p.annee), "indicateur": indicateur.value}
    if requete_region:
        parametres["region"] = p.region.code
    return Tableau(
        titre=f"{indicateur.libelle} par département, {p.region.nom}, {p.annee}",
        colonnes=tuple(colonnes),
        lignes=lignes,
        source="déclarations de la DREETS (source de chaque valeur dans le tableau du panorama)"
        + ("; calculé : conventions signées du système" if calcule else ""),
        date=p.calcules.jour if p.calcules and p.calcules.jour else date(p.annee, 12, 31),
        entete_lignes="Département",
        nom=NOM_GRAPHIQUE,
        parametres=parametres,
        totaux=True,
        inconnues=("département non renseigné", "départements non renseignés"),
    )


def _construire(acteur, parametres) -> Tableau:
    """Export générique du volet B (`pilotage:export_tableau`) : même périmètre que la page."""
    from django.core.exceptions import PermissionDenied
    from django.http import Http404
    from django.utils import timezone

    from iml.pilotage import perms, selectors_panorama

    if refus := perms.acces_panorama(acteur):
        raise PermissionDenied(refus.message)
    region = selectors_panorama.region_de(acteur, parametres.get("region"))
    if region is None:
        raise Http404("Choisissez une région.")
    brut = parametres.get("annee", "")
    annee = int(brut) if brut.isascii() and brut.isdigit() and 2000 <= int(brut) <= 2100 else None
    if annee is None:
        annees = selectors_panorama.annees(region)
        annee = annees[0] if annees else timezone.localdate().year - 1
    p = selectors_panorama.panorama(acteur, region, annee, timezone.localdate())
    indicateur = indicateur_du_graphique(parametres.get("indicateur"))
    return graphique(p, indicateur, "region" if acteur.agit_pour_la_plateforme else "")


enregistrer(NOM_GRAPHIQUE, _construire)


def attributs_etroits(tableau: Tableau) -> dict[str, str]:
    """Le graphique à petite largeur (390 px) : les mêmes chiffres en barres horizontales, une
    ligne par département, assez haut pour que les 12 libellés s'affichent tous (en barres
    verticales, Chart.js n'en garde que quelques-uns), « (?) » pour une valeur non renseignée
    (le libellé long déborderait) ; la table de données reste la référence."""
    hauteur = max(len(tableau.lignes), 1) * 40 + 60  # environ 40 px par département
    libelles = [
        ligne.libelle + (" (?)" if any(v is None for v in ligne.valeurs) else "")
        for ligne in tableau.lignes
    ]
    return tableau.attributs_graphique | {
        "x": json.dumps([libelles] * len(tableau.colonnes), ensure_ascii=False),
        "horizontal": "true",
        "aspect-ratio": f"{360 / hauteur:.2f}",
    }
