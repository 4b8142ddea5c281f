"""Import tout ou rien : lire, valider chaque ligne (avancement 0 → 50 %), puis écrire toutes
les lignes dans UNE transaction par les services du parc (`creer_/modifier_bailleur`,
`creer_/modifier_logement`). L'avancement et le résultat s'écrivent hors de cette transaction :
ils survivent à son annulation. Rejouer un import terminé ne change rien ; réimporter le même
fichier ne change rien non plus (« 0 créé, 30 inchangés »)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from iml.comptes.acteur import Acteur, acteur_pour
from iml.parc import perms
from iml.parc.imports import lecture, validation
from iml.parc.imports.travail import deposer, maj, prendre_et_traiter
from iml.parc.imports.validation import (
    COLONNE_DU_CHAMP_BAILLEUR,
    COLONNE_DU_CHAMP_LOGEMENT,
    Contexte,
    Erreur,
    ErreursImport,
    LigneValide,
)
from iml.parc.models import Bailleur, Logement
from iml.parc.models_imports import EtatImport, ImportParc
from iml.parc.services import bailleurs as service_bailleurs
from iml.parc.services import logements as service_logements
from regles.format import nombre


@dataclass
class Resultat:
    bailleurs_crees: int = 0
    bailleurs_modifies: int = 0
    bailleurs_inchanges: int = 0
    logements_crees: int = 0
    logements_modifies: int = 0
    logements_inchanges: int = 0


def _differe(objet: Bailleur | Logement, donnees: dict[str, Any]) -> bool:
    return any(getattr(objet, champ) != valeur for champ, valeur in donnees.items())


def _erreurs_service(ligne: LigneValide, refus: ValidationError, colonnes: dict) -> ErreursImport:
    if not hasattr(refus, "error_dict"):
        return ErreursImport([Erreur(ligne.numero, None, m) for m in refus.messages])
    erreurs = []
    for champ, messages in refus.message_dict.items():
        colonne = colonnes.get(champ)
        erreurs += [Erreur(ligne.numero, colonne, m) for m in messages]
    return ErreursImport(erreurs)


def _bailleur(acteur: Acteur, ligne: LigneValide, ctx: Contexte, resultat: Resultat, vus: set):
    existant = ctx.bailleurs.get(ligne.reference_bailleur)
    premiere_fois = ligne.reference_bailleur not in vus
    vus.add(ligne.reference_bailleur)
    jour = ctx.aujourd_hui
    donnees = {k: v for k, v in ligne.bailleur.items() if v is not None or existant is not None}
    try:
        if existant is None:
            donnees = {**validation.DEFAUTS_BAILLEUR, **donnees}
            existant = service_bailleurs.creer_bailleur(acteur=acteur, aujourd_hui=jour, **donnees)
            ctx.bailleurs[ligne.reference_bailleur] = existant
            resultat.bailleurs_crees += 1
        elif premiere_fois and _differe(existant, donnees):
            service_bailleurs.modifier_bailleur(
                acteur=acteur, bailleur=existant, aujourd_hui=jour, **donnees
            )
            resultat.bailleurs_modifies += 1
        elif premiere_fois:
            resultat.bailleurs_inchanges += 1
    except ValidationError as refus:
        raise _erreurs_service(ligne, refus, COLONNE_DU_CHAMP_BAILLEUR) from refus
    return existant


def _logement(acteur, ligne: LigneValide, bailleur, ctx: Contexte, resultat, maintenant):
    existant = ctx.logements.get(ligne.reference_logement)
    try:
        if existant is None:
            service_logements.creer_logement(
                acteur=acteur, bailleur=bailleur, maintenant=maintenant, **ligne.logement
            )
            resultat.logements_crees += 1
        elif _differe(existant, ligne.logement):
            service_logements.modifier_logement(
                acteur=acteur, logement=existant, aujourd_hui=ctx.aujourd_hui, **ligne.logement
            )
            resultat.logements_modifies += 1
        else:
            resultat.logements_inchanges += 1
    except ValidationError as refus:
        raise _erreurs_service(ligne, refus, COLONNE_DU_CHAMP_LOGEMENT) from refus


@transaction.atomic
def ecrire(acteur: Acteur, lignes: list[LigneValide], ctx: Contexte, maintenant: datetime):
    """Toutes les lignes ou aucune : une erreur d'un service annule la transaction entière."""
    resultat, vus = Resultat(), set()
    for ligne in lignes:
        bailleur = _bailleur(acteur, ligne, ctx, resultat, vus)
        _logement(acteur, ligne, bailleur, ctx, resultat, maintenant)
    return resultat


