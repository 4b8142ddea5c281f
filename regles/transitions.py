"""Tables des transitions de statut : appels (R-AAC), dossiers (R-SELECTION), prospects de la
captation (R-CAPTATION) et logements du parc (R-PARC, docs/adr/0007-statuts-logement.md).

Les statuts sont des chaînes (les valeurs stockées des énumérations Django) : ce module reste
du Python pur. Une table est une donnée : chaque transition permise nomme sa règle, dit si un
motif écrit est exigé et porte le verbe affiché. `verifier_transition` renvoie le constat qui
refuse un changement, ou `None` ; le service qui applique la transition écrit ensuite une ligne
d'événement (qui, quand, de, vers, motif). Voir docs/adr/0005-transitions.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from regles.constats import Constat, erreur
from regles.format import date_fr


@dataclass(frozen=True)
class Transition:
    """Un passage permis d'un statut à un autre ; `motif_requis` : une raison écrite est
    exigée (réouverture, amendement d'une décision)."""

    de: str
    vers: str
    regle: str
    verbe: str
    motif_requis: bool = False


@dataclass(frozen=True)
class Table:
    """Les transitions permises d'un objet (« appel », « dossier ») et le libellé de ses
    statuts, pour des messages lisibles."""

    objet: str
    regle: str
    libelles: Mapping[str, str]
    transitions: tuple[Transition, ...]
    #: L'objet est féminin (« proposition », « vacance », « demande ») : accord du message.
    feminin: bool = False

    def transition(self, de: str, vers: str) -> Transition | None:
        return next((t for t in self.transitions if t.de == de and t.vers == vers), None)

    def suivants(self, de: str) -> tuple[Transition, ...]:
        return tuple(t for t in self.transitions if t.de == de)

    def libelle(self, statut: str) -> str:
        return self.libelles.get(statut, "inconnu")


#: R-AAC : un appel se publie, se clôt (après confirmation), se rouvre (responsable, avec
#: motif) tant qu'il n'est pas décidé, puis est décidé. Un appel décidé ne change plus.
TRANSITIONS_APPEL = Table(
    objet="appel",
    regle="R-AAC",
    libelles={
        "BROUILLON": "brouillon",
        "PUBLIE": "publié",
        "CLOS": "clos",
        "DECIDE": "décidé",
    },
    transitions=(
        Transition("BROUILLON", "PUBLIE", "R-AAC", "publier"),
        Transition("PUBLIE", "CLOS", "R-AAC", "clore"),
        Transition("CLOS", "PUBLIE", "R-AAC", "rouvrir", motif_requis=True),
        Transition("CLOS", "DECIDE", "R-SELECTION", "arrêter les décisions"),
    ),
)

#: R-SELECTION : un dossier se dépose, puis le comité le retient (en tout ou partie) ou le
#: refuse ; changer une décision est un amendement motivé (la décision précédente reste lue).
TRANSITIONS_DOSSIER = Table(
    objet="dossier",
    regle="R-SELECTION",
    libelles={
        "BROUILLON": "brouillon",
        "DEPOSE": "déposé",
        "RETENU": "retenu",
        "PARTIELLEMENT_RETENU": "partiellement retenu",
        "REFUSE": "refusé",
    },
    transitions=(
        Transition("BROUILLON", "DEPOSE", "R-DOSSIER", "déposer"),
        *(Transition("DEPOSE", d, "R-SELECTION", "décider") for d in ("RETENU", "REFUSE")),
        Transition("DEPOSE", "PARTIELLEMENT_RETENU", "R-SELECTION", "décider"),
        *(
            Transition(de, vers, "R-SELECTION", "amender la décision", motif_requis=True)
            for de in ("RETENU", "PARTIELLEMENT_RETENU", "REFUSE")
            for vers in ("RETENU", "PARTIELLEMENT_RETENU", "REFUSE")
        ),
    ),
)

#: R-CAPTATION : un prospect (bailleur et logement candidat) avance de la prise de contact à la
#: captation ; l'abandon garde son motif (taxonomie des freins) ; un prospect abandonné peut
#: être relancé, motif écrit à l'appui. Un prospect capté ne change plus (le logement prend le
#: relais).
TRANSITIONS_PROSPECT = Table(
    objet="prospect",
    regle="R-CAPTATION",
    libelles={
        "A_CONTACTER": "à contacter",
        "CONTACTE": "contacté",
        "VISITE": "visite",
        "NEGOCIATION": "négociation",
        "CAPTE": "capté",
        "ABANDONNE": "abandonné",
    },
    transitions=(
        Transition("A_CONTACTER", "CONTACTE", "R-CAPTATION", "noter le contact"),
        Transition("CONTACTE", "VISITE", "R-CAPTATION", "planifier la visite"),
        Transition("CONTACTE", "NEGOCIATION", "R-CAPTATION", "négocier"),
        Transition("VISITE", "NEGOCIATION", "R-CAPTATION", "négocier"),
        Transition("NEGOCIATION", "VISITE", "R-CAPTATION", "revisiter"),
        Transition("NEGOCIATION", "CAPTE", "R-CAPTATION", "capter le logement"),
        *(
            Transition(de, "ABANDONNE", "R-CAPTATION", "abandonner")
            for de in ("A_CONTACTER", "CONTACTE", "VISITE", "NEGOCIATION")
        ),
        Transition("ABANDONNE", "A_CONTACTER", "R-CAPTATION", "relancer", motif_requis=True),
    ),
)

#: Statuts d'un logement où il est proposé ou loué : y entrer est une (nouvelle) mise en
#: location, soumise au contrôle de décence (R-DECENCE-SURFACE, R-DECENCE-DPE).
STATUTS_MISE_EN_LOCATION = frozenset({"DISPONIBLE", "OCCUPE"})

#: R-PARC : le logement capté est mis en location (disponible), occupé, vacant entre deux
#: ménages, en travaux, puis restitué au bailleur (définitif, motif écrit).
TRANSITIONS_LOGEMENT = Table(
    objet="logement",
    regle="R-PARC",
    libelles={
        "EN_CAPTATION": "en captation",
        "DISPONIBLE": "disponible",
        "OCCUPE": "occupé",
        "VACANT": "vacant",
        "EN_TRAVAUX": "en travaux",
        "RESTITUE": "restitué",
    },
    transitions=(
        Transition("EN_CAPTATION", "DISPONIBLE", "R-PARC", "mettre en location"),
        Transition("EN_CAPTATION", "EN_TRAVAUX", "R-PARC", "engager des travaux"),
        Transition("DISPONIBLE", "OCCUPE", "R-PARC", "noter l'entrée d'un ménage"),
        Transition("DISPONIBLE", "EN_TRAVAUX", "R-PARC", "engager des travaux"),
        Transition("OCCUPE", "VACANT", "R-PARC", "noter le départ du ménage"),
        Transition("VACANT", "OCCUPE", "R-PARC", "noter l'entrée d'un ménage"),
        Transition("VACANT", "EN_TRAVAUX", "R-PARC", "engager des travaux"),
        Transition("EN_TRAVAUX", "DISPONIBLE", "R-PARC", "remettre en location"),
        *(
            Transition(de, "RESTITUE", "R-PARC", "restituer au bailleur", motif_requis=True)
            for de in ("EN_CAPTATION", "DISPONIBLE", "VACANT", "EN_TRAVAUX")
        ),
        # Glissement du bail (R-SORTIE) : le ménage devient locataire en titre, le logement
        # quitte la sous-location de l'opérateur sans passer par la vacance.
        Transition("OCCUPE", "RESTITUE", "R-PARC", "restituer au bailleur", motif_requis=True),
    ),
)

#: R-SORTIE : une occupation en cours se termine par une sortie (date, destination) ; une
#: occupation terminée ne change plus.
TRANSITIONS_OCCUPATION = Table(
    objet="occupation",
    regle="R-SORTIE",
    libelles={"EN_COURS": "en cours", "TERMINEE": "terminée"},
    transitions=(Transition("EN_COURS", "TERMINEE", "R-SORTIE", "noter la sortie du ménage"),),
)


def verifier_transition(table: Table, de: str, vers: str, motif: str = "") -> Constat | None:
    """R-AAC, R-SELECTION, R-CAPTATION, R-PARC, R-SIAO : `None` si la table permet de passer
    de `de` à `vers` (avec un motif écrit quand elle l'exige), sinon l'erreur qui dit pourquoi,
    en français."""
    transition = table.transition(de, vers)
    if transition is None:
        message = (
            f"cette {table.objet} est « {table.libelle(de)} » : elle ne peut pas passer à "
            f"« {table.libelle(vers)} »."
            if table.feminin
            else f"un {table.objet} « {table.libelle(de)} » ne peut pas passer à "
            f"« {table.libelle(vers)} »."
        )
        return erreur(table.regle, message, "statut")
    if transition.motif_requis and not motif.strip():
        return erreur(
            transition.regle,
            f"pour {transition.verbe}, indiquez le motif : il est conservé dans l'historique.",
            "motif",
        )
    return None


def verifier_cloture(
    aujourd_hui: date, date_limite: date | None, justification: str
) -> Constat | None:
    """R-AAC : clore un appel avant sa date limite de dépôt retire aux opérateurs des jours
    de dépôt annoncés ; une justification écrite est alors exigée (elle est conservée et
    affichée). À la date limite ou après, la clôture n'en demande pas."""
    if date_limite is None or aujourd_hui > date_limite or justification.strip():
        return None
    return erreur(
        "R-AAC",
        f"l'appel est ouvert aux dépôts jusqu'au {date_fr(date_limite)} inclus : pour le clore "
        "avant, écrivez la justification (elle sera affichée sur la fiche de l'appel).",
        "justification",
    )
