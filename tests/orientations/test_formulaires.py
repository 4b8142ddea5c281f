"""Formulaire d'une demande du SIAO : ce que la personne saisit ne se perd pas."""

from __future__ import annotations

import pytest
from django.urls import reverse

from iml.orientations.models import Demande
from tests.factories import connecter

pytestmark = pytest.mark.django_db


def test_une_date_de_critere_saisie_sans_cocher_la_case_garde_le_critere(client, distribution):
    """R-PRIORITY-PUBLICS : la date de reconnaissance d'un critère DALO, saisie sans cocher sa
    case, ne disparaît pas en silence (la priorité du ménage en dépend)."""
    connecter(client, distribution.sophie)
    donnees = {
        "reference_siao": "SIAO35-FORM-1", "nom": "Durand", "prenom": "Léa", "adultes": "1",
        "enfants": "0", "ressources": "1400", "demande_le": "2025-01-15",
        "categorie": "CLASSIQUE", "communes": "35238",
        "reconnu_DALO_HEBERGE": "2024-01-01",
    }  # fmt: skip
    reponse = client.post(reverse("orientations:demande_creer"), donnees)
    assert reponse.status_code == 302
    demande = Demande.objects.get(reference_siao="SIAO35-FORM-1")
    criteres = {(c.critere, c.reconnu_le.isoformat()) for c in demande.criteres.all()}
    assert criteres == {("DALO_HEBERGE", "2024-01-01")}


@pytest.mark.parametrize("trait", ["acceptee", "admise"])
def test_une_demande_acceptee_ou_logee_ne_se_modifie_plus(client, distribution, trait):
    """R-SIAO : le ménage qu'un opérateur a accepté ou admis ne change pas sous lui (ni par
    l'écran ni par un import, qui passe par le même service) : message, rien d'écrit."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from iml.orientations.services import demandes
    from tests.appels.factories import acteur
    from tests.orientations.factories import PropositionFactory

    demande = PropositionFactory(**{trait: True}).demande
    demande.refresh_from_db()
    with pytest.raises(ValidationError, match="R-SIAO"):
        demandes.modifier_demande(
            acteur=acteur(distribution.sophie), demande=demande,
            aujourd_hui=timezone.localdate(), enfants=4,
        )  # fmt: skip
    demande.refresh_from_db()
    assert demande.enfants != 4


def test_une_proposition_a_la_main_respecte_la_capacite(distribution):
    """R-CAPACITY : le SIAO ne propose pas à la main ce que le moteur exclurait (5 personnes
    pour un logement de 2 places) ; rien n'est écrit."""
    from django.core.exceptions import ValidationError

    from iml.orientations.models import Proposition
    from iml.orientations.services import propositions
    from tests.appels.factories import acteur
    from tests.orientations.factories import DemandeFactory, VacanceFactory, maintenant
    from tests.parc.factories import LogementFactory

    famille = DemandeFactory(agent=distribution.sophie, famille=True)
    petit = LogementFactory(
        agent=distribution.marc, statut="DISPONIBLE", typologie="T1", capacite=2
    )
    VacanceFactory(logement=petit)
    with pytest.raises(ValidationError, match="R-CAPACITY"):
        propositions.proposer(
            acteur=acteur(distribution.sophie), demande=famille, logement=petit,
            maintenant=maintenant(),
        )  # fmt: skip
    assert not Proposition.objects.filter(demande=famille).exists()


def test_repondre_et_decider_montrent_de_quoi_juger(client, distribution):
    """L'opérateur répond en voyant la composition et les ressources du ménage ; le SIAO
    décide d'un refus en voyant le motif et la précision de l'opérateur."""
    from tests.orientations.factories import PropositionFactory

    proposee = PropositionFactory()
    connecter(client, distribution.marc)
    page = client.get(reverse("orientations:repondre", kwargs={"pk": proposee.pk}))
    texte = page.content.decode()
    assert "Ressources mensuelles" in texte and "1 adulte, 1 enfant" in texte
    refusee = PropositionFactory(refusee=True)
    connecter(client, distribution.sophie)
    texte = client.get(reverse("orientations:decider", kwargs={"pk": refusee.pk})).content.decode()
    assert "Refus de l&#x27;opérateur" in texte or "Refus de l'opérateur" in texte
    assert refusee.get_motif_refus_display() in texte


def test_admission_refuse_une_naissance_apres_l_entree_en_nommant_le_champ(client, distribution):
    from django.utils import timezone

    from tests.orientations.factories import PropositionFactory

    proposition = PropositionFactory(acceptee=True)
    connecter(client, distribution.marc)
    url = reverse("orientations:admettre", kwargs={"pk": proposition.pk})
    entree = timezone.localdate()
    donnees = {"date_naissance": entree.replace(year=entree.year + 1).isoformat(),
               "date_entree": entree.isoformat()}  # fmt: skip
    contenu = client.post(url, donnees).content.decode()
    assert "ne peut suivre la date d&#x27;entrée" in contenu
    proposition.refresh_from_db()
    assert proposition.statut == "ACCEPTEE"
