"""Génère `docs/guide/regles.md` : chaque règle, sa source, ses paramètres et leurs valeurs.

Le guide est tiré du code (`regles.ids`, `regles.parametres`, les docstrings de `regles/`) et
des jeux de paramètres livrés (`iml/referentiel/data/`) ; un test vérifie que le fichier livré
est à jour. Régénérer : `python -m iml.referentiel.guide --ecrire`.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from iml.referentiel.fichiers import lire_jeux
from regles.ids import REGLES, Regle
from regles.parametres import (
    PARAMETRES,
    PARAMETRES_ACCOMPAGNEMENT,
    PARAMETRES_APPEL,
    PARAMETRES_OCCUPATIONS,
    PARAMETRES_PARC,
    PARAMETRES_PILOTAGE,
    PARAMETRES_SIAO,
    Parametre,
)
from regles.types import NiveauJeu

RACINE = Path(__file__).resolve().parents[2]
CHEMIN_GUIDE = RACINE / "docs" / "guide" / "regles.md"

ENTETE = """\
# Les règles de l'intermédiation locative (IML)

<!-- Fichier généré par `python -m iml.referentiel.guide --ecrire` : ne pas modifier à la main.
     Source : regles/ids.py, regles/parametres.py, docstrings de regles/, iml/referentiel/data/. -->

Ce guide décrit chaque règle appliquée par l'application, avec son identifiant (R-…), le
paragraphe des documents sources qui la fonde, les paramètres qui la chiffrent et les choix
d'interprétation retenus là où les sources laissent une question ouverte. Un message de
l'application commence toujours par l'identifiant de la règle : « R-EFFORT-SL : taux d'effort
32,0 % supérieur au plafond de 30 % (sous-location …) ».

Sources : **003** = appel à candidatures 2019-2020 du préfet d'Ille-et-Vilaine (140 places
d'IML) ; **000** = étude régionale Nouvelle-Aquitaine, fiche thématique n° 4. Les règles de
décence du parc (R-DECENCE-…) citent directement les textes nationaux qui les fondent.

## Conventions communes

- **Constats.** Chaque contrôle rend des constats : *erreur* (bloque), *alerte* (demande
  attention), *information*. Un constat nomme sa règle, donne une phrase chiffrée et, s'il y a
  lieu, le champ concerné (`logements[2].typologie`).
- **Arrondis.** Montants au centime, demi au-dessus (ROUND_HALF_UP), une seule fois à la fin de
  chaque poste (ligne de budget, ligne de subvention) ; les totaux somment des postes arrondis.
  Les pourcentages sont arrondis au pas `pourcentages_arrondi` (0,1 point) avant toute
  comparaison : le message affiche la valeur comparée. Les bornes sont incluses : 30,0 % passe
  un plafond de 30 %, 30,1 % non ; 2 200,00 € passe un maximum de 2 200 €, 2 200,01 € non.
- **Non renseigné (R-UNKNOWN).** Une valeur absente (`null`) n'est jamais zéro : un total dont
  un terme manque est lui-même non renseigné, et le contrôle qui en dépend est signalé « non
  contrôlé » par une information.
- **Écriture des nombres.** Espace fine insécable (U+202F) entre les milliers, virgule
  décimale, espace insécable (U+00A0) avant « € » et « % » : « 85 500 € », « 30,1 % ».
- **Barèmes.** Tous les nombres viennent d'un jeu de paramètres daté. Les jeux se superposent
  (national < régional < départemental < appel) : la couche la plus spécifique l'emporte. Tout
  résultat enregistré garde le code et la version du barème employé. Un jeu qui a servi (appel
  publié, version déposée, convention) est figé : le changer, c'est en créer une nouvelle
  version, l'ancienne restant celle des résultats déjà calculés.
