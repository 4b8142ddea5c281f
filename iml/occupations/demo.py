"""Démonstration des occupations : une quarantaine de ménages chez l'AIS (mandat de gestion)
et Le Relais (sous-location), avec des histoires de 2019 à aujourd'hui, toutes passées par
les services (`maintenant=` dans le passé) : admissions contrôlées, renouvellements (un ménage
à son deuxième renouvellement, dont le troisième serait refusé), glissements de bail (l'un
suivi d'un mandat de gestion qui arrive au bout de ses trois ans, l'autre qui restitue le
logement), sorties de chaque destination, vacance entre deux occupations, appels de loyer
jusqu'à aujourd'hui et paiements (comptes soldés, sauf un ménage en impayé de trois mois).

Les logements du parc de démonstration « occupés » ou « vacants » n'ont pas de ménage : leur
passage par « occupé » (et « vacant ») est remplacé par l'admission (et la sortie) d'un
ménage à la même date. L'histoire longue se joue dans huit logements de plus, captés en
2018 par les services du parc (références `L-H…`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from iml.comptes.acteur import Acteur, acteur_pour
from iml.comptes.enums import TypeOrganisation
from iml.comptes.models import Utilisateur
from iml.generateur.noms import NOMS, PRENOMS
from iml.menages.models import Menage
from iml.menages.services import menages
from iml.occupations.models import Ecriture, Occupation, PlanApurement
from iml.occupations.services import admission, compte, horloge, sorties
from iml.parc.demo import COMMUNES_AIS, COMMUNES_RELAIS
from iml.parc.models import Bailleur, EvenementLogement, Logement
from iml.parc.services import contrats, logements
from regles.compte import echeancier, mois_suivant
from regles.format import pluriel
from regles.types import NatureEcriture, NatureRessource, StatutLogement

PREFIXE = "D-"
#: (jours avant aujourd'hui de l'entrée, de la sortie ou None, destination, renouvellements
#: au plus, glissement suivi d'un mandat) : histoire de chaque logement ajouté, dans l'ordre.
HISTOIRES_AIS = {
    "L-H01": ((2850, 1850, "LOGEMENT_SOCIAL"), (1780, 700, "LOGEMENT_PRIVE"),
              (620, None, "")),
    "L-H02": ((2700, 2250, "HEBERGEMENT"), (2180, 1300, "LOGEMENT_SOCIAL"),
              (1250, 250, "LOGEMENT_SOCIAL")),
    "L-H03": ((2500, 1900, "INCONNUE"), (1850, 900, "LOGEMENT_PRIVE"),
              (850, 120, "LOGEMENT_SOCIAL")),
}  # fmt: skip
HISTOIRES_RELAIS = {
    # Glissement à 3 ans moins 60 jours, le mandat de gestion suit : sa fin approche.
    "L-H04": ((3 * 365 - 60 + 500, 3 * 365 - 60, "GLISSEMENT_MANDAT"),),
    "L-H05": ((1400, 1100, "GLISSEMENT_BAIL"),),
    # Le dernier ménage est à son deuxième renouvellement, presque au bout des 18 mois.
    "L-H06": ((2750, 2450, "LOGEMENT_SOCIAL"), (2300, 1800, "HEBERGEMENT"),
              (1700, 1250, "RUE"), (530, None, "")),
    "L-H07": ((2600, 2350, "DECES"), (2250, 1750, "AUTRE"), (1650, 1150, "INCONNUE"),
              (450, None, "")),
    "L-H08": ((1000, 640, "LOGEMENT_PRIVE"), (300, None, "")),
}  # fmt: skip
#: Destinations des sorties des logements « vacants » du parc de démonstration.
SORTIES_PARC = ("LOGEMENT_PRIVE", "AUTRE", "LOGEMENT_SOCIAL", "HEBERGEMENT", "LOGEMENT_SOCIAL")
SITUATIONS = ("HEBERGEMENT", "HOTEL", "TIERS", "RUE", "EXPULSION", "RUPTURE_FAMILIALE")
CRITERES = ("SORTANT_HEBERGEMENT", "PDALHPD", "SANS_LOGEMENT", "MENACE_EXPULSION",
            "HEBERGE_TEMPORAIREMENT", "DALO_HEBERGE", "CUMUL_DIFFICULTES")  # fmt: skip
SUITES = ("BAIL_GLISSANT", "RELOGEMENT_SOCIAL", "RELOGEMENT_PRIVE", "PROCEDURE_PRIORITAIRE")
NOTE_TROISIEME = (
    "Démonstration : deuxième renouvellement de la sous-location en cours, la fin des 18 mois "
    "approche ; un troisième renouvellement serait refusé (R-SL-DURATION). Relogement à "
    "préparer."
)


@dataclass
class Operateur:
    acteur: Acteur
    referent: Utilisateur
    cle: str
    menages: int = 0


def _acteur(email: str) -> Acteur:
    return acteur_pour(Utilisateur.objects.get(email=email), None)


def _midi(jour: date) -> datetime:
    return timezone.make_aware(datetime.combine(jour, time(12, 0)))


def _il_y_a(jours: int) -> date:
    return timezone.localdate() - timedelta(days=jours)


def vider_demo(organisations, sortie) -> None:
    """Supprime ménages, occupations et comptes des opérateurs de la démonstration (avant le
    parc : une occupation retient son logement)."""
    operateurs = [o for o in organisations.values() if o.type == TypeOrganisation.OPERATEUR]
    occupations = Occupation.objects.filter(operateur__in=operateurs)
    PlanApurement.objects.filter(occupation__in=occupations).delete()
    # Les lignes ne se modifient jamais ; la démonstration, elle, repart de rien : les
    # corrections d'abord (elles retiennent la ligne corrigée).
    Ecriture.objects.filter(occupation__in=occupations, corrige__isnull=False).delete()
    Ecriture.objects.filter(occupation__in=occupations).delete()
    occupations.filter(precedente__isnull=False).delete()
    occupations.delete()
    Menage.objects.filter(operateur__in=operateurs).delete()
    # Les logements ajoutés (`L-H…`) partent avec le parc (`iml.parc.demo.vider_demo`).


def _ressources(n: int, personnes: int, cout: Decimal) -> dict[str, Decimal]:
    """Des ressources plausibles et variées, assez pour un taux d'effort admissible."""
    base = Decimal(650 + 320 * personnes + 15 * (n % 7))
    aide = (cout * Decimal("0.45")).quantize(Decimal("1"))
    formes = (
        {"SALAIRE": base},
        {"RSA": Decimal(600), "PRESTATIONS_FAMILIALES": base - 600},
        {"AAH": Decimal("1016.05"), "AUTRE": base - Decimal("1016.05")},
        {"SALAIRE": base - 250, "PRESTATIONS_FAMILIALES": Decimal(250)},
    )
    return {**formes[n % len(formes)], "AIDE_LOGEMENT": aide}


