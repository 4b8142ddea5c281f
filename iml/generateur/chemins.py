"""Chemins à travers une table de transitions (`regles.transitions`) : le générateur et la
démonstration n'atteignent un statut qu'en franchissant les passages que la table permet."""

from __future__ import annotations

from collections import deque

from regles.transitions import Table


def chemin(table: Table, de: str, vers: str, via: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Les statuts successifs (sans `de`) du plus court chemin de `de` à `vers` par la table,
    en passant par les étapes `via` dans l'ordre ; `ValueError` si la table ne le permet pas."""
    etapes: list[str] = []
    depart = de
    for cible in (*via, vers):
        etapes.extend(_plus_court(table, depart, cible))
        depart = cible
    return tuple(etapes)


def _plus_court(table: Table, de: str, vers: str) -> list[str]:
    if de == vers:
        return []
    precedent: dict[str, str] = {de: de}
    file = deque([de])
    while file:
        statut = file.popleft()
        for t in table.suivants(statut):
            if t.vers in precedent:
                continue
            precedent[t.vers] = statut
            if t.vers == vers:
                return _remonter(precedent, de, vers)
            file.append(t.vers)
    raise ValueError(f"La table {table.objet} ne mène pas de {de} à {vers}.")


def _remonter(precedent: dict[str, str], de: str, vers: str) -> list[str]:
    etapes = [vers]
    while precedent[etapes[-1]] != de:
        etapes.append(precedent[etapes[-1]])
    return etapes[::-1]
