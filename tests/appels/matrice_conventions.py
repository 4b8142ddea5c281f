"""Matrice des permissions du cycle de vie de la convention : signature, avenants, exemplaires
signés, PDF d'un avenant. Objets : ceux de `matrice_documents` (dossier de marc en Ille-et-Vilaine,
dossier de Gironde), dont les conventions sont établies, signées, puis amendées selon l'URL.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.appels.echantillons import PDF  # noqa: E402
from tests.test_matrice_permissions import statuts


def _documents():
    """`matrice_documents`, importé à l'usage : la matrice charge ses volets à son import et
    `matrice_documents` importe la matrice (import circulaire sinon)."""
    from tests.appels import matrice_documents

    return matrice_documents


def _calcules(dossier):
    return _documents()._calcules(dossier)


def _cible(d, persona, cible):
    return _documents()._cible(d, persona, cible)


def acteur_de(utilisateur):
    return _documents().acteur_de(utilisateur)


def _scan():
    return SimpleUploadedFile("signee.pdf", PDF, content_type="application/pdf")


def _paires(d):
    return ((d.documents.dossier, d.claire), (d.documents.gironde, d.documents.agent33))


def _conventions(d, signer=False, avenant=None):
    """Établit les deux conventions ; les signe ; prépare (et signe) l'avenant n° 1."""
    from iml.appels.models import Convention
    from iml.appels.services.avenants import (
        Signature,
        preparer_avenant,
        signer_avenant,
        signer_convention,
    )
    from iml.appels.services.conventions import etablir_convention

    for dossier, agent in _paires(d):
        acteur = acteur_de(agent)
        convention = Convention.objects.filter(dossier=dossier).first() or etablir_convention(
            acteur=acteur,
            dossier=dossier,
            montants_negocies=_calcules(dossier),
            motif_ecart="",
            cofinancements=[],
        )
        signature = Signature(timezone.localdate(), "Agent", "Directeur", _scan())
        jour = timezone.localdate()
        if signer and not convention.signee:
            signer_convention(
                acteur=acteur, convention=convention, signature=signature, aujourd_hui=jour
            )
        if avenant and not convention.avenants.exists():
            montants = {a: m + 1 for a, m in _calcules(dossier).items()}
            nouvel = preparer_avenant(
                acteur=acteur, convention=convention, montants=montants, motif="Essai."
            )
            if avenant == "signe":
                signature = Signature(timezone.localdate(), "Agent", "Directeur", _scan())
                signer_avenant(acteur=acteur, avenant=nouvel, signature=signature, aujourd_hui=jour)


def _pk(d, persona, cible):
    return {"pk": _cible(d, persona, cible).pk}


def _signer(d, persona, cible):
    _conventions(d)
    donnees = {
        "date_signature": timezone.localdate().isoformat(),
        "signataire_etat": "Agent",
        "signataire_operateur": "Directeur",
        "scan": _scan(),
    }
    return _pk(d, persona, cible), donnees


def _signee(d, persona, cible):
    _conventions(d, signer=True)
    return _pk(d, persona, cible), {}


def _preparer_avenant(d, persona, cible):
    _conventions(d, signer=True)
    montants = {
        f"montant_{a}": str(m + Decimal(2)) for a, m in _calcules(_cible(d, persona, cible)).items()
    }
    return _pk(d, persona, cible), montants | {"motif": "Essai."}


def _avenant_prepare(d, persona, cible):
    _conventions(d, signer=True, avenant="prepare")
    kwargs, donnees = _signer(d, persona, cible)
    return kwargs | {"numero": 1}, donnees


def _avenant_signe(d, persona, cible):
    _conventions(d, signer=True, avenant="signe")
    return _pk(d, persona, cible) | {"numero": 1}, {}


#: Lire (comme la convention) : opérateur du dossier, État du territoire, admin ; les autres 404.
TELECHARGER = {
    "propre": statuts(404, claire=200, paul=200, marc=200, admin=200),
    "autre": statuts(404, admin=200),
}

#: Écrire : seul le service de l'appel (claire pour l'Ille-et-Vilaine) ; ceux qui voient le dossier
#: sans ce droit (paul, marc, admin) reçoivent 403, les autres 404.
ECRIRE = {
    "propre": statuts(404, claire=302, paul=403, marc=403, admin=403),
    "autre": statuts(404, admin=403),
}

MATRICE = {
    **{
        (nom, "post", cible): ECRIRE[cible]
        for nom in ("appels:convention_signer", "appels:avenant_preparer", "appels:avenant_signer")
        for cible in ("propre", "autre")
    },
    **{
        (nom, "get", cible): TELECHARGER[cible]
        for nom in ("appels:convention_signee", "appels:avenant_signe", "appels:avenant_pdf")
        for cible in ("propre", "autre")
    },
}

# Le classeur du comité en ods : comme la synthèse xlsx (État du territoire et admin).
MATRICE[("appels:appel_synthese_ods", "get", "propre")] = statuts(
    404, claire=200, paul=200, admin=200
)
MATRICE[("appels:appel_synthese_ods", "get", "autre")] = statuts(404, admin=200)


def _appel(d, persona, cible):
    return {"pk": _cible(d, persona, cible).appel_id}, {}


CIBLES = {
    "appels:appel_synthese_ods": _appel,
    "appels:convention_signer": _signer,
    "appels:avenant_preparer": _preparer_avenant,
    "appels:avenant_signer": _avenant_prepare,
    "appels:convention_signee": _signee,
    "appels:avenant_signe": _avenant_signe,
    "appels:avenant_pdf": _avenant_signe,
}


def preparer(d) -> None:
    _documents().preparer(d)
