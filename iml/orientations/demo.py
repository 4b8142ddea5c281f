"""Démonstration des orientations du SIAO (R-SIAO), chargée après l'accompagnement.

Sophie (coordination du SIAO 35) tient une soixantaine de demandes en attente : compositions
de une à sept personnes, ressources (deux inconnues), aide au logement connue, estimée ou
inconnue, critères de priorité datés dont quelques DALO (R-PRIORITY-PUBLICS), communes
d'Ille-et-Vilaine souhaitées (parfois strictement), quelques accès de plain-pied requis,
catégories d'IML (R-CATEGORY). Huit vacances sont déclarées par l'AIS de Marc et le Relais
d'Hélène (dont une bientôt vacante, une non pourvue depuis plus de 30 jours), et les
propositions passent par chaque état : ménage admis, acceptée en attente d'admission, refus
confirmé (ménage informé) suivi d'une nouvelle proposition, refus passé outre, refus en attente
de la décision du SIAO, sans réponse à l'échéance. D'autres logements vacants gardent leur
brouillon de déclaration. La tâche quotidienne des orientations est lancée une fois.

Tout passe par les services (`maintenant=` dans le passé) ; les dates se calculent depuis
aujourd'hui. Chaque chargement vide d'abord les orientations de la démonstration (`vider_demo`,
appelé avant tous les autres : une proposition retient sa demande, son logement et
l'occupation de son admission).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from iml.alertes.models import Alerte
from iml.comptes.acteur import Acteur, acteur_pour
from iml.comptes.enums import TypeOrganisation
from iml.comptes.models import Utilisateur
from iml.generateur.noms import NOMS, PRENOMS
from iml.orientations.models import (
    DeclarationVacance,
    Demande,
    ExecutionAppariement,
    Proposition,
)
from iml.orientations.services import admission, demandes, propositions, vacances
from iml.orientations.taches import REGLE, alerter_orientations
from iml.parc.models import Logement
from regles.format import pluriel

#: Communes d'Ille-et-Vilaine souhaitées (codes INSEE) : Rennes et sa métropole d'abord.
COMMUNES = (
    "35238", "35051", "35047", "35281", "35055", "35024", "35206", "35210",
    "35288", "35360", "35115", "35236",
)  # fmt: skip
#: (adultes, enfants) des demandes générées, dans l'ordre.
COMPOSITIONS = ((1, 0), (1, 1), (1, 0), (2, 2), (1, 2), (2, 0), (1, 0), (2, 1), (1, 3),
                (2, 3), (1, 0), (2, 4), (1, 1), (2, 0))  # fmt: skip
CRITERES = ("SANS_LOGEMENT", "SORTANT_HEBERGEMENT", "HEBERGE_TEMPORAIREMENT",
            "MENACE_EXPULSION", "PDALHPD", "CUMUL_DIFFICULTES", "HABITAT_INDIGNE")  # fmt: skip
DALO = ("DALO_SANS_DOMICILE", "DALO_HEBERGE", "DALO_DELAI_ANORMAL", "DALO_MENACE_EXPULSION")
#: Nombre de demandes générées en plus de celles des propositions.
GENEREES = 53


@dataclass(frozen=True)
class Cas:
    """Une demande de la démonstration et, le cas échéant, l'histoire de sa proposition."""

    cle: str
    prenom: str
    nom: str
    adultes: int
    enfants: int
    ressources: str
    aide: str | None
    estimee: bool
    il_y_a: int
    communes: tuple[str, ...]
    criteres: tuple[tuple[str, int], ...]
    plain_pied: bool = False
    strictes: bool = False


