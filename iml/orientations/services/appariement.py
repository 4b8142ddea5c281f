"""Exécutions du moteur d'appariement (R-APPARIEMENT) et passage des paires choisies en
propositions (R-SIAO).

- `lancer` : le SIAO lance une exécution ; l'instantané d'entrée (`instantane.construire`) et
  la version du barème sont gardés à l'instant du clic, le calcul part dans le worker
  (django-tasks, tâche `apparier_execution`) qui note l'avancement. Idempotent : tant qu'une
  exécution du SIAO est en attente ou en cours, relancer la rend au lieu d'en créer une autre ;
  rejouer la tâche d'une exécution finie ne change rien.
- `proposer_paires` : rien n'est proposé sans le clic d'une personne ; chaque paire choisie
  (parmi celles du résultat) devient une proposition (service `proposer`, avec l'exécution et
  le score) ; une paire devenue impossible (vacance pourvue ou annulée, demande close ou logée,
  proposition en cours) est refusée avec un message clair, les autres passent.
- `exclusions_paire` : « pourquoi pas ce ménage pour ce logement ? », rejoué sur l'instantané
  et le barème de l'exécution, des années après.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from iml.comptes.acteur import Acteur
from iml.comptes.models import Organisation
from iml.orientations import instantane, perms
from iml.orientations.models import DeclarationVacance, Demande, ExecutionAppariement
from iml.orientations.parametres import bareme as bareme_en_vigueur
from iml.orientations.services.propositions import proposer
from iml.parc.models import Logement
from iml.referentiel.models import JeuParametres
from regles.appariement import apparier
from regles.bareme import Bareme
from regles.entrees import EntreeInvalide
from regles.types_orientations import StatutDemande, StatutExecution, StatutVacance

journal = logging.getLogger(__name__)

E = StatutExecution
EN_COURS = (E.EN_ATTENTE, E.EN_COURS)
ECHEC_INATTENDU = (
    "Le calcul n'a pas abouti (erreur inattendue du moteur) ; aucune proposition n'a été créée. "
    "Relancez l'appariement ; si l'erreur revient, signalez-la à l'administration de la "
    "plateforme."
)

#: Réglage technique (pas un nombre métier) : une exécution encore en attente ou en cours
#: après ce délai est réputée perdue (worker arrêté, redémarré) ; elle est notée en échec au
#: prochain lancement, qui en crée une neuve. Le calcul d'un département dure quelques
#: secondes (docs/performance.md) : le délai laisse une marge très large.
DELAI_ABANDON = timedelta(minutes=30)
ABANDON = (
    "Le calcul n'a pas abouti dans les {minutes} minutes (le traitement de fond s'est "
    "probablement arrêté) ; aucune proposition n'a été créée. Relancez l'appariement."
)


def en_cours(siao: Organisation, maintenant: datetime):
    """Les exécutions du SIAO en attente ou en cours, dans le délai d'abandon."""
    return ExecutionAppariement.objects.filter(
        siao=siao, statut__in=EN_COURS, lancee_le__gte=maintenant - DELAI_ABANDON
    )


