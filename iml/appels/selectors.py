"""Lectures cadrées des appels et dossiers (hors périmètre = 404)."""

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from iml.appels.enums import StatutAppel, StatutDossier
from iml.appels.models import (
    AppelACandidatures,
    AvenantConvention,
    Convention,
    Dossier,
    PieceJointe,
    VersionDossier,
)
from iml.comptes.acteur import Acteur
from iml.comptes.enums import NiveauTerritoire, TypeOrganisation
from iml.comptes.models import Organisation
from iml.comptes.selectors import filtre_territoire
from iml.referentiel.models import JeuParametres, NiveauJeu, OrigineJeu


def appels_visibles(acteur: Acteur) -> QuerySet[AppelACandidatures]:
    """État : les appels de son territoire (brouillons compris). Opérateur, SIAO, cofinanceur :
    les appels publiés, clos ou décidés de leur département."""
    qs = AppelACandidatures.objects.select_related("territoire", "service", "jeu")
    if acteur.agit_pour_la_plateforme:
        return qs
    if acteur.organisation is None:
        return qs.none()
    if acteur.est_etat:
        return qs.filter(filtre_territoire(acteur, "territoire"))
    return qs.filter(territoire=acteur.territoire).exclude(statut=StatutAppel.BROUILLON)


def appel_ou_404(acteur: Acteur, pk: int) -> AppelACandidatures:
    return get_object_or_404(appels_visibles(acteur), pk=pk)


def dossiers_visibles(acteur: Acteur) -> QuerySet[Dossier]:
    """Opérateur : ses dossiers. État : les dossiers déposés des appels de son territoire.
    Les autres organisations ne voient pas les dossiers."""
    qs = Dossier.objects.select_related("appel__territoire", "appel__jeu", "operateur")
    if acteur.agit_pour_la_plateforme:
        return qs
    if acteur.est_operateur:
        return qs.filter(operateur=acteur.organisation)
    if acteur.est_etat:
        return qs.filter(filtre_territoire(acteur, "appel__territoire")).exclude(
            statut=StatutDossier.BROUILLON
        )
    return qs.none()


def dossier_ou_404(acteur: Acteur, pk: int) -> Dossier:
    return get_object_or_404(dossiers_visibles(acteur), pk=pk)


def dossiers_de_l_appel(acteur: Acteur, appel: AppelACandidatures) -> QuerySet[Dossier]:
    return dossiers_visibles(acteur).filter(appel=appel).prefetch_related("versions")


def dossiers_sans_decision(acteur: Acteur, appel: AppelACandidatures) -> QuerySet[Dossier]:
    """Les dossiers déposés qui attendent la décision du comité (R-SELECTION)."""
    return (
        dossiers_de_l_appel(acteur, appel)
        .filter(statut=StatutDossier.DEPOSE)
        .select_related("operateur")
        .order_by("operateur__nom")
    )


def version_ou_404(acteur: Acteur, dossier_pk: int, numero: int) -> VersionDossier:
    dossier = dossier_ou_404(acteur, dossier_pk)
    return get_object_or_404(dossier.versions, numero=numero)


def pieces_visibles(acteur: Acteur) -> QuerySet[PieceJointe]:
    """Opérateur : toutes les pièces de ses dossiers. Les autres (État du territoire,
    administration) : seulement les pièces présentes au dernier dépôt ; une pièce jointe depuis
    appartient à un brouillon, que seul l'opérateur lit."""
    qs = PieceJointe.objects.filter(dossier__in=dossiers_visibles(acteur))
    if acteur.est_operateur:
        return qs
    dernier_depot = (
        VersionDossier.objects.filter(dossier=OuterRef("dossier"))
        .order_by("-deposee_le")
        .values("deposee_le")[:1]
    )
    return qs.filter(deposee_le__lte=Subquery(dernier_depot))