_maj = maj


ERREURS_GARDEES = 1000


def _refuser(imp: ImportParc, erreurs: list[Erreur]) -> None:
    motif = ""
    if len(erreurs) > ERREURS_GARDEES:
        motif = (
            f"{nombre(len(erreurs))} erreurs : les {nombre(ERREURS_GARDEES)} premières sont "
            "listées ; corrigez-les, puis déposez de nouveau le fichier pour voir la suite."
        )
    _maj(imp, etat=EtatImport.REFUSE, erreurs=[asdict(e) for e in erreurs[:ERREURS_GARDEES]],
         motif=motif, termine_le=timezone.now())  # fmt: skip


def traiter(imp: ImportParc) -> str:
    """Le travail du worker pour un import déposé (idempotent une fois fini) ; le fichier
    (données personnelles des bailleurs) est effacé une fois traité."""
    acteur = acteur_pour(imp.cree_par, imp.adhesion_id)
    return prendre_et_traiter(
        imp,
        autorise=perms.peut_gerer_parc(acteur) and acteur.organisation == imp.operateur,
        motif_refus="Droits insuffisants pour importer dans ce parc.",
        traiter=lambda: _traiter(imp, acteur),
    )


def _traiter(imp: ImportParc, acteur: Acteur) -> str:
    maintenant = timezone.now()
    try:
        tableau = lecture.lire(bytes(imp.contenu), imp.nom_fichier)
        _maj(imp, lignes=len(tableau.lignes))
        ctx = Contexte.charger(acteur, timezone.localdate(maintenant))
        lignes = validation.valider(
            ctx, tableau, lambda f: _maj(imp, progression=min(50, int(f * 50)))
        )
        _maj(imp, progression=50)
        # Les écritures des services portent l'auteur de l'import dans le journal d'audit.
        with set_actor(imp.cree_par):
            resultat = ecrire(acteur, lignes, ctx, maintenant)
    except lecture.FichierIllisible as refus:
        _refuser(imp, [Erreur(None, None, str(refus))])
    except ErreursImport as refus:
        _refuser(imp, refus.erreurs)
    except PermissionDenied:
        _maj(imp, etat=EtatImport.ECHEC, motif="Droits insuffisants pour importer dans ce parc.")
    else:
        _maj(imp, etat=EtatImport.TERMINE, progression=100, resultat=asdict(resultat),
             termine_le=timezone.now())  # fmt: skip
    return imp.etat


@transaction.atomic
def deposer_import(*, acteur: Acteur, nom_fichier: str, contenu: bytes) -> ImportParc:
    """Garde le fichier et programme son traitement dans le worker (django-tasks) ; le fichier
    a déjà passé les contrôles de taille, d'extension et de contenu (`lecture.verifier`)."""
    if refus := perms.acces_parc(acteur):
        raise PermissionDenied(refus.message)
    lecture.verifier(contenu, nom_fichier)
    return deposer(
        ImportParc, _tache, acteur=acteur, nom_fichier=nom_fichier, contenu=contenu,
        operateur=acteur.organisation,
    )  # fmt: skip


def _tache():
    from iml.parc.taches_import import importer_parc

    return importer_parc
