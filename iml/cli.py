"""Console `iml` : sous-commandes du projet (iml demo, iml regles …)."""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping

AIDE = """Usage : iml COMMANDE [ARGUMENTS]

Commandes :
  demo                      charge les données de démonstration (idempotent) et affiche les comptes
  generer --echelle departement|region|national --graine N [--base-vide]
                            génère des données synthétiques (voir docs/performance.md)
  regles VERBE FICHIER.json applique le moteur de règles (voir docs/schemas/)
  manage ...                toute commande Django (migrate, db_worker, …)
"""


REGLAGES_DEV = "config.settings.dev"
REFUS_REGLAGES = (
    "DATABASE_URL est défini mais DJANGO_SETTINGS_MODULE ne l'est pas : les réglages de "
    "développement (DEBUG, clé non secrète) ne s'appliquent pas d'office à une base désignée par "
    "DATABASE_URL. Précisez DJANGO_SETTINGS_MODULE=config.settings.prod (production) ou "
    "DJANGO_SETTINGS_MODULE=config.settings.dev (développement sur PostgreSQL).\n"
)


def choisir_reglages(environ: MutableMapping[str, str]) -> bool:
    """Pose les réglages de développement par défaut, sauf si DATABASE_URL désigne une base sans
    que DJANGO_SETTINGS_MODULE soit choisi : alors refus (faux), message sur la sortie d'erreur."""
    if environ.get("DJANGO_SETTINGS_MODULE"):
        return True
    if environ.get("DATABASE_URL"):
        sys.stderr.write(REFUS_REGLAGES)
        return False
    environ["DJANGO_SETTINGS_MODULE"] = REGLAGES_DEV
    return True


def _django(argv: list[str]) -> int:
    if not choisir_reglages(os.environ):
        return 2
    from django.core.management import execute_from_command_line

    execute_from_command_line(["iml", *argv])
    return 0


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "aide"}:
        sys.stdout.write(AIDE)
        return 0
    commande, reste = args[0], args[1:]
    if commande == "regles":
        from iml.referentiel.cli_regles import main as regles_main

        return regles_main(reste, sys.stdin, sys.stdout, sys.stderr)
    if commande == "demo":
        return _django(["demo", *reste])
    if commande == "generer":
        return _django(["generer", *reste])
    if commande == "manage":
        return _django(reste)
    sys.stderr.write(f"Commande inconnue : {commande}\n\n{AIDE}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
