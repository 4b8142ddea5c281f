"""Estimations de l'aide au logement (docs/adr/0009) : la gestion demande, le worker calcule.

`demander_estimation` crée la demande (« en attente ») et programme la tâche
`taches_estimation.estimer_aide` après la validation de la transaction ; la tâche appelle
`calculer` ici, qui lit le ménage et le logement et confie le calcul à OpenFisca-France
(`iml.occupations.openfisca`). Une estimation n'est jamais une ressource du ménage : aucune
`Ressource` n'est écrite ; le contrôle d'admission la montre comme une estimation datée.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from decimal import Decimal
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iml.comptes.acteur import Acteur
from iml.menages import perms
from iml.menages.models import Menage
from iml.menages.selectors import ressources_au
from iml.occupations import openfisca
from iml.occupations.enums import EtatEstimation
from iml.occupations.models import EstimationAide
from iml.parc.models import Logement

journal = logging.getLogger(__name__)

#: Au-delà, un loyer ou des charges mensuels sont tenus pour une erreur de saisie.
MAXIMUM = Decimal("10000.00")
LIBELLES = {"loyer": "Loyer", "charges": "Charges"}


def _controler_montants(loyer: Any, charges: Any) -> dict[str, list[str]]:
    erreurs: dict[str, list[str]] = {}
    for champ, valeur in (("loyer", loyer), ("charges", charges)):
        libelle = LIBELLES[champ]
        if not isinstance(valeur, Decimal) or not valeur.is_finite():
            erreurs[champ] = [f"{libelle} : un montant en euros est attendu."]
        elif valeur < 0:
            erreurs[champ] = [f"{libelle} : le montant ne peut pas être négatif."]
        elif valeur > MAXIMUM:
            erreurs[champ] = [f"{libelle} : plus de 10 000 € par mois, vérifiez la saisie."]
        elif valeur != valeur.quantize(Decimal("0.01")):
            erreurs[champ] = [f"{libelle} : deux décimales au plus (les centimes)."]
    if "loyer" not in erreurs and loyer == 0:
        erreurs["loyer"] = ["Loyer : un loyer nul n'ouvre aucune aide au logement."]
    return erreurs


@transaction.atomic
def demander_estimation(
    *,
    acteur: Acteur,
    menage: Menage,
    logement: Logement,
    loyer: Decimal,
    charges: Decimal,
    maintenant: datetime,
) -> EstimationAide:
    """Demande une estimation pour ce ménage dans ce logement à ce loyer ; la même demande
    encore en attente est retrouvée, pas dupliquée."""
    perms.exiger(perms.acces_gestion(acteur, menage.operateur_id))
    erreurs = _controler_montants(loyer, charges)
    if logement.operateur_id != menage.operateur_id:
        erreurs["logement"] = ["Logement : il n'appartient pas au parc de l'opérateur du ménage."]
    if erreurs:
        raise ValidationError(erreurs)
    criteres = {"menage": menage, "logement": logement, "loyer": loyer, "charges": charges}
    en_attente = EstimationAide.objects.filter(etat=EtatEstimation.EN_ATTENTE, **criteres).first()
    if en_attente is not None:
        return en_attente
    estimation = EstimationAide.objects.create(
        demandee_le=maintenant, demandee_par=acteur.utilisateur, **criteres
    )
    from iml.occupations.taches_estimation import estimer_aide

    transaction.on_commit(partial(estimer_aide.enqueue, estimation.pk))
    return estimation


def donnees(estimation: EstimationAide) -> dict[str, Any]:
    """Ce qu'OpenFisca reçoit du ménage et du logement (jamais le nom ni la référence) :
    dates de naissance, liens, ressources courantes au jour de la demande, commune, meublé."""
    menage = estimation.menage
    jour = timezone.localdate(estimation.demandee_le)
    return {
        "naissance": menage.date_naissance,
        "membres": [(p.lien, p.annee_naissance) for p in menage.personnes.all()],
        "ressources": {
            str(nature): montant
            for nature, montant in ressources_au(list(menage.ressources.all()), jour).items()
        },
        "commune": estimation.logement.commune,
        "meuble": estimation.logement.meuble,
        "loyer": estimation.loyer,
        "charges": estimation.charges,
        "mois": jour.replace(day=1),
    }


def calculer(estimation: EstimationAide) -> EstimationAide:
    """Calcule et enregistre l'estimation : FAITE avec son montant, son moteur, sa durée, ou
    ECHEC avec un motif en français. Rejouer une estimation finie ne change rien."""
    if estimation.etat != EtatEstimation.EN_ATTENTE:
        return estimation
    debut = time.perf_counter()
    try:
        entree = donnees(estimation)
        montant = openfisca.calculer_aide(openfisca.situation(entree), entree["mois"])
    except openfisca.EstimationImpossible as refus:
        estimation.etat, estimation.motif = EtatEstimation.ECHEC, str(refus)
    except Exception:
        journal.exception("Estimation de l'aide au logement %s : échec inattendu", estimation.pk)
        estimation.etat = EtatEstimation.ECHEC
        estimation.motif = (
            "Le calcul n'a pas abouti (erreur inattendue du moteur) ; rien n'a été enregistré "
            "dans la fiche du ménage. Vous pouvez redemander l'estimation."
        )
    else:
        estimation.etat, estimation.montant = EtatEstimation.FAITE, montant
    finally:
        estimation.moteur = openfisca.moteur()
        estimation.duree_ms = round((time.perf_counter() - debut) * 1000)
        estimation.calculee_le = timezone.now()
        estimation.save(
            update_fields=["etat", "montant", "motif", "moteur", "duree_ms", "calculee_le"]
        )
    return estimation
