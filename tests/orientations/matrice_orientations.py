"""Matrice des permissions des orientations du SIAO (fusionnée par
tests/test_matrice_permissions.py).

Objets (`preparer`) : une demande du SIAO 35 (sophie), une proposition à l'AIS 35 (l'opérateur
de marc, cible « propre ») et une au Relais 35 (« autre ») ; un second SIAO (Gironde) avec sa
demande, son exécution et son import (`second_siao`, cibles « autre » du SIAO 35 : 404).
Les gestes qui changent un statut (répondre, décider, admettre, déclarer, proposer) visent un
objet neuf à chaque appel.

- SIAO (coordination) : demandes, registre, propositions, décision sur un refus.
- Opérateur (direction, gestion locative) : ses propositions (réponse, admission), ses
  vacances ; celles d'un autre opérateur : 404.
- État, administration de la plateforme : les chiffres seulement ; le reste : 403.
- Travail social, cofinanceurs : 403 (écarts ci-dessous pour nadia et ines).
"""

from __future__ import annotations

from itertools import count
from types import SimpleNamespace

from tests.test_matrice_permissions import statuts

__all__ = ["CIBLES", "ECARTS", "MATRICE", "preparer"]

_NUMERO = count(1)


def _aujourd_hui() -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()


def _proposition(d, quoi: str, etapes: tuple[str, ...] = ()):
    from tests.orientations.factories import PropositionFactory

    operateur = d.marc if quoi == "propre" else d.thomas
    return PropositionFactory(agent=d.sophie, operateur_agent=operateur, etapes=etapes)


def second_siao(d) -> SimpleNamespace:
    """Un SIAO d'un autre département (Gironde) avec sa demande, son exécution du moteur et
    son import : les cibles « autre » du SIAO 35 (404). Créé une fois (idempotent)."""
    from iml.comptes.enums import Role, TypeOrganisation
    from iml.orientations.services.appariement import lancer
    from iml.orientations.services.imports import deposer_import
    from tests.appels.factories import acteur
    from tests.orientations.factories import DemandeFactory, agent_ailleurs, maintenant
    from tests.orientations.matrice_imports import EXPORT_CSV

    if not hasattr(d, "siao33"):
        agent = agent_ailleurs(TypeOrganisation.SIAO, Role.COORDINATION, "33")
        d.siao33 = SimpleNamespace(
            agent=agent,
            demande=DemandeFactory(agent=agent, communes=["33063"]),
            execution=lancer(acteur=acteur(agent), maintenant=maintenant()),
            import_demandes=deposer_import(
                acteur=acteur(agent), nom_fichier="export.csv", contenu=EXPORT_CSV
            ),
        )
    return d.siao33


def preparer(d) -> None:
    from tests.orientations.factories import DemandeFactory

    if hasattr(d, "orientations"):
        return
    second_siao(d)
    d.orientations = SimpleNamespace(
        demande=DemandeFactory(agent=d.sophie),
        propositions=SimpleNamespace(
            ais=_proposition(d, "propre"), relais=_proposition(d, "autre")
        ),
    )


def _donnees_demande(reference: str) -> dict:
    return {
        "reference_siao": reference, "nom": "Durand", "prenom": "Léa", "adultes": "1",
        "enfants": "0", "ressources": "1400", "demande_le": "2025-01-15", "categorie": "CLASSIQUE",
        "communes": "35238",
    }  # fmt: skip


def _demande(d, persona: str, quoi: str | None):
    demande = d.siao33.demande if quoi == "autre" else d.orientations.demande
    return {"pk": demande.pk}, _donnees_demande(demande.reference_siao)


def _demande_nouvelle(d, persona: str, quoi: str | None):
    return {}, _donnees_demande(f"MATRICE-{next(_NUMERO)}")


def _proposer(d, persona: str, quoi: str | None):
    from tests.orientations.factories import DemandeFactory, VacanceFactory

    demande = d.siao33.demande if quoi == "autre" else DemandeFactory(agent=d.sophie)
    logement = VacanceFactory(agent=d.marc).logement
    return {"pk": demande.pk}, {"logement": logement.pk}


def _existante(d, persona: str, quoi: str):
    cote = "ais" if quoi == "propre" else "relais"
    return {"pk": getattr(d.orientations.propositions, cote).pk}, {}


def _neuve(etapes: tuple[str, ...], donnees: dict):
    def construire(d, persona: str, quoi: str):
        return {"pk": _proposition(d, quoi, etapes).pk}, dict(donnees)

    return construire


def _admission(d, persona: str, quoi: str):
    donnees = {"date_naissance": "1990-05-17", "date_entree": _aujourd_hui(), "lien_1": "ENFANT",
               "annee_1": "2016"}  # fmt: skip
    return _neuve(("accepter",), donnees)(d, persona, quoi)


def _logement(d, persona: str, quoi: str):
    from tests.parc.factories import LogementFactory

    agent = d.julie if quoi == "propre" else d.thomas
    logement = LogementFactory(agent=agent, statut="DISPONIBLE")
    return {"pk": logement.pk}, {"nature": "VACANT", "disponible_le": _aujourd_hui()}