def _menage(op: Operateur, logement: Logement, entree: date, cout: Decimal, note: str = ""):
    n = op.menages = op.menages + 1
    k = n + (0 if op.cle == "A" else 17)
    personnes = min(logement.capacite or 1, 1 + k % 4)
    categorie, public = "CLASSIQUE", ""
    if op.cle == "R" and k % 3 == 1:
        categorie, public = "SPECIALISEE", ("JEUNES", "VICTIMES_VIOLENCES")[k % 2]
    elif op.cle == "R" and k % 5 == 0:
        categorie = "PSY"
    menage = menages.creer_menage(
        acteur=op.acteur, aujourd_hui=entree, referent=op.referent if k % 3 != 2 else None,
        reference=f"{PREFIXE}{op.cle}{n:03d}", nom=NOMS[(k * 7) % len(NOMS)],
        prenom=PRENOMS[(k * 5 + 3) % len(PRENOMS)],
        date_naissance=date(1960 + k % 38, 1 + k % 12, 1 + k % 27),
        categorie=categorie, public_specialise=public,
        situation_avant=SITUATIONS[k % len(SITUATIONS)],
        orientation_siao_reference=f"SIAO-35-{entree.year}-{100 + k}",
        orientation_siao_le=entree - timedelta(days=45), notice_remise_le=entree,
        dernier_contact_le=entree, notes=note,
    )  # fmt: skip
    membres = [("CONJOINT", 1962 + k % 35)] if personnes > 1 and k % 2 else []
    membres += [("ENFANT", entree.year - 1 - (3 * j + k) % 15) for j in range(personnes - 1)]
    for lien, annee in membres[: personnes - 1]:
        menages.ajouter_personne(
            acteur=op.acteur, menage=menage, lien=lien, annee_naissance=annee, aujourd_hui=entree
        )
    for nature, montant in _ressources(k, personnes, cout).items():
        menages.ajouter_ressource(
            acteur=op.acteur, menage=menage, nature=nature, montant=montant,
            connue_le=entree - timedelta(days=30), aujourd_hui=entree,
        )  # fmt: skip
    menages.poser_critere(
        acteur=op.acteur, menage=menage, critere=CRITERES[k % len(CRITERES)],
        reconnu_le=entree - timedelta(days=60), aujourd_hui=entree,
    )  # fmt: skip
    return menage


