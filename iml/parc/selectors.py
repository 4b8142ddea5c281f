"""Lectures cadrées du parc : hors périmètre, une fiche est une 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from iml.appels.models import Convention
from iml.comptes.acteur import Acteur
from iml.comptes.enums import Role
from iml.parc import perms
from iml.parc.models import Bailleur, ContratBailleur, Logement, MotifBlocage, Prospect


def bailleurs_visibles(acteur: Acteur) -> QuerySet[Bailleur]:
    """Les bailleurs de son organisation, pour la direction et la gestion locative seules ;
    l'administration de la plateforme ne lit pas leurs données personnelles (elle passe par
    l'administration Django, journalisée)."""
    qs = Bailleur.objects.select_related("operateur")
    if perms.gere_le_parc(acteur):
        return qs.filter(operateur=acteur.organisation)
    return qs.none()


def bailleur_ou_404(acteur: Acteur, pk: int) -> Bailleur:
    return get_object_or_404(bailleurs_visibles(acteur), pk=pk)


def prospects_visibles(acteur: Acteur) -> QuerySet[Prospect]:
    qs = Prospect.objects.select_related("bailleur", "charge", "motif_abandon", "logement")
    if acteur.agit_pour_la_plateforme:
        return qs
    if perms.gere_le_parc(acteur):
        return qs.filter(operateur=acteur.organisation)
    return qs.none()


def prospect_ou_404(acteur: Acteur, pk: int) -> Prospect:
    return get_object_or_404(prospects_visibles(acteur), pk=pk)


def logements_visibles(acteur: Acteur) -> QuerySet[Logement]:
    """Gestion du parc : les logements de son organisation. Travail social : ceux qu'occupent
    les ménages dont elle ou il est référent. Autres : aucun."""
    qs = Logement.objects.select_related("bailleur", "convention")
    if acteur.agit_pour_la_plateforme:
        return qs
    if perms.gere_le_parc(acteur):
        return qs.filter(operateur=acteur.organisation)
    if acteur.est_operateur and acteur.role == Role.TRAVAILLEUR_SOCIAL:
        return qs.filter(
            operateur=acteur.organisation,
            occupations__statut="EN_COURS",
            occupations__menage__referent=acteur.utilisateur,
        ).distinct()
    return qs.none()


def logement_ou_404(acteur: Acteur, pk: int) -> Logement:
    return get_object_or_404(logements_visibles(acteur), pk=pk)


def contrats_visibles(acteur: Acteur) -> QuerySet[ContratBailleur]:
    qs = ContratBailleur.objects.select_related("logement__bailleur")
    if acteur.agit_pour_la_plateforme:
        return qs
    if perms.gere_le_parc(acteur):
        return qs.filter(logement__operateur=acteur.organisation)
    return qs.none()


def contrat_ou_404(acteur: Acteur, pk: int) -> ContratBailleur:
    return get_object_or_404(contrats_visibles(acteur), pk=pk)


def conventions_rattachables(acteur: Acteur) -> QuerySet[Convention]:
    """Les conventions de financement de l'opérateur, auxquelles un logement peut compter."""
    if not perms.gere_le_parc(acteur):
        return Convention.objects.none()
    return Convention.objects.filter(dossier__operateur=acteur.organisation).select_related(
        "dossier__appel"
    )


def motifs_actifs() -> QuerySet[MotifBlocage]:
    return MotifBlocage.objects.filter(actif=True)


# --- Chiffres des conventions (volet chiffres) ------------------------------------------------


def conventions_des_chiffres(acteur: Acteur, *, territoire: bool = False) -> QuerySet[Convention]:
    """Les conventions dont on montre les chiffres : celles de son organisation pour la
    gestion du parc ; avec `territoire`, celles des appels de son territoire pour l'État
    (département, ou région pour un service régional) ; toutes pour la plateforme. Décision,
    opérateur, appel et versions (répartition par typologie) sont préchargés."""
    from django.db.models import Prefetch

    from iml.appels.models import VersionDossier
    from iml.comptes.selectors import filtre_territoire

    qs = (
        Convention.objects.select_related(
            "dossier__operateur", "dossier__appel__jeu", "dossier__decision"
        )
        .prefetch_related(
            Prefetch(
                "dossier__versions",
                queryset=VersionDossier.objects.only("dossier", "numero", "contenu"),
            )
        )
        .order_by("dossier__operateur__nom", "numero")
    )
    if acteur.agit_pour_la_plateforme:
        return qs
    if territoire and acteur.est_etat:
        return qs.filter(filtre_territoire(acteur, "dossier__appel__territoire"))
    if not territoire and perms.gere_le_parc(acteur):
        return qs.filter(dossier__operateur=acteur.organisation)
    return qs.none()


