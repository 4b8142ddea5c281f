"""La commune d'un logement ou d'un prospect : une commune du département de l'opérateur, lue
dans le COG livré (nom, code INSEE ou « Nom (code) »). Un seul message pour les formulaires et
les services."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from iml.comptes.communes import resoudre


def code_commune(saisie: str, departement: str) -> str:
    """Le code INSEE de la commune saisie, ou `ValidationError` avec la phrase à montrer."""
    try:
        trouvee = resoudre(saisie or "", departement)
    except ValueError as erreur:  # CommuneAmbigue : plusieurs communes portent ce nom
        raise ValidationError(f"Commune : {erreur}") from erreur
    if trouvee is None:
        raise ValidationError(
            f"Commune : « {saisie} » n'est pas une commune de votre département "
            "(nom ou code INSEE)."
        )
    return trouvee.code
