"""Présentation du volet captation : cartes et colonnes du tableau des prospects, chiffres
de l'entonnoir, petits outils des écrans (paramètres de pagination, erreurs des services).
Lit par les sélecteurs ; n'écrit rien."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.http import QueryDict
from django.utils import timezone

from iml.comptes.communes import commune
from iml.parc.models import Prospect
from regles.captation import NON_RENSEIGNE, Entonnoir, Passage, ProspectSuivi, entonnoir
from regles.transitions import TRANSITIONS_PROSPECT
from regles.types import StatutProspect

#: Cartes montrées par colonne du tableau ; au-delà, un lien vers la liste du statut.
CARTES_PAR_COLONNE = 20
STATUTS_CLOS = (StatutProspect.CAPTE, StatutProspect.ABANDONNE)


def nom_commune(code: str) -> str:
    """« Rennes » pour « 35238 » ; le code lui-même s'il n'est pas au COG livré."""
    trouvee = commune(code) if code else None
    return trouvee.nom if trouvee else (code or "non renseignée")


def saisie_commune(code: str) -> str:
    """« Rennes (35238) » : la forme proposée dans un formulaire (relue par `resoudre`)."""
    trouvee = commune(code) if code else None
    return trouvee.libelle if trouvee else code


def libelle_statut(statut: str) -> str:
    return TRANSITIONS_PROSPECT.libelle(statut)


@dataclass(frozen=True)
class Carte:
    """Un prospect tel que le montre le tableau (ou la fiche d'un bailleur)."""

    pk: int
    adresse: str
    commune: str
    statut: str
    bailleur: str
    ne_pas_contacter: bool
    prochaine_action: str
    prochaine_action_le: date | None
    en_retard: bool
    charge: str
    freins: tuple[str, ...]


def carte_prospect(prospect: Prospect, aujourd_hui: date) -> Carte:
    """Les freins sont lus par `prospect.freins.all()` : préchargez-les pour une liste."""
    jour = prospect.prochaine_action_le
    charge = prospect.charge
    return Carte(
        pk=prospect.pk,
        adresse=prospect.adresse,
        commune=nom_commune(prospect.commune),
        statut=libelle_statut(prospect.statut),
        bailleur=str(prospect.bailleur),
        ne_pas_contacter=prospect.bailleur.ne_pas_contacter,
        prochaine_action=prospect.prochaine_action,
        prochaine_action_le=jour,
        en_retard=bool(jour and jour < aujourd_hui and prospect.statut not in STATUTS_CLOS),
        charge=(charge.get_full_name() or str(charge)) if charge else "",
        freins=tuple(f.libelle for f in prospect.freins.all()),
    )


@dataclass(frozen=True)
class Colonne:
    statut: str
    libelle: str
    total: int
    cartes: tuple[Carte, ...] = field(default=())

    @property
    def autres(self) -> int:
        return self.total - len(self.cartes)


def en_retard(qs: QuerySet[Prospect], aujourd_hui: date) -> QuerySet[Prospect]:
    return qs.filter(prochaine_action_le__lt=aujourd_hui).exclude(statut__in=STATUTS_CLOS)


def colonnes(qs: QuerySet[Prospect], aujourd_hui: date) -> list[Colonne]:
    """Une colonne par statut : son total (une requête pour tous) et ses premières cartes
    (deux requêtes par statut, freins préchargés) : le nombre de requêtes ne dépend pas du
    nombre de prospects."""
    totaux = dict(qs.order_by().values_list("statut").annotate(n=Count("pk")))
    resultat = []
    for statut in StatutProspect:
        premiers = qs.filter(statut=statut).prefetch_related("freins")[:CARTES_PAR_COLONNE]
        cartes = tuple(carte_prospect(p, aujourd_hui) for p in premiers)
        resultat.append(Colonne(statut.value, statut.libelle, totaux.get(statut.value, 0), cartes))
    return resultat


def parametres_sans_page(requete: QueryDict) -> str:
    """Les filtres de la requête, encodés, sans le numéro de page (liens de pagination)."""
    copie = requete.copy()
    copie.pop("page", None)
    return copie.urlencode()


def reporter_erreurs(form: forms.BaseForm, erreur: ValidationError) -> None:
    """Les erreurs d'un service sur les champs du formulaire (les autres en tête)."""
    if not hasattr(erreur, "error_dict"):
        form.add_error(None, erreur.messages)
        return
    for champ, textes in erreur.message_dict.items():
        form.add_error(champ if champ in form.fields else None, textes)


# --- Entonnoir -----------------------------------------------------------------------------


def _jour(moment: datetime) -> date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def suivis(lignes: Iterable[tuple]) -> list[ProspectSuivi]:
    """Les `ProspectSuivi` tirés des lignes de `selectors.passages_des_prospects` (triées par
    prospect puis par date)."""
    par_prospect: dict[int, tuple[str, str | None, list[Passage]]] = {}
    for pk, statut, motif, de, vers, le in lignes:
        entree = par_prospect.setdefault(pk, (statut, motif, []))
        entree[2].append(Passage(de or None, vers, _jour(le)))
    return [
        ProspectSuivi(statut, tuple(passages), motif)
        for statut, motif, passages in par_prospect.values()
    ]


@dataclass(frozen=True)
class Etape:
    libelle: str
    atteints: int
    actuels: int
    delai_median_jours: Decimal | None


@dataclass(frozen=True)
class ChiffresEntonnoir:
    prospects: int
    captes: int
    taux_captation_pct: Decimal | None
    etapes: tuple[Etape, ...]
    pertes: tuple[tuple[str, int], ...]


def chiffres_entonnoir(lignes: Iterable[tuple], libelles: Mapping[str, str]) -> ChiffresEntonnoir:
    """Les chiffres de `regles.captation.entonnoir`, libellés en français (R-UNKNOWN : un
    abandon sans motif est « non renseigné »)."""
    resultat: Entonnoir = entonnoir(suivis(lignes))
    etapes = tuple(
        Etape(
            TRANSITIONS_PROSPECT.libelle(s.value),
            resultat.atteints[s.value],
            resultat.par_statut[s.value],
            resultat.delai_median_jours[s.value],
        )
        for s in StatutProspect
    )
    pertes = tuple(
        ("non renseigné" if code == NON_RENSEIGNE else libelles.get(code, "non renseigné"), n)
        for code, n in resultat.motifs_abandon
    )
    return ChiffresEntonnoir(
        resultat.prospects, resultat.captes, resultat.taux_captation_pct, etapes, pertes
    )
