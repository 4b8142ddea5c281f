"""Entonnoir des permissions de l'accompagnement social (même forme que `iml.menages.perms`).

- Travail social : le plan, les contacts, les étapes et les orientations des ménages dont elle
  ou il est référent ; sa propre charge.
- Direction de l'opérateur : tout l'accompagnement de son organisation, la vue d'équipe, le
  temps de travail (ETP) de chacun.
- Gestion locative : qu'un plan existe (sur la fiche du ménage), jamais ses notes ni ses
  contacts.
- État, cofinanceurs, administration de la plateforme : des nombres anonymes (chiffres
  d'activité), jamais un nom.
- SIAO : rien ici.
"""

from __future__ import annotations

from iml.appels.perms import Refus
from iml.comptes.acteur import Acteur
from iml.comptes.enums import Role
from iml.parc.perms import exiger

__all__ = ["Refus", "exiger"]

REFUS_ACCOMPAGNEMENT = Refus(
    "ACCES",
    "L'accompagnement d'un ménage est tenu par son travailleur social référent et la direction "
    "de son opérateur.",
)
REFUS_EQUIPE = Refus(
    "ACCES", "La vue d'équipe et le temps de travail sont tenus par la direction de l'opérateur."
)


def _direction(acteur: Acteur) -> bool:
    return acteur.est_operateur and acteur.role == Role.DIRECTION


def _travail_social(acteur: Acteur) -> bool:
    return acteur.est_operateur and acteur.role == Role.TRAVAILLEUR_SOCIAL


def accompagne(acteur: Acteur) -> bool:
    """Direction ou travail social d'un opérateur : les écrans de l'accompagnement."""
    return _direction(acteur) or _travail_social(acteur)


def acces_accompagnement(
    acteur: Acteur, operateur_id: int, referent_id: int | None
) -> Refus | None:
    """Lire et tenir l'accompagnement d'un ménage : son référent, la direction de son
    opérateur."""
    if not acteur.est_operateur or acteur.organisation.pk != operateur_id:
        return REFUS_ACCOMPAGNEMENT
    if _direction(acteur):
        return None
    if _travail_social(acteur) and referent_id == acteur.utilisateur.pk:
        return None
    return REFUS_ACCOMPAGNEMENT


def voit_existence_plan(acteur: Acteur, operateur_id: int) -> bool:
    """Savoir qu'un plan existe (intensité, référent, dates), sans ses notes : toute l'équipe
    de l'opérateur du ménage."""
    return acteur.est_operateur and acteur.organisation.pk == operateur_id


def acces_equipe(acteur: Acteur) -> Refus | None:
    """Vue d'équipe (charge de chacun, ménages sans contact) et temps de travail : la direction."""
    return None if _direction(acteur) else REFUS_EQUIPE


def tient_l_annuaire(acteur: Acteur) -> bool:
    """L'annuaire des partenaires de l'opérateur : la direction et le travail social le lisent
    et le tiennent."""
    return accompagne(acteur)


def peut_voir_chiffres(acteur: Acteur) -> bool:
    """Chiffres d'activité anonymes : la direction de l'opérateur (les siens), l'État et les
    cofinanceurs (leur territoire), l'administration de la plateforme."""
    return (
        _direction(acteur)
        or acteur.est_etat
        or acteur.est_cofinanceur
        or acteur.agit_pour_la_plateforme
    )


def peut_retirer_contact(acteur: Acteur, auteur_id: int) -> bool:
    """Un contact noté par erreur se retire par son auteur ou par la direction."""
    return acteur.utilisateur is not None and (
        auteur_id == acteur.utilisateur.pk or _direction(acteur)
    )


def exiger_accompagnement(acteur: Acteur, menage) -> None:
    """Le refus d'`acces_accompagnement`, en exception des services (403)."""
    exiger(acces_accompagnement(acteur, menage.operateur_id, menage.referent_id))
