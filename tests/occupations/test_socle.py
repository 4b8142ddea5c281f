"""Le socle des occupations, par les services : admission contrôlée et figée, horloge de la
sous-location, sortie et glissement, compte du ménage en lignes jamais modifiées."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from iml.occupations.models import Ecriture, EcritureModifiee, Occupation
from iml.occupations.services import admission, compte, horloge, sorties
from tests.appels.factories import acteur, demo
from tests.menages.factories import MenageFactory, OccupationFactory, a_midi
from tests.parc.factories import LogementFactory

pytestmark = pytest.mark.django_db


def test_l_admission_montre_le_taux_d_effort_et_le_fige_avec_la_version_du_bareme():
    julie = acteur(demo("julie"))
    menage = MenageFactory()
    logement = LogementFactory(statut="DISPONIBLE")
    preparation = admission.preparer_admission(
        acteur=julie, menage=menage, logement=logement, forme="MANDAT_GESTION",
        date_entree=timezone.localdate(), loyer=Decimal("520.00"), charges=Decimal("40.00"),
        aujourd_hui=timezone.localdate(),
    )  # fmt: skip
    # (520 + 40 − 0) ÷ 1 350 = 41,5 % ≤ 50 %.
    assert preparation.resultat.effort.taux_pct == Decimal("41.5")
    assert not preparation.bloquant
    occupation = OccupationFactory(menage=menage, logement=logement)
    controle = occupation.controle
    assert controle.bareme_code == "national-2018" and controle.bareme_version == 7
    assert controle.chiffres["taux_effort_pct"] == "41.5"
    assert controle.source_aide == "AUCUNE"
    logement.refresh_from_db()
    assert logement.statut == "OCCUPE"
    assert occupation.fin_financement == occupation.date_entree.replace(
        year=occupation.date_entree.year + 3
    ) - timedelta(days=1)


def test_une_redevance_trop_lourde_bloque_et_seule_la_direction_deroge_par_ecrit():
    menage = MenageFactory(ressources={"RSA": Decimal("600.00")})
    logement = LogementFactory(statut="DISPONIBLE", sous_location=True)
    donnees = dict(
        menage=menage, logement=logement, forme="SOUS_LOCATION", date_entree=timezone.localdate(),
        loyer=Decimal("320.00"), charges=Decimal("40.00"), suite_parcours="BAIL_GLISSANT",
        maintenant=timezone.now(),
    )  # fmt: skip
    with pytest.raises(ValidationError) as refus:
        admission.admettre(acteur=acteur(demo("julie")), **donnees)
    assert "R-EFFORT-SL" in str(refus.value)
    with pytest.raises(PermissionDenied):
        admission.admettre(acteur=acteur(demo("julie")), derogation="Urgence", **donnees)
    occupation = admission.admettre(
        acteur=acteur(demo("marc")), derogation="Reste à vivre garanti par le FSL", **donnees
    )
    assert occupation.controle.derogation_par == demo("marc")


def test_trois_renouvellements_le_troisieme_est_refuse_en_nommant_la_regle():
    entree = timezone.localdate() - timedelta(days=600)
    occupation = OccupationFactory(sous_location=True, date_entree=entree, renouvellements=2)
    assert [p.rang for p in occupation.periodes.all()] == [0, 1, 2]
    with pytest.raises(ValidationError, match="R-SL-DURATION"):
        horloge.renouveler(
            acteur=acteur(demo("julie")), occupation=occupation,
            decide_le=timezone.localdate(), motif="Encore", maintenant=timezone.now(),
        )  # fmt: skip


def test_le_glissement_du_bail_restitue_ou_passe_en_mandat_de_gestion():
    entree = timezone.localdate() - timedelta(days=200)
    sortie = timezone.localdate() - timedelta(days=10)
    occupation = OccupationFactory(
        sous_location=True, date_entree=entree, sortie=(sortie, "GLISSEMENT_BAIL")
    )
    occupation.logement.refresh_from_db()
    assert occupation.logement.statut == "RESTITUE"
    autre = OccupationFactory(sous_location=True, date_entree=entree)
    sorties.sortir(
        acteur=acteur(demo("julie")), occupation=autre, date_sortie=sortie,
        destination="GLISSEMENT_BAIL", mandat_suit=True, maintenant=timezone.now(),
    )  # fmt: skip
    suivante = Occupation.objects.get(precedente=autre)
    assert suivante.forme == "MANDAT_GESTION" and suivante.statut == "EN_COURS"
    assert suivante.date_entree == sortie + timedelta(days=1)


def test_les_appels_sont_idempotents_au_prorata_et_une_ligne_ne_se_modifie_jamais():
    entree = date(2026, 9, 16)
    occupation = OccupationFactory(date_entree=entree)
    assert compte.appeler_loyers(occupation, date(2026, 11, 30), 1) == 3
    assert compte.appeler_loyers(occupation, date(2026, 11, 30), 1) == 0
    appels = list(occupation.ecritures.order_by("mois").values_list("montant", flat=True))
    # Septembre : 15 jours sur 30 de 560 € ; octobre et novembre entiers.
    assert appels == [Decimal("280.00"), Decimal("560.00"), Decimal("560.00")]
    paiement = compte.encaisser(
        acteur=acteur(demo("julie")), occupation=occupation, nature="PAIEMENT_MENAGE",
        le=date(2026, 10, 5), montant=Decimal("400.00"), aujourd_hui=date(2026, 11, 30),
    )  # fmt: skip
    assert paiement.montant == Decimal("-400.00")
    paiement.montant = Decimal("-1.00")
    with pytest.raises(EcritureModifiee):
        paiement.save()
    compte.corriger(
        acteur=acteur(demo("julie")), ecriture=paiement, montant=Decimal("400.00"),
        motif="Chèque rejeté", aujourd_hui=date(2026, 11, 30),
    )  # fmt: skip
    assert sum(
        Ecriture.objects.filter(occupation=occupation).values_list("montant", flat=True)
    ) == (Decimal("1400.00"))


def test_une_occupation_reprise_n_appelle_que_les_mois_qui_suivent_la_reprise():
    """Reprise par un import (R-IMPAYES) : l'outil d'avant a appelé les mois d'avant ; le compte
    commence le mois qui suit l'import, sans fausse dette."""
    menage = MenageFactory()
    logement = LogementFactory(statut="DISPONIBLE")
    import_le = date(2026, 11, 12)
    occupation = admission.admettre(
        acteur=acteur(demo("julie")), menage=menage, logement=logement, forme="MANDAT_GESTION",
        date_entree=date(2025, 3, 1), loyer=Decimal("520.00"), charges=Decimal("40.00"),
        maintenant=a_midi(import_le), reprise=True,
    )  # fmt: skip
    assert occupation.compte_depuis == date(2026, 12, 1)
    assert compte.appeler_loyers(occupation, date(2026, 11, 30), 1) == 0
    assert compte.appeler_loyers(occupation, date(2027, 1, 5), 1) == 2
    assert list(occupation.ecritures.values_list("mois", flat=True)) == [
        date(2026, 12, 1),
        date(2027, 1, 1),
    ]


