"""`iml regles VERBE FICHIER.json` : appliquer les règles IML à un document JSON, sans base.

Le document (`-` : entrée standard) est validé contre
`iml/referentiel/schemas/<verbe>.schema.json` avant tout calcul. Sortie : JSON {"verbe",
"bareme": {"code", "version"}, "constats", "chiffres"} sur la sortie standard, décimaux en
chaînes (« 85500.00 »). Code de retour : 0 sans constat d'erreur, 1 avec au moins une
erreur, 2 si l'entrée ou le barème est invalide (message en français nommant le champ, sur la
sortie d'erreur). N'importe pas Django.

`iml regles appariement FICHIER.json --paires D7:L12,D8:L3` : les « chiffres » sont le
résultat du moteur (affectations et scores, non logés et non pourvus avec la raison, objectif,
preuve) ; `--paires` y ajoute les exclusions des couples ménage:logement demandés.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

import jsonschema

from iml.referentiel import fichiers
from iml.referentiel.validation import traduire, validateur
from regles.bareme import Bareme, ParametreInvalide
from regles.constats import a_des_erreurs
from regles.conversion import ValeurInvalide
from regles.entrees import nom_bareme
from regles.verbes import VERBES, Resultat, appariement

#: Au plus tant de paires dont on demande les exclusions (`--paires`).
PAIRES_MAX = 1000


class EntreeRefusee(Exception):
    """Entrée ou barème invalide : code de retour 2."""


def _analyseur() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="iml regles",
        description="Applique les règles IML (R-…) à un document JSON et affiche les constats.",
    )
    p.add_argument("verbe", choices=sorted(VERBES), help="contrôle à effectuer")
    p.add_argument("fichier", help="document JSON d'entrée ; « - » lit l'entrée standard")
    p.add_argument(
        "--bareme",
        help="code du jeu de paramètres (sinon la clé « bareme », sinon "
        f"{fichiers.BAREME_PAR_DEFAUT})",
    )
    p.add_argument(
        "--date-reference",
        type=date.fromisoformat,
        help="date du jour pour les contrôles datés (AAAA-MM-JJ ; défaut : date de dépôt, sinon "
        "aujourd'hui)",
    )
    p.add_argument(
        "--paires",
        metavar="MENAGE:LOGEMENT,…",
        help="verbe appariement : couples ménage:logement dont afficher les règles qui les "
        f"excluent (au plus {PAIRES_MAX}, séparés par des virgules)",
    )
    return p


def _lire(fichier: str, stdin: IO[str]) -> Any:
    try:
        if fichier == "-":
            return json.load(stdin, parse_float=Decimal)
        with Path(fichier).open(encoding="utf-8") as f:
            return json.load(f, parse_float=Decimal)
    except OSError as e:
        raise EntreeRefusee(f"Entrée illisible : {fichier} ({e.strerror}).") from e
    except json.JSONDecodeError as e:
        raise EntreeRefusee(
            f"Entrée invalide : JSON mal formé ligne {e.lineno}, colonne {e.colno} ({e.msg})."
        ) from e


def _valider_schema(verbe: str, data: Any) -> None:
    erreur = jsonschema.exceptions.best_match(validateur(verbe).iter_errors(data))
    if erreur is not None:
        champ, message = traduire(erreur)
        raise EntreeRefusee(f"Entrée invalide : champ « {champ or '(racine)'} » : {message}.")


def _bareme(args: argparse.Namespace, data: Any) -> Bareme:
    try:
        code = args.bareme or nom_bareme(data) or fichiers.BAREME_PAR_DEFAUT
        return fichiers.bareme_pour(code)
    except ParametreInvalide as e:
        raise EntreeRefusee(f"Barème invalide : « {e.champ} » : {e.message}.") from e


def _json(valeur: Any) -> Any:
    if isinstance(valeur, Decimal):
        return format(valeur, "f")
    if isinstance(valeur, date | datetime):
        return valeur.isoformat()
    if isinstance(valeur, Enum):
        return valeur.value
    raise TypeError(f"non sérialisable : {type(valeur).__name__}")


def _paires(texte: str) -> list[tuple[str, str]]:
    """`D7:L12,D8:L3` → [("D7", "L12"), ("D8", "L3")] ; `EntreeRefusee` sinon."""
    paires = []
    for morceau in texte.split(","):
        menage, deux_points, logement = morceau.strip().partition(":")
        if not (deux_points and menage and logement):
            raise EntreeRefusee(
                f"Option --paires invalide : « {morceau.strip()} » : MENAGE:LOGEMENT attendu "
                "(par exemple D7:L12,D8:L3)."
            )
        paires.append((menage, logement))
    if len(paires) > PAIRES_MAX:
        raise EntreeRefusee(
            f"Option --paires invalide : {len(paires)} paires, au plus {PAIRES_MAX}."
        )
    return paires


def _verbe(args: argparse.Namespace) -> Callable[[object, Bareme, date], Resultat]:
    if args.paires is None:
        return VERBES[args.verbe]
    if args.verbe != "appariement":
        raise EntreeRefusee("Option --paires réservée au verbe appariement.")
    paires = _paires(args.paires)

    def avec_paires(data: object, bareme: Bareme, jour: date) -> Resultat:
        try:
            return appariement(data, bareme, jour, paires=paires)
        except ValeurInvalide as e:
            if not e.champ.startswith("paires["):
                raise
            i = int(e.champ.removeprefix("paires[").rstrip("]"))
            m, lg = paires[i]
            raise EntreeRefusee(f"Option --paires invalide : « {m}:{lg} » : {e.message}.") from e

    return avec_paires


def executer(args: argparse.Namespace, stdin: IO[str]) -> tuple[dict[str, Any], bool]:
    """Lit, valide, calcule ; renvoie (résultat JSON, au moins une erreur ?).

    Lève `EntreeRefusee` pour une entrée ou un barème invalide.
    """
    verbe = _verbe(args)
    data = _lire(args.fichier, stdin)
    _valider_schema(args.verbe, data)
    bareme = _bareme(args, data)
    if args.date_reference is None:
        args.date_reference = datetime.now(tz=ZoneInfo("Europe/Paris")).date()
    try:
        constats, chiffres = verbe(data, bareme, args.date_reference)
    except ValeurInvalide as e:
        raise EntreeRefusee(f"Entrée invalide : champ « {e.champ} » : {e.message}.") from e
    resultat = {
        "verbe": args.verbe,
        "bareme": {"code": bareme.bareme_id, "version": bareme.version},
        "constats": [c.as_dict() for c in constats],
        "chiffres": chiffres,
    }
    return resultat, a_des_erreurs(constats)


def main(
    argv: Sequence[str],
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """Point d'entrée de `iml regles …` ; renvoie le code de retour (0, 1 ou 2)."""
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            args = _analyseur().parse_args(list(argv))
    except SystemExit as e:
        return 0 if e.code is None else int(e.code)
    try:
        resultat, erreurs = executer(args, stdin)
    except EntreeRefusee as e:
        print(str(e), file=stderr)
        return 2
    json.dump(resultat, stdout, default=_json, ensure_ascii=False, indent=2)
    stdout.write("\n")
    return 1 if erreurs else 0
