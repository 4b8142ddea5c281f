"""API REST (django-ninja) : appels à candidatures et dossiers, sous /api/."""
