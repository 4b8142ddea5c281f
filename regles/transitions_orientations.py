"""Tables des transitions des orientations du SIAO (R-SIAO) : déclarations de vacance,
demandes (ménages en attente) et propositions. Même forme que `regles/transitions.py`
(docs/adr/0005-transitions.md) : une table est une donnée, `verifier_transition` la lit.

Proposition : le SIAO propose un ménage pour un logement ; l'opérateur accepte ou refuse
(motif codé) ; le SIAO confirme le refus ou passe outre (motif écrit : la proposition redevient
acceptée et l'opérateur la met en œuvre) ; une proposition acceptée mène à l'admission ; le
SIAO peut retirer une proposition en attente ou acceptée (motif écrit).
"""

from __future__ import annotations

from regles.constats import Constat, erreur
from regles.transitions import Table, Transition
from regles.types_orientations import StatutDemande, StatutProposition, StatutVacance

P = StatutProposition
V = StatutVacance
D = StatutDemande

#: Statuts d'une proposition en cours : une seule par demande et par logement.
PROPOSITION_EN_COURS = frozenset({P.PROPOSEE, P.ACCEPTEE, P.REFUSEE})

TRANSITIONS_PROPOSITION = Table(
    objet="proposition",
    regle="R-SIAO",
    libelles={s.value: s.libelle for s in P},
    transitions=(
        Transition(P.PROPOSEE, P.ACCEPTEE, "R-SIAO", "accepter la proposition"),
        Transition(P.PROPOSEE, P.REFUSEE, "R-SIAO", "refuser la proposition"),
        Transition(P.REFUSEE, P.REFUS_CONFIRME, "R-SIAO", "confirmer le refus"),
        Transition(P.REFUSEE, P.ACCEPTEE, "R-SIAO", "passer outre le refus", motif_requis=True),
        Transition(P.ACCEPTEE, P.ADMISE, "R-SIAO", "admettre le ménage"),
        *(
            Transition(de, P.ANNULEE, "R-SIAO", "retirer la proposition", motif_requis=True)
            for de in (P.PROPOSEE, P.ACCEPTEE)
        ),
    ),
)

TRANSITIONS_VACANCE = Table(
    objet="déclaration de vacance",
    regle="R-SIAO",
    libelles={s.value: s.libelle for s in V},
    transitions=(
        Transition(V.BROUILLON, V.DECLAREE, "R-SIAO", "déclarer la vacance au SIAO"),
        Transition(V.DECLAREE, V.POURVUE, "R-SIAO", "noter la vacance pourvue"),
        *(
            Transition(de, V.ANNULEE, "R-SIAO", "annuler la déclaration", motif_requis=True)
            for de in (V.BROUILLON, V.DECLAREE)
        ),
    ),
)

TRANSITIONS_DEMANDE = Table(
    objet="demande",
    regle="R-SIAO",
    libelles={s.value: s.libelle for s in D},
    transitions=(
        Transition(D.EN_ATTENTE, D.LOGEE, "R-SIAO", "noter le ménage logé"),
        Transition(D.EN_ATTENTE, D.CLOSE, "R-SIAO", "clore la demande", motif_requis=True),
        Transition(D.CLOSE, D.EN_ATTENTE, "R-SIAO", "rouvrir la demande", motif_requis=True),
    ),
)


def verifier(table: Table, de: str, vers: str, motif: str = "") -> Constat | None:
    """R-SIAO : `None` si la table permet de passer de `de` à `vers` (avec le motif écrit
    qu'elle exige), sinon l'erreur en français (les objets sont ici féminins)."""
    transition = table.transition(de, vers)
    if transition is None:
        return erreur(
            table.regle,
            f"cette {table.objet} est « {table.libelle(de)} » : elle ne peut "
            f"pas passer à « {table.libelle(vers)} ».",
            "statut",
        )
    if transition.motif_requis and not motif.strip():
        return erreur(
            transition.regle,
            f"pour {transition.verbe}, indiquez le motif : il est conservé dans l'historique.",
            "motif",
        )
    return None
