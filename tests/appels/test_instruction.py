"""Instruction des dossiers par l'État (R-SELECTION) : liste et chiffres figés, fiche du
dossier, grille de notation pondérée, décision du comité, panneau de l'appel (R-MODE-SPLIT)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from iml.appels import presentation
from iml.appels.enums import ResultatDecision, StatutAppel, StatutDossier
from iml.appels.models import Decision, Notation
from iml.appels.services import appels as services
from iml.appels.services import decisions as services_decisions
from iml.appels.services import instruction as services_instruction
from iml.referentiel.validation import EXEMPLES
from tests.appels.test_appels_fabriques import (
    acteur,
    agent_ddets33,
    appel_ouvert,
    chiffres_dossier,
    creer_appel,
    deposer,
)
from tests.factories import OrganisationFactory, connecter

pytestmark = pytest.mark.django_db

CRITERES_PONDERES = [
    {"code": "COMPLETUDE", "libelle": "Complétude du dossier", "poids": 2},
    {"code": "SOUTENABILITE", "libelle": "Soutenabilité budgétaire", "poids": 1},
    {"code": "PARTENARIATS", "libelle": "Partenariats prévus", "poids": 1},
]


def _messages(client, reponse) -> list[str]:
    assert reponse.status_code == 302
    return [str(m) for m in client.get(reponse["Location"]).context["messages"]]


def _dossier(distribution, statut=StatutAppel.PUBLIE, criteres=None, constats=None):
    parametres = {"criteres_selection": criteres} if criteres else None
    appel = creer_appel(distribution.claire, "Appel 35", statut, appel=parametres)
    return deposer(appel, distribution.org.ais35, distribution.marc, constats=constats)


# --- Liste des dossiers d'un appel --------------------------------------------------------------


def test_la_liste_lit_les_chiffres_figes_de_la_derniere_version(client, distribution):
    dossier = _dossier(distribution)
    deposer(
        dossier.appel,
        distribution.org.ais35,
        distribution.marc,
        chiffres=chiffres_dossier(12, 8, "41.2", "1890.50"),
        constats=[],
    )
    connecter(client, distribution.claire)
    reponse = client.get(reverse("appels:instruction", args=[dossier.appel.pk]))
    ligne = reponse.context["lignes"][0]
    assert ligne["version"].numero == 2
    cles = ligne["cles"]
    assert (cles.places, cles.places_mg, cles.places_sl) == (20, 12, 8)
    assert cles.petits_logements_pct == Decimal("41.2")
    assert cles.cout_par_place == Decimal("1890.50")
    assert (cles.erreurs, cles.alertes) == (0, 0)
    page = reponse.content.decode()
    assert "41,2\u00a0%" in page and "1\u202f890,50\u00a0€" in page
    assert "<caption>Dossiers déposés sur l'appel et leurs chiffres clés</caption>" in page


def test_la_liste_compte_erreurs_et_alertes(client, distribution):
    dossier = _dossier(distribution)
    connecter(client, distribution.claire)
    reponse = client.get(reverse("appels:instruction", args=[dossier.appel.pk]))
    cles = reponse.context["lignes"][0]["cles"]
    assert (cles.places, cles.erreurs, cles.alertes) == (16, 1, 1)
    assert cles.petits_logements_pct == Decimal("37.5")


def test_les_brouillons_ne_sont_pas_instruits(client, distribution):
    dossier = _dossier(distribution)
    brouillon = type(dossier).objects.create(
        appel=dossier.appel, operateur=distribution.org.relais35, contenu={}
    )
    connecter(client, distribution.claire)
    reponse = client.get(reverse("appels:instruction", args=[dossier.appel.pk]))
    assert [ligne["dossier"] for ligne in reponse.context["lignes"]] == [dossier]
    url = reverse("appels:dossier_instruction", args=[brouillon.pk])
    assert client.get(url).status_code == 404


def test_la_dreets_lit_l_instruction_de_sa_region_sans_noter(client, distribution):
    appel33 = creer_appel(agent_ddets33(), "Appel 33")
    dossier = deposer(appel33, distribution.org.solidarite33, distribution.louis)
    connecter(client, distribution.paul)
    assert client.get(reverse("appels:instruction", args=[appel33.pk])).status_code == 200
    fiche = client.get(reverse("appels:dossier_instruction", args=[dossier.pk]))
    assert fiche.status_code == 200
    assert fiche.context["form_notation"] is None
    assert "Enregistrer les notes" not in fiche.content.decode()
    url = reverse("appels:noter", args=[dossier.pk])
    assert client.post(url, {"note_COMPLETUDE": "3"}).status_code == 403
    assert not Notation.objects.exists()


# --- Fiche d'instruction d'un dossier -----------------------------------------------------------


def test_la_fiche_montre_conformite_par_niveau_contenu_et_versions(client, distribution):
    dossier = _dossier(distribution)
    connecter(client, distribution.claire)
    reponse = client.get(reverse("appels:dossier_instruction", args=[dossier.pk]))
    page = reponse.content.decode()
    groupes = {g["niveau"]: g["constats"] for g in reponse.context["groupes"]}
    assert [c["regle"] for c in groupes["erreur"]] == ["R-RAMPUP"]
    assert [c["regle"] for c in groupes["alerte"]] == ["R-COST-PLACE-MAX"]
    assert [c["regle"] for c in groupes["info"]] == ["R-MODE-SPLIT"]
    assert "<caption>Erreurs (1)</caption>" in page and "R-RAMPUP" in page
    assert "Dossier complet (R-DOSSIER)" in page
    assert escape("AIS Rennes Habitat Solidaire") in page
    assert "Sortant d" in page and "Rennes (35238)" in page
    assert "n° 1" in page and "01/03/2019" in page
    assert page.count("<h1") == 1


def test_un_manque_de_completude_est_signale(client, distribution):
    appel = creer_appel(distribution.claire, "Appel 35")
    manque = {"regle": "R-DOSSIER", "niveau": "erreur", "message": "R-DOSSIER : budget absent."}
    dossier = deposer(appel, distribution.org.ais35, distribution.marc, constats=[manque])
    connecter(client, distribution.claire)
    page = client.get(reverse("appels:dossier_instruction", args=[dossier.pk])).content.decode()
    assert "Dossier incomplet (R-DOSSIER) : 1 manque." in page


def test_l_operateur_ne_lit_pas_l_instruction_de_son_dossier(client, distribution):
    dossier = _dossier(distribution)
    connecter(client, distribution.marc)
    url = reverse("appels:dossier_instruction", args=[dossier.pk])
    assert client.get(url).status_code == 403
    assert client.get(reverse("appels:instruction", args=[dossier.appel.pk])).status_code == 403


# --- Notation (R-SELECTION) ---------------------------------------------------------------------


def test_la_note_ponderee_est_exacte(distribution):
    """Σ(poids × note) ÷ Σ poids = (2 × 4 + 3,5 + 1) ÷ 4 = 3,125 → 3,13 (demi au-dessus)."""
    dossier = _dossier(distribution, StatutAppel.CLOS, criteres=CRITERES_PONDERES)
    total = services_instruction.noter(
        acteur=acteur(distribution.claire),
        dossier=dossier,
        notes={
            "COMPLETUDE": Decimal("4"),
            "SOUTENABILITE": Decimal("3.5"),
            "PARTENARIATS": Decimal("1"),
        },
        commentaires={"COMPLETUDE": " Complet. "},
    )
    assert total == Decimal("3.13") and isinstance(total, Decimal)
    notation = Notation.objects.get(dossier=dossier, critere="COMPLETUDE")
    assert (notation.note, notation.commentaire) == (Decimal("4.0"), "Complet.")
    assert notation.evaluateur == distribution.claire


def test_total_pondere_fonction_pure(distribution):
    bareme = _dossier(distribution, criteres=CRITERES_PONDERES[:2]).appel.jeu.en_bareme()
    notes = {"COMPLETUDE": Decimal("4"), "SOUTENABILITE": Decimal("1")}
    assert presentation.total_pondere(notes, bareme) == Decimal("3.00")
    assert presentation.total_pondere({"COMPLETUDE": Decimal(4)}, bareme) is None


def test_une_grille_incomplete_n_a_pas_de_total(distribution):
    dossier = _dossier(distribution, StatutAppel.CLOS, criteres=CRITERES_PONDERES)
    total = services_instruction.noter(
        acteur=acteur(distribution.claire),
        dossier=dossier,
        notes={"COMPLETUDE": Decimal("4"), "SOUTENABILITE": None, "PARTENARIATS": None},
    )
    assert total is None
    assert Notation.objects.filter(dossier=dossier).count() == 1


def test_une_note_videe_retire_la_notation(distribution):
    dossier = _dossier(distribution, StatutAppel.CLOS, criteres=CRITERES_PONDERES)
    claire = acteur(distribution.claire)
    services_instruction.noter(acteur=claire, dossier=dossier, notes={"COMPLETUDE": Decimal(4)})
    services_instruction.noter(acteur=claire, dossier=dossier, notes={"COMPLETUDE": None})
    assert not Notation.objects.filter(dossier=dossier).exists()


@pytest.mark.parametrize(
    ("notes", "code", "fragment"),
    [
        ({"COMPLETUDE": Decimal("6")}, "COMPLETUDE", "hors de 0 à 5"),
        ({"COMPLETUDE": Decimal("-1")}, "COMPLETUDE", "hors de 0 à 5"),
        ({"COMPLETUDE": Decimal("3.25")}, "COMPLETUDE", "au dixième"),
        ({"INCONNU": Decimal("3")}, "INCONNU", "inconnu"),
    ],
)
def test_une_note_hors_bornes_est_refusee(distribution, notes, code, fragment):
    dossier = _dossier(distribution, StatutAppel.CLOS, criteres=CRITERES_PONDERES)
    with pytest.raises(ValidationError) as erreur:
        services_instruction.noter(acteur=acteur(distribution.claire), dossier=dossier, notes=notes)
    messages = erreur.value.message_dict[code]
    assert any(m.startswith("R-SELECTION") and fragment in m for m in messages)
    assert not Notation.objects.exists()


def test_noter_par_la_vue(client, distribution):
    dossier = _dossier(distribution, StatutAppel.CLOS, criteres=CRITERES_PONDERES)
    connecter(client, distribution.claire)
    reponse = client.post(
        reverse("appels:noter", args=[dossier.pk]),
        {
            "note_COMPLETUDE": "4",
            "note_SOUTENABILITE": "3,5",
            "note_PARTENARIATS": "1",
            "commentaire_PARTENARIATS": "Peu de partenaires.",
        },
    )
    assert any("Note pondérée : 3,13 sur 5" in m for m in _messages(client, reponse))
    fiche = client.get(reverse("appels:dossier_instruction", args=[dossier.pk]))
    assert fiche.context["total"] == Decimal("3.13")
    liste = client.get(reverse("appels:instruction", args=[dossier.appel.pk]))
    assert liste.context["lignes"][0]["total"] == Decimal("3.13")


def test_une_note_invalide_par_la_vue_est_signalee_sur_son_champ(client, distribution):
    dossier = _dossier(distribution, StatutAppel.CLOS, criteres=CRITERES_PONDERES)
    connecter(client, distribution.claire)
    reponse = client.post(reverse("appels:noter", args=[dossier.pk]), {"note_COMPLETUDE": "9"})
    assert reponse.status_code == 200
    assert "R-SELECTION" in " ".join(reponse.context["form_notation"].errors["note_COMPLETUDE"])


# --- Décision du comité -------------------------------------------------------------------------


def _decider(distribution, dossier, **kwargs) -> Decision:
    return services_decisions.decider(
        acteur=acteur(distribution.claire), dossier=dossier, maintenant=timezone.now(), **kwargs
    )


def test_la_decision_suit_la_cloture_de_l_appel(client, distribution):
    dossier = _dossier(distribution)
    with pytest.raises(PermissionDenied):
        _decider(distribution, dossier, resultat=ResultatDecision.RETENU)
    connecter(client, distribution.claire)
    reponse = client.get(reverse("appels:decider", args=[dossier.pk]))
    assert reponse["Location"] == reverse("appels:dossier_instruction", args=[dossier.pk])
    assert any("R-SELECTION" in m and "clôture" in m for m in _messages(client, reponse))


def test_retenu_garde_toutes_les_places_du_dossier(distribution):
    dossier = _dossier(distribution, StatutAppel.CLOS, constats=[])
    decision = _decider(distribution, dossier, resultat=ResultatDecision.RETENU)
    assert (decision.places_mg, decision.places_sl, decision.places_retenues) == (10, 6, 16)
    dossier.refresh_from_db()
    assert dossier.statut == StatutDossier.RETENU


def test_partiellement_retenu_garde_des_places_proposees(distribution):
    dossier = _dossier(distribution, StatutAppel.CLOS)
    decision = _decider(
        distribution,
        dossier,
        resultat=ResultatDecision.PARTIELLEMENT_RETENU,
        places_mg=5,
        places_sl=0,
        motifs="Sous-location déjà couverte.",
        justification_erreurs="Montée en charge revue avec l'opérateur.",
    )
    assert (decision.places_mg, decision.places_sl, decision.places_retenues) == (5, 0, 5)
    dossier.refresh_from_db()
    assert dossier.statut == StatutDossier.PARTIELLEMENT_RETENU


@pytest.mark.parametrize(
    ("places_mg", "places_sl", "champ", "fragment"),
    [
        (0, 0, "places_mg", "au moins une place"),
        (11, 0, "places_mg", "11 places retenues en mandat de gestion pour 10 proposées"),
        (2, 7, "places_sl", "7 places retenues en sous-location pour 6 proposées"),
    ],
)
def test_partiellement_retenu_refuse_des_places_impossibles(
    distribution, places_mg, places_sl, champ, fragment
):
    dossier = _dossier(distribution, StatutAppel.CLOS)
    with pytest.raises(ValidationError) as erreur:
        _decider(
            distribution,
            dossier,
            resultat=ResultatDecision.PARTIELLEMENT_RETENU,
            places_mg=places_mg,
            places_sl=places_sl,
        )
    assert any(fragment in m for m in erreur.value.message_dict[champ])
    assert not Decision.objects.exists()
    dossier.refresh_from_db()
    assert dossier.statut == StatutDossier.DEPOSE


def test_un_refus_est_motive(distribution):
    dossier = _dossier(distribution, StatutAppel.CLOS)
    with pytest.raises(ValidationError) as erreur:
        _decider(distribution, dossier, resultat=ResultatDecision.REFUSE, motifs="  ")
    assert erreur.value.message_dict["motifs"][0].startswith("R-SELECTION")
    decision = _decider(
        distribution, dossier, resultat=ResultatDecision.REFUSE, motifs="Coût trop élevé."
    )
    assert (decision.places_retenues, decision.motifs) == (0, "Coût trop élevé.")
    dossier.refresh_from_db()
    assert dossier.statut == StatutDossier.REFUSE


def test_decider_par_la_vue_puis_amender(client, distribution):
    """R-SELECTION : changer une décision est un amendement motivé ; la décision remplacée
    reste lisible sur la fiche d'instruction."""
    dossier = _dossier(distribution, StatutAppel.CLOS, constats=[])
    connecter(client, distribution.claire)
    url = reverse("appels:decider", args=[dossier.pk])
    page = client.get(url)
    assert page.status_code == 200 and "16 places" in page.content.decode()
    refus = client.post(url, {"resultat": "REFUSE", "motifs": ""})
    assert refus.status_code == 200
    assert "R-SELECTION" in " ".join(refus.context["form"].errors["motifs"])
    reponse = client.post(
        url, {"resultat": "PARTIELLEMENT_RETENU", "places_mg": "4", "places_sl": "6"}
    )
    assert any("Décision du comité enregistrée" in m for m in _messages(client, reponse))
    sans_motif = client.post(url, {"resultat": "RETENU"})
    assert sans_motif.status_code == 200
    assert "motif de l" in " ".join(sans_motif.context["form"].errors["motif_amendement"])
    reponse = client.post(url, {"resultat": "RETENU", "motif_amendement": "Recours gracieux."})
    assert any("Amendement enregistré" in m for m in _messages(client, reponse))
    decision = Decision.objects.get(dossier=dossier)
    assert (decision.resultat, decision.places_retenues, decision.numero) == ("RETENU", 16, 2)
    fiche = client.get(reverse("appels:dossier_instruction", args=[dossier.pk])).content.decode()
    assert "Décisions remplacées par amendement" in fiche
    assert "Partiellement retenu</strong> : 10 places" in fiche
    assert "Recours gracieux." in fiche
    assert "Partiellement retenu → retenu" in fiche