def test_a_la_sortie_l_appel_du_mois_est_ramene_au_prorata_et_les_suivants_annules():
    """R-IMPAYES : le 1er novembre, novembre est appelé en entier ; le ménage sort le 3 ;
    l'appel n'est pas modifié, une correction le ramène au prorata."""
    occupation = OccupationFactory(date_entree=date(2026, 9, 1))
    assert compte.appeler_loyers(occupation, date(2026, 11, 1), 1) == 3
    sorties.sortir(
        acteur=acteur(demo("julie")), occupation=occupation, date_sortie=date(2026, 11, 3),
        destination="LOGEMENT_SOCIAL", maintenant=a_midi(date(2026, 11, 20)),
    )  # fmt: skip
    corrections = list(occupation.ecritures.filter(nature="CORRECTION"))
    # 560 € × 3 / 30 = 56 € dus pour novembre : 504 € de moins.
    assert [(c.corrige.mois, c.montant) for c in corrections] == [
        (date(2026, 11, 1), Decimal("-504.00"))
    ]
    total = sum(occupation.ecritures.values_list("montant", flat=True))
    assert total == Decimal("560.00") * 2 + Decimal("56.00")
    # Rejouer l'appel du jour ne change rien : le mois de sortie est déjà appelé.
    occupation.refresh_from_db()
    assert compte.appeler_loyers(occupation, date(2026, 12, 5), 1) == 0


def test_une_sortie_notee_en_retard_annule_l_appel_du_mois_d_apres():
    occupation = OccupationFactory(date_entree=date(2026, 9, 1))
    compte.appeler_loyers(occupation, date(2026, 11, 2), 1)
    sorties.sortir(
        acteur=acteur(demo("julie")), occupation=occupation, date_sortie=date(2026, 10, 31),
        destination="INCONNUE", maintenant=a_midi(date(2026, 11, 20)),
    )  # fmt: skip
    annulation = occupation.ecritures.get(nature="CORRECTION")
    assert annulation.corrige.mois == date(2026, 11, 1)
    assert annulation.montant == Decimal("-560.00")