def _renouveler(op: Operateur, occupation: Occupation, sortie: date | None) -> None:
    """R-SL-DURATION : chaque renouvellement décidé 20 jours avant la fin de la période ;
    jusqu'à la sortie, ou, pour un ménage encore logé, tant que la décision est passée (deux
    au plus)."""
    while occupation.periodes.count() < 3:
        fin = occupation.periodes.order_by("-rang").first().fin
        decide = fin - timedelta(days=20)
        if (fin >= sortie) if sortie else (decide > timezone.localdate()):
            return
        horloge.renouveler(
            acteur=op.acteur, occupation=occupation, decide_le=decide,
            motif="Démarches de relogement en cours ; accompagnement poursuivi.",
            maintenant=_midi(decide),
        )  # fmt: skip


def _occuper(op: Operateur, logement: Logement, entree: date, sortie, destination: str, note=""):
    """Un ménage entre le jour `entree` (et sort le jour `sortie` vers `destination`)."""
    logement.refresh_from_db()
    sl = logement.forme == "SOUS_LOCATION"
    loyer = logement.redevance if sl else logement.loyer
    menage = _menage(op, logement, entree, loyer + logement.charges, note)
    glissement = destination.startswith("GLISSEMENT")
    occupation = admission.admettre(
        acteur=op.acteur, menage=menage, logement=logement, forme=logement.forme,
        date_entree=entree, loyer=loyer, charges=logement.charges, bail_glissant=glissement,
        suite_parcours=("BAIL_GLISSANT" if glissement else SUITES[op.menages % 4]) if sl else "",
        maintenant=_midi(entree),
    )  # fmt: skip
    if sl:
        _renouveler(op, occupation, sortie)
    if sortie is not None:
        sorties.sortir(
            acteur=op.acteur, occupation=occupation, date_sortie=sortie,
            destination="GLISSEMENT_BAIL" if glissement else destination,
            mandat_suit=destination == "GLISSEMENT_MANDAT", maintenant=_midi(sortie),
            note="Démonstration.",
        )  # fmt: skip
        if destination == "GLISSEMENT_BAIL":
            contrat = logement.contrats.get()
            contrats.modifier_contrat(acteur=op.acteur, contrat=contrat, resilie_le=sortie)
    return occupation


