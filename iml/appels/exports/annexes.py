"""Annexes 1b, 2 et 3 d'un dossier, dans la mise en page de l'appel (003, annexes).

Annexes 2 (logements) et 3 (places) : deux lignes d'en-tête (années fusionnées sur leurs
trimestres, puis rangs des trimestres), une ligne par typologie × forme (« Mandat »,
« Sous loc. »), T5 et T6 et + regroupés en « T5 ou plus » comme dans l'appel, une colonne et
une ligne TOTAL ; les totaux sont ceux du moteur (`regles.capacite.total`), jamais saisis
(R-SCHEDULE-CONSISTENCY). Annexe 1b : captation, gestion, accompagnement, sous-totaux, total
et coût par place, tirés des chiffres du budget calculés par le moteur (R-BUDGET-MODEL).
"""

from __future__ import annotations

from decimal import Decimal

from iml.appels.exports.source import Source, decimal
from iml.appels.exports.tableaux import (
    NON_RENSEIGNE,
    Cellule,
    Feuille,
    annee,
    entier,
    montant,
    texte,
)
from regles.budget import cout_gestion_unitaire
from regles.capacite import LigneEcheancier, total
from regles.format import euros, nombre, pourcentage
from regles.types import Mode, Typologie

#: Lignes de l'appel : libellé et typologies regroupées.
GROUPES: tuple[tuple[str, tuple[Typologie, ...]], ...] = (
    ("chbre/studio", (Typologie.STUDIO,)),
    ("T1", (Typologie.T1,)),
    ("T2", (Typologie.T2,)),
    ("T3", (Typologie.T3,)),
    ("T4", (Typologie.T4,)),
    ("T5 ou plus", (Typologie.T5, Typologie.T6_PLUS)),
)
FORMES: tuple[tuple[Mode, str], ...] = (
    (Mode.MANDAT_GESTION, "Mandat"),
    (Mode.SOUS_LOCATION, "Sous loc."),
)
PREMIERE_LIGNE_DONNEES = 4
"""Rang (à partir de 0) de la première ligne typologie × forme : ligne 5 du tableur."""


def _valeurs(lignes: list[LigneEcheancier], n: int, source: Source) -> tuple[list[int | None], int]:
    if not lignes:
        return [None] * n, 0
    trimestres = [
        sum(ligne.trimestres[q] for ligne in lignes if q < len(ligne.trimestres)) for q in range(n)
    ]
    return trimestres, sum(total(ligne, source.bareme) for ligne in lignes)


def _entetes(f: Feuille, source: Source, n: int) -> None:
    annees: list[int] = []
    for t in source.trimestres:
        if t.annee not in annees:
            annees.append(t.annee)
    rang = len(f.lignes)
    ligne_annees: list[Cellule | None] = [texte("Année de mise en oeuvre", True), None]
    col = 2
    for a in annees:
        largeur = sum(1 for t in source.trimestres if t.annee == a)
        ligne_annees += [annee(a)] + [None] * (largeur - 1)
        f.fusionner(rang, col, rang, col + largeur - 1)
        col += largeur
    r = f.ajouter(*ligne_annees, texte("TOTAL", True))
    f.fusionner(r, 0, r, 1)
    f.fusionner(r, 2 + n, r + 1, 2 + n)
    r = f.ajouter(texte("Trimestre", True), None, *[entier(t.rang) for t in source.trimestres])
    f.fusionner(r, 0, r, 1)


def feuille_echeancier(source: Source, annexe: str) -> Feuille:
    """Annexe 2 (logements) ou 3 (places), une ligne par typologie × forme."""
    logements = annexe == "2"
    lignes = source.lu.logements if logements else source.lu.places
    n = len(source.trimestres)
    objet = "des logements" if logements else "des places"
    f = Feuille(f"Annexe {annexe}", largeurs=[34, 10] + [7] * n + [9])
    f.ajouter(texte(f"Annexe {annexe} : Échéancier de mobilisation {objet} en IML", True))
    f.fusionner(0, 0, 0, n + 2)
    f.ajouter(texte(f"{source.dossier.operateur.nom} — {source.libelle_version}"))
    f.fusionner(1, 0, 1, n + 2)
    _entetes(f, source, n)
    colonnes = [0] * n
    grand_total = 0
    intitule = "Logements mobilisés en" if logements else "Places mobilisées en"
    for libelle, typologies in GROUPES:
        premiere = len(f.lignes)
        for mode, forme in FORMES:
            choisies = [x for x in lignes if x.mode is mode and x.typologie in typologies]
            valeurs, ligne_total = _valeurs(choisies, n, source)
            colonnes = [c + (v or 0) for c, v in zip(colonnes, valeurs, strict=True)]
            grand_total += ligne_total
            f.ajouter(
                texte(f"{intitule} {libelle}", True),
                texte(forme),
                *[entier(v) for v in valeurs],
                entier(ligne_total, True),
            )
        f.fusionner(premiere, 0, premiere + 1, 0)
    r = f.ajouter(texte("TOTAL", True), None, *[entier(c, True) for c in colonnes])
    f.lignes[r].append(entier(grand_total, True))
    f.fusionner(r, 0, r, 1)
    return f