"""


def _valeur(v: Any) -> str:
    if v is None:
        return "vide"
    if isinstance(v, bool):
        return "oui" if v else "non"
    if isinstance(v, Decimal | int | float):
        return str(v).replace(".", ",")
    if isinstance(v, Mapping):
        if "libelle" in v and "poids" in v:
            return f"{v['libelle']} (poids {_valeur(v['poids'])})"
        return ", ".join(f"{k} : {_valeur(x)}" for k, x in v.items())
    if isinstance(v, list | tuple):
        return " ; ".join(_valeur(x) for x in v)
    return str(v)


def _cellule(texte: str) -> str:
    return texte.replace("|", "\\|").replace("\n", " ")


#: Blocs dont les sous-paramètres sont décrits un à un (`appel.places`, `parc.zones_tendues`).
BLOCS: dict[str, tuple[Parametre, ...]] = {
    "appel": PARAMETRES_APPEL,
    "parc": PARAMETRES_PARC,
    "occupations": PARAMETRES_OCCUPATIONS,
    "accompagnement": PARAMETRES_ACCOMPAGNEMENT,
    "siao": PARAMETRES_SIAO,
    "pilotage": PARAMETRES_PILOTAGE,
}


def _bloc(p: Parametre) -> str | None:
    return next((nom for nom, params in BLOCS.items() if p in params), None)


def _valeurs(nom: str, jeux: Sequence[Mapping[str, Any]], bloc: str | None) -> tuple[str, str]:
    valeurs, sources = [], []
    cle = f"{bloc}.{nom}" if bloc else nom
    for jeu in jeux:
        params = jeu["parametres"].get(bloc) if bloc else jeu["parametres"]
        if isinstance(params, Mapping) and nom in params:
            valeurs.append(f"{_valeur(params[nom])} ({jeu['code']})")
        source = jeu.get("sources", {}).get(cle)
        if source and isinstance(params, Mapping) and nom in params:
            sources.append(source)
    return " ; ".join(valeurs) or "—", " ; ".join(dict.fromkeys(sources)) or "—"


def _tableau(params: Sequence[Parametre], jeux: Sequence[Mapping[str, Any]]) -> list[str]:
    lignes = [
        "| Paramètre | Signification | Valeurs (jeu) | Source |",
        "|---|---|---|---|",
    ]
    for p in params:
        bloc = _bloc(p)
        valeurs, source = _valeurs(p.nom, jeux, bloc)
        nom = f"`{bloc}.{p.nom}`" if bloc else f"`{p.nom}`"
        marque = " *(interprétation)*" if p.interpretation else ""
        lignes.append(
            f"| {nom} | {_cellule(p.libelle)}{marque} | {_cellule(valeurs)} | {_cellule(source)} |"
        )
    return lignes


def fonctions_par_regle(dossier: Path = RACINE / "regles") -> dict[str, list[str]]:
    """Fonctions publiques de `regles/` dont la docstring cite chaque règle."""
    trouvees: dict[str, list[str]] = {r.id: [] for r in REGLES}
    for chemin in sorted(dossier.glob("*.py")):
        arbre = ast.parse(chemin.read_text(encoding="utf-8"))
        for noeud in arbre.body:
            if not isinstance(noeud, ast.FunctionDef) or noeud.name.startswith("_"):
                continue
            doc = ast.get_docstring(noeud) or ""
            for r in REGLES:
                if re.search(rf"{re.escape(r.id)}(?![-A-Z])", doc):
                    trouvees[r.id].append(f"`regles.{chemin.stem}.{noeud.name}`")
    return trouvees


def _decrits() -> list[Parametre]:
    """Paramètres présentés dans le guide : les blocs le sont par leurs sous-paramètres."""
    hors_blocs = [p for p in PARAMETRES if p.nom not in BLOCS]
    return [
        *hors_blocs,
        *PARAMETRES_APPEL,
        *PARAMETRES_PARC,
        *PARAMETRES_OCCUPATIONS,
        *PARAMETRES_ACCOMPAGNEMENT,
        *PARAMETRES_SIAO,
        *PARAMETRES_PILOTAGE,
    ]


def _section(r: Regle, jeux: Sequence[Mapping[str, Any]], fonctions: list[str]) -> list[str]:
    params = [p for p in _decrits() if r.id in p.regles]
    lignes = [f"### {r.id}", "", r.enonce, "", f"- **Source :** {r.source}."]
    lignes.append(f"- **Appliquée par :** {', '.join(fonctions) or f'`regles.{r.module}`'}.")
    if r.interpretation:
        lignes.append(f"- **Interprétation :** {r.interpretation}")
    lignes.append("")
    if params:
        lignes += [*_tableau(params, jeux), ""]
    return lignes


def _jeux(jeux: Sequence[Mapping[str, Any]]) -> list[str]:
    lignes = [
        "## Jeux de paramètres livrés",
        "",
        "| Code | Niveau | Parent | Version | Date d'effet | Libellé |",
        "|---|---|---|---|---|---|",
    ]
    for j in jeux:
        lignes.append(
            f"| `{j['code']}` | {NiveauJeu(j['niveau']).libelle} | {j.get('parent') or '—'} | "
            f"{j['version']} | {j['date_effet']} | {_cellule(j['libelle'])} |"
        )
    return [*lignes, ""]


def _interpretations(jeux: Sequence[Mapping[str, Any]]) -> list[str]:
    lignes = [
        "## Choix d'interprétation (paramètres)",
        "",
        "Ces paramètres fixent un point que les sources laissent ouvert ; un administrateur peut "
        "les changer dans une copie du jeu de paramètres.",
        "",
    ]
    choix = [p for p in _decrits() if p.interpretation]
    return [*lignes, *_tableau(choix, jeux), ""]


def generer(jeux: Sequence[Mapping[str, Any]] | None = None) -> str:
    """Le texte complet du guide."""
    ordre = list(NiveauJeu)
    jeux = sorted(
        jeux or lire_jeux(), key=lambda j: (ordre.index(NiveauJeu(j["niveau"])), j["code"])
    )
    fonctions = fonctions_par_regle()
    lignes = [ENTETE, *_jeux(jeux), *_interpretations(jeux), "## Les règles", ""]
    for r in REGLES:
        lignes += _section(r, jeux, fonctions[r.id])
    return "\n".join(lignes).rstrip() + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m iml.referentiel.guide [--ecrire]` : affiche ou écrit le guide."""
    p = argparse.ArgumentParser(prog="python -m iml.referentiel.guide", description=__doc__)
    p.add_argument("--ecrire", action="store_true", help=f"écrire {CHEMIN_GUIDE.name}")
    args = p.parse_args(argv)
    texte = generer()
    if args.ecrire:
        CHEMIN_GUIDE.write_text(texte, encoding="utf-8")
    else:
        sys.stdout.write(texte)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
