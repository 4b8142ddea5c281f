"""Convention de financement : montants calculés (R-SUBSIDY-PRORATA), négociés, écart motivé,
cofinancements (R-COFUNDING), numéro, droits."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from iml.appels.enums import Financeur
from iml.appels.models import Cofinancement, Convention
from iml.appels.services.conventions import (
    LigneCofinancement,
    calculer_convention,
    etablir_convention,
)
from regles.subvention import mois_prorata
from tests.appels.factories import DossierFactory, acteur, contenu_complet
from tests.factories import connecter

pytestmark = pytest.mark.django_db

MG = "MANDAT_GESTION"


def _calcules(dossier) -> dict[int, Decimal]:
    return {a.annee: a.total for a in calculer_convention(dossier).annees}


def _etablir(distribution, dossier, negocies=None, motif="", cofinancements=()):
    return etablir_convention(
        acteur=acteur(distribution.claire),
        dossier=dossier,
        montants_negocies=negocies or _calcules(dossier),
        motif_ecart=motif,
        cofinancements=list(cofinancements),
    )


def _un_studio_au_deuxieme_trimestre(distribution):
    """Le Relais retenu pour un seul logement (studio en mandat de gestion) mobilisé au
    2e trimestre 2019."""
    relais = distribution.org.relais35
    ligne = [{"typologie": "STUDIO", "mode": MG, "trimestres": [0, 1, 0, 0, 0, 0, 0, 0]}]
    contenu = contenu_complet(relais, logements=ligne, places=ligne)
    return DossierFactory(retenu=True, operateur=relais, contenu=contenu)


def test_r_subsidy_prorata_un_logement_du_deuxieme_trimestre_compte_ses_mois(distribution):
    dossier = _un_studio_au_deuxieme_trimestre(distribution)
    bareme = dossier.appel.jeu.en_bareme()
    mois = mois_prorata(3 + bareme.mois_mobilisation_dans_trimestre, bareme)
    assert mois == 9  # mobilisé en avril : avril à décembre
    # 2019 : captation 600 € + gestion 800 € × 9 / 12 ; 2020 : gestion en année pleine.
    assert _calcules(dossier) == {2019: Decimal("1200.00"), 2020: Decimal("800.00")}


def test_r_subsidy_prorata_un_dossier_retenu_reprend_les_subventions_du_moteur(dossier_retenu):
    calcules = _calcules(dossier_retenu)
    version = dossier_retenu.derniere_version
    moteur = {s["annee"]: Decimal(s["total"]) for s in version.chiffres["subventions"]}
    assert calcules == moteur
    # 2019 : 20 logements captés (12 000 €), gestion MG 63 mois × 800 € / 12 = 4 200 €,
    # SL 51 mois × (1 500 € + 33 000 € / 15) / 12 = 15 725 €.
    assert calcules == {2019: Decimal("31925.00"), 2020: Decimal("67350.00")}


def test_un_dossier_partiellement_retenu_est_ramene_aux_places_retenues(distribution):
    dossier = DossierFactory(partiellement_retenu=True, places_mg=25, places_sl=20)
    calcul = calculer_convention(dossier)
    annee = calcul.annees[0]
    mg, sl = annee.lignes
    assert mg.montant == mg.demande  # mandat de gestion : 25 places sur 25
    assert sl.montant == (sl.demande * 20 / 25).quantize(Decimal("0.01"))
    assert annee.total == mg.montant + sl.montant
    assert "20 places retenues sur 25 demandées" in " ".join(calcul.explications())


def test_un_montant_negocie_different_sans_motif_est_refuse(distribution, dossier_retenu):
    negocies = _calcules(dossier_retenu)
    negocies[2019] -= Decimal("500")
    with pytest.raises(ValidationError) as refus:
        _etablir(distribution, dossier_retenu, negocies, motif="  ")
    message = refus.value.message_dict["motif_ecart"][0]
    assert message.startswith("Motif de l'écart : obligatoire")
    assert "R-SUBSIDY-PRORATA" in message
    assert "2019 : calculé 31\u202f925\u00a0€, négocié 31\u202f425\u00a0€" in message
    assert not Convention.objects.exists()


def test_l_ecart_motive_est_garde_avec_le_bareme(distribution, dossier_retenu):
    negocies = _calcules(dossier_retenu)
    negocies[2019] -= Decimal("500.50")
    convention = _etablir(distribution, dossier_retenu, negocies, "Démarrage plus tardif.")
    convention.refresh_from_db()
    assert convention.numero == "IML-35-2019-001"
    assert convention.montants_calcules == {"2019": "31925.00", "2020": "67350.00"}
    assert convention.montants_negocies == {"2019": "31424.50", "2020": "67350.00"}
    assert convention.motif_ecart == "Démarrage plus tardif."
    assert (
        convention.bareme_code == dossier_retenu.appel.jeu.code and convention.bareme_version == 1
    )
    etat = convention.cofinancements.filter(financeur=Financeur.ETAT_P177)
    assert {(c.annee, c.montant) for c in etat} == {
        (2019, Decimal("31424.50")),
        (2020, Decimal("67350.00")),
    }


def test_sans_ecart_le_motif_n_est_pas_garde(distribution, dossier_retenu):
    convention = _etablir(distribution, dossier_retenu, motif="sans objet")
    assert convention.motif_ecart == ""


def test_un_montant_negocie_manquant_est_refuse(distribution, dossier_retenu):
    with pytest.raises(ValidationError) as refus:
        _etablir(distribution, dossier_retenu, {2019: Decimal("1000")}, motif="x")
    assert refus.value.message_dict["montant_2020"] == ["Montant négocié 2020 : à renseigner."]


def test_r_cofunding_les_cofinanceurs_sont_gardes_par_annee(distribution, dossier_retenu):
    cd = LigneCofinancement(
        Financeur.CONSEIL_DEPARTEMENTAL, 2020, Decimal("10000"), distribution.org.cd35
    )
    ars = LigneCofinancement(Financeur.ARS, 2019, Decimal("7000"))
    convention = _etablir(distribution, dossier_retenu, cofinancements=[cd, ars])
    lignes = {
        (c.financeur, c.annee, c.montant, c.organisation_id) for c in Cofinancement.objects.all()
    }
    assert (
        Financeur.CONSEIL_DEPARTEMENTAL,
        2020,
        Decimal("10000.00"),
        distribution.org.cd35.pk,
    ) in lignes
    assert (Financeur.ARS, 2019, Decimal("7000.00"), None) in lignes
    assert convention.cofinancements.count() == 4  # deux lignes État + deux cofinanceurs


@pytest.mark.parametrize(
    ("ligne", "attendu"),
    [
        (LigneCofinancement(Financeur.ETAT_P177, 2019, Decimal("1")), "est le montant négocié"),
        (LigneCofinancement(Financeur.FSL, 2023, Decimal("1")), "n'est pas un exercice"),
        (LigneCofinancement(Financeur.FSL, 2019, Decimal("0")), "doit être positif"),
    ],
)
def test_r_cofunding_une_ligne_fautive_est_refusee(distribution, dossier_retenu, ligne, attendu):
    with pytest.raises(ValidationError) as refus:
        _etablir(distribution, dossier_retenu, cofinancements=[ligne])
    assert attendu in refus.value.message_dict["cofinancements"][0]


def test_le_numero_suit_le_territoire_le_premier_exercice_et_le_rang(distribution, dossier_retenu):
    premiere = _etablir(distribution, dossier_retenu)
    seconde = _etablir(distribution, _un_studio_au_deuxieme_trimestre(distribution))
    assert (premiere.numero, seconde.numero) == ("IML-35-2019-001", "IML-35-2019-002")
    negocies = _calcules(dossier_retenu)
    negocies[2020] += 1
    mise_a_jour = _etablir(distribution, dossier_retenu, negocies, "Ajustement.")
    assert mise_a_jour.pk == premiere.pk and mise_a_jour.numero == "IML-35-2019-001"


def test_une_convention_signee_ne_se_modifie_plus(distribution):
    dossier = DossierFactory(signe=True)
    montants = dict(dossier.convention.montants_negocies)
    with pytest.raises(ValidationError, match="signée"):
        _etablir(distribution, dossier, motif="Après signature.")
    dossier.convention.refresh_from_db()
    assert dossier.convention.montants_negocies == montants


def test_seul_le_service_de_l_appel_etablit_la_convention(distribution, dossier_retenu):
    with pytest.raises(PermissionDenied):
        etablir_convention(
            acteur=acteur(distribution.marc),
            dossier=dossier_retenu,
            montants_negocies=_calcules(dossier_retenu),
            motif_ecart="",
            cofinancements=[],
        )
    convention = etablir_convention(
        acteur=acteur(distribution.yves),  # responsable de la DDETS 35
        dossier=dossier_retenu,
        montants_negocies=_calcules(dossier_retenu),
        motif_ecart="",
        cofinancements=[],
    )
    assert convention.cree_par == distribution.yves


@pytest.mark.parametrize("etat", ["depose", "refuse"])
def test_un_dossier_non_retenu_n_a_pas_de_convention(client, distribution, etat):
    dossier = DossierFactory(**{etat: True}, operateur=distribution.org.relais35)
    connecter(client, distribution.claire)
    assert client.get(reverse("appels:convention", kwargs={"pk": dossier.pk})).status_code == 403


def _donnees(negocies, motif="", cofinancements=()):
    donnees = {f"montant_{a}": str(m).replace(".", ",") for a, m in negocies.items()}
    donnees |= {
        "motif_ecart": motif,
        "cofinancements-TOTAL_FORMS": str(len(cofinancements)),
        "cofinancements-INITIAL_FORMS": "0",
    }
    for i, ligne in enumerate(cofinancements):
        donnees |= {f"cofinancements-{i}-{k}": v for k, v in ligne.items()}
    return donnees


def test_le_formulaire_montre_les_montants_calcules_et_preremplit_les_negocies(
    client, distribution, dossier_retenu
):
    connecter(client, distribution.claire)
    reponse = client.get(reverse("appels:convention", kwargs={"pk": dossier_retenu.pk}))
    page = reponse.content.decode()
    assert "Montant calculé : 31\u202f925\u00a0€." in page
    assert 'name="montant_2019"' in page and "31\u00a0925,00" in page  # séparateur de Django
    assert "R-SUBSIDY-PRORATA" in page


def test_le_formulaire_refuse_un_ecart_sans_motif_en_francais(client, distribution, dossier_retenu):
    connecter(client, distribution.claire)
    negocies = _calcules(dossier_retenu)
    negocies[2019] = Decimal("30000")
    url = reverse("appels:convention", kwargs={"pk": dossier_retenu.pk})
    reponse = client.post(url, _donnees(negocies))
    assert reponse.status_code == 200
    assert "Motif de l&#x27;écart : obligatoire" in reponse.content.decode()
    assert not Convention.objects.exists()


def test_le_formulaire_etablit_la_convention_avec_un_cofinanceur(
    client, distribution, dossier_retenu
):
    connecter(client, distribution.claire)
    negocies = _calcules(dossier_retenu)
    negocies[2019] = Decimal("30000")
    cd = {
        "financeur": Financeur.CONSEIL_DEPARTEMENTAL,
        "organisation": str(distribution.org.cd35.pk),
        "annee": "2019",
        "montant": "5000",
    }
    url = reverse("appels:convention", kwargs={"pk": dossier_retenu.pk})
    donnees = _donnees(negocies, "Montée en charge plus lente.", [cd])
    donnees["montant_2020"] = "67\u00a0350,00"  # la valeur préremplie, telle qu'affichée
    reponse = client.post(url, donnees)
    assert reponse.status_code == 302
    convention = Convention.objects.get(dossier=dossier_retenu)
    assert convention.montants_negocies["2019"] == "30000.00"
    assert convention.montants_calcules["2019"] == "31925.00"
    assert convention.montants_negocies["2020"] == "67350.00"
    assert convention.cofinancements.filter(financeur=Financeur.CONSEIL_DEPARTEMENTAL).exists()
    page = client.get(url).content.decode()
    assert "IML-35-2019-001" in page and "Montée en charge plus lente." in page
    # Les montants négociés repris dans le formulaire s'écrivent à la française.
    assert 'value="30000.00"' not in page
    assert re.search(r'name="montant_2019"[^>]*value="30[\u00a0\u202f ]?000,00"', page), page


def _liens(page: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', page))


def test_les_documents_du_dossier_sont_lies_depuis_l_instruction_et_la_version(
    client, distribution, dossier_retenu
):
    """L'agent trouve PDF, annexes et « Préparer la convention » sur l'instruction ; une fois la
    convention établie, l'opérateur la télécharge depuis sa version déposée."""
    dossier = dossier_retenu
    numero = dossier.derniere_version.numero
    connecter(client, distribution.claire)
    page = client.get(reverse("appels:dossier_instruction", kwargs={"pk": dossier.pk}))
    liens = _liens(page.content.decode())
    assert f"{reverse('appels:dossier_pdf', kwargs={'pk': dossier.pk})}?version={numero}" in liens
    assert (
        f"{reverse('appels:dossier_annexes_ods', kwargs={'pk': dossier.pk})}?version={numero}"
        in liens
    )
    assert reverse("appels:convention", kwargs={"pk": dossier.pk}) in liens
    assert "Préparer la convention" in page.content.decode()
    pdf = reverse("appels:convention_pdf", kwargs={"pk": dossier.pk})
    assert pdf not in liens

    _etablir(distribution, dossier)
    connecter(client, distribution.marc)
    version = client.get(
        reverse("appels:dossier_version", kwargs={"pk": dossier.pk, "numero": numero})
    ).content.decode()
    assert pdf in _liens(version)
    assert reverse("appels:convention", kwargs={"pk": dossier.pk}) not in _liens(version)
    assert client.get(pdf).content.startswith(b"%PDF")