def piece_ou_404(acteur: Acteur, pk: int) -> PieceJointe:
    return get_object_or_404(pieces_visibles(acteur).select_related("dossier"), pk=pk)


def convention_ou_404(acteur: Acteur, dossier_pk: int) -> Convention:
    """La convention d'un dossier visible (son opérateur, l'État du territoire de l'appel)."""
    qs = Convention.objects.select_related(
        "dossier__appel__territoire", "dossier__appel__service", "dossier__operateur"
    ).filter(dossier__in=dossiers_visibles(acteur))
    return get_object_or_404(qs, dossier_id=dossier_pk)


def convention_du_dossier(dossier: Dossier) -> Convention | None:
    """La convention d'un dossier déjà lu dans le périmètre de l'acteur (ou None)."""
    return Convention.objects.filter(dossier=dossier).first()


def appels_ouverts_pour(acteur: Acteur) -> QuerySet[AppelACandidatures]:
    return appels_visibles(acteur).filter(statut=StatutAppel.PUBLIE)


def filtre_vide() -> Q:
    return Q(pk__in=[])


def jeux_de_depart(acteur: Acteur) -> QuerySet[JeuParametres]:
    """Jeux proposés pour créer un appel : nationaux ; régionaux de la région de l'acteur ;
    jeux d'appel livrés en fichier pour son département ; jeux des appels de son service
    (brouillons compris) et des appels publiés, clos ou décidés de son département. Jamais le
    brouillon d'un autre service ni un jeu d'un autre territoire."""
    territoire = acteur.territoire
    if territoire is None:
        return JeuParametres.objects.none()
    departement = territoire if territoire.niveau == NiveauTerritoire.DEPARTEMENT else None
    region = territoire.region if departement else territoire
    filtre = Q(niveau=NiveauJeu.NATIONAL)
    filtre |= Q(appelacandidatures__service=acteur.organisation)
    if region is not None:
        filtre |= Q(niveau=NiveauJeu.REGIONAL, territoire=region.code)
    if departement is not None:
        filtre |= Q(niveau=NiveauJeu.APPEL, origine=OrigineJeu.FICHIER, territoire=departement.code)
        filtre |= Q(
            appelacandidatures__territoire=departement,
            appelacandidatures__statut__in=[s for s in StatutAppel if s != StatutAppel.BROUILLON],
        )
    return (
        JeuParametres.objects.filter(filtre)
        .filter(niveau__in=(NiveauJeu.APPEL, NiveauJeu.NATIONAL, NiveauJeu.REGIONAL))
        .distinct()
        .order_by("niveau", "code", "-version")
    )


def cofinanceurs_de_l_appel(acteur: Acteur, appel: AppelACandidatures) -> QuerySet[Organisation]:
    """R-COFUNDING : les cofinanceurs actifs du département de l'appel ou de sa région (ARS,
    conseil départemental, FSL…) ; rien si l'acteur ne voit pas l'appel."""
    if not appels_visibles(acteur).filter(pk=appel.pk).exists():
        return Organisation.objects.none()
    territoire = appel.territoire
    lieu = Q(territoire=territoire)
    if territoire.region_id is not None:
        lieu |= Q(territoire_id=territoire.region_id)
    return Organisation.objects.filter(
        lieu, type=TypeOrganisation.COFINANCEUR, active=True
    ).order_by("nom")


def avenants(convention: Convention) -> QuerySet[AvenantConvention]:
    """Les avenants d'une convention déjà lue dans le périmètre, du premier au dernier."""
    return convention.avenants.select_related("signature_enregistree_par").order_by("numero")


def avenant_ou_404(acteur: Acteur, dossier_pk: int, numero: int) -> AvenantConvention:
    qs = AvenantConvention.objects.select_related(
        "convention__dossier__appel__territoire", "convention__dossier__operateur"
    ).filter(convention__dossier__in=dossiers_visibles(acteur))
    return get_object_or_404(qs, convention__dossier_id=dossier_pk, numero=numero)
