"""Formulaires des appels : `appels` (création, paramètres), `statut`, `instruction`,
`conventions`, et `dossier` (les étapes du dossier de candidature)."""