def _reprendre_parc(op: Operateur) -> None:
    """Les logements occupés ou vacants du parc de démonstration reçoivent leur ménage : le
    passage par « occupé » (et « vacant ») devient l'entrée (et la sortie) d'un ménage."""
    qs = Logement.objects.filter(
        operateur=op.acteur.organisation, statut__in=(StatutLogement.OCCUPE, StatutLogement.VACANT)
    ).exclude(reference__startswith="L-H")
    for i, logement in enumerate(qs.order_by("reference")):
        evenements = list(logement.evenements.order_by("le", "pk"))
        occupe = next((e for e in evenements if e.vers == StatutLogement.OCCUPE), None)
        if occupe is None or logement.occupations.exists():
            continue
        vacant = next((e for e in evenements if e.vers == StatutLogement.VACANT), None)
        EvenementLogement.objects.filter(pk__in=[e.pk for e in (occupe, vacant) if e]).delete()
        Logement.objects.filter(pk=logement.pk).update(statut=occupe.de)
        entree = timezone.localdate(occupe.le)
        sortie = timezone.localdate(vacant.le) if vacant else None
        _occuper(op, logement, entree, sortie, SORTIES_PARC[i % len(SORTIES_PARC)])


def _logement_ancien(op: Operateur, reference: str, i: int) -> Logement:
    """Un logement capté en 2018 (parc privé, DPE récent), mis en location, sous contrat."""
    t0 = _midi(_il_y_a(3000 + 10 * i))
    sl = op.cle == "R"
    commune, code_postal = (COMMUNES_RELAIS if sl else COMMUNES_AIS)[i % 3]
    typologie = ("T2", "T3", "T1", "T4")[i % 4]
    surface = {"T1": 28, "T2": 43, "T3": 61, "T4": 76}[typologie]
    loyer = Decimal(surface * 11)
    fiche = {
        "reference": reference, "adresse": f"{12 + i} rue des Glycines", "commune": commune,
        "code_postal": code_postal, "typologie": typologie, "surface_m2": Decimal(surface),
        "hauteur_sous_plafond_m": Decimal("2.50"), "etage": i % 4,
        "forme": "SOUS_LOCATION" if sl else "MANDAT_GESTION", "loyer": loyer,
        "charges": Decimal(40), "classe_dpe": "C", "date_dpe": t0.date() - timedelta(days=30),
    }  # fmt: skip
    if sl:
        fiche |= {"redevance": (loyer * Decimal("0.6")).quantize(Decimal("1")),
                  "bail_glissant_possible": True}  # fmt: skip
    bailleur = Bailleur.objects.filter(
        operateur=op.acteur.organisation, ne_pas_contacter=False
    ).order_by("reference")[i % 4]
    logement = logements.creer_logement(acteur=op.acteur, bailleur=bailleur, maintenant=t0, **fiche)
    quand = t0 + timedelta(days=14)
    logements.changer_statut_logement(
        acteur=op.acteur, logement=logement, vers="DISPONIBLE", maintenant=quand
    )
    donnees: dict = {"date_debut": quand.date(), "duree_mois": 120}
    if sl:
        donnees |= {"loyer": loyer, "renouvellement_tacite": True}
    else:
        donnees |= {"honoraires_pct": Decimal("7.50"), "garanties": ["VISALE"]}
    contrats.creer_contrat(acteur=op.acteur, logement=logement, **donnees)
    return logement


def _histoires(op: Operateur, histoires: dict, decalage: int) -> None:
    for i, (reference, suite) in enumerate(histoires.items()):
        logement = _logement_ancien(op, reference, i + decalage)
        for entree, sortie, destination in suite:
            note = NOTE_TROISIEME if reference == "L-H06" and sortie is None else ""
            _occuper(
                op, logement, _il_y_a(entree), None if sortie is None else _il_y_a(sortie),
                destination, note,
            )  # fmt: skip