def test_r_cofunding_le_choix_des_cofinanceurs_se_limite_au_departement_et_a_sa_region(
    client, distribution, dossier_retenu
):
    from iml.comptes.enums import NiveauTerritoire, TypeOrganisation
    from iml.comptes.models import Territoire
    from tests.factories import OrganisationFactory, departement

    bretagne = Territoire.objects.get(niveau=NiveauTerritoire.REGION, code="53")
    ars = OrganisationFactory(
        type=TypeOrganisation.COFINANCEUR, nom="ARS Bretagne", territoire=bretagne
    )
    gironde = OrganisationFactory(
        type=TypeOrganisation.COFINANCEUR,
        nom="Conseil départemental de la Gironde",
        territoire=departement("33"),
    )
    connecter(client, distribution.claire)
    url = reverse("appels:convention", kwargs={"pk": dossier_retenu.pk})
    page = client.get(url).content.decode()
    assert "Conseil départemental d&#x27;Ille-et-Vilaine" in page and "ARS Bretagne" in page
    assert "de la Gironde" not in page
    # Un cofinanceur d'un autre département, posté quand même, est refusé en nommant la ligne.
    with pytest.raises(ValidationError) as refus:
        _etablir(
            distribution,
            dossier_retenu,
            cofinancements=[LigneCofinancement(Financeur.FSL, 2019, Decimal(1), gironde)],
        )
    assert refus.value.message_dict["cofinancements"] == [
        "Cofinancement 1 : « Conseil départemental de la Gironde » n'est pas un cofinanceur du "
        "département de l'appel ou de sa région (R-COFUNDING)."
    ]
    assert ars.pk  # l'ARS de la région reste proposée