# --- Panneau de l'appel -------------------------------------------------------------------------


def test_le_panneau_compare_les_projets_retenus_a_l_appel(client, distribution):
    """R-MODE-SPLIT sur l'ensemble des projets retenus ; petits logements pondérés par les
    places retenues : (37,5 × 16 + 20 × 8) ÷ 24 = 31,67 → 31,7 %."""
    ais = _dossier(distribution, StatutAppel.CLOS)
    appel = ais.appel
    relais = deposer(
        appel,
        distribution.org.relais35,
        distribution.helene,
        chiffres=chiffres_dossier(4, 12, "20", "2000"),
    )
    troisieme = deposer(appel, OrganisationFactory(nom="Association 35 bis"), distribution.yves)
    justifie = {"justification_erreurs": "Montée en charge revue en comité."}
    _decider(distribution, ais, resultat=ResultatDecision.RETENU, **justifie)
    _decider(
        distribution,
        relais,
        resultat=ResultatDecision.PARTIELLEMENT_RETENU,
        places_sl=8,
        **justifie,
    )
    _decider(distribution, troisieme, resultat=ResultatDecision.REFUSE, motifs="Coût trop élevé.")
    connecter(client, distribution.claire)
    reponse = client.get(reverse("appels:instruction", args=[appel.pk]))
    panneau = reponse.context["panneau"]
    assert (panneau.places_retenues, panneau.places_mg, panneau.places_sl) == (24, 10, 14)
    assert panneau.places_appel == 140 and panneau.places_proposees == 48
    assert panneau.parts == {"MANDAT_GESTION": Decimal("41.7"), "SOUS_LOCATION": Decimal("58.3")}
    assert panneau.petits_logements_pct == Decimal("31.7")
    assert (panneau.retenus, panneau.refuses, panneau.en_attente) == (2, 1, 0)
    regles = [(c["regle"], c["niveau"]) for c in panneau.constats]
    assert ("R-MODE-SPLIT", "alerte") in regles
    assert any("24 places retenues sur 140" in c["message"] for c in panneau.constats)
    page = reponse.content.decode()
    assert "41,7\u00a0%" in page and "31,7\u00a0%" in page


