"""Entonnoir des permissions du parc (même forme que `iml.appels.perms`).

- Direction et gestion locative d'un opérateur : lisent et écrivent le parc de leur
  organisation (bailleurs, prospects, logements, contrats).
- Travail social : lit les seuls logements de ses ménages (les ménages arrivent avec les
  occupations ; d'ici là, aucun).
- État : les chiffres agrégés des conventions de son territoire, jamais l'identité d'un
  bailleur ni la fiche d'un logement.
- SIAO, cofinanceurs : rien pour l'instant.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from iml.appels.perms import Refus
from iml.comptes.acteur import Acteur
from iml.comptes.enums import Role
from iml.parc.models import Bailleur, Logement, Prospect
from regles.parc import verifier_contact

ROLES_GESTION = (Role.DIRECTION, Role.GESTIONNAIRE_LOCATIF)

__all__ = ["ROLES_GESTION", "Refus"]


def exiger(refus: Refus | None, champ: str | None = None) -> None:
    """Fait d'un refus l'exception des services : 403 pour un refus de droit (l'acteur),
    erreur de saisie (sous `champ`, ou générale) pour un refus d'état (le moment)."""
    if refus is None:
        return
    if not refus.etat:
        raise PermissionDenied(refus.message)
    raise ValidationError({champ: [refus.message]} if champ else refus.message)


def gere_le_parc(acteur: Acteur) -> bool:
    """Direction ou gestion locative d'un opérateur : le parc de son organisation."""
    return acteur.est_operateur and acteur.role in ROLES_GESTION


def acces_parc(acteur: Acteur, operateur_id: int | None = None) -> Refus | None:
    """Lire et écrire bailleurs, prospects, logements et contrats de son organisation
    (`operateur_id` : l'organisation de l'objet visé, quand il y en a un)."""
    if gere_le_parc(acteur) and operateur_id in (None, acteur.organisation.pk):
        return None
    return Refus(
        "R-PARC",
        "R-PARC : le parc d'un opérateur est tenu par sa direction et sa gestion locative.",
    )


def peut_gerer_parc(acteur: Acteur) -> bool:
    return acces_parc(acteur) is None


def peut_lire_logements(acteur: Acteur) -> bool:
    """Gestion du parc, ou travail social (ses ménages seulement, voir les sélecteurs)."""
    return gere_le_parc(acteur) or (acteur.est_operateur and acteur.role == Role.TRAVAILLEUR_SOCIAL)


def peut_voir_chiffres_parc(acteur: Acteur) -> bool:
    """Places financées, logements mobilisés, places ouvertes : l'opérateur pour ses
    conventions, l'État pour celles de son territoire (sans identité de bailleur)."""
    return gere_le_parc(acteur) or acteur.est_etat or acteur.agit_pour_la_plateforme


def acces_contact(acteur: Acteur, bailleur: Bailleur) -> Refus | None:
    """R-CONTACT : un bailleur inscrit « ne pas contacter » sort de la prospection."""
    if refus := acces_parc(acteur, bailleur.operateur_id):
        return refus
    if bailleur.ne_pas_contacter:
        return Refus(
            "R-CONTACT",
            f"R-CONTACT : {bailleur} a demandé à ne pas être contacté ; "
            "retirez d'abord la mention « ne pas contacter » de sa fiche si elle n'a plus cours.",
            etat=True,
        )
    return None


def acces_transition_prospect(acteur: Acteur, prospect: Prospect, vers: str) -> Refus | None:
    """Faire avancer un prospect ; R-CONTACT (regles.parc) pour les statuts de prise de
    contact ; la table des transitions dit le reste (service)."""
    if refus := acces_parc(acteur, prospect.operateur_id):
        return refus
    if constat := verifier_contact(prospect.bailleur.ne_pas_contacter, vers):
        return Refus(constat.regle, constat.message, etat=True)
    return None


def acces_modifier_logement(acteur: Acteur, logement: Logement) -> Refus | None:
    if refus := acces_parc(acteur, logement.operateur_id):
        return refus
    if logement.statut == "RESTITUE":
        return Refus(
            "R-PARC",
            "R-PARC : ce logement est restitué à son bailleur ; sa fiche ne change plus.",
            etat=True,
        )
    return None
