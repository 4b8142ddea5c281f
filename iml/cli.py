"""Console `iml` : sous-commandes du projet (iml demo, iml regles …)."""

from __future__ import annotations

import os
import sys

AIDE = """Usage : iml COMMANDE [ARGUMENTS]

Commandes :
  demo                      charge les données de démonstration (idempotent) et affiche les comptes
  regles VERBE FICHIER.json applique le moteur de règles (voir docs/schemas/)
  manage ...                toute commande Django (migrate, db_worker, …)
"""


def _django(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
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
    if commande == "manage":
        return _django(reste)
    sys.stderr.write(f"Commande inconnue : {commande}\n\n{AIDE}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
