"""Cycle de vie d'une convention : signature (date, signataires, exemplaire signé), montants
figés, avenants numérotés qui gardent les versions précédentes (R-SUBSIDY-PRORATA)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from iml.appels.models import AvenantConvention, Convention
from iml.appels.services.avenants import (
    Signature,
    montants_en_vigueur,
    preparer_avenant,
    signer_avenant,
    signer_convention,
)
from iml.appels.services.conventions import calculer_convention, etablir_convention
from tests.appels.matrice_documents import acteur_de, preparer
from tests.factories import connecter

pytestmark = pytest.mark.django_db
from tests.appels.echantillons import PDF  # noqa: E402


@pytest.fixture
def docs(distribution):
    preparer(distribution)
    return distribution.documents


def _calcules(dossier):
    return {a.annee: a.total for a in calculer_convention(dossier).annees}


@pytest.fixture
def convention(distribution, docs):
    return etablir_convention(
        acteur=acteur_de(distribution.claire),
        dossier=docs.dossier,
        montants_negocies=_calcules(docs.dossier),
        motif_ecart="",
        cofinancements=[],
    )


def _scan(nom="convention-signee.pdf", contenu=PDF):
    return SimpleUploadedFile(nom, contenu, content_type="application/pdf")


def _signature(jour=None, scan=None, etat="Anne Martin, directrice", operateur="Marc Bernard"):
    return Signature(jour or timezone.localdate(), etat, operateur, scan or _scan())


def _signer(distribution, convention, **kwargs):
    return signer_convention(
        acteur=acteur_de(distribution.claire),
        convention=convention,
        signature=_signature(**kwargs),
        aujourd_hui=timezone.localdate(),
    )


def test_signer_enregistre_date_signataires_et_exemplaire(distribution, convention):
    signee = _signer(distribution, convention)
    signee.refresh_from_db()
    assert signee.date_signature == timezone.localdate()
    assert signee.signataire_etat == "Anne Martin, directrice"
    assert signee.signature_enregistree_par == distribution.claire
    assert signee.scan_nom == "convention-signee.pdf"
    assert signee.scan.name.startswith("conventions/") and "signee" not in signee.scan.name
    assert signee.scan.read() == PDF


def test_une_convention_signee_ne_se_modifie_plus_par_le_service(distribution, docs, convention):
    _signer(distribution, convention)
    with pytest.raises(ValidationError, match="signée"):
        etablir_convention(
            acteur=acteur_de(distribution.claire),
            dossier=docs.dossier,
            montants_negocies=_calcules(docs.dossier),
            motif_ecart="",
            cofinancements=[],
        )
    with pytest.raises(ValidationError, match="un changement passe par un avenant"):
        _signer(distribution, convention)


@pytest.mark.parametrize(
    ("kwargs", "champ", "attendu"),
    [
        (
            {"jour": timezone.localdate() + datetime.timedelta(days=1)},
            "date_signature",
            "postérieur",
        ),
        ({"jour": datetime.date(2018, 1, 2)}, "date_signature", "précède"),
        ({"etat": " "}, "signataire_etat", "Signataire pour l'État : à renseigner"),
        ({"scan": _scan("scan.pdf", b"<html>")}, "scan", "seuls les fichiers PDF, PNG ou JPEG"),
        ({"scan": _scan("scan.exe")}, "scan", "Exemplaire signé"),
    ],
)
def test_une_signature_fautive_est_refusee_en_nommant_le_champ(
    distribution, convention, kwargs, champ, attendu
):
    with pytest.raises(ValidationError) as refus:
        _signer(distribution, convention, **kwargs)
    assert attendu in " ".join(refus.value.message_dict[champ])
    convention.refresh_from_db()
    assert convention.date_signature is None and not convention.scan


def test_seul_le_service_de_l_appel_signe(distribution, convention):
    with pytest.raises(PermissionDenied):
        signer_convention(
            acteur=acteur_de(distribution.marc),
            convention=convention,
            signature=_signature(),
            aujourd_hui=timezone.localdate(),
        )


def _avenant(distribution, convention, montants, motif="Montée en charge plus rapide."):
    return preparer_avenant(
        acteur=acteur_de(distribution.claire), convention=convention, montants=montants, motif=motif
    )


def test_les_avenants_sont_numerotes_et_gardent_les_versions_precedentes(
    distribution, convention, django_assert_num_queries
):
    with pytest.raises(ValidationError, match="suit la signature"):
        _avenant(distribution, convention, {2019: Decimal(1), 2020: Decimal(1)})
    _signer(distribution, convention)
    initiaux = dict(convention.montants_negocies)
    premier = _avenant(distribution, convention, {2019: Decimal("30000"), 2020: Decimal("67350")})
    assert premier.numero == 1 and montants_en_vigueur(convention) == initiaux  # non signé
    # Tant qu'il n'est pas signé, l'avenant en attente se modifie (pas de second numéro).
    premier = _avenant(distribution, convention, {2019: Decimal("30500"), 2020: Decimal("67350")})
    assert AvenantConvention.objects.count() == 1
    signer_avenant(
        acteur=acteur_de(distribution.claire),
        avenant=premier,
        signature=_signature(scan=_scan("avenant-1.pdf")),
        aujourd_hui=timezone.localdate(),
    )
    assert montants_en_vigueur(convention) == {"2019": "30500.00", "2020": "67350.00"}
    # Les tableaux de bord du pilotage lisent les mêmes montants, avenants préchargés : aucune
    # requête par convention.
    prechargee = Convention.objects.prefetch_related("avenants").get(pk=convention.pk)
    with django_assert_num_queries(0):
        assert montants_en_vigueur(prechargee) == {"2019": "30500.00", "2020": "67350.00"}
    second = _avenant(distribution, convention, {2019: Decimal("30500"), 2020: Decimal("70000")})
    assert second.numero == 2
    convention.refresh_from_db()
    assert convention.montants_negocies == initiaux  # la convention signée est intacte
    premier.refresh_from_db()
    assert premier.montants == {"2019": "30500.00", "2020": "67350.00"}
    with pytest.raises(ValidationError, match="signé depuis"):
        signer_avenant(
            acteur=acteur_de(distribution.claire),
            avenant=premier,
            signature=_signature(),
            aujourd_hui=timezone.localdate(),
        )


def test_un_avenant_sans_motif_ou_sans_changement_est_refuse(distribution, convention):
    _signer(distribution, convention)
    montants = {int(k): Decimal(v) for k, v in convention.montants_negocies.items()}
    with pytest.raises(ValidationError) as refus:
        _avenant(distribution, convention, montants, motif="Rien.")
    assert "Aucun montant ne change" in refus.value.messages[0]
    with pytest.raises(ValidationError) as refus:
        _avenant(distribution, convention, {2019: Decimal(1), 2020: None}, motif=" ")
    assert refus.value.message_dict["motif"] == [
        "Motif de l'avenant : obligatoire (R-SUBSIDY-PRORATA)."
    ]
    assert refus.value.message_dict["montant_2020"] == ["Montant 2020 : à renseigner."]


def test_la_page_signee_n_offre_plus_le_formulaire_des_montants(
    client, distribution, docs, convention
):
    connecter(client, distribution.claire)
    url = reverse("appels:convention", kwargs={"pk": docs.dossier.pk})
    page = client.get(url).content.decode()
    assert "Enregistrer la signature" in page and 'name="montant_2019"' in page
    reponse = client.post(
        reverse("appels:convention_signer", kwargs={"pk": docs.dossier.pk}),
        {
            "date_signature": timezone.localdate().isoformat(),
            "signataire_etat": "Anne Martin, directrice",
            "signataire_operateur": "Marc Bernard, directeur",
            "scan": _scan(),
        },
    )
    assert reponse.status_code == 302
    page = client.get(url).content.decode()
    assert f"Signée le {timezone.localdate():%d/%m/%Y} par Anne Martin, directrice" in page
    assert "Mettre à jour la convention" not in page
    assert "Préparer l'avenant n° 1" in page
    # Les montants postés après la signature sont refusés (la convention ne change plus).
    apres = client.post(url, {"montant_2019": "1", "montant_2020": "1"}, follow=True)
    assert "une convention signée ne se modifie plus" in apres.content.decode()
    assert Convention.objects.get().montants_negocies == convention.montants_negocies


def test_l_exemplaire_signe_est_servi_a_l_operateur_pas_aux_autres(
    client, distribution, docs, convention
):
    _signer(distribution, convention)
    url = reverse("appels:convention_signee", kwargs={"pk": docs.dossier.pk})
    connecter(client, distribution.marc)
    reponse = client.get(url)
    assert reponse.status_code == 200 and b"".join(reponse.streaming_content) == PDF
    assert reponse["Content-Disposition"].startswith("attachment")
    from auditlog.models import LogEntry

    acces = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(convention.pk))
    assert acces.get().actor == distribution.marc  # la consultation est journalisée
    connecter(client, distribution.louis)  # opérateur de la Gironde
    assert client.get(url).status_code == 404


def test_le_formulaire_de_signature_refuse_en_francais(client, distribution, docs, convention):
    connecter(client, distribution.claire)
    reponse = client.post(
        reverse("appels:convention_signer", kwargs={"pk": docs.dossier.pk}),
        {"date_signature": "", "signataire_etat": "", "signataire_operateur": "x"},
    )
    page = reponse.content.decode()
    assert reponse.status_code == 200
    assert "Date de signature : à renseigner." in page
    assert "Exemplaire signé : joignez le scan" in page


def test_le_pdf_de_l_avenant_donne_les_montants_avant_apres_et_le_motif(
    client, distribution, docs, convention
):
    from iml.appels import pdf
    from tests.appels.test_pdf import _contient

    _signer(distribution, convention)
    avenant = _avenant(
        distribution, convention, {2019: Decimal("30000"), 2020: Decimal("67350")}, "Retard."
    )
    connecter(client, distribution.marc)  # l'opérateur télécharge l'avenant
    url = reverse("appels:avenant_pdf", kwargs={"pk": docs.dossier.pk, "numero": 1})
    reponse = client.get(url)
    assert reponse.status_code == 200
    assert reponse["Content-Disposition"] == (
        'attachment; filename="avenant-1-convention-IML-35-2019-001.pdf"'
    )
    _contient(
        reponse.content,
        pdf.html_avenant(avenant),
        [
            "Avenant n° 1 à la convention de financement n° IML-35-2019-001",
            f"convention signée le {timezone.localdate():%d/%m/%Y}",
            "tels que modifiés par l'avenant n° 1",
            "2019 31 925 € 31 925 € 30 000 € \u22121 925 €",
            "Motif de l'avenant : Retard.",
            "une avance de 50 % du montant",
            "2019 15 000 € 15 000 € 30 000 €",
        ],
    )
    connecter(client, distribution.louis)
    assert client.get(url).status_code == 404


def test_l_operateur_trouve_l_exemplaire_signe_et_les_avenants_signes_sur_sa_version(
    client, distribution, docs, convention
):
    _signer(distribution, convention)
    avenant = _avenant(distribution, convention, {2019: Decimal("30000"), 2020: Decimal("1")})
    url_version = reverse("appels:dossier_version", kwargs={"pk": docs.dossier.pk, "numero": 1})
    pdf_avenant = reverse("appels:avenant_pdf", kwargs={"pk": docs.dossier.pk, "numero": 1})
    connecter(client, distribution.marc)
    page = client.get(url_version).content.decode()
    assert reverse("appels:convention_signee", kwargs={"pk": docs.dossier.pk}) in page
    assert f"exemplaire signé le {timezone.localdate():%d/%m/%Y}" in page
    assert pdf_avenant not in page  # l'avenant en attente de signature n'est pas montré
    signer_avenant(
        acteur=acteur_de(distribution.claire),
        avenant=avenant,
        signature=_signature(scan=_scan("avenant.pdf")),
        aujourd_hui=timezone.localdate(),
    )
    page = client.get(url_version).content.decode()
    assert pdf_avenant in page
    assert reverse("appels:avenant_signe", kwargs={"pk": docs.dossier.pk, "numero": 1}) in page


def test_convention_et_avenant_nomment_les_parametres_de_l_appel_pas_leur_code(
    client, distribution, docs, convention
):
    """Le code interne du jeu de paramètres n'est montré nulle part : « paramètres de l'appel
    (version N) », comme sur les autres pages."""
    from iml.appels import pdf

    code = convention.bareme_code
    connecter(client, distribution.claire)
    formulaire = client.get(reverse("appels:convention", kwargs={"pk": docs.dossier.pk}))
    page = formulaire.content.decode().replace("&#x27;", "'")
    assert "(paramètres de l'appel, version 1)" in page
    assert "Paramètres de l'appel, version 1." in page
    html = pdf.html_convention(convention)
    assert "paramètres de l'appel (version 1)" in html.replace("&#x27;", "'")
    _signer(distribution, convention)
    avenant = _avenant(distribution, convention, {2019: Decimal("30000"), 2020: Decimal("67350")})
    for texte in (page, html, pdf.html_avenant(avenant)):
        assert code not in texte and "barème" not in texte.lower()


def test_la_signature_se_date_au_plus_tot_le_jour_de_la_decision(distribution, convention):
    """Revue d'usage : une convention établie aujourd'hui pour un comité du 15/03/2019 se signe
    le 01/05/2019 ; avant la décision, le refus dit la vraie borne (pas de « version
    précédente » pour une convention)."""
    decision = convention.dossier.decision
    decision.decide_le = datetime.datetime(2019, 3, 15, 10, tzinfo=datetime.UTC)
    decision.save(update_fields=["decide_le"])
    with pytest.raises(ValidationError) as refus:
        _signer(distribution, convention, jour=datetime.date(2019, 3, 1))
    assert refus.value.message_dict["date_signature"] == [
        "Date de signature : le 01/03/2019 précède le 15/03/2019, date de la décision du "
        "comité (R-SUBSIDY-PRORATA)."
    ]
    signee = _signer(distribution, convention, jour=datetime.date(2019, 5, 1))
    assert signee.date_signature == datetime.date(2019, 5, 1)