def _payer(op: Operateur, occupation: Occupation, appels: list[Ecriture]) -> None:
    """Chaque appel réglé cinq jours après : l'aide au logement versée à l'opérateur, puis
    le reste par le ménage."""
    aide = (
        occupation.menage.ressources.filter(nature=NatureRessource.AIDE_LOGEMENT)
        .values_list("montant", flat=True)
        .first()
    )
    aujourd_hui = timezone.localdate()
    for appel in appels:
        le = min(appel.le + timedelta(days=5), aujourd_hui)
        part_aide = min(aide, appel.montant) if aide else Decimal(0)
        for nature, montant in (
            (NatureEcriture.PAIEMENT_AIDE, part_aide),
            (NatureEcriture.PAIEMENT_MENAGE, appel.montant - part_aide),
        ):
            if montant > 0:
                compte.encaisser(
                    acteur=op.acteur, occupation=occupation, nature=nature, le=le,
                    montant=montant, aujourd_hui=aujourd_hui,
                )  # fmt: skip


def _impayes_demo(op: Operateur, occupation: Occupation) -> None:
    """Le ménage en impayé : ses trois derniers appels restent impayés (R-IMPAYES, dette de
    3 mois et plus) ; un plan d'apurement en 6 versements mensuels commence le mois prochain."""
    appels = list(occupation.ecritures.filter(nature=NatureEcriture.APPEL).order_by("mois"))
    _payer(op, occupation, appels[:-3])
    dette = sum((a.montant for a in appels[-3:]), Decimal("0.00"))
    aujourd_hui = timezone.localdate()
    compte.creer_plan(
        acteur=op.acteur,
        occupation=occupation,
        montant=dette,
        versements=echeancier(dette, 6, mois_suivant(aujourd_hui)),
        note="Plan signé avec le ménage et sa référente ; l'aide au logement reste versée.",
        aujourd_hui=aujourd_hui,
    )


def _comptes(op: Operateur) -> Occupation | None:
    """Appels jusqu'à aujourd'hui, paiements ; le ménage en impayé est le plus ancien ménage
    logé par l'AIS dans le parc de démonstration, suivi par sa référente."""
    aujourd_hui = timezone.localdate()
    en_impaye = None
    if op.cle == "A":
        en_impaye = (
            Occupation.objects.filter(
                operateur=op.acteur.organisation, statut="EN_COURS", menage__referent=op.referent
            )
            .exclude(logement__reference__startswith="L-H")
            .order_by("date_entree")
            .first()
        )
    for occupation in Occupation.objects.filter(operateur=op.acteur.organisation):
        compte.appeler_loyers(occupation, aujourd_hui)
        if occupation == en_impaye:
            _impayes_demo(op, occupation)
        else:
            _payer(op, occupation, list(occupation.ecritures.filter(nature="APPEL")))
    return en_impaye


def charger_demo(organisations, sortie) -> None:
    """Vide puis recrée ménages, occupations et comptes (idempotent)."""
    vider_demo(organisations, sortie)
    ais = Operateur(_acteur("julie.petit@ais35.demo"), _utilisateur("nadia.roux"), "A")
    relais = Operateur(_acteur("thomas.faure@relais35.demo"), _utilisateur("ines.blanc"), "R")
    for op, histoires, decalage in ((ais, HISTOIRES_AIS, 0), (relais, HISTOIRES_RELAIS, 4)):
        _reprendre_parc(op)
        _histoires(op, histoires, decalage)
        _comptes(op)
    total = Occupation.objects.filter(
        operateur__in=[ais.acteur.organisation, relais.acteur.organisation]
    )
    sortie.write(
        f"Occupations créées : {pluriel(ais.menages + relais.menages, 'ménage')}, "
        f"{pluriel(total.count(), 'occupation')} (dont "
        f"{pluriel(total.filter(statut='EN_COURS').count(), 'en cours', 'en cours')}).\n"
    )


def _utilisateur(prefixe: str) -> Utilisateur:
    return Utilisateur.objects.get(email__startswith=f"{prefixe}@")
