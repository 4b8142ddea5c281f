"""Écritures des appels, dossiers, instruction et conventions : un module par volet, chaque
fonction atomique, vérifiant sa permission (`perms`) et journalisant ses changements. Rien ici
ne lit pour afficher : les lectures sont dans `selectors`, les vues-modèles dans `presentation`."""
