"""Import à neuf d'un module de réglages, pour tester ce qu'il fait de l'environnement."""

from __future__ import annotations

import importlib
import sys


def importer_reglages(module: str):
    """Importe un module de réglages à neuf (et base), sans toucher aux modules déjà chargés."""
    import config.settings as paquet

    noms = ("config.settings.base", module)
    sauves = {n: sys.modules.pop(n) for n in noms if n in sys.modules}
    attributs = {n: getattr(paquet, n.rsplit(".", 1)[1], None) for n in noms}
    try:
        return importlib.import_module(module)
    finally:
        for nom in noms:
            sys.modules.pop(nom, None)
            court = nom.rsplit(".", 1)[1]
            if attributs[nom] is None:
                paquet.__dict__.pop(court, None)
            else:
                setattr(paquet, court, attributs[nom])
        sys.modules.update(sauves)