def _vacance(d, persona: str, quoi: str):
    """Une vacance déclarée neuve : de l'AIS 35 (« propre ») ou du Relais 35 (« autre »)."""
    from tests.orientations.factories import VacanceFactory

    agent = d.marc if quoi == "propre" else d.thomas
    return {"pk": VacanceFactory(agent=agent).pk}, {"motif": "Sinistre : dégât des eaux."}


CIBLES = {
    "orientations:demande": _demande,
    "orientations:demande_modifier": _demande,
    "orientations:demande_creer": _demande_nouvelle,
    "orientations:proposer": _proposer,
    "orientations:proposition": _existante,
    "orientations:repondre": _neuve((), {"reponse": "ACCEPTER"}),
    "orientations:decider": _neuve(("refuser",), {"decision": "CONFIRME"}),
    "orientations:informe": lambda d, p, q: _neuve((), {"menage_informe_le": _aujourd_hui()})(
        d, p, q
    ),
    "orientations:admettre": _admission,
    "orientations:vacance_declarer": _logement,
    "orientations:vacance_annuler": _vacance,
}

_SIAO_LIT = statuts(403, sophie=200)
_SIAO_ECRIT = statuts(403, sophie=302)

MATRICE: dict = {
    ("orientations:accueil", "get", None): statuts(403, sophie=200, marc=200),
    ("orientations:chiffres", "get", None): statuts(
        403, sophie=200, claire=200, paul=200, admin=200
    ),
    ("orientations:registre", "get", None): _SIAO_LIT,
    ("orientations:demandes", "get", None): _SIAO_LIT,
    ("orientations:demande_creer", "get", None): _SIAO_LIT,
    ("orientations:demande_creer", "post", None): _SIAO_ECRIT,
    ("orientations:demande", "get", "propre"): _SIAO_LIT,
    ("orientations:demande_modifier", "get", "propre"): _SIAO_LIT,
    ("orientations:demande_modifier", "post", "propre"): _SIAO_ECRIT,
    ("orientations:proposer", "get", "propre"): _SIAO_LIT,
    ("orientations:proposer", "post", "propre"): _SIAO_ECRIT,
    # La demande d'un SIAO d'un autre département (second_siao) : 404 pour le SIAO 35.
    ("orientations:demande", "get", "autre"): statuts(403, sophie=404),
    ("orientations:demande_modifier", "get", "autre"): statuts(403, sophie=404),
    ("orientations:demande_modifier", "post", "autre"): statuts(403, sophie=404),
    ("orientations:proposer", "get", "autre"): statuts(403, sophie=404),
    ("orientations:proposer", "post", "autre"): statuts(403, sophie=404),
    ("orientations:propositions", "get", None): statuts(403, sophie=200, marc=200),
    ("orientations:proposition", "get", "propre"): statuts(403, sophie=200, marc=200),
    ("orientations:proposition", "get", "autre"): statuts(403, sophie=200, marc=404),
    ("orientations:repondre", "get", "propre"): statuts(403, marc=200),
    ("orientations:repondre", "post", "propre"): statuts(403, marc=302),
    ("orientations:repondre", "get", "autre"): statuts(403, marc=404),
    ("orientations:repondre", "post", "autre"): statuts(403, marc=404),
    ("orientations:decider", "get", "propre"): _SIAO_LIT,
    ("orientations:decider", "post", "propre"): _SIAO_ECRIT,
    ("orientations:decider", "get", "autre"): statuts(403, sophie=200, marc=404),
    ("orientations:decider", "post", "autre"): statuts(403, sophie=302, marc=404),
    ("orientations:informe", "get", "propre"): statuts(405),
    ("orientations:informe", "post", "propre"): statuts(403, sophie=302, marc=302),
    ("orientations:informe", "post", "autre"): statuts(403, sophie=302, marc=404),
    ("orientations:admettre", "get", "propre"): statuts(403, marc=200),
    ("orientations:admettre", "post", "propre"): statuts(403, marc=302),
    ("orientations:admettre", "get", "autre"): statuts(403, marc=404),
    ("orientations:admettre", "post", "autre"): statuts(403, marc=404),
    ("orientations:vacance_declarer", "get", "propre"): statuts(403, marc=200),
    ("orientations:vacance_declarer", "post", "propre"): statuts(403, marc=302),
    ("orientations:vacance_declarer", "get", "autre"): statuts(403, marc=404),
    ("orientations:vacance_declarer", "post", "autre"): statuts(403, marc=404),
    ("orientations:vacance_annuler", "get", "propre"): statuts(403, marc=200),
    ("orientations:vacance_annuler", "post", "propre"): statuts(403, marc=302),
    ("orientations:vacance_annuler", "get", "autre"): statuts(403, marc=404),
    ("orientations:vacance_annuler", "post", "autre"): statuts(403, marc=404),
}

#: Écarts des personas de rôle (voir tests/test_matrice_roles.py) : le travail social (nadia,
#: ines) ne tient ni les vacances ni les propositions (perms.gere_les_orientations) : 403 là où
#: la direction de l'opérateur lit ou écrit, ou trouve l'objet introuvable.
ECARTS: dict = {
    ligne: {"nadia": 403, "ines": 403}
    for ligne, table in MATRICE.items()
    if table.get("marc") not in (403, 405)
}
