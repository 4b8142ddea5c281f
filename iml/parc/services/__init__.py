"""Écritures du parc : un module par objet (bailleurs, prospects, logements, contrats) et le
seul écrivain des statuts (`statuts`)."""
