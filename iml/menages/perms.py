"""Entonnoir des permissions des ménages et des occupations (même forme que `iml.parc.perms`).

- Direction et gestion locative d'un opérateur : tous les ménages de leur organisation, leurs
  occupations et leurs comptes ; elles admettent, renouvellent, encaissent, notent les sorties.
- Travail social : les ménages dont elle ou il est référent (fiche, occupation, compte en
  lecture) ; elle ou il tient la fiche (contacts, ressources, notes).
- Direction seule : lever un contrôle d'admission bloquant, quand la règle le permet.
- État, administration de la plateforme : des nombres et des taux, jamais un nom.
- SIAO, cofinanceurs : rien ici (les orientations arrivent avec le SIAO).
"""

from __future__ import annotations

from iml.appels.perms import Refus
from iml.comptes.acteur import Acteur
from iml.comptes.enums import Role
from iml.parc.perms import ROLES_GESTION, exiger

__all__ = ["Refus", "exiger"]

#: Un refus de droit (qui agit), pas une règle métier : il ne nomme aucune règle.
REFUS_MENAGE = Refus(
    "ACCES",
    "Ce ménage est suivi par un autre opérateur ou un autre travailleur social.",
)


def gere_les_menages(acteur: Acteur) -> bool:
    """Direction ou gestion locative d'un opérateur : les ménages de son organisation."""
    return acteur.est_operateur and acteur.role in ROLES_GESTION


def suit_des_menages(acteur: Acteur) -> bool:
    """Travail social d'un opérateur : les ménages dont elle ou il est référent."""
    return acteur.est_operateur and acteur.role == Role.TRAVAILLEUR_SOCIAL


def peut_lire_menages(acteur: Acteur) -> bool:
    return gere_les_menages(acteur) or suit_des_menages(acteur)


def peut_voir_chiffres(acteur: Acteur) -> bool:
    """Nombres et taux des occupations : l'opérateur (les siens), l'État (son territoire),
    l'administration de la plateforme."""
    return gere_les_menages(acteur) or acteur.est_etat or acteur.agit_pour_la_plateforme


def _de_son_perimetre(acteur: Acteur, operateur_id: int, referent_id: int | None) -> bool:
    if not acteur.est_operateur or acteur.organisation.pk != operateur_id:
        return False
    if acteur.role in ROLES_GESTION:
        return True
    return acteur.role == Role.TRAVAILLEUR_SOCIAL and referent_id == acteur.utilisateur.pk


def acces_menage(acteur: Acteur, operateur_id: int, referent_id: int | None) -> Refus | None:
    """Lire et tenir la fiche d'un ménage (identité, membres, ressources, critères, notes)."""
    return None if _de_son_perimetre(acteur, operateur_id, referent_id) else REFUS_MENAGE


def acces_gestion(acteur: Acteur, operateur_id: int | None = None) -> Refus | None:
    """Admettre, renouveler, réviser, encaisser, corriger, noter une sortie, importer : la
    direction et la gestion locative de l'opérateur du ménage."""
    if gere_les_menages(acteur) and operateur_id in (None, acteur.organisation.pk):
        return None
    return Refus(
        "ACCES",
        "Les admissions, le compte et les sorties d'un ménage sont tenus par la direction et la "
        "gestion locative de son opérateur.",
    )


def acces_derogation(acteur: Acteur, operateur_id: int) -> Refus | None:
    """Lever un contrôle d'admission bloquant (règles de `regles.admission.DEROGEABLES`) : la
    direction de l'opérateur seule, avec une justification écrite."""
    direction = acteur.est_operateur and acteur.role == Role.DIRECTION
    if direction and acteur.organisation.pk == operateur_id:
        return None
    return Refus(
        "ACCES",
        "Seule la direction de l'opérateur peut admettre malgré un contrôle bloquant, avec une "
        "justification écrite.",
    )
