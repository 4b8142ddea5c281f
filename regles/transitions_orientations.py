"""Tables des transitions des orientations du SIAO (R-SIAO) : déclarations de vacance,
demandes (ménages en attente) et propositions. Même forme que `regles/transitions.py`
(docs/adr/0005-transitions.md) : une table est une donnée, `verifier_transition` la lit
(objets féminins : `feminin=True` accorde le message).

Proposition : le SIAO propose un ménage pour un logement ; l'opérateur accepte ou refuse
(motif codé) ; le SIAO confirme le refus ou passe outre (motif écrit : la proposition redevient
acceptée et l'opérateur la met en œuvre) ; une proposition acceptée mène à l'admission ; le
SIAO peut retirer une proposition en attente ou acceptée (motif écrit).
"""

from __future__ import annotations

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
    feminin=True,
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
    feminin=True,
    libelles={s.value: s.libelle for s in D},
    transitions=(
        Transition(D.EN_ATTENTE, D.LOGEE, "R-SIAO", "noter le ménage logé"),
        Transition(D.EN_ATTENTE, D.CLOSE, "R-SIAO", "clore la demande", motif_requis=True),
        Transition(D.CLOSE, D.EN_ATTENTE, "R-SIAO", "rouvrir la demande", motif_requis=True),
    ),
)
