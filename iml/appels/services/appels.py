"""Écritures des appels et dossiers : chaque service est atomique et vérifie ses prédicats."""

from __future__ import annotations

import copy
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from iml.appels import limites, moteur, perms
from iml.appels.enums import StatutDossier
from iml.appels.models import AppelACandidatures, Dossier, VersionDossier
from iml.appels.services.statuts import (  # noqa: F401 (réexportés)
    TransitionInterdite,
    appliquer_transition,
    changer_statut_appel,
)
from iml.comptes.acteur import Acteur
from iml.referentiel.gel import verifier_modifiable
from iml.referentiel.models import JeuParametres, NiveauJeu, OrigineJeu
from regles.appel import verifier_calendrier_appel


def _code_jeu(acteur: Acteur, nom: str) -> str:
    base = f"appel-{acteur.territoire.code}-{slugify(nom)[:40]}".lower()
    code, n = base, 1
    while JeuParametres.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


@transaction.atomic
def creer_appel(
    *,
    acteur: Acteur,
    nom: str,
    source: JeuParametres,
    appel_defaut: dict[str, Any] | None = None,
) -> AppelACandidatures:
    """Crée un appel en brouillon, avec son propre jeu de paramètres (copie de `source`).

    Un jeu national ou régional n'a pas de bloc `appel` : `appel_defaut` le fournit alors."""
    if not perms.peut_creer_appel(acteur):
        raise PermissionDenied
    parent = source.parent if source.niveau == NiveauJeu.APPEL else source
    parametres = copy.deepcopy(source.parametres)
    if not parametres.get("appel"):
        parametres["appel"] = copy.deepcopy(appel_defaut or {})
    parametres["appel"]["territoire"] = acteur.territoire.code
    jeu = JeuParametres(
        code=_code_jeu(acteur, nom),
        version=1,
        niveau=NiveauJeu.APPEL,
        parent=parent,
        territoire=acteur.territoire.code,
        libelle=nom,
        date_effet=timezone.localdate(),
        source=f"Copie de {source.code} v{source.version}",
        sources=source.sources,
        parametres=parametres,
        origine=OrigineJeu.CLONE,
    )
    jeu.full_clean()
    jeu.save()
    return AppelACandidatures.objects.create(
        nom=nom, service=acteur.organisation, territoire=acteur.territoire, jeu=jeu
    )


@transaction.atomic
def modifier_appel(
    *, acteur: Acteur, appel: AppelACandidatures, nom: str, parametres: dict[str, Any]
) -> AppelACandidatures:
    """Met à jour le nom et les paramètres (fusionnés) d'un appel en brouillon ; le barème
    résultant est validé avant l'écriture (message nommant le paramètre fautif), son
    calendrier aussi (R-AAC, R-RAMPUP : dates dans l'ordre, jalons dans la période)."""
    if not perms.peut_modifier_appel(acteur, appel):
        raise PermissionDenied
    jeu = appel.jeu
    verifier_modifiable(jeu)
    jeu.parametres = _fusion(jeu.parametres, parametres)
    jeu.libelle = nom
    jeu.full_clean()
    erreurs = [
        c.message for c in verifier_calendrier_appel(jeu.en_bareme()) if c.niveau == "erreur"
    ]
    if erreurs:
        raise ValidationError({"parametres": erreurs})
    jeu.save()
    appel.nom = nom
    appel.save(update_fields=["nom", "modifie_le"])
    return appel


def _fusion(base: dict[str, Any], dessus: dict[str, Any]) -> dict[str, Any]:
    resultat = copy.deepcopy(base)
    for cle, valeur in dessus.items():
        if isinstance(valeur, dict) and isinstance(resultat.get(cle), dict):
            resultat[cle] = _fusion(resultat[cle], valeur)
        else:
            resultat[cle] = valeur
    return resultat