def test_une_revue_qui_ne_poursuit_pas_arrete_le_financement_a_sa_date():
    occupation = OccupationFactory(date_entree=date(2025, 1, 10))
    horloge.revoir_mandat(
        acteur=acteur(demo("julie")), occupation=occupation, le=date(2026, 1, 10),
        poursuite=False, note="Le ménage gère seul", maintenant=a_midi(date(2026, 1, 10)),
    )  # fmt: skip
    occupation.refresh_from_db()
    assert occupation.fin_financement == date(2026, 1, 10)


def test_une_entree_avant_la_sortie_du_menage_precedent_est_refusee():
    entree = date(2026, 3, 2)
    precedente = OccupationFactory(date_entree=entree, sortie=(date(2026, 6, 30), "AUTRE"))
    with pytest.raises(ValidationError, match="R-PARC : le ménage précédent a quitté"):
        OccupationFactory(logement=precedente.logement, date_entree=date(2026, 6, 15))
    suivante = OccupationFactory(logement=precedente.logement, date_entree=date(2026, 7, 1))
    assert suivante.statut == "EN_COURS"


def test_une_reprise_d_import_ne_sert_pas_a_admettre_aujourd_hui_sans_la_direction():
    menage = MenageFactory(ressources={"RSA": Decimal("600.00")})
    logement = LogementFactory(statut="DISPONIBLE")
    with pytest.raises(ValidationError, match="une occupation reprise a commencé avant"):
        admission.admettre(
            acteur=acteur(demo("julie")), menage=menage, logement=logement,
            forme="MANDAT_GESTION", date_entree=timezone.localdate(), loyer=Decimal("520.00"),
            charges=Decimal("40.00"), maintenant=timezone.now(), reprise=True,
        )  # fmt: skip


def test_le_journal_de_la_plateforme_ne_montre_pas_les_menages(distribution):
    from auditlog.models import LogEntry

    from iml.comptes.selectors import entrees_du_journal

    menage = MenageFactory(nom="Jouanno")
    assert LogEntry.objects.filter(object_pk=str(menage.pk), content_type__model="menage")
    journal = entrees_du_journal(acteur(distribution.admin))
    assert not journal.filter(content_type__app_label__in=("menages", "occupations")).exists()
    assert journal.exists()


def test_r_vacance_de_l_annee_en_cours_comptee_jusqu_a_aujourd_hui():
    """Un logement en sous-location vide depuis le 1er janvier : au 30 novembre, 334 jours
    vacants, pas 365 (les jours à venir ne sont pas encore vacants)."""
    from types import SimpleNamespace

    from iml.occupations.presentation_compte import vacance_du_logement

    logement = SimpleNamespace(
        date_mobilisation=date(2025, 6, 1), date_restitution=None, contrats_lus=[],
        occupations_lues=[], loyer=Decimal("300.00"), charges=Decimal("30.00"),
    )  # fmt: skip
    resultat = vacance_du_logement(logement, 2026, None, date(2026, 11, 30))
    assert resultat.vacance.jours == 334


def test_un_plan_d_apurement_ne_commence_pas_dans_le_passe():
    occupation = OccupationFactory(date_entree=date(2026, 6, 1))
    compte.appeler_loyers(occupation, date(2026, 11, 30), 1)
    with pytest.raises(ValidationError, match="le premier ne peut pas précéder le mois en cours"):
        compte.creer_plan(
            acteur=acteur(demo("julie")), occupation=occupation, montant=Decimal("560.00"),
            versements=[compte.Ligne(date(2020, 1, 1), Decimal("560.00"))],
            aujourd_hui=date(2026, 11, 30),
        )  # fmt: skip


def test_une_sortie_avant_l_entree_est_refusee_avant_la_confirmation(client):
    from django.urls import reverse

    from tests.factories import connecter

    occupation = OccupationFactory(date_entree=date(2026, 6, 1))
    connecter(client, demo("julie"))
    page = client.post(
        reverse("occupations:sortie", kwargs={"pk": occupation.pk}),
        {"date_sortie": "2026-05-01", "destination": "LOGEMENT_SOCIAL"},
    ).content.decode()
    assert "elle précède l&#x27;entrée du 01/06/2026" in page
    assert "Confirmer la sortie" not in page
