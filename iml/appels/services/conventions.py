"""Convention de financement d'un dossier retenu (R-SUBSIDY-PRORATA, R-COFUNDING).

Montants calculés : subvention de chaque exercice de l'appel, tirée de l'annexe 2 (logements) de
la dernière version déposée, par la règle pure `regles.subvention` (mobilisations datées, prorata
des mois la première année, captation l'année de la captation, réduction d'un dossier
partiellement retenu aux places retenues). Ce module ne fait que lire le dossier et sa décision.
Le montant négocié peut s'en écarter : l'écart est gardé, avec son motif, obligatoire
(R-SUBSIDY-PRORATA : « le montant est négocié »).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from iml.appels import perms, selectors
from iml.appels.enums import Financeur, StatutDossier
from iml.appels.models import AppelACandidatures, Cofinancement, Convention, Dossier
from iml.comptes.acteur import Acteur
from iml.comptes.models import Organisation
from regles.budget import calculer_budget
from regles.calcul import arrondir
from regles.calendrier import trimestres_appel
from regles.entrees import EntreeInvalide
from regles.entrees_dossier import lire_dossier
from regles.format import euros
from regles.subvention import (
    AnneeRetenue,
    PlacesRetenues,
    couts_unitaires,
    mobilisations_echeancier,
    rapports_places_retenues,
    subventions_retenues,
)
from regles.types import Mode


@dataclass(frozen=True)
class CalculConvention:
    """Montants calculés par exercice, barème utilisé, réduction aux places retenues."""

    annees: tuple[AnneeRetenue, ...]
    bareme_code: str
    bareme_version: int
    version_numero: int
    rapports: Mapping[Mode, tuple[int, int]]
    """Par forme réduite : (places retenues, places demandées)."""
    mois_dans_trimestre: int
    prorata_mois_inclus: bool

    @property
    def exercices(self) -> list[int]:
        return [a.annee for a in self.annees]

    def explications(self) -> list[str]:
        """Comment les montants ont été calculés, en français (repris dans la convention)."""
        premier = "13 − m" if self.prorata_mois_inclus else "12 − m"
        textes = [
            f"Montants calculés selon la règle R-SUBSIDY-PRORATA à partir de l'annexe 2 "
            f"(logements) de la version {self.version_numero} du dossier : un logement "
            f"mobilisé le mois m compte {premier} mois sa première année civile, puis 12 mois "
            f"les années suivantes ; les logements d'un trimestre sont réputés mobilisés le "
            f"{_ordinal(self.mois_dans_trimestre)} mois du trimestre ; la captation est payée "
            f"l'année de la captation. Paramètres de l'appel, version {self.bareme_version}."
        ]
        for mode, (retenues, demandees) in self.rapports.items():
            textes.append(
                f"Dossier partiellement retenu : en {mode.libelle.lower()}, {retenues} places "
                f"retenues sur {demandees} demandées ; les montants de cette forme sont "
                f"multipliés par {retenues}/{demandees}, ce qui revient à ramener chaque ligne "
                "de l'annexe 2 de la forme dans cette proportion (arrondi au centime)."
            )
        return textes

    def totaux(self) -> dict[int, Decimal | None]:
        return {a.annee: a.total for a in self.annees}

    def montants(self) -> dict[str, str | None]:
        """{"2019": "12345.67", …} ; `None` = non renseigné (R-UNKNOWN)."""
        return {str(a.annee): _json(a.total) for a in self.annees}


def _ordinal(n: int) -> str:
    return "1er" if n == 1 else f"{n}e"


def _json(valeur: Decimal | None) -> str | None:
    return None if valeur is None else str(valeur)


def _places_retenues(dossier: Dossier) -> PlacesRetenues | None:
    """La décision d'un dossier partiellement retenu, pour la règle (sinon rien à réduire)."""
    decision = getattr(dossier, "decision", None)
    if dossier.statut != StatutDossier.PARTIELLEMENT_RETENU or decision is None:
        return None
    par_forme = {Mode.MANDAT_GESTION: decision.places_mg, Mode.SOUS_LOCATION: decision.places_sl}
    return PlacesRetenues(decision.places_retenues, par_forme)


