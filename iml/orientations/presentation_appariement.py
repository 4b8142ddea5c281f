"""Présentation d'une exécution du moteur d'appariement (R-APPARIEMENT) : les identifiants du
moteur (« D7 », « L12 ») deviennent un ménage (prénom, nom, composition) et un logement
(adresse, typologie, commune, opérateur) ; aucun identifiant interne n'est montré. Les
libellés sont lus en base (deux requêtes), la composition et le logement tels qu'ils étaient
dans l'instantané ; une demande ou un logement supprimé depuis reste nommé comme tel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from iml.orientations.instantane import pk_de
from iml.orientations.models import Demande, ExecutionAppariement
from iml.parc.models import Logement
from iml.parc.presentation_logements import libelle_commune
from regles.format import nombre, pourcentage
from regles.types import Mode, Typologie

#: Au-delà, les ménages non logés sont résumés (un département en compte des milliers).
LIGNES_MAX = 200


@dataclass(frozen=True)
class Paire:
    cle: str  # valeur de la case à cocher (« D7:L12 »), jamais affichée
    menage: str
    logement: str
    priorite: str
    sous_occupation: str
    taux_effort: str


@dataclass(frozen=True)
class Manque:
    libelle: str
    raison: str


class Libelles:
    """Les libellés des ménages et logements d'une exécution."""

    def __init__(self, execution: ExecutionAppariement) -> None:
        entree = execution.entree or {}
        self.jour = date.fromisoformat(entree["date"]) if entree.get("date") else None
        self.menages_entree = {m["id"]: m for m in entree.get("menages", [])}
        self.logements_entree = {lg["id"]: lg for lg in entree.get("logements", [])}
        ids_m = {pk_de(i, "D") for i in self.menages_entree} | set(
            _ids(execution.resultat, "menage", "D")
        )
        ids_l = {pk_de(i, "L") for i in self.logements_entree} | set(
            _ids(execution.resultat, "logement", "L")
        )
        self.demandes = Demande.objects.filter(siao_id=execution.siao_id).in_bulk(
            [i for i in ids_m if i is not None]
        )
        self.logements = Logement.objects.select_related("operateur").in_bulk(
            [i for i in ids_l if i is not None]
        )

    def menage(self, ident: str) -> str:
        """Nom, référence SI-SIAO (deux homonymes se distinguent) et composition."""
        demande = self.demandes.get(pk_de(ident, "D"))
        nom = f"{demande} — {demande.reference_siao}" if demande else "demande supprimée"
        personnes = self.menages_entree.get(ident, {}).get("personnes")
        if personnes is None:
            return nom
        return f"{nom} ({personnes} personne{'s' if personnes > 1 else ''})"

    def priorite(self, ident: str) -> str:
        """R-PRIORITY-PUBLICS en mots, lue dans l'instantané : DALO, autre public prioritaire,
        ancienneté de la demande au jour du calcul (jamais le poids brut du barème)."""
        m = self.menages_entree.get(ident, {})
        criteres = m.get("criteres", [])
        morceaux = []
        if any(c.startswith("DALO_") for c in criteres):
            morceaux.append("DALO")
        if any(not c.startswith("DALO_") for c in criteres):
            morceaux.append("public prioritaire")
        if m.get("demande_le") and self.jour:
            debut = date.fromisoformat(m["demande_le"])
            mois = max(
                0,
                (self.jour.year - debut.year) * 12
                + self.jour.month
                - debut.month
                - (self.jour.day < debut.day),
            )
            morceaux.append(f"demande de {nombre(mois)} mois")
        return ", ".join(morceaux) or "—"

    def logement(self, ident: str) -> str:
        lg = self.logements.get(pk_de(ident, "L"))
        if lg is None:
            return "logement supprimé"
        data = self.logements_entree.get(ident, {})
        typologie = Typologie(data.get("typologie", lg.typologie)).libelle
        forme = Mode(data.get("forme", lg.forme)).libelle.lower()
        commune = libelle_commune(data.get("commune", lg.commune))
        return f"{lg.adresse}, {commune} — {typologie}, {forme} ({lg.operateur.nom})"

    def choix_menages(self) -> list[tuple[str, str]]:
        return sorted(((i, self.menage(i)) for i in self.menages_entree), key=lambda c: c[1])

    def choix_logements(self) -> list[tuple[str, str]]:
        return sorted(((i, self.logement(i)) for i in self.logements_entree), key=lambda c: c[1])


