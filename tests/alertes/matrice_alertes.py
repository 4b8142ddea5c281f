"""Matrice des permissions de la boîte d'alertes : chacun lit ses alertes, règle ses
préférences et marque lues les siennes ; l'alerte d'un autre est une 404. La cible « propre »
d'une persona est une alerte dont elle est la destinataire (créée à la demande) ; « autre »,
une alerte d'un autre utilisateur."""

from __future__ import annotations

from tests.test_matrice_permissions import statuts

MATRICE = {
    ("alertes:boite", "get", None): statuts(200),
    ("alertes:preferences", "get", None): statuts(200),
    ("alertes:preferences", "post", None): statuts(302),
    ("alertes:lue", "post", "propre"): statuts(302),
    ("alertes:lue", "post", "autre"): statuts(404),
}


def _alerte(utilisateur, cle: str):
    from iml.alertes.models import Alerte

    organisation = utilisateur.adhesions.first()
    organisation = organisation.organisation if organisation else None
    if organisation is None:  # administrateur sans adhésion : une organisation quelconque
        from iml.comptes.models import Organisation

        organisation = Organisation.objects.order_by("pk").first()
    alerte, _ = Alerte.objects.get_or_create(
        destinataire=utilisateur,
        cle=cle,
        defaults={
            "organisation": organisation,
            "regle": "R-CONTRAT-FIN",
            "message": "R-CONTRAT-FIN : le mandat de gestion prend fin le 14/05/2027.",
        },
    )
    return alerte


def _cible_alerte(d, persona: str, cible: str):
    proprietaire = getattr(d, persona, None) if persona != "anonyme" else d.marc
    if cible == "autre":
        proprietaire = d.sophie if proprietaire != d.sophie else d.marc
    return {"pk": _alerte(proprietaire, "matrice").pk}, {}


CIBLES = {
    "alertes:lue": _cible_alerte,
    "alertes:preferences": lambda d, p, c: ({}, {"par_courriel": "on"}),
}
