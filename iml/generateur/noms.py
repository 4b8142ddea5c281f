"""Noms fictifs (bailleurs, rues) pour la démonstration et le générateur : aucune personne
réelle, des noms de famille et des prénoms parmi les plus portés en France."""

from __future__ import annotations

PRENOMS = (
    "Jeanne", "Louis", "Monique", "Bernard", "Françoise", "Yann", "Maryvonne", "Pierre",
    "Annick", "Jean-Claude", "Sylvie", "Gilles", "Catherine", "Hervé", "Nathalie", "Loïc",
    "Isabelle", "Patrick", "Brigitte", "Erwan", "Martine", "Alain", "Soizic", "Didier",
)  # fmt: skip
NOMS = (
    "Le Goff", "Martin", "Guillou", "Bernard", "Le Roux", "Petitjean", "Hamon", "Lebreton",
    "Morvan", "Durand", "Gicquel", "Rolland", "Lemoine", "Tanguy", "Colin", "Charpentier",
    "Lefeuvre", "Hervé", "Briand", "Jouan", "Perrin", "Gautier", "Renault", "Fontaine",
)  # fmt: skip
SCI = ("SCI Les Tilleuls", "SCI du Thabor", "SCI Ker Avel", "SCI Les Remparts", "SCI Bellevue")
SOCIETES = ("Immobilière de la Vilaine SAS", "Foncière Armor SARL", "Patrimoine Rance SA")
RUES = (
    "rue de la Monnaie", "boulevard de la Liberté", "rue Saint-Hélier", "avenue Janvier",
    "rue de Brest", "rue d'Antrain", "place des Lices", "rue du Général-Leclerc",
    "rue des Fossés", "allée des Cerisiers", "rue Jean-Jaurès", "rue de la Poterie",
    "quai Duguay-Trouin", "rue de Paris", "impasse des Lilas", "rue Victor-Hugo",
)  # fmt: skip
