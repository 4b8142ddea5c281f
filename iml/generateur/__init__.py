"""Générateur de données synthétiques (issue 14) : organisations, comptes, bailleurs,
prospects et logements à l'échelle d'un département, d'une région ou du pays, déterministe
pour une graine donnée (`iml generer`). Paquet Python sans modèle ; les invariants des
services du parc sont appliqués en mémoire avant les insertions groupées."""
