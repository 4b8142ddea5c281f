"""Le parc privé de l'opérateur : bailleurs, captation, logements, contrats bailleur."""
