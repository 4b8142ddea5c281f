"""Import tout ou rien des demandes du SIAO depuis un export CSV de son application nationale
(pas d'API publique ; format : docs/formats/siao-demandes.md) : lire (UTF-8 ou Windows-1252,
« ; »), valider chaque ligne (avancement 0 → 50 %), puis écrire dans UNE transaction par les
services des demandes (50 → 100 %). La moindre erreur annule tout ; toutes sont listées. Une
référence SI-SIAO déjà enregistrée met sa demande à jour et est signalée dans le résultat.

Les briques sont celles des imports du parc et des ménages : contrôles et lecture du fichier
(`iml.parc.imports.lecture`), en-têtes (`iml.occupations.imports.lecture`), travail du
worker (`iml.parc.imports.travail`), refus et erreurs gardées (`iml.occupations.imports`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iml.comptes.acteur import Acteur, acteur_pour
from iml.occupations.imports.lecture import _tableau
from iml.occupations.imports.service import conclure
from iml.occupations.imports.validation import ErreursImport
from iml.orientations import perms
from iml.orientations.models import Demande
from iml.orientations.models_imports import ImportDemandes
from iml.orientations.services import demandes as service_demandes
from iml.orientations.services.imports_lignes import (
    ALIAS,
    NOMS,
    PAR_NOM,
    REQUISES,
    LigneValide,
    _erreur,
    _sans_champ,
    valider,
)
from iml.parc.imports import lecture
from iml.parc.imports.lecture import FichierIllisible, Tableau
from iml.parc.imports.travail import deposer, maj, prendre_et_traiter

DROITS = "Droits insuffisants pour importer des demandes dans ce SIAO."
ENCODAGES = ("utf-8-sig", "cp1252")


@dataclass
class Resultat:
    demandes_creees: int = 0
    demandes_modifiees: int = 0
    demandes_inchangees: int = 0
    #: Références SI-SIAO déjà enregistrées avant l'import : (ligne, référence).
    deja_enregistrees: list[tuple[int, str]] = field(default_factory=list)


def decoder(contenu: bytes) -> str:
    """UTF-8 (avec ou sans BOM), sinon Windows-1252 (l'export par défaut d'un tableur)."""
    for encodage in ENCODAGES:
        try:
            return contenu.decode(encodage)
        except UnicodeDecodeError:
            continue
    raise FichierIllisible(
        "Le fichier CSV n'est encodé ni en UTF-8 ni en Windows-1252 : enregistrez-le en "
        "« CSV UTF-8 »."
    )


def lire(contenu: bytes, nom: str) -> Tableau:
    """Le fichier (CSV, ou XLSX s'il a été ouvert puis enregistré dans un tableur), ses en-têtes
    reconnus sans égard à la casse ni aux accents ; bornes de taille et de lignes du parc."""
    ext = lecture.verifier(contenu, nom)
    if ext == ".xlsx":
        brutes = lecture._lignes_xlsx(contenu)
    else:
        brutes = lecture._lignes_csv(decoder(contenu).encode("utf-8"))
    return _tableau(brutes, ALIAS, NOMS, REQUISES, "aucune demande à importer")


def _erreurs(numero: int, refus: ValidationError) -> list:
    if not hasattr(refus, "error_dict"):
        return [_erreur(numero, None, m) for m in refus.messages]
    return [
        _erreur(numero, champ if champ in PAR_NOM else None, _sans_champ(m))
        for champ, messages in refus.message_dict.items()
        for m in messages
    ]


def _differe(demande: Demande, ligne: LigneValide) -> bool:
    criteres = {c.critere: c.reconnu_le for c in demande.criteres.all()}  # préchargés
    champs = {c: v for c, v in ligne.donnees.items() if c != "communes"}
    return (
        any(getattr(demande, c) != v for c, v in champs.items())
        or sorted(demande.communes) != sorted({c.upper() for c in ligne.donnees["communes"]})
        or criteres != ligne.criteres
    )


def _ecrire_ligne(acteur: Acteur, ligne: LigneValide, existantes: dict, jour: date, r: Resultat):
    existante = existantes.get(ligne.reference)
    if existante is None:
        service_demandes.enregistrer_demande(
            acteur=acteur, aujourd_hui=jour, criteres=ligne.criteres, **ligne.donnees
        )
        r.demandes_creees += 1
        return
    r.deja_enregistrees.append((ligne.numero, ligne.reference))
    if not _differe(existante, ligne):
        r.demandes_inchangees += 1
        return
    service_demandes.modifier_demande(
        acteur=acteur, demande=existante, aujourd_hui=jour, criteres=ligne.criteres,
        **ligne.donnees,
    )  # fmt: skip
    r.demandes_modifiees += 1


def ecrire(
    acteur: Acteur,
    lignes: list[LigneValide],
    aujourd_hui: date,
    avancer: Callable[[float], None] | None = None,
) -> Resultat:
    """Toutes les lignes ou aucune : chaque ligne dans son point de sauvegarde, pour lister
    toutes les erreurs des services ; à la première erreur, plus rien ne sera gardé."""
    resultat, erreurs = Resultat(), []
    existantes = {
        d.reference_siao: d
        for d in Demande.objects.filter(
            siao=acteur.organisation, reference_siao__in=[ligne.reference for ligne in lignes]
        ).prefetch_related("criteres")
    }
    with transaction.atomic():
        for rang, ligne in enumerate(lignes, start=1):
            try:
                with transaction.atomic():
                    _ecrire_ligne(acteur, ligne, existantes, aujourd_hui, resultat)
            except ValidationError as refus:
                erreurs += _erreurs(ligne.numero, refus)
            if avancer is not None and rang % max(1, len(lignes) // 20) == 0:
                avancer(rang / len(lignes))
        if erreurs:
            raise ErreursImport(erreurs)
    return resultat


def traiter(imp: ImportDemandes) -> str:
    """Le travail du worker pour un import déposé (idempotent une fois fini) ; le fichier
    (données personnelles) est effacé une fois traité ou refusé."""
    acteur = acteur_pour(imp.cree_par, imp.adhesion_id)
    return prendre_et_traiter(
        imp,
        autorise=perms.acces_siao(acteur, imp.siao_id) is None,
        motif_refus=DROITS,
        traiter=lambda: _traiter(imp, acteur),
    )


def _traiter(imp: ImportDemandes, acteur: Acteur) -> str:
    aujourd_hui = timezone.localdate()

    def calcul() -> Resultat:
        tableau = lire(bytes(imp.contenu), imp.nom_fichier)
        maj(imp, lignes=len(tableau.lignes))
        lignes = valider(tableau, aujourd_hui, lambda f: maj(imp, progression=min(50, int(f * 50))))
        maj(imp, progression=50)
        with set_actor(imp.cree_par):
            return ecrire(
                acteur, lignes, aujourd_hui,
                lambda f: maj(imp, progression=min(99, 50 + int(f * 50))),
            )  # fmt: skip

    return conclure(imp, calcul, DROITS, lambda message: _erreur(None, None, message))


@transaction.atomic
def deposer_import(*, acteur: Acteur, nom_fichier: str, contenu: bytes) -> ImportDemandes:
    """Garde le fichier et programme son traitement dans le worker (django-tasks)."""
    perms.exiger(perms.acces_siao(acteur))
    lecture.verifier(contenu, nom_fichier)
    return deposer(
        ImportDemandes, _tache, acteur=acteur, nom_fichier=nom_fichier, contenu=contenu,
        siao=acteur.organisation,
    )  # fmt: skip


def _tache():
    from iml.orientations.taches_import import importer_demandes

    return importer_demandes