def calculer_convention(dossier: Dossier) -> CalculConvention:
    """R-SUBSIDY-PRORATA : subvention calculée de chaque exercice de l'appel (voir le module)."""
    version = dossier.derniere_version
    if version is None:
        raise ValidationError("R-SUBSIDY-PRORATA : aucune version déposée, rien à conventionner.")
    bareme = dossier.appel.jeu.en_bareme()
    try:
        lu = lire_dossier(version.contenu)
    except EntreeInvalide as erreur:
        raise ValidationError(
            f"R-DOSSIER : contenu de la version illisible ({erreur})."
        ) from erreur
    projet = lu.projet_budget(bareme)
    couts = couts_unitaires(projet, calculer_budget(projet, bareme))
    mobilisations = mobilisations_echeancier(lu.logements, trimestres_appel(bareme), bareme)
    retenues = _places_retenues(dossier)
    demandees = {m: projet.nb_places(m) for m in Mode}
    rapports = {} if retenues is None else rapports_places_retenues(demandees, retenues)
    exercices = bareme.appel.exercices if bareme.appel else ()
    return CalculConvention(
        annees=subventions_retenues(mobilisations, couts, exercices, bareme, rapports),
        bareme_code=bareme.bareme_id,
        bareme_version=bareme.version,
        version_numero=version.numero,
        rapports=rapports,
        mois_dans_trimestre=bareme.mois_mobilisation_dans_trimestre,
        prorata_mois_inclus=bareme.prorata_mois_inclus,
    )


@dataclass(frozen=True)
class LigneCofinancement:
    """Une ligne de cofinancement saisie (R-COFUNDING)."""

    financeur: str
    annee: int
    montant: Decimal
    organisation: Organisation | None = None


def _verifier_negocies(
    calcul: CalculConvention, negocies: Mapping[int, Decimal | None], motif: str
) -> dict[str, list[str]]:
    erreurs: dict[str, list[str]] = {}
    ecarts = []
    for a in calcul.annees:
        valeur = negocies.get(a.annee)
        if valeur is None:
            erreurs[f"montant_{a.annee}"] = [f"Montant négocié {a.annee} : à renseigner."]
        elif valeur < 0:
            erreurs[f"montant_{a.annee}"] = [f"Montant négocié {a.annee} : positif ou nul."]
        elif valeur != a.total:
            ecarts.append(f"{a.annee} : calculé {euros(a.total)}, négocié {euros(valeur)}")
    inconnues = sorted(set(negocies) - set(calcul.exercices))
    if inconnues:
        erreurs["__all__"] = [f"Exercice(s) hors de l'appel : {', '.join(map(str, inconnues))}."]
    if ecarts and not motif.strip():
        erreurs["motif_ecart"] = [
            "Motif de l'écart : obligatoire quand le montant négocié diffère du montant calculé "
            f"(R-SUBSIDY-PRORATA) — {' ; '.join(ecarts)}."
        ]
    return erreurs


def _verifier_cofinancements(
    lignes: Sequence[LigneCofinancement], exercices: Sequence[int], autorisees: set[int]
) -> list[str]:
    erreurs = []
    for i, ligne in enumerate(lignes, start=1):
        if ligne.organisation is not None and ligne.organisation.pk not in autorisees:
            erreurs.append(
                f"Cofinancement {i} : « {ligne.organisation.nom} » n'est pas un cofinanceur du "
                "département de l'appel ou de sa région (R-COFUNDING)."
            )
        if ligne.financeur == Financeur.ETAT_P177:
            erreurs.append(
                f"Cofinancement {i} : la part de l'État (programme 177) est le montant négocié "
                "(R-COFUNDING)."
            )
        elif ligne.financeur not in Financeur.values:
            erreurs.append(f"Cofinancement {i} : financeur inconnu (R-COFUNDING).")
        if ligne.annee not in exercices:
            erreurs.append(f"Cofinancement {i} : l'année {ligne.annee} n'est pas un exercice.")
        if ligne.montant <= 0:
            erreurs.append(f"Cofinancement {i} : le montant doit être positif (R-COFUNDING).")
    return erreurs


