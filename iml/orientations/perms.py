"""Entonnoir des permissions des orientations du SIAO (R-SIAO ; même forme que
`iml.accompagnement.perms`).

- SIAO (coordination) : les demandes qu'il a enregistrées, le registre des places et les
  vacances déclarées de son département, ses propositions ; il propose, confirme un refus ou
  passe outre, retire une proposition.
- Opérateur (direction, gestion locative) : ses déclarations de vacance, les propositions
  qui lui sont faites ; il accepte ou refuse, admet le ménage d'une proposition acceptée.
- État, administration de la plateforme : des nombres (chiffres), jamais un nom.
- Travail social, cofinanceurs : rien ici.
"""

from __future__ import annotations

from iml.appels.perms import Refus
from iml.comptes.acteur import Acteur
from iml.comptes.enums import Role
from iml.parc.perms import ROLES_GESTION, exiger

__all__ = ["Refus", "exiger"]

REFUS_SIAO = Refus(
    "ACCES", "Les demandes, le registre des places et les propositions sont tenus par le SIAO."
)
REFUS_OPERATEUR = Refus(
    "ACCES",
    "Les déclarations de vacance et les réponses aux propositions sont tenues par la direction "
    "et la gestion locative de l'opérateur.",
)


def coordonne(acteur: Acteur) -> bool:
    """La coordination d'un SIAO : demandes, registre, propositions de son département."""
    return acteur.est_siao and acteur.role == Role.COORDINATION


def gere_les_orientations(acteur: Acteur) -> bool:
    """Direction ou gestion locative d'un opérateur : ses vacances, ses propositions."""
    return acteur.est_operateur and acteur.role in ROLES_GESTION


def voit_les_propositions(acteur: Acteur) -> bool:
    return coordonne(acteur) or gere_les_orientations(acteur)


def peut_voir_chiffres(acteur: Acteur) -> bool:
    """Nombres anonymes des orientations : le SIAO, l'État (son territoire), la plateforme."""
    return coordonne(acteur) or acteur.est_etat or acteur.agit_pour_la_plateforme


def acces_siao(acteur: Acteur, siao_id: int | None = None) -> Refus | None:
    """Tenir les demandes et proposer : la coordination du SIAO (de l'objet, s'il y en a un)."""
    if coordonne(acteur) and siao_id in (None, acteur.organisation.pk):
        return None
    return REFUS_SIAO


def acces_operateur(acteur: Acteur, operateur_id: int | None = None) -> Refus | None:
    """Déclarer une vacance, répondre à une proposition, admettre : l'opérateur visé."""
    if gere_les_orientations(acteur) and operateur_id in (None, acteur.organisation.pk):
        return None
    return REFUS_OPERATEUR


def acces_admission(acteur: Acteur, proposition) -> Refus | None:
    """Admettre le ménage d'une proposition : l'opérateur, une fois la proposition acceptée."""
    if refus := acces_operateur(acteur, proposition.operateur_id):
        return refus
    if proposition.statut != "ACCEPTEE":
        return Refus(
            "R-SIAO",
            "R-SIAO : seule une proposition acceptée mène à l'admission du ménage.",
            etat=True,
        )
    return None
