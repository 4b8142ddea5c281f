"""Import tout ou rien des ménages et de leurs occupations en cours : lire, valider chaque ligne
(avancement 0 → 50 %), puis écrire dans UNE transaction par les services (`creer_menage`,
`modifier_menage`, `ajouter_personne`, `ajouter_ressource`, `admettre(..., reprise=True)`,
`horloge.renouveler`), avancement 50 → 100 %. Une ligne refusée par un service est notée et la
suite continue, pour lister toutes les erreurs ; la moindre erreur annule tout. Idempotent par
référence du ménage : un second import met à jour l'identité et ne change rien d'autre."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from iml.comptes.acteur import Acteur, acteur_pour
from iml.menages import perms
from iml.menages.models import Menage
from iml.menages.services import menages as service_menages
from iml.occupations.imports import lecture, validation
from iml.occupations.imports.validation import (
    COLONNE_DU_CHAMP,
    Contexte,
    Erreur,
    ErreursImport,
    LigneValide,
)
from iml.occupations.models import Occupation
from iml.occupations.models_imports import ImportMenages
from iml.occupations.parametres import bareme as bareme_en_vigueur
from iml.occupations.services import admission, horloge
from iml.parc.imports.travail import deposer, maj, prendre_et_traiter
from iml.parc.models_imports import EtatImport
from regles.format import date_fr, nombre
from regles.occupations import periodes_permises
from regles.types import Mode, StatutOccupation, SuiteParcours

ERREURS_GARDEES = 1000


@dataclass
class Resultat:
    menages_crees: int = 0
    menages_modifies: int = 0
    menages_inchanges: int = 0
    occupations_creees: int = 0
    occupations_inchangees: int = 0


def _erreurs(numero: int, refus: ValidationError) -> list[Erreur]:
    if not hasattr(refus, "error_dict"):
        return [Erreur(numero, None, m) for m in refus.messages]
    return [
        Erreur(numero, COLONNE_DU_CHAMP.get(champ), m)
        for champ, messages in refus.message_dict.items()
        for m in messages
    ]


def _menage(acteur: Acteur, ligne: LigneValide, ctx: Contexte, resultat: Resultat) -> Menage:
    existant = ctx.menages.get(ligne.reference)
    jour = ctx.aujourd_hui
    donnees: dict[str, Any] = dict(ligne.menage)
    if ligne.referent is not None:
        donnees["referent"] = ligne.referent
    if existant is None:
        menage = service_menages.creer_menage(
            acteur=acteur, aujourd_hui=jour, reference=ligne.reference, **donnees
        )
        for lien, annee in ligne.membres:
            service_menages.ajouter_personne(
                acteur=acteur, menage=menage, lien=lien, annee_naissance=annee, aujourd_hui=jour
            )
        resultat.menages_crees += 1
    else:
        menage = existant
        differe = any(
            (menage.referent_id if c == "referent" else getattr(menage, c))
            != (v.pk if c == "referent" else v)
            for c, v in donnees.items()
        )
        if differe:
            service_menages.modifier_menage(
                acteur=acteur, menage=menage, aujourd_hui=jour, **donnees
            )
            resultat.menages_modifies += 1
        else:
            resultat.menages_inchanges += 1
    _ressources(acteur, menage, ligne, ctx)
    return menage


def _ressources(acteur: Acteur, menage: Menage, ligne: LigneValide, ctx: Contexte) -> None:
    """Une ressource déjà connue à cette date (même nature) ne s'ajoute pas une seconde fois."""
    if ligne.connue_le is None:
        return
    deja = set(menage.ressources.filter(connue_le=ligne.connue_le).values_list("nature", flat=True))
    for nature, montant in ligne.ressources:
        if nature not in deja:
            service_menages.ajouter_ressource(
                acteur=acteur, menage=menage, nature=nature, montant=montant,
                connue_le=ligne.connue_le, aujourd_hui=ctx.aujourd_hui,
            )  # fmt: skip


def _occupation(
    acteur: Acteur, menage: Menage, ligne: LigneValide, resultat: Resultat, maintenant: datetime
) -> None:
    o = ligne.occupation
    if o is None:
        return
    en_cours = menage.occupations.filter(statut=StatutOccupation.EN_COURS).first()
    if en_cours is not None:
        if en_cours.logement_id != o.logement.pk:
            raise ValidationError({"logement": [
                f"ce ménage occupe déjà le logement « {en_cours.logement.reference} » : notez "
                "d'abord sa sortie sur sa fiche."
            ]})  # fmt: skip
        resultat.occupations_inchangees += 1
        return
    glissant = o.forme == Mode.SOUS_LOCATION and o.suite_parcours == SuiteParcours.BAIL_GLISSANT
    occupation = admission.admettre(
        acteur=acteur, menage=menage, logement=o.logement, forme=o.forme,
        date_entree=o.date_entree, loyer=o.loyer, charges=o.charges,
        bail_glissant=glissant,
        suite_parcours=o.suite_parcours, maintenant=maintenant, reprise=True,
    )  # fmt: skip
    _renouvellements(acteur, occupation, o.renouvellements, maintenant)
    resultat.occupations_creees += 1