def _numero(appel: AppelACandidatures, exercices: Sequence[int]) -> str:
    """« IML-35-2019-001 » : territoire, premier exercice de l'appel, rang dans l'année."""
    AppelACandidatures.objects.select_for_update().filter(pk=appel.pk).first()
    prefixe = f"IML-{appel.territoire.code}-{exercices[0] if exercices else appel.cree_le.year}-"
    existants = Convention.objects.filter(numero__startswith=prefixe).values_list(
        "numero", flat=True
    )
    rang = max((int(n.rsplit("-", 1)[1]) for n in existants), default=0) + 1
    return f"{prefixe}{rang:03d}"


CHAMPS_MONTANTS = [
    "montants_calcules",
    "montants_negocies",
    "motif_ecart",
    "bareme_code",
    "bareme_version",
]


def _verifier(
    acteur: Acteur,
    dossier: Dossier,
    calcul: CalculConvention,
    negocies: Mapping[int, Decimal | None],
    motif: str,
    cofinancements: Sequence[LigneCofinancement],
) -> None:
    """Refuse, champ par champ, des montants négociés ou des cofinancements fautifs."""
    erreurs: dict[str, Any] = _verifier_negocies(calcul, negocies, motif)
    autorisees = set(
        selectors.cofinanceurs_de_l_appel(acteur, dossier.appel).values_list("pk", flat=True)
    )
    cofi = _verifier_cofinancements(cofinancements, calcul.exercices, autorisees)
    if cofi:
        erreurs["cofinancements"] = cofi
    if erreurs:
        raise ValidationError(erreurs)


@transaction.atomic
def etablir_convention(
    *,
    acteur: Acteur,
    dossier: Dossier,
    montants_negocies: Mapping[int, Decimal | None],
    motif_ecart: str,
    cofinancements: Sequence[LigneCofinancement],
) -> Convention:
    """Établit (ou met à jour, tant qu'elle n'est pas signée) la convention d'un dossier retenu :
    montants calculés et négociés par exercice, motif de l'écart, barème, cofinancements ; la
    part de l'État (programme 177) est une ligne de cofinancement par exercice."""
    if not perms.peut_conventionner(acteur, dossier):
        raise PermissionDenied
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    existante = Convention.objects.filter(dossier=dossier).first()
    if existante is not None and existante.date_signature is not None:
        raise ValidationError("R-SUBSIDY-PRORATA : une convention signée ne se modifie plus.")
    calcul = calculer_convention(dossier)
    _verifier(acteur, dossier, calcul, montants_negocies, motif_ecart, cofinancements)
    montants = {a: arrondir(montants_negocies[a]) for a in calcul.exercices}
    negocies = {str(a): _json(montants[a]) for a in calcul.exercices}
    ecart = any(montants[a] != total for a, total in calcul.totaux().items())
    convention = existante or Convention(
        dossier=dossier,
        numero=_numero(dossier.appel, calcul.exercices),
        cree_par=acteur.utilisateur,
    )
    convention.montants_calcules = calcul.montants()
    convention.montants_negocies = negocies
    convention.motif_ecart = motif_ecart.strip() if ecart else ""
    convention.bareme_code, convention.bareme_version = calcul.bareme_code, calcul.bareme_version
    if existante is None:
        convention.save()
    else:
        convention.save(update_fields=CHAMPS_MONTANTS)
    convention.cofinancements.all().delete()
    _creer_lignes(convention, calcul.exercices, montants, cofinancements)
    return convention


def _creer_lignes(
    convention: Convention,
    exercices: Sequence[int],
    negocies: Mapping[int, Decimal],
    lignes: Sequence[LigneCofinancement],
) -> None:
    etat = [
        Cofinancement(
            convention=convention,
            financeur=Financeur.ETAT_P177,
            organisation=convention.dossier.appel.service,
            annee=a,
            montant=negocies[a],
        )
        for a in exercices
    ]
    autres = [
        Cofinancement(
            convention=convention,
            financeur=ligne.financeur,
            organisation=ligne.organisation,
            annee=ligne.annee,
            montant=ligne.montant,
        )
        for ligne in lignes
    ]
    for ligne in etat + autres:  # une à une : chaque ligne d'argent passe au journal d'audit
        ligne.save()