def _hypothese(budget: dict) -> str:
    lg, pl = budget.get("logements") or {}, budget.get("places") or {}
    mg, sl = Mode.MANDAT_GESTION.value, Mode.SOUS_LOCATION.value
    return (
        f"Dispositif de {nombre(pl.get(mg, 0) + pl.get(sl, 0))} places "
        f"({nombre(pl.get(mg, 0))} en mandat de gestion, {nombre(pl.get(sl, 0))} en "
        f"sous-location), par mobilisation de {nombre(lg.get(mg, 0) + lg.get(sl, 0))} logements "
        f"({nombre(lg.get(mg, 0))} en mandat de gestion, {nombre(lg.get(sl, 0))} en "
        "sous-location)."
    )


def methode_accompagnement(methode: str | None, source: Source) -> str:
    """Comment l'accompagnement a été chiffré (R-BUDGET-MODEL, R-SW-RATIO)."""
    b = source.bareme
    return {
        "RATIO": (
            f"1 travailleur social pour {nombre(b.menages_par_etp)} ménages, 1 ETP = "
            f"{euros(b.cout_etp)} + {pourcentage(b.frais_gestion_accompagnement_pct, 0)} de "
            "frais de gestion (R-SW-RATIO)"
        ),
        "ETP": "ETP déclarés par l'opérateur",
        "MONTANT_PAR_MENAGE": "montant par ménage déclaré",
        "BUDGET_DELEGUE": "budget en année pleine du partenaire délégué",
        "DROIT_COMMUN": "accompagnement vers le droit commun (0 €)",
        "SANS_MENAGE": "aucun ménage",
        "NON_RENSEIGNE": "non renseigné",
    }.get(methode or "", methode or "")


def _poste(
    f: Feuille, poste: str, forme: str, n: int | None, unitaire: Decimal | None, valeur
) -> None:
    f.ajouter(texte(poste), texte(forme), entier(n), montant(unitaire), None, montant(valeur))


def _sous_total(f: Feuille, nom: str, valeur: Decimal | None) -> None:
    r = f.ajouter(texte(f"Sous-total « {nom} »", True), None, None, None, None)
    f.lignes[r].append(montant(valeur, True))
    f.fusionner(r, 0, r, 4)


def _accompagnement(f: Feuille, source: Source, b: dict) -> None:
    for mode in Mode:
        acc = (b.get("accompagnement_par_mode") or {}).get(mode.value) or {}
        etp = decimal(acc.get("etp"))
        menages = (b.get("menages") or {}).get(mode.value)
        f.ajouter(
            texte("3) Accompagnement"),
            texte(mode.libelle),
            texte(NON_RENSEIGNE) if menages is None else entier(menages),  # R-UNKNOWN
            None,
            None if etp is None else Cellule(etp, "decimal"),
            montant(decimal(acc.get("montant"))),
            texte(methode_accompagnement(acc.get("methode"), source)),
        )
    _sous_total(f, "accompagnement", decimal(b.get("accompagnement")))


def _totaux(f: Feuille, b: dict) -> None:
    f.ajouter()
    r = f.ajouter(texte("Coût total du dispositif par an", True), None, None, None, None)
    f.lignes[r].append(montant(decimal(b.get("total")), True))
    places = sum((b.get("places") or {}).values())
    f.ajouter(texte("Places", True), None, entier(places, True))
    for libelle, cle in (
        ("Coût moyen par place", "cout_par_place"),
        ("Coût moyen par logement", "cout_par_logement"),
    ):
        r = f.ajouter(texte(libelle, True), None, None, None, None)
        f.lignes[r].append(montant(decimal(b.get(cle)), True))


def feuille_budget(source: Source) -> Feuille:
    """Annexe 1b : budget annuel du dossier, poste par poste (R-BUDGET-MODEL)."""
    b = source.budget
    lg = b.get("logements") or {}
    services = source.lu.services
    f = Feuille("Annexe 1b", largeurs=[34, 34, 12, 14, 8, 16, 60])
    f.ajouter(texte("Annexe 1b : Maquette financière du dispositif (budget annuel)", True))
    f.fusionner(0, 0, 0, 6)
    f.ajouter(texte(_hypothese(b)))
    f.fusionner(1, 0, 1, 6)
    f.ajouter()
    entetes = ("Poste", "Forme", "Logements ou ménages", "Coût unitaire", "ETP", "Montant")
    f.ajouter(*[texte(e, True) for e in entetes], texte("Méthode", True))
    captation = decimal(b.get("captation"))
    tous = "Mandat de gestion et sous-location"
    _poste(f, "1) Captation", tous, sum(lg.values()), services.captation_par_logement, captation)
    _sous_total(f, "captation", captation)
    for mode in Mode:
        unitaire = cout_gestion_unitaire(services.gestion.get(mode))
        valeur = decimal((b.get("gestion_par_mode") or {}).get(mode.value))
        _poste(f, "2) Gestion", mode.libelle, lg.get(mode.value, 0), unitaire, valeur)
    _sous_total(f, "gestion", decimal(b.get("gestion")))
    _accompagnement(f, source, b)
    _totaux(f, b)
    return f