def _renouvellements(
    acteur: Acteur, occupation: Occupation, nombre_faits: int, maintenant: datetime
) -> None:
    """Les renouvellements déjà décidés, avec la sémantique de `horloge.renouveler` : décidés
    avant la fin de la période qu'ils prolongent ; faute de connaître le jour de la décision, on
    retient le dernier jour de cette période (ou le jour de l'import, s'il vient avant)."""
    aujourd_hui = timezone.localdate(maintenant)
    periodes = periodes_permises(occupation.date_entree, bareme_en_vigueur())
    for rang in range(1, nombre_faits + 1):
        horloge.renouveler(
            acteur=acteur, occupation=occupation,
            decide_le=min(periodes[rang - 1].fin, aujourd_hui),
            motif=f"Renouvellement décidé avant l'import du {date_fr(aujourd_hui)} (reprise).",
            maintenant=maintenant,
        )  # fmt: skip


def ecrire(
    acteur: Acteur,
    lignes: list[LigneValide],
    ctx: Contexte,
    maintenant: datetime,
    avancer: Callable[[float], None] | None = None,
) -> Resultat:
    """Toutes les lignes ou aucune : chaque ligne dans son point de sauvegarde, pour lister
    toutes les erreurs des services ; à la première erreur, plus rien ne sera gardé."""
    resultat, erreurs = Resultat(), []
    with transaction.atomic():
        for rang, ligne in enumerate(lignes, start=1):
            try:
                with transaction.atomic():
                    menage = _menage(acteur, ligne, ctx, resultat)
                    _occupation(acteur, menage, ligne, resultat, maintenant)
            except ValidationError as refus:
                erreurs += _erreurs(ligne.numero, refus)
            if avancer is not None and rang % max(1, len(lignes) // 20) == 0:
                avancer(rang / len(lignes))
        if erreurs:
            raise ErreursImport(erreurs)
    return resultat


_maj = maj


def _refuser(imp: Any, erreurs: list[Erreur]) -> None:
    motif = ""
    if len(erreurs) > ERREURS_GARDEES:
        motif = (
            f"{nombre(len(erreurs))} erreurs : les {nombre(ERREURS_GARDEES)} premières sont "
            "listées ; corrigez-les, puis déposez de nouveau le fichier pour voir la suite."
        )
    gardees = [asdict(e) | {"texte": e.texte} for e in erreurs[:ERREURS_GARDEES]]
    _maj(imp, etat=EtatImport.REFUSE, erreurs=gardees, motif=motif, termine_le=timezone.now())


DROITS = "Droits insuffisants pour importer des ménages dans cette organisation."


def traiter(imp: ImportMenages) -> str:
    """Le travail du worker pour un import déposé (idempotent une fois fini) ; le fichier
    (données personnelles des ménages) est effacé une fois traité ou refusé."""
    acteur = acteur_pour(imp.cree_par, imp.adhesion_id)
    return prendre_et_traiter(
        imp,
        autorise=perms.gere_les_menages(acteur) and acteur.organisation == imp.operateur,
        motif_refus=DROITS,
        traiter=lambda: _traiter(imp, acteur),
    )


def _traiter(imp: ImportMenages, acteur: Acteur) -> str:
    maintenant = timezone.now()

    def calcul() -> Resultat:
        tableau = lecture.lire(bytes(imp.contenu), imp.nom_fichier)
        _maj(imp, lignes=len(tableau.lignes))
        ctx = Contexte.charger(acteur, timezone.localdate(maintenant))
        lignes = validation.valider(
            ctx, tableau, lambda f: _maj(imp, progression=min(50, int(f * 50)))
        )
        _maj(imp, progression=50)
        with set_actor(imp.cree_par):
            return ecrire(
                acteur, lignes, ctx, maintenant,
                lambda f: _maj(imp, progression=min(99, 50 + int(f * 50))),
            )  # fmt: skip

    return conclure(imp, calcul, DROITS)


def conclure(
    imp: Any,
    calcul: Callable[[], Any],
    droits: str,
    erreur_fichier: Callable[[str], Erreur] = lambda message: Erreur(None, None, message),
) -> str:
    """La fin commune d'un import de tableur tout ou rien (ménages, demandes du SIAO) : le
    résultat du calcul termine l'import ; un fichier illisible ou des lignes en erreur le
    refusent (erreurs gardées) ; des droits perdus entre le dépôt et le traitement l'arrêtent."""
    try:
        resultat = calcul()
    except lecture.FichierIllisible as refus:
        _refuser(imp, [erreur_fichier(str(refus))])
    except ErreursImport as refus:
        _refuser(imp, refus.erreurs)
    except PermissionDenied:
        _maj(imp, etat=EtatImport.ECHEC, motif=droits, termine_le=timezone.now())
    else:
        _maj(imp, etat=EtatImport.TERMINE, progression=100, resultat=asdict(resultat),
             termine_le=timezone.now())  # fmt: skip
    return imp.etat


@transaction.atomic
def deposer_import(*, acteur: Acteur, nom_fichier: str, contenu: bytes) -> ImportMenages:
    """Garde le fichier et programme son traitement dans le worker (django-tasks)."""
    perms.exiger(perms.acces_gestion(acteur))
    lecture.verifier(contenu, nom_fichier)
    return deposer(
        ImportMenages, _tache, acteur=acteur, nom_fichier=nom_fichier, contenu=contenu,
        operateur=acteur.organisation,
    )  # fmt: skip


def _tache():
    from iml.occupations.taches_import import importer_menages

    return importer_menages
