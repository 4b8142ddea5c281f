"""Règles de l'intermédiation locative (IML), en Python pur.

Ce paquet n'importe que la bibliothèque standard : ni Django, ni base de données, ni horloge.
Tout arrive en argument : un `Bareme` daté de paramètres et des dataclasses figées. Chaque
fonction cite dans sa docstring les identifiants de règle (R-…) qu'elle applique ; la liste
complète est dans `regles.ids.REGLES`.
"""
