"""Matrice des permissions du volet admission et horloge des occupations (fusionnée par
tests/test_matrice_permissions.py).

Objets (`preparer`) : à l'AIS Rennes (julie) une sous-location et un mandat de gestion de
ménages suivis par nadia ; au Relais (thomas) les mêmes, suivis par ines ; un ménage sans
logement et un logement disponible de l'AIS pour l'admission. « propre » = l'AIS (marc),
« autre » = le Relais.

- Direction et gestion locative admettent et tiennent les occupations de leur organisation.
- Le travail social référent lit la fiche (200), sans aucune action (403).
- État, SIAO, cofinanceurs, administration de la plateforme : aucun ménage (403 à
  l'admission, 404 sur une fiche).
"""

from __future__ import annotations

from types import SimpleNamespace

from tests.test_matrice_permissions import statuts

__all__ = ["CIBLES", "ECARTS", "MATRICE", "preparer"]


def preparer(d) -> None:
    from tests.menages.factories import MenageFactory, OccupationFactory
    from tests.parc.factories import LogementFactory

    if hasattr(d, "occupations_volet"):
        return

    def occupation(agent, referent, **traits):
        menage = MenageFactory(agent=agent, referent=referent)
        logement = LogementFactory(
            agent=agent, statut="DISPONIBLE", sous_location=traits.get("sous_location", False)
        )
        return OccupationFactory(agent=agent, menage=menage, logement=logement, **traits)

    d.occupations_volet = SimpleNamespace(
        sl_ais=occupation(d.julie, d.nadia, sous_location=True),
        mg_ais=occupation(d.julie, d.nadia),
        sl_relais=occupation(d.thomas, d.ines, sous_location=True),
        mg_relais=occupation(d.thomas, d.ines),
        menage=MenageFactory(agent=d.julie),
        logement=LogementFactory(agent=d.julie, statut="DISPONIBLE"),
    )


def _admission(d, persona: str, quoi):
    v = d.occupations_volet
    return {}, {
        "menage": v.menage.pk,
        "logement": v.logement.pk,
        "date_entree": v.logement.date_dpe.isoformat(),
        "loyer": "520",
        "charges": "40",
    }


def _cible(forme: str, donnees=None):
    def cible(d, persona: str, quoi: str):
        v = d.occupations_volet
        occupation = getattr(v, f"{forme}_{'ais' if quoi == 'propre' else 'relais'}")
        return {"pk": occupation.pk}, (donnees(d) if donnees else {})

    return cible


def _aujourd_hui() -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()


CIBLES = {
    "occupations:admission": _admission,
    "occupations:occupation": _cible("sl"),
    "occupations:renouveler": _cible(
        "sl",
        lambda d: {"renouvellement-decide_le": _aujourd_hui(), "renouvellement-motif": "Projet"},
    ),
    "occupations:revue": _cible(
        "mg", lambda d: {"revue-le": _aujourd_hui(), "revue-poursuite": "1"}
    ),
    "occupations:tarif": _cible(
        "mg",
        lambda d: {"tarif-date_effet": _aujourd_hui(), "tarif-loyer": "530", "tarif-charges": "40"},
    ),
    "occupations:suite": _cible("sl", lambda d: {"suite-suite_parcours": "RELOGEMENT_SOCIAL"}),
    "occupations:sortie": _cible(
        "mg",
        lambda d: {
            "date_sortie": _aujourd_hui(),
            "destination": "LOGEMENT_SOCIAL",
            "confirme": "True",
        },
    ),
}

_FICHE = statuts(404, marc=200)
_ACTION = statuts(404, marc=302)
_AUTRE = statuts(404)

MATRICE = {
    ("occupations:admission", "get", None): statuts(403, marc=200),
    ("occupations:admission", "post", None): statuts(403, marc=302),
    ("occupations:occupation", "get", "propre"): _FICHE,
    ("occupations:occupation", "get", "autre"): _AUTRE,
    ("occupations:sortie", "get", "propre"): _FICHE,
    ("occupations:sortie", "get", "autre"): _AUTRE,
}
for _nom in ("renouveler", "revue", "tarif", "suite", "sortie"):
    MATRICE[(f"occupations:{_nom}", "post", "propre")] = _ACTION
    MATRICE[(f"occupations:{_nom}", "post", "autre")] = _AUTRE

_LECTURE_SEULE = {"nadia": 403, "ines": 403}

#: Écarts des personas de rôle (voir tests/test_matrice_roles.py).
ECARTS = {
    # Le travail social n'admet pas (perms.acces_gestion) ; louis (Gironde) admet dans son
    # organisation, mais le ménage et le logement postés sont de l'AIS : la saisie revient
    # avec les erreurs sous les champs (200) ; en GET, le ménage présélectionné (`?menage=`)
    # d'une autre organisation lui est introuvable (404).
    ("occupations:admission", "get", None): {"nadia": 403, "ines": 403, "louis": 404},
    ("occupations:admission", "post", None): {"nadia": 403, "ines": 403, "louis": 200},
    # Le travail social référent lit la fiche (200, comme marc) mais n'agit pas (403).
    ("occupations:sortie", "get", "propre"): _LECTURE_SEULE,
    **{
        (f"occupations:{nom}", "post", "propre"): _LECTURE_SEULE
        for nom in ("renouveler", "revue", "tarif", "suite", "sortie")
    },
}