def _mobilises_et_ouvertes() -> dict:
    """Les deux agrégats des chiffres du parc, au jour présent, selon LA définition commune
    (`regles.parc.mobilise_au` et `ouvert_au`, R-PARC ; une date de mobilisation n'est jamais
    future, et au jour présent le statut « restitué » dit la restitution). Mobilisé : daté,
    ni en captation ni restitué. Places ouvertes : capacité des logements mobilisés
    disponibles, occupés ou vacants (0 quand il n'y en a aucun : un compte, pas une valeur
    inconnue)."""
    from django.db.models import Count, Q, Sum

    from regles.parc import STATUTS_NON_MOBILISES, STATUTS_OUVERTS

    mobilise = Q(date_mobilisation__isnull=False) & ~Q(statut__in=STATUTS_NON_MOBILISES)
    return {
        "mobilises": Count("pk", filter=mobilise),
        "ouvertes": Sum("capacite", filter=mobilise & Q(statut__in=STATUTS_OUVERTS), default=0),
    }


def logements_par_convention(conventions: list[int]) -> list[dict]:
    """Une requête groupée : par convention, forme et typologie, les logements mobilisés et
    les places ouvertes (`_mobilises_et_ouvertes`). Aucun nom de bailleur ni adresse n'en
    sort."""
    return list(
        Logement.objects.filter(convention_id__in=conventions)
        .values("convention_id", "forme", "typologie")
        .annotate(**_mobilises_et_ouvertes())
        .order_by()
    )


# --- Volet captation (écrans des bailleurs et des prospects) -----------------------------------


def gestionnaires_du_parc(acteur: Acteur):
    """Les personnes à qui confier un prospect : direction et gestion locative actives de
    l'organisation de l'acteur."""
    from iml.comptes.models import Utilisateur

    if not perms.gere_le_parc(acteur):
        return Utilisateur.objects.none()
    return (
        Utilisateur.objects.filter(
            adhesions__organisation=acteur.organisation,
            adhesions__actif=True,
            adhesions__role__in=perms.ROLES_GESTION,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def historique_prospect(prospect: Prospect):
    """Les passages de statut d'un prospect, du plus ancien au plus récent."""
    return prospect.evenements.select_related("par").order_by("le", "pk")


def passages_des_prospects(prospects: QuerySet[Prospect]):
    """Une seule requête : (prospect, statut courant, motif d'abandon, de, vers, le) de chaque
    passage des prospects donnés, dans l'ordre des prospects puis des passages."""
    from iml.parc.models import EvenementProspect

    return (
        EvenementProspect.objects.filter(prospect__in=prospects.values("pk"))
        .values_list(
            "prospect_id", "prospect__statut", "prospect__motif_abandon__code", "de", "vers", "le"
        )
        .order_by("prospect_id", "le", "pk")
    )


def libelles_motifs() -> dict[str, str]:
    """Code → libellé de chaque motif de blocage, actif ou non (un ancien abandon garde le
    sien)."""
    return dict(MotifBlocage.objects.values_list("code", "libelle"))


def logements_hors_convention(acteur: Acteur, *, territoire: bool = False) -> list[dict]:
    """Par opérateur, les logements non restitués rattachés à aucune convention : leur
    nombre, les mobilisés et les places ouvertes (mêmes définitions que
    `logements_par_convention`). Une requête groupée ; ni bailleur ni adresse."""
    from django.db.models import Count

    from iml.comptes.selectors import filtre_territoire
    from regles.types import StatutLogement

    qs = Logement.objects.filter(convention__isnull=True).exclude(statut=StatutLogement.RESTITUE)
    if territoire and acteur.est_etat:
        qs = qs.filter(filtre_territoire(acteur, "operateur__territoire"))
    elif not territoire and perms.gere_le_parc(acteur):
        qs = qs.filter(operateur=acteur.organisation)
    elif not acteur.agit_pour_la_plateforme:
        return []
    return list(
        qs.values("operateur__nom")
        .annotate(logements=Count("pk"), **_mobilises_et_ouvertes())
        .order_by("operateur__nom")
    )