#: Les demandes des propositions (clé : l'histoire jouée, voir `_histoires`).
CAS = (
    Cas("admise", "Maryvonne", "Tanguy", 1, 1, "1450.00", "230.00", False, 260,
        ("35238",), (("SORTANT_HEBERGEMENT", 200),), plain_pied=True),
    Cas("refus_confirme", "Soizic", "Guillou", 1, 2, "1320.00", "210.00", True, 400,
        ("35238", "35051"), (("SANS_LOGEMENT", 380),)),
    Cas("proposee", "Yann", "Morvan", 2, 1, "1700.00", None, False, 120,
        ("35236",), (("HEBERGE_TEMPORAIREMENT", 100),)),
    Cas("en_retard", "Nathalie", "Lefeuvre", 1, 1, "1250.00", "190.00", False, 500,
        ("35360",), (("DALO_HEBERGE", 300), ("HEBERGE_TEMPORAIREMENT", 480))),
    Cas("refusee", "Erwan", "Jouan", 2, 3, "2300.00", "420.00", True, 330,
        ("35051", "35238"), (("MENACE_EXPULSION", 90),), plain_pied=True),
    Cas("passe_outre", "Annick", "Hamon", 1, 2, "1380.00", "310.00", False, 210,
        ("35238",), (("DALO_SANS_DOMICILE", 150), ("SANS_LOGEMENT", 200)), strictes=True),
    Cas("acceptee", "Loïc", "Briand", 1, 0, "890.00", "170.00", False, 150,
        ("35288",), (("SORTANT_HEBERGEMENT", 140),)),
)  # fmt: skip


@dataclass
class Acteurs:
    siao: Acteur
    ais: Acteur
    relais: Acteur


def _acteur(email: str) -> Acteur:
    return acteur_pour(Utilisateur.objects.get(email=email), None)


def _midi(jour: date) -> datetime:
    return timezone.make_aware(datetime.combine(jour, time(12, 0)))


def _il_y_a(jours: int) -> date:
    return timezone.localdate() - timedelta(days=jours)


def vider_demo(organisations, sortie) -> None:
    """Supprime les orientations de la démonstration (avant les occupations et le parc)."""
    siao = organisations["siao35"]
    operateurs = [o for o in organisations.values() if o.type == TypeOrganisation.OPERATEUR]
    Proposition.objects.filter(siao=siao).delete()
    Proposition.objects.filter(operateur__in=operateurs).delete()
    Demande.objects.filter(siao=siao).delete()
    ExecutionAppariement.objects.filter(siao=siao).delete()
    # Les brouillons ouverts par le parc et les occupations restent (jamais déclarés).
    DeclarationVacance.objects.filter(operateur__in=operateurs, declaree_le__isnull=False).delete()
    Alerte.objects.filter(organisation=siao, regle=REGLE).delete()


def _demande(siao: Acteur, cas: Cas, rang: int) -> Demande:
    demande_le = _il_y_a(cas.il_y_a)
    return demandes.enregistrer_demande(
        acteur=siao, aujourd_hui=timezone.localdate(),
        reference_siao=f"SIAO35-{demande_le.year}-{rang:04d}", nom=cas.nom, prenom=cas.prenom,
        adultes=cas.adultes, enfants=cas.enfants,
        ressources=Decimal(cas.ressources) if cas.ressources else None,
        aide_logement=Decimal(cas.aide) if cas.aide else None, aide_estimee=cas.estimee,
        demande_le=demande_le, communes=list(cas.communes), communes_strictes=cas.strictes,
        plain_pied_requis=cas.plain_pied, categorie=_categorie(rang),
        criteres={c: _il_y_a(jours) for c, jours in cas.criteres},
    )  # fmt: skip


def _categorie(rang: int) -> str:
    return {3: "PSY", 5: "SPECIALISEE"}.get(rang % 7, "CLASSIQUE") if rang > 20 else "CLASSIQUE"


