"""Démonstration de l'accompagnement : ce qu'elle promet (Nadia et Inès suivent chacune une
quinzaine de ménages, plans et dispositifs variés, étapes à divers stades, un mois de
contacts, orientations, annuaires, ETP, « un petit chez-soi » avec une semaine sans visite,
l'action budgétaire ouverte par les impayés), vérifié par les règles elles-mêmes ; et un
second chargement qui donne les mêmes nombres."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from iml.accompagnement.models import (
    Contact,
    EtapeCochee,
    FinancementPlan,
    Objectif,
    OrientationPartenaire,
    Partenaire,
    Plan,
    RevuePlan,
    TempsTravail,
)
from iml.accompagnement.parametres import parametres_accompagnement
from iml.accompagnement.selectors import etp_au
from iml.comptes.models import Organisation, Utilisateur
from iml.menages.models import Menage
from iml.occupations.parametres import bareme as bareme_occupations
from iml.occupations.selectors_compte import lignes_par_occupation
from regles.accompagnement import (
    OUVRIR,
    action_impayes,
    avancement,
    sans_contact,
    semaines_sans_visite,
)
from regles.compte import anciennete
from regles.types import Mode
from regles.types_accompagnement import MomentEtape

pytestmark = pytest.mark.django_db

AIS, RELAIS = "42000000000034", "43000000000041"


def _compter() -> dict[str, int]:
    return {
        modele.__name__: modele.objects.count()
        for modele in (Plan, Objectif, RevuePlan, FinancementPlan, EtapeCochee, Contact,
                       OrientationPartenaire, Partenaire, TempsTravail, Menage)
    }  # fmt: skip


def test_la_demo_de_l_accompagnement():
    """Un seul chargement double (il prend du temps) ; chaque vérification est une fonction."""
    call_command("demo", stdout=StringIO())
    premier = _compter()
    sortie = StringIO()
    call_command("demo", stdout=sortie)
    assert _compter() == premier
    assert "Accompagnement créé : " in sortie.getvalue()
    # la démonstration des occupations en garde au plus 48 ; celle des orientations en admet 1
    assert premier["Menage"] <= 49
    _nadia_et_ines_suivent_une_quinzaine_de_menages()
    _plans_varies_et_dispositifs()
    _petit_chez_soi_et_sa_semaine_sans_visite()
    _etapes_a_divers_stades()
    _un_mois_de_contacts_et_deux_menages_sans_contact()
    _annuaires_et_orientations()
    _temps_de_travail()
    _action_budgetaire_ouverte_par_les_impayes()
    _plans_clos_des_menages_sortis()
    _jamais_de_date_dans_le_futur()


def _personne(prenom: str) -> Utilisateur:
    return Utilisateur.objects.get(email__startswith=f"{prenom}.")


def _nadia_et_ines_suivent_une_quinzaine_de_menages():
    for prenom in ("nadia", "ines"):
        suivis = Menage.objects.filter(referent=_personne(prenom), plans__isnull=False).distinct()
        assert 13 <= suivis.count() <= 18, prenom
    nadia = Plan.objects.filter(menage__referent=_personne("nadia"), fin_le=None)
    par_operateur = Counter(nadia.values_list("menage__operateur__siret", flat=True))
    assert par_operateur[AIS] > 10  # au-delà de sa capacité à 0,5 ETP (R-SW-RATIO)
    assert par_operateur[RELAIS] >= 2
    # Un plan ouvert suit un ménage logé, suivi par son référent ; à l'AIS, un ménage logé de
    # Nadia attend encore son plan.
    for plan in Plan.objects.filter(fin_le=None).select_related("menage", "occupation"):
        assert plan.occupation.statut == "EN_COURS"
        assert plan.cree_par_id == plan.menage.referent_id
    loges = Menage.objects.filter(referent=_personne("nadia"), occupations__statut="EN_COURS")
    assert len([m for m in loges if not m.plans.filter(fin_le=None).exists()]) == 1


def _plans_varies_et_dispositifs():
    ouverts = Plan.objects.filter(fin_le=None)
    assert set(ouverts.values_list("intensite", flat=True)) == {"LEGERE", "REGULIERE", "RENFORCEE"}
    assert set(ouverts.values_list("realisation", flat=True)) == {
        "INTERNE", "DELEGUE", "DROIT_COMMUN"
    }  # fmt: skip
    assert ouverts.get(realisation="DELEGUE").partenaire_delegue
    assert not ouverts.filter(realisation="DROIT_COMMUN", service_droit_commun="").exists()
    cd = ouverts.get(dispositif="MESURE_CD")
    assert list(cd.financements.values_list("financeur", "montant_annuel")) == [
        ("CONSEIL_DEPARTEMENTAL", Decimal("3500.00"))
    ]
    assert cd.duree_prevue_mois <= 36  # R-CD-MEASURES
    assert RevuePlan.objects.filter(plan__in=ouverts).count() >= 10
    for plan in ouverts.filter(revues__isnull=False).distinct():
        assert plan.revues.first().intensite == plan.intensite  # la dernière revue décide


def _petit_chez_soi_et_sa_semaine_sans_visite():
    plan = Plan.objects.select_related("occupation", "menage").get(dispositif="UN_PETIT_CHEZ_SOI")
    assert plan.occupation.forme == Mode.SOUS_LOCATION and plan.occupation.bail_glissant
    assert plan.menage.referent == _personne("ines") and plan.intensite == "RENFORCEE"
    assert sorted(plan.financements.values_list("financeur", "montant_annuel")) == [
        ("ARS", Decimal("7000.00")), ("ETAT_P177", Decimal("7000.00"))
    ]  # fmt: skip
    canaux = parametres_accompagnement().canaux_visite
    visites = [c.le for c in plan.menage.contacts.all() if c.canal in canaux]
    aujourd_hui = timezone.localdate()
    manquees = semaines_sans_visite(plan.debut_le, None, visites, aujourd_hui, 1)
    lundi = aujourd_hui - timedelta(days=aujourd_hui.weekday())
    assert manquees == (lundi - timedelta(weeks=2),)  # une seule, il y a deux semaines
    assert len(visites) >= 6


def _etapes_a_divers_stades():
    etapes = parametres_accompagnement().etapes
    stades = Counter()
    for plan in Plan.objects.filter(fin_le=None).select_related("occupation"):
        forme = Mode(plan.occupation.forme)
        cochees = list(plan.etapes.all())
        permis = {e.code for e in etapes if forme in e.formes}
        assert {c.code for c in cochees} <= permis  # R-ACCOMP-ETAPES : la liste de sa forme
        assert all(plan.debut_le <= c.faite_le for c in cochees)
        moments = {a.moment: a for a in avancement(etapes, forme, [c.code for c in cochees])}
        entree = moments[MomentEtape.ENTREE]
        if entree.restantes:
            stades["entrée partielle"] += 1
        elif not moments[MomentEtape.PENDANT].faites:
            stades["entrée complète"] += 1
        elif MomentEtape.SORTIE in moments and moments[MomentEtape.SORTIE].faites:
            stades["sortie"] += 1
        else:
            stades["pendant"] += 1
    assert set(stades) == {"entrée partielle", "entrée complète", "pendant", "sortie"}
    ines = Plan.objects.filter(fin_le=None, menage__referent=_personne("ines"))
    partielles = [p for p in ines if p.etapes.count() < 4 and p.occupation.forme == "SOUS_LOCATION"]
    assert partielles  # Inès a une étape d'entrée à cocher


def _un_mois_de_contacts_et_deux_menages_sans_contact():
    aujourd_hui = timezone.localdate()
    seuil = parametres_accompagnement().sans_contact_jours
    signales = []
    for plan in Plan.objects.filter(fin_le=None).select_related("menage"):
        contacts = list(plan.menage.contacts.all())
        assert contacts
        if sans_contact(max(c.le for c in contacts), plan.debut_le, aujourd_hui, seuil):
            signales.append(plan.menage.referent.first_name)
    assert sorted(signales) == ["Inès", "Nadia"]  # R-ACCOMP-CONTACT
    du_mois = Contact.objects.filter(le__gte=aujourd_hui - timedelta(days=30))
    assert du_mois.count() >= 60
    assert set(du_mois.values_list("canal", flat=True)) == {
        "VISITE_DOMICILE", "LIEU_CHOISI", "BUREAU", "TELEPHONE", "VISIO", "DEMARCHE"
    }  # fmt: skip
    assert du_mois.filter(duree_minutes__isnull=True).exists()  # une durée inconnue le reste
    assert all(len(n) <= 80 for n in Contact.objects.values_list("note", flat=True))
    for contact in Contact.objects.select_related("menage"):
        assert contact.par_id == contact.menage.referent_id


def _annuaires_et_orientations():
    for siret in (AIS, RELAIS):
        annuaire = Partenaire.objects.filter(operateur__siret=siret)
        types = set(annuaire.filter(actif=True).values_list("type", flat=True))
        assert {"MDS", "CCAS_CIAS", "CAARUD", "HOPITAL_CMP", "FRANCE_TRAVAIL",
                "MISSION_LOCALE"} <= types  # fmt: skip
        assert annuaire.filter(actif=False).count() == 1
    orientations = OrientationPartenaire.objects.select_related("partenaire", "menage")
    assert orientations.count() >= 10
    assert set(orientations.values_list("issue", flat=True)) == {
        "EN_ATTENTE", "PRISE_EN_CHARGE", "REFUSEE", "NON_HONOREE", "SANS_SUITE"
    }  # fmt: skip
    for o in orientations:
        assert o.partenaire.operateur_id == o.menage.operateur_id and o.partenaire.actif
        assert (o.issue_le is None) == (o.issue == "EN_ATTENTE")


def _temps_de_travail():
    aujourd_hui = timezone.localdate()
    ais, relais = (Organisation.objects.get(siret=s) for s in (AIS, RELAIS))
    nadia, ines = _personne("nadia"), _personne("ines")
    assert etp_au(ais.pk, [nadia.pk], aujourd_hui) == {nadia.pk: Decimal("0.50")}
    assert etp_au(relais.pk, [nadia.pk, ines.pk], aujourd_hui) == {
        nadia.pk: Decimal("0.50"), ines.pk: Decimal("0.80")
    }  # fmt: skip


def _action_budgetaire_ouverte_par_les_impayes():
    """R-ACCOMP-IMPAYES : une seule action ouverte, sur un ménage dont le compte montre une
    dette échue d'au moins le seuil (la tâche quotidienne n'en ouvrirait pas une seconde)."""
    action = Objectif.objects.select_related("plan__occupation").get(origine="IMPAYES")
    assert action.statut == "EN_COURS" and action.domaine == "BUDGET"
    occupation = action.plan.occupation
    aujourd_hui = timezone.localdate()
    lignes = lignes_par_occupation([occupation.pk], aujourd_hui)[occupation.pk]
    mensuel = occupation.tarifs.last().mensuel
    seuil = bareme_occupations().occupations.impayes_seuil_mois
    dette = anciennete(lignes, aujourd_hui).total
    assert dette >= 2 * mensuel
    assert action_impayes(dette, mensuel, seuil, ouverte=False) == OUVRIR
    assert action_impayes(dette, mensuel, seuil, ouverte=True) is None
    assert action.plan.debut_le <= action.ouvert_le <= aujourd_hui


def _plans_clos_des_menages_sortis():
    clos = Plan.objects.exclude(fin_le=None).select_related("menage")
    assert clos.count() >= 6
    for plan in clos:
        sortie = plan.menage.occupations.get()
        assert plan.fin_le == sortie.date_sortie and plan.issue
        assert not plan.objectifs.filter(statut="EN_COURS").exists()
    assert len(set(clos.values_list("issue", flat=True))) >= 3


def _jamais_de_date_dans_le_futur():
    aujourd_hui = timezone.localdate()
    for modele, champs in (
        (Plan, ("debut_le", "fin_le")), (RevuePlan, ("le",)), (EtapeCochee, ("faite_le",)),
        (Objectif, ("ouvert_le", "clos_le")), (Contact, ("le",)),
        (OrientationPartenaire, ("le", "issue_le")), (TempsTravail, ("depuis_le",)),
    ):  # fmt: skip
        for champ in champs:
            assert not modele.objects.filter(**{f"{champ}__gt": aujourd_hui}).exists(), champ
