"""Les impayés ouvrent l'accompagnement budgétaire (R-ACCOMP-IMPAYES) : un objectif d'origine
« impayés » (domaine budget) s'ouvre sur le plan ouvert du ménage quand sa dette échue atteint
le seuil des impayés, et passe « atteint » quand la dette échue est soldée.

Écritures de la tâche quotidienne (`iml.accompagnement.taches`), sans acteur : c'est le système
qui agit (le journal d'audit garde chaque changement). Idempotentes : ouvrir une action déjà
ouverte, fermer une action déjà close ne change rien.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction

from iml.accompagnement.models import Objectif, Plan
from regles.types_accompagnement import DomaineBesoin, OrigineObjectif, StatutObjectif

LIBELLE_ACTION = "Soutien budgétaire : résorber la dette de loyer"
#: L'action ouverte est à revoir dans ce délai (revue de l'objectif avec le ménage).
REVUE_APRES_JOURS = 30


def action_ouverte(plan: Plan) -> Objectif | None:
    return plan.objectifs.filter(
        origine=OrigineObjectif.IMPAYES, statut=StatutObjectif.EN_COURS
    ).first()


@transaction.atomic
def ouvrir_action_impayes(*, plan: Plan, aujourd_hui: date) -> Objectif | None:
    """R-ACCOMP-IMPAYES : ouvre l'action de soutien budgétaire sur un plan ouvert, à revoir dans
    30 jours ; `None` si le plan est clos ou si une action y est déjà ouverte."""
    if not plan.ouvert or action_ouverte(plan) is not None:
        return None
    try:
        with transaction.atomic():
            return Objectif.objects.create(
                plan=plan,
                domaine=DomaineBesoin.BUDGET,
                libelle=LIBELLE_ACTION,
                revue_le=aujourd_hui + timedelta(days=REVUE_APRES_JOURS),
                origine=OrigineObjectif.IMPAYES,
                ouvert_le=aujourd_hui,
            )
    except IntegrityError:  # ouverte entre-temps par un autre passage (contrainte d'unicité)
        return None


@transaction.atomic
def fermer_action_impayes(*, objectif: Objectif, aujourd_hui: date) -> Objectif:
    """R-ACCOMP-IMPAYES : la dette échue est soldée, l'action est atteinte, close ce jour ; un
    objectif qui n'est pas une action en cours ne change pas."""
    if objectif.origine != OrigineObjectif.IMPAYES or objectif.statut != StatutObjectif.EN_COURS:
        return objectif
    objectif.statut = StatutObjectif.ATTEINT
    objectif.clos_le = aujourd_hui
    objectif.save(update_fields=["statut", "clos_le"])
    return objectif