def abandonner_perdues(siao: Organisation, maintenant: datetime) -> int:
    """Note en échec les exécutions du SIAO restées en attente ou en cours au-delà du délai
    d'abandon ; rend leur nombre."""
    message = ABANDON.format(minutes=int(DELAI_ABANDON.total_seconds() // 60))
    return ExecutionAppariement.objects.filter(
        siao=siao, statut__in=EN_COURS, lancee_le__lt=maintenant - DELAI_ABANDON
    ).update(statut=E.ECHEC, message=message[:300], terminee_le=maintenant)


def _maj(execution: ExecutionAppariement, **champs: Any) -> None:
    """Écrit des champs sur l'objet et en base (avancement lu pendant le calcul)."""
    for nom, valeur in champs.items():
        setattr(execution, nom, valeur)
    ExecutionAppariement.objects.filter(pk=execution.pk).update(**champs)


@transaction.atomic
def lancer(*, acteur: Acteur, maintenant: datetime) -> ExecutionAppariement:
    """R-APPARIEMENT : lance le moteur pour le département du SIAO de l'acteur ; une
    exécution déjà en attente ou en cours est rendue telle quelle (double clic, onglets)."""
    perms.exiger(perms.acces_siao(acteur))
    # Deux clics simultanés : le verrou du SIAO les range l'un après l'autre.
    Organisation.objects.select_for_update().filter(pk=acteur.organisation.pk).first()
    abandonner_perdues(acteur.organisation, maintenant)
    deja = en_cours(acteur.organisation, maintenant).first()
    if deja is not None:
        return deja
    bareme = bareme_en_vigueur()
    photo = instantane.construire(acteur, timezone.localdate(maintenant))
    execution = ExecutionAppariement.objects.create(
        siao=acteur.organisation,
        lancee_le=maintenant,
        lancee_par=acteur.utilisateur,
        entree=photo.donnees,
        nb_logements=len(photo.donnees.get("logements", [])),
        nb_menages=len(photo.donnees.get("menages", [])),
        bareme_code=bareme.bareme_id,
        bareme_version=bareme.version,
        resultat={"ecartes": photo.ecartes},
    )
    apparier_execution.enqueue(execution.pk)
    execution.refresh_from_db()
    return execution


def bareme_de(execution: ExecutionAppariement) -> Bareme:
    """Le barème exact de l'exécution (code et version gardés) ; un jeu qui a servi n'est
    jamais réécrit (ADR 0002)."""
    jeu = JeuParametres.objects.filter(
        code=execution.bareme_code, version=execution.bareme_version
    ).first()
    if jeu is None:
        raise EntreeInvalide(
            "bareme",
            f"le barème {execution.bareme_code} v{execution.bareme_version} n'est plus chargé",
        )
    return jeu.en_bareme()


def usage_des_jeux(jeux: Sequence[JeuParametres]) -> str | None:
    """Gel (ADR 0002) : un jeu qui a servi à une exécution n'est plus réécrit, pour que
    « pourquoi ce ménage ? » se rejoue à l'identique des années après."""
    cles = Q(pk__in=[])
    for jeu in jeux:
        cles |= Q(bareme_code=jeu.code, bareme_version=jeu.version)
    execution = ExecutionAppariement.objects.filter(cles).first()
    if execution is None:
        return None
    return (
        f"il a servi au moteur d'appariement du {timezone.localtime(execution.lancee_le):%d/%m/%Y}"
    )


def calculer(execution: ExecutionAppariement) -> str:
    """Le travail du worker : le premier qui passe l'exécution « en cours » la calcule ;
    une exécution finie (ou prise par un autre) n'est pas retouchée."""
    pris = ExecutionAppariement.objects.filter(pk=execution.pk, statut=E.EN_ATTENTE).update(
        statut=E.EN_COURS, progression=10
    )
    if not pris:
        execution.refresh_from_db(fields=["statut"])
        return execution.statut
    execution.statut, execution.progression = E.EN_COURS, 10
    try:
        bareme = bareme_de(execution)
        _maj(execution, progression=30)
        sortie = apparier(execution.entree, bareme).en_json()
    except EntreeInvalide as refus:
        _echec(execution, f"Entrée refusée par le moteur : {refus}")
    except Exception:
        journal.exception("Appariement %s : échec inattendu", execution.pk)
        _echec(execution, ECHEC_INATTENDU)
    else:
        ecartes = (execution.resultat or {}).get("ecartes", [])
        execution.refresh_from_db(fields=["statut"])
        if execution.statut != E.EN_COURS:  # abandonnée entre-temps : le résultat est perdu
            return execution.statut
        _maj(
            execution,
            statut=E.TERMINEE,
            progression=100,
            resultat={**sortie, "ecartes": ecartes},
            nb_loges=len(sortie.get("affectations", [])),
            terminee_le=timezone.now(),
        )
    return execution.statut


def _echec(execution: ExecutionAppariement, message: str) -> None:
    _maj(execution, statut=E.ECHEC, message=message[:300], terminee_le=timezone.now())


@task()
def apparier_execution(execution_id: int) -> str:
    """Tâche de fond (worker `make worker`) ; en test, le backend « immediate » l'exécute
    sur-le-champ. L'exécution absente ne fait rien."""
    execution = ExecutionAppariement.objects.filter(pk=execution_id).first()
    if execution is None:
        return "exécution absente"
    return calculer(execution)


@dataclass
class Bilan:
    """Ce que `proposer_paires` a fait : propositions créées, paires refusées (message)."""

    creees: list[Any] = field(default_factory=list)
    refusees: list[str] = field(default_factory=list)


def _scores(execution: ExecutionAppariement) -> dict[tuple[str, str], dict]:
    resultat = execution.resultat or {}
    return {(a["menage"], a["logement"]): a["score"] for a in resultat.get("affectations", [])}


def _impossible(demande: Demande | None, logement: Logement | None) -> str | None:
    """Pourquoi la paire ne peut plus être proposée (l'état a changé depuis le calcul)."""
    if demande is None or logement is None:
        return "la demande ou le logement n'existe plus."
    if demande.statut != StatutDemande.EN_ATTENTE:
        return f"la demande n'est plus en attente ({StatutDemande(demande.statut).libelle})."
    ouverte = DeclarationVacance.objects.filter(
        logement=logement, statut=StatutVacance.DECLAREE
    ).exists()
    if not ouverte:
        return "la vacance du logement n'est plus ouverte (pourvue ou annulée)."
    return None


def _libelle(demande: Demande | None, logement: Logement | None) -> str:
    menage = str(demande) if demande is not None else "ménage supprimé"
    adresse = logement.adresse if logement is not None else "logement supprimé"
    return f"{menage} pour {adresse}"


def proposer_paires(
    *,
    acteur: Acteur,
    execution: ExecutionAppariement,
    paires: list[tuple[str, str]],
    maintenant: datetime,
) -> Bilan:
    """R-SIAO : les paires cochées par une personne deviennent des propositions (avec
    l'exécution et le score) ; chacune passe ou est refusée seule, motif à l'appui."""
    perms.exiger(perms.acces_siao(acteur, execution.siao_id))
    if execution.statut != E.TERMINEE:
        raise ValidationError({"paires": ["R-APPARIEMENT : l'exécution n'est pas terminée."]})
    if not paires:
        raise ValidationError({"paires": ["Cochez au moins une paire à proposer."]})
    scores = _scores(execution)
    # Seules les paires du résultat vont en base : un identifiant forgé n'y arrive jamais.
    connues = [paire for paire in paires if paire in scores]
    demandes = Demande.objects.filter(siao=acteur.organisation).in_bulk(
        [instantane.pk_de(m, "D") for m, _ in connues]
    )
    logements = Logement.objects.in_bulk([instantane.pk_de(lg, "L") for _, lg in connues])
    bilan = Bilan()
    for m, lg in paires:
        if (m, lg) not in scores:
            bilan.refusees.append(
                "paire inconnue de cette exécution : elle n'est pas proposée par le moteur."
            )
            continue
        demande = demandes.get(instantane.pk_de(m, "D"))
        logement = logements.get(instantane.pk_de(lg, "L"))
        _proposer_une(acteur, execution, demande, logement, scores[(m, lg)], maintenant, bilan)
    return bilan


def _proposer_une(
    acteur: Acteur,
    execution: ExecutionAppariement,
    demande: Demande | None,
    logement: Logement | None,
    score: dict,
    maintenant: datetime,
    bilan: Bilan,
) -> None:
    """Une paire connue du résultat : proposée, ou refusée avec sa raison (au bilan)."""
    libelle = _libelle(demande, logement)
    if raison := _impossible(demande, logement):
        bilan.refusees.append(f"{libelle} : {raison} Relancez l'appariement.")
        return
    assert demande is not None and logement is not None
    try:
        bilan.creees.append(
            proposer(
                acteur=acteur,
                demande=demande,
                logement=logement,
                maintenant=maintenant,
                execution=execution,
                score=score,
            )  # fmt: skip
        )
    except ValidationError as refus:
        bilan.refusees.append(f"{libelle} : {' '.join(refus.messages)}")


def exclusions_paire(execution: ExecutionAppariement, menage: str, logement: str) -> dict:
    """R-APPARIEMENT : les règles dures qui excluent la paire, rejouées sur l'instantané et
    le barème de l'exécution (`regles`, `messages` ; vides : paire éligible)."""
    if execution.statut != E.TERMINEE:
        raise ValidationError({"paire": ["R-APPARIEMENT : l'exécution n'est pas terminée."]})
    try:
        sortie = apparier(execution.entree, bareme_de(execution), paires=[(menage, logement)])
    except EntreeInvalide as refus:
        raise ValidationError({"paire": [f"Paire refusée par le moteur : {refus}"]}) from refus
    exclusion: dict = sortie.en_json()["exclusions"][0]
    return exclusion