def contenu_initial(acteur: Acteur, appel: AppelACandidatures) -> dict[str, Any]:
    organisation = acteur.organisation
    return {
        "bareme": appel.jeu.code,
        "porteur": {"nom": organisation.nom, "siret": organisation.siret},
    }


@transaction.atomic
def ouvrir_dossier(*, acteur: Acteur, appel: AppelACandidatures, aujourd_hui: date) -> Dossier:
    """Le dossier de l'opérateur pour cet appel (créé au premier accès)."""
    existant = Dossier.objects.filter(appel=appel, operateur=acteur.organisation).first()
    if existant:
        return existant
    if not perms.peut_candidater(acteur, appel, aujourd_hui):
        raise PermissionDenied
    return Dossier.objects.create(
        appel=appel, operateur=acteur.organisation, contenu=contenu_initial(acteur, appel)
    )


@transaction.atomic
def enregistrer_etape(
    *, acteur: Acteur, dossier: Dossier, etape: str, donnees: dict[str, Any], aujourd_hui: date
) -> Dossier:
    """Enregistre une étape du formulaire (les clés de `donnees` remplacent celles du contenu)."""
    if not perms.peut_rediger(acteur, dossier, aujourd_hui):
        raise PermissionDenied
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    dossier.contenu = {**dossier.contenu, **donnees}
    dossier.etape = etape
    dossier.save(update_fields=["contenu", "etape", "modifie_le"])
    return dossier


class DepotRefuse(ValidationError):
    """Le dépôt est refusé : contenu invalide ou dossier incomplet (R-DOSSIER)."""


class DepotPlafonne(DepotRefuse):
    """Trop de dépôts de ce dossier (`iml.appels.limites`) : le message dit lequel."""


def _bloquants(resultat: moteur.ResultatMoteur) -> list[str]:
    """Ce qui empêche de déposer : un contenu invalide, des erreurs de complétude (R-DOSSIER)."""
    return resultat.invalide or [
        c["message"]
        for c in resultat.constats
        if c["regle"] == "R-DOSSIER" and c["niveau"] == "erreur"
    ]


@transaction.atomic
def deposer_dossier(*, acteur: Acteur, dossier: Dossier, maintenant: datetime) -> VersionDossier:
    """Fige une version numérotée avec les constats du moteur et le barème utilisé.

    Le plafond des dépôts (`iml.appels.limites`, site et API) refuse d'abord ; puis seuls un
    contenu invalide et les erreurs de complétude (R-DOSSIER) bloquent le dépôt ; les autres
    constats (erreurs de conformité comprises) sont gardés pour l'instruction.
    """
    jour = timezone.localdate(maintenant)
    if not perms.peut_deposer(acteur, dossier, jour):
        raise PermissionDenied
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if plafond := limites.motif_plafond_depot(dossier, maintenant):
        raise DepotPlafonne([plafond])
    contenu = {**dossier.contenu, "date_depot": jour.isoformat(), "bareme": dossier.appel.jeu.code}
    resultat = moteur.verifier(contenu, dossier.appel, jour, operateur=dossier.operateur)
    if bloquants := _bloquants(resultat):
        raise DepotRefuse(bloquants)
    version = VersionDossier.objects.create(
        dossier=dossier,
        numero=dossier.versions.count() + 1,
        contenu=contenu,
        constats=resultat.constats,
        chiffres=resultat.chiffres,
        bareme_code=resultat.bareme_code,
        bareme_version=resultat.bareme_version,
        deposee_le=maintenant,
        deposee_par=acteur.utilisateur,
    )
    dossier.contenu = contenu
    dossier.save(update_fields=["contenu", "modifie_le"])
    if dossier.statut == StatutDossier.BROUILLON:
        appliquer_transition(
            acteur=acteur, objet=dossier, vers=StatutDossier.DEPOSE, maintenant=maintenant
        )
    from iml.appels import taches  # PDF de la version : établi dans le worker, après validation

    transaction.on_commit(lambda: taches.demander_pdf(version=version))
    return version