def test_le_panneau_sans_decision(distribution):
    dossier = _dossier(distribution)
    panneau = presentation.panneau_appel([dossier], dossier.appel.jeu.en_bareme())
    assert (panneau.places_retenues, panneau.en_attente) == (0, 1)
    assert panneau.parts == {"MANDAT_GESTION": None, "SOUS_LOCATION": None}
    assert panneau.petits_logements_pct is None


# --- Avec le vrai moteur ------------------------------------------------------------------------

EXEMPLE = EXEMPLES / "conformite.json"


def test_les_chiffres_cles_se_lisent_dans_la_sortie_du_moteur(client, distribution):
    """Le dépôt par le service fige la sortie de `moteur.verifier` ; la liste la relit :
    l'exemple du schéma (annexe 1b) fait 50 places, 25 + 25, 1 710 € par place."""
    appel = appel_ouvert(distribution)
    marc = acteur(distribution.marc)
    dossier = services.ouvrir_dossier(acteur=marc, appel=appel, aujourd_hui=timezone.localdate())
    contenu = json.loads(EXEMPLE.read_text(encoding="utf-8"))
    contenu.pop("$schema", None)
    contenu["date_depot"] = timezone.localdate().isoformat()
    services.enregistrer_etape(
        acteur=marc,
        dossier=dossier,
        etape="tout",
        donnees=contenu,
        aujourd_hui=timezone.localdate(),
    )
    version = services.deposer_dossier(acteur=marc, dossier=dossier, maintenant=timezone.now())
    cles = presentation.chiffres_cles(version)
    assert (cles.places, cles.places_mg, cles.places_sl) == (50, 25, 25)
    assert cles.cout_par_place == Decimal("1710.00")
    assert cles.petits_logements_pct == Decimal("74.0")
    connecter(client, distribution.claire)
    page = client.get(reverse("appels:dossier_instruction", args=[dossier.pk])).content.decode()
    assert escape("Association Toit d'Abord 35") in page and "Annaïg Le Goff" in page