def _cas_genere(k: int) -> Cas:
    """La k-ième demande générée : composition, ressources (deux inconnues), aide connue,
    estimée ou inconnue, un ou deux critères datés (un DALO sur neuf, aucun une fois sur
    onze), communes souhaitées (indifférent une fois sur quatre), plain-pied une fois sur
    douze."""
    adultes, enfants = COMPOSITIONS[k % len(COMPOSITIONS)]
    personnes = adultes + enfants
    il_y_a = 25 + (k * 47) % 720
    ressources = f"{620 + 310 * personnes + 37 * (k % 9)}.00" if k % 26 != 11 else ""
    aide = None if k % 3 == 2 or not ressources else f"{120 + 55 * personnes + 5 * (k % 7)}.00"
    criteres: tuple[tuple[str, int], ...] = ()
    if k % 9 == 0:
        criteres = ((DALO[k // 9 % len(DALO)], max(1, il_y_a - 90)),)
    if k % 11 != 7:
        criteres += ((CRITERES[k % len(CRITERES)], il_y_a + 20),)
    if k % 5 == 1:
        criteres += ((CRITERES[(k + 3) % len(CRITERES)], il_y_a),)
    debut = k % len(COMMUNES)
    communes = () if k % 4 == 3 else tuple(sorted(COMMUNES[debut : debut + 1 + k % 3]))
    return Cas(
        "", PRENOMS[(k * 5 + 2) % len(PRENOMS)], NOMS[(k * 7 + 3) % len(NOMS)], adultes,
        enfants, ressources, aide, aide is not None and k % 3 == 1, il_y_a, communes, criteres,
        plain_pied=k % 12 == 6, strictes=bool(communes) and k % 10 == 4,
    )  # fmt: skip


def _logement(operateur: Acteur, reference: str) -> Logement:
    return Logement.objects.get(operateur=operateur.organisation, reference=reference)


def _declarer(operateur: Acteur, reference: str, il_y_a: int, **nature) -> Logement:
    """Déclare au SIAO le logement (son brouillon s'il en a un), vacant depuis ce jour-là."""
    logement = _logement(operateur, reference)
    jour = _il_y_a(il_y_a)
    vacances.declarer_vacance(
        acteur=operateur, logement=logement, maintenant=_midi(jour),
        nature=nature.get("nature", "VACANT"), disponible_le=nature.get("disponible_le", jour),
        note=nature.get("note", ""),
    )  # fmt: skip
    return logement


def _proposer(a: Acteurs, demande: Demande, logement: Logement, il_y_a: int) -> Proposition:
    return propositions.proposer(
        acteur=a.siao, demande=demande, logement=logement, maintenant=_midi(_il_y_a(il_y_a))
    )


def _repondre(operateur: Acteur, p: Proposition, il_y_a: int, motif: str = "", note: str = ""):
    propositions.repondre(
        acteur=operateur, proposition=p, accepte=not motif, motif_refus=motif, note_refus=note,
        maintenant=_midi(_il_y_a(il_y_a)),
    )  # fmt: skip


def _decider(a: Acteurs, p: Proposition, il_y_a: int, decision: str, motif: str = "") -> None:
    propositions.decider_refus(
        acteur=a.siao, proposition=p, decision=decision, motif=motif,
        maintenant=_midi(_il_y_a(il_y_a)),
    )  # fmt: skip


def _informe(a: Acteurs, p: Proposition, il_y_a: int) -> None:
    propositions.noter_menage_informe(
        acteur=a.siao, proposition=p, le=_il_y_a(il_y_a), maintenant=timezone.now()
    )


def _admettre(a: Acteurs, p: Proposition) -> None:
    """Le ménage entre aujourd'hui : la mère (née en 1991) et son fils (né en 2017)."""
    saisie = admission.SaisieAdmission(
        date_naissance=date(1991, 3, 14), date_entree=timezone.localdate(),
        membres=[("ENFANT", 2017)],
    )  # fmt: skip
    admission.admettre_proposition(
        acteur=a.ais, proposition=p, saisie=saisie, maintenant=timezone.now()
    )


def _histoires(a: Acteurs, d: dict[str, Demande]) -> None:
    """Huit vacances (cinq à l'AIS, trois au Relais) et les propositions dans chaque état."""
    # Accepté, ménage informé le lendemain, admis aujourd'hui : la vacance est pourvue.
    p = _proposer(a, d["admise"], _declarer(a.ais, "L031", 20), 16)
    _repondre(a.ais, p, 13)
    _informe(a, p, 12)
    _admettre(a, p)
    # Refus du ménage confirmé (ménage informé), puis une autre demande proposée.
    redon = _declarer(a.ais, "L021", 28)
    p = _proposer(a, d["refus_confirme"], redon, 25)
    _repondre(a.ais, p, 21, "REFUS_MENAGE", "Le ménage souhaite rester près de Rennes.")
    _decider(a, p, 19, "CONFIRME")
    _informe(a, p, 18)
    _proposer(a, d["proposee"], redon, 4)
    # Sans réponse de l'opérateur à l'échéance (R-SIAO : alerte des deux côtés).
    _proposer(a, d["en_retard"], _declarer(a.ais, "L011", 25), 18)
    # Refus « autre motif » en attente de la décision du SIAO.
    p = _proposer(a, d["refusee"], _declarer(a.ais, "L006", 22), 12)
    _repondre(
        a.ais, p, 3, "AUTRE", "Le bailleur refait la salle de bains : entrée dans six semaines."
    )
    # Vacance non pourvue depuis plus de 30 jours (R-SIAO : alerte), sans proposition.
    _declarer(a.ais, "L-H02", 45, note="Logement repeint, clés à l'agence de Saint-Malo.")
    # Refus « typologie » passé outre par le SIAO : la proposition redevient acceptée.
    p = _proposer(a, d["passe_outre"], _declarer(a.relais, "L003", 24), 20)
    _repondre(a.relais, p, 15, "TYPOLOGIE")
    _decider(
        a, p, 13, "PASSE_OUTRE",
        "Le T3 a quatre places : la famille de trois personnes y tient (R-CAPACITY).",
    )  # fmt: skip
    _informe(a, p, 12)
    # Acceptée, l'admission reste à faire.
    p = _proposer(a, d["acceptee"], _declarer(a.relais, "L004", 14), 9)
    _repondre(a.relais, p, 6)
    # Bientôt vacant : le ménage logé arrive au bout de sa sous-location.
    _declarer(
        a.relais, "L-H06", 5, nature="BIENTOT_VACANT", disponible_le=_il_y_a(-25),
        note="Relogement du ménage en place prévu dans le parc social.",
    )  # fmt: skip


def charger_demo(organisations, sortie) -> None:
    """Vide puis recrée les orientations de la démonstration (idempotent)."""
    vider_demo(organisations, sortie)
    a = Acteurs(
        _acteur("sophie.durand@siao35.demo"),
        _acteur("marc.bernard@ais35.demo"),
        _acteur("helene.garnier@relais35.demo"),
    )
    scenario = {cas.cle: _demande(a.siao, cas, rang) for rang, cas in enumerate(CAS, 1)}
    for k in range(GENEREES):
        _demande(a.siao, _cas_genere(k), len(CAS) + 1 + k)
    _histoires(a, scenario)
    alerter_orientations.call()
    sortie.write(_resume(organisations["siao35"]))


def _resume(siao) -> str:
    en_attente = Demande.objects.filter(siao=siao, statut="EN_ATTENTE").count()
    vacances_ = DeclarationVacance.objects.filter(
        logement__commune__startswith="35", statut__in=("DECLAREE", "POURVUE")
    ).count()
    propositions_ = Proposition.objects.filter(siao=siao).count()
    return (
        f"Orientations créées : {pluriel(en_attente, 'demande')} en attente au SIAO 35, "
        f"{pluriel(vacances_, 'vacance déclarée', 'vacances déclarées')}, "
        f"{pluriel(propositions_, 'proposition')}.\n"
    )
