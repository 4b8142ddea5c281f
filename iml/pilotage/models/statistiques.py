"""Statistiques annuelles (R-STATS, enquête IML de la DGCS)."""

__all__: list[str] = []