def _ids(resultat: Any, cle: str, prefixe: str) -> list[int | None]:
    resultat = resultat or {}
    lignes = [
        *resultat.get("affectations", []),
        *resultat.get("menages_non_loges", []),
        *resultat.get("logements_non_pourvus", []),
        *resultat.get("ecartes", []),
    ]
    return [pk_de(x[cle], prefixe) for x in lignes if cle in x]


def paires(execution: ExecutionAppariement, libelles: Libelles) -> list[Paire]:
    """Les paires proposées par le moteur, score décomposé en français."""
    sortie = []
    for a in (execution.resultat or {}).get("affectations", []):
        s = a["score"]
        so = int(s["sous_occupation"])
        sortie.append(
            Paire(
                cle=f"{a['menage']}:{a['logement']}",
                menage=libelles.menage(a["menage"]),
                logement=libelles.logement(a["logement"]),
                priorite=libelles.priorite(a["menage"]),
                sous_occupation=f"{so} place{'s' if so > 1 else ''} libre{'s' if so > 1 else ''}"
                if so
                else "aucune",
                taux_effort=pourcentage(Decimal(s["taux_effort"])),
            )
        )
    return sortie


def manques(execution: ExecutionAppariement, libelles: Libelles) -> dict[str, Any]:
    """Ménages non logés, logements non pourvus, écartés de l'instantané : avec la raison."""
    resultat = execution.resultat or {}
    non_loges = resultat.get("menages_non_loges", [])
    return {
        "menages_non_loges": [
            Manque(libelles.menage(x["menage"]), x["raison"]) for x in non_loges[:LIGNES_MAX]
        ],
        "menages_non_loges_total": len(non_loges),
        "logements_non_pourvus": [
            Manque(libelles.logement(x["logement"]), x["raison"])
            for x in resultat.get("logements_non_pourvus", [])
        ],
        "ecartes": [
            Manque(
                libelles.menage(x["menage"]) if "menage" in x else libelles.logement(x["logement"]),
                x["raison"],
            )
            for x in resultat.get("ecartes", [])
        ],
    }


def _s(n: int) -> str:
    return "s" if n > 1 else ""


def preuve(execution: ExecutionAppariement) -> dict[str, str]:
    """Les valeurs de l'objectif et la preuve d'optimalité, en français."""
    resultat = execution.resultat or {}
    objectif = resultat.get("objectif") or {}
    p = resultat.get("preuve") or {}
    loges = int(objectif.get("menages_loges", 0))
    borne = p.get("borne")
    prouve = p.get("statut") == "OPTIMAL" and borne == loges
    return {
        "menages_loges": nombre(loges),
        "poids_priorite": nombre(int(objectif.get("poids_priorite", 0))),
        "adequation": nombre(int(objectif.get("adequation", 0))),
        "statut": "optimal prouvé" if prouve else "optimalité non prouvée",
        "explication": (
            f"Aucune autre répartition ne loge plus de {nombre(loges)} ménage{_s(loges)} ; "
            "parmi celles qui en logent autant, celle-ci loge les ménages les plus prioritaires, "
            "puis ceux à qui le logement convient le mieux (le moins de places vides, le taux "
            "d'effort le plus bas)."
            if prouve
            else "Le calcul n'a pas prouvé que cette répartition est la meilleure : ne créez pas "
            "de proposition, relancez l'appariement."
        ),
        "preuve_technique": (
            f"Borne : une couverture de {nombre(borne)} sommets des paires éligibles "
            "(théorème de Kőnig) égale le nombre de ménages logés."
            if prouve
            else "Borne : non rapportée par le calcul, ou différente du nombre de ménages logés."
        ),
        "solveur": f"{p.get('solveur', '')} {p.get('version', '')}".strip(),
    }
