#!/usr/bin/env python
"""Point d'entrée Django (migrations, serveur, worker)."""

import os
import sys


def main() -> None:
    from iml.cli import choisir_reglages

    if not choisir_reglages(os.environ):
        sys.exit(2)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
