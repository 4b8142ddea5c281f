"""Lectures de « Mes ménages » et de la vue d'équipe, cadrées par l'acteur : le travail social
lit les ménages dont il est référent, la direction ceux de son organisation. Chaque lecture a
un nombre fixe de requêtes, quel que soit le nombre de ménages (prefetch, annotate)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.functions import Coalesce, Greatest

from iml.accompagnement.models import Contact, Objectif, Plan, TempsTravail
from iml.accompagnement.parametres import bareme
from iml.accompagnement.selectors import etp_au, menages_accompagnes
from iml.comptes.acteur import Acteur
from iml.comptes.enums import Role
from iml.comptes.models import Adhesion, Utilisateur
from iml.menages.models import Menage
from iml.menages.selectors import travailleurs_sociaux
from iml.occupations.models import Occupation
from regles.types import StatutOccupation
from regles.types_accompagnement import Realisation, StatutObjectif

__all__ = ["travailleurs_sociaux"]

#: Filtre « sans référent » de la direction.
SANS_REFERENT = "aucun"


def _plans_ouverts() -> Prefetch:
    objectifs = Objectif.objects.filter(statut=StatutObjectif.EN_COURS).order_by("revue_le", "pk")
    plans = (
        Plan.objects.filter(fin_le=None)
        .select_related("occupation")
        .prefetch_related(
            Prefetch("objectifs", queryset=objectifs, to_attr="objectifs_en_cours"),
            Prefetch("etapes", to_attr="etapes_cochees"),
        )
    )
    return Prefetch("plans", queryset=plans, to_attr="plans_ouverts")


def _occupation_en_cours() -> QuerySet[Occupation]:
    return Occupation.objects.filter(menage=OuterRef("pk"), statut=StatutOccupation.EN_COURS)


def menages_de_l_accueil(acteur: Acteur, referent: str, depuis: date) -> QuerySet[Menage]:
    """« Mes ménages » : les ménages du périmètre qui ont un plan ouvert ou sont logés, du plus
    ancien dernier contact au plus récent (jamais de contact d'abord ; `dernier_contact` : lu
    dans le journal des contacts, R-ACCOMP-CONTACT), avec leur plan ouvert
    (objectifs en cours, étapes cochées), leur occupation en cours et leurs contacts depuis
    `depuis` : sept requêtes, quel que soit le nombre de lignes de la page. `referent` : un
    identifiant, `SANS_REFERENT` ou vide (la direction filtre)."""
    qs = menages_accompagnes(acteur).annotate(
        loge=Exists(_occupation_en_cours()),
        suivi=Exists(Plan.objects.filter(menage=OuterRef("pk"), fin_le=None)),
        dernier_contact=Max("contacts__le"),
    )
    qs = qs.filter(Q(loge=True) | Q(suivi=True))
    if referent == SANS_REFERENT:
        qs = qs.filter(referent__isnull=True)
    elif referent:
        qs = qs.filter(referent_id=int(referent))
    en_cours = Occupation.objects.filter(statut=StatutOccupation.EN_COURS)
    recents = Contact.objects.filter(le__gte=depuis).only("menage_id", "le", "canal")
    return qs.prefetch_related(
        _plans_ouverts(),
        Prefetch("occupations", queryset=en_cours, to_attr="en_cours"),
        Prefetch("contacts", queryset=recents, to_attr="contacts_recents"),
    ).order_by(F("dernier_contact").asc(nulls_first=True), "nom", "prenom", "pk")


def _plans_ouverts_de(operateur_id: int) -> QuerySet[Plan]:
    return Plan.objects.filter(fin_le=None, menage__operateur_id=operateur_id)


class Suivis(NamedTuple):
    """R-SW-RATIO : les ménages d'un référent au plan ouvert, comptés au ratio (`au_ratio`) ou à
    part, hors capacité (`autres`)."""

    au_ratio: int = 0
    autres: int = 0


def menages_suivis(operateur_id: int, referents: list[int]) -> dict[int, Suivis]:
    """R-SW-RATIO : par travailleur social, les ménages dont il est référent qui ont un plan
    ouvert chez cet opérateur. Seuls comptent au ratio les plans réalisés en interne dont le
    ménage est logé dans une forme de `ratio_accompagnement_modes` (la sous-location au
    national) ; les autres (mandat de gestion, pas encore logés, délégués, droit commun) sont
    comptés à part. Une requête (plus celle du barème)."""
    modes = [m.value for m in bareme().ratio_accompagnement_modes]
    forme_au_ratio = Occupation.objects.filter(
        menage=OuterRef("menage_id"), statut=StatutOccupation.EN_COURS, forme__in=modes
    )
    lignes = (
        _plans_ouverts_de(operateur_id)
        .filter(menage__referent_id__in=referents)
        .annotate(loge_au_ratio=Exists(forme_au_ratio))
        .order_by()
        .values("menage__referent_id", "realisation", "loge_au_ratio")
        .annotate(n=Count("pk"))
    )
    comptes: dict[int, list[int]] = {}
    for ligne in lignes:
        au_ratio = ligne["realisation"] == Realisation.INTERNE and ligne["loge_au_ratio"]
        compte = comptes.setdefault(ligne["menage__referent_id"], [0, 0])
        compte[0 if au_ratio else 1] += ligne["n"]
    return {referent: Suivis(*compte) for referent, compte in comptes.items()}


def charge_de(operateur_id: int, utilisateur_id: int, jour: date) -> tuple[Suivis, Decimal | None]:
    """Les ménages suivis (plan ouvert : au ratio et à part) et l'ETP en vigueur d'un
    travailleur social (`None` : inconnu, R-UNKNOWN). Trois requêtes."""
    suivis = menages_suivis(operateur_id, [utilisateur_id]).get(utilisateur_id, Suivis())
    return suivis, etp_au(operateur_id, [utilisateur_id], jour).get(utilisateur_id)


def _travail_social_actif(operateur_id: int) -> QuerySet[Adhesion]:
    return Adhesion.objects.filter(
        organisation_id=operateur_id,
        role=Role.TRAVAILLEUR_SOCIAL,
        actif=True,
        utilisateur__is_active=True,
    ).values("utilisateur_id")


def sans_contact(operateur_id: int, aujourd_hui: date, seuil_jours: int) -> QuerySet[Plan]:
    """R-ACCOMP-CONTACT : les plans ouverts dont le ménage n'a pas eu de contact depuis
    `seuil_jours` jours (depuis le début du plan s'il n'en a eu aucun depuis : un contact
    d'avant le plan ne compte pas), le plus ancien d'abord. `dernier_contact` est lu dans le
    journal des contacts, `depuis` est la date comptée. Une requête par page."""
    return (
        _plans_ouverts_de(operateur_id)
        .annotate(dernier_contact=Max("menage__contacts__le"))
        .annotate(depuis=Greatest(Coalesce("dernier_contact", "debut_le"), "debut_le"))
        .filter(depuis__lte=aujourd_hui - timedelta(days=seuil_jours))
        .select_related("menage__referent")
        .order_by("depuis", "menage__nom", "pk")
    )


def sans_plan_ou_sans_referent(operateur_id: int) -> QuerySet[Menage]:
    """Les ménages logés de l'opérateur qui n'ont pas de plan ouvert, ou dont le référent
    manque ou n'est plus travailleur social actif chez lui ; avec leur occupation en cours
    (`en_cours`). Deux requêtes par page."""
    en_cours = Occupation.objects.filter(statut=StatutOccupation.EN_COURS).select_related(
        "logement"
    )
    actifs = _travail_social_actif(operateur_id)
    return (
        Menage.objects.filter(operateur_id=operateur_id)
        .annotate(
            loge=Exists(_occupation_en_cours()),
            suivi=Exists(Plan.objects.filter(menage=OuterRef("pk"), fin_le=None)),
            referent_actif=Exists(actifs.filter(utilisateur_id=OuterRef("referent_id"))),
        )
        .filter(loge=True)
        .filter(Q(suivi=False) | Q(referent_actif=False))
        .select_related("referent")
        .prefetch_related(Prefetch("occupations", queryset=en_cours, to_attr="en_cours"))
        .order_by("nom", "prenom", "pk")
    )


def historique_temps_travail(operateur_id: int, nombre: int = 50) -> list[TempsTravail]:
    """Les dernières valeurs d'ETP saisies pour l'organisation, la plus récente d'abord."""
    qs = TempsTravail.objects.filter(operateur_id=operateur_id).select_related("utilisateur", "par")
    return list(qs.order_by("-depuis_le", "-pk")[:nombre])


def travailleur_social_ou_none(acteur: Acteur, pk: str | None) -> Utilisateur | None:
    """Un travailleur social actif de l'organisation de l'acteur (pour pré-remplir un choix)."""
    if not pk or not pk.isascii() or not pk.isdigit():
        return None
    return travailleurs_sociaux(acteur).filter(pk=int(pk)).first()
