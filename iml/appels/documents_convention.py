"""Contenu des PDF de la convention de financement et de ses avenants.

Une vraie convention de l'État : visas (textes que l'appel cite), parties nommées avec leur
article (« la DDETS d'Ille-et-Vilaine », « le préfet d'Ille-et-Vilaine »), SIRET lisible, montants
par exercice avec le détail du prorata (R-SUBSIDY-PRORATA), échéancier (avance du barème, solde),
obligations de compte rendu (R-STATS), contrôle, résiliation, annexes 1b, 2 et 3 de la version
retenue. `iml.appels.pdf` convertit le HTML en PDF.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from iml.appels.enums import PROGRAMME_177
from iml.appels.exports import feuilles_annexes, source_dossier
from iml.appels.exports.source import decimal
from iml.appels.models import AvenantConvention, Convention
from iml.appels.services.avenants import version_en_vigueur
from iml.appels.services.conventions import CalculConvention, calculer_convention
from iml.comptes import communes
from iml.comptes.models import Territoire
from regles.format import euros, siret
from regles.subvention import versements
from regles.types import ModaliteAccompagnement, Mode, StatutJuridique

#: Premiers mots d'un nom d'organisation → article. Services de l'État (directions) au féminin.
_FEMININS = {
    "ddets",
    "ddetspp",
    "dreets",
    "ddcs",
    "ddcspp",
    "drdjscs",
    "drihl",
    "direction",
    "préfecture",
    "association",
    "fondation",
    "agence",
    "maison",
    "caisse",
    "mairie",
}
_MASCULINS = {"conseil", "service", "siao", "fonds", "fsl", "groupement", "centre", "gip"}
_VOYELLES = "aàâeéèêëiîïoôuùûhy"


def avec_article(nom: str) -> str:
    """« la DDETS d'Ille-et-Vilaine », « le Conseil départemental… », « l'Agence… » ; un nom
    propre sans mot connu reste tel quel (« AIS Rennes Habitat Solidaire »)."""
    premier = re.split(r"[\s'’-]", nom.strip(), maxsplit=1)[0].lower()
    if premier in _FEMININS or premier in _MASCULINS:
        if nom[:1].lower() in _VOYELLES:
            return f"l'{nom}"
        return f"{'la' if premier in _FEMININS else 'le'} {nom}"
    return nom


def de(groupe: str) -> str:
    """« de » devant un groupe nominal : « de la DDETS… », « du Conseil… », « de l'Agence… »,
    « d'AIS Rennes… »."""
    if groupe.startswith("le "):
        return f"du {groupe[3:]}"
    if groupe.startswith("les "):
        return f"des {groupe[4:]}"
    if groupe[:1].lower() in _VOYELLES and not groupe.startswith(("la ", "l'")):
        return f"d'{groupe}"
    return f"de {groupe}"


def du_territoire(territoire: Territoire) -> str:
    """« d'Ille-et-Vilaine », « de la Gironde » (code officiel géographique)."""
    nom = communes.du_departement(territoire.code)
    if territoire.niveau != "DEPARTEMENT" or nom is None:
        nom = communes.de_la_region(territoire.code) or de(territoire.nom)
    return nom


def quantite(nombre: int | None, singulier: str, pluriel: str | None = None) -> str:
    """« 0 place », « 1 place », « 25 places » (pluriel français dès 2)."""
    n = nombre or 0
    return f"{n}\u00a0{singulier if n < 2 else (pluriel or singulier + 's')}"


def _annees(convention: Convention, montants: dict[str, str | None]) -> list[dict[str, Any]]:
    bareme = convention.dossier.appel.jeu.en_bareme()
    lignes = []
    for cle in sorted(montants, key=int):
        calcule = decimal(convention.montants_calcules.get(cle))
        negocie = decimal(montants.get(cle))
        ecart = None if calcule is None or negocie is None else negocie - calcule
        signe = "+" if ecart is not None and ecart > 0 else ""
        lignes.append(
            {
                "annee": cle,
                "calcule": calcule,
                "negocie": negocie,
                "ecart": ecart,
                "ecart_texte": "—" if ecart is None else f"{signe}{euros(ecart)}",
                "different": negocie != calcule,
                "versements": versements(negocie, bareme),
            }
        )
    return lignes


def _financements(convention: Convention) -> list[dict[str, Any]]:
    par_annee: dict[int, list] = defaultdict(list)
    for ligne in convention.cofinancements.select_related("organisation"):
        par_annee[ligne.annee].append(ligne)
    return [
        {"annee": str(a), "lignes": lignes, "total": sum((x.montant for x in lignes), Decimal(0))}
        for a, lignes in sorted(par_annee.items())
    ]


def _detail(calcul: CalculConvention) -> list[dict[str, Any]]:
    """Le détail du prorata : par exercice et par forme, logements captés, montant des places
    demandées, montant des places retenues."""
    return [
        {"annee": str(a.annee), "mode": ligne.mode.libelle, "ligne": ligne}
        for a in calcul.annees
        for ligne in a.lignes
    ]


#: Statuts dont le nom est féminin : « l'association …, représentée par … ».
_STATUTS_FEMININS = {
    StatutJuridique.ASSOCIATION,
    StatutJuridique.FONDATION,
    StatutJuridique.SCIC,
    StatutJuridique.SOCIETE,
    StatutJuridique.AUTRE_PERSONNE_MORALE,
}


def represente_par(statut: StatutJuridique | None) -> str:
    """« représentée par » (association, fondation, société…), « représenté par » (GIP,
    établissement public…) ; statut inconnu : « ayant pour représentant légal »."""
    if statut is None:
        return "ayant pour représentant légal"
    return "représentée par" if statut in _STATUTS_FEMININS else "représenté par"


def _parties(convention: Convention) -> dict[str, Any]:
    dossier = convention.dossier
    appel = dossier.appel
    service = avec_article(appel.service.nom)
    return {
        "service_article": service,
        "de_service": de(service),
        "du_territoire": du_territoire(appel.territoire),
        "siret": siret(dossier.operateur.siret),
    }


def _places(convention: Convention, version) -> dict[str, Any]:
    decision = getattr(convention.dossier, "decision", None)
    budget = (version.chiffres.get("budget") if version else None) or {}
    places = budget.get("places") or {}
    mg = decision.places_mg if decision else places.get(Mode.MANDAT_GESTION.value)
    sl = decision.places_sl if decision else places.get(Mode.SOUS_LOCATION.value)
    return {
        "places_mg": mg,
        "places_sl": sl,
        "texte_places_mg": quantite(mg, "place"),
        "texte_places_sl": quantite(sl, "place"),
        "texte_places": quantite((mg or 0) + (sl or 0), "place"),
    }


def contexte_convention(
    convention: Convention, montants: dict[str, str | None] | None = None
) -> dict[str, Any]:
    dossier = convention.dossier
    appel = dossier.appel
    calcul = calculer_convention(dossier)
    source = source_dossier(dossier, calcul.version_numero)
    annees = _annees(convention, montants or convention.montants_negocies)
    bareme = appel.jeu.en_bareme()
    return {
        "programme_etat": PROGRAMME_177,
        "convention": convention,
        "dossier": dossier,
        "appel": appel,
        "parametres_appel": bareme.appel,
        "service": appel.service,
        "territoire": appel.territoire,
        "operateur": dossier.operateur,
        "porteur": source.lu.porteur,
        "represente_par": represente_par(source.lu.porteur.statut if source.lu.porteur else None),
        "version": source.version,
        "decision": getattr(dossier, "decision", None),
        **_parties(convention),
        **_places(convention, source.version),
        "accompagnement_interne": any(
            a is not None and a.modalite is ModaliteAccompagnement.INTERNE
            for a in source.lu.services.accompagnement.values()
        ),
        "annees": annees,
        "premiere_annee": annees[0]["annee"] if annees else "",
        "derniere_annee": annees[-1]["annee"] if annees else "",
        "ecart": any(a["different"] for a in annees),
        "avance_pct": bareme.convention_avance_pct,
        "calcul": calcul,
        "detail": _detail(calcul),
        "financements": _financements(convention),
        "avenants": list(convention.avenants.filter(date_signature__isnull=False)),
        **_annexes(source),
        "edite_le": timezone.localdate(),
    }


def _annexes(source) -> dict[str, Any]:
    """Annexes 1b (budget), 2 et 3 (échéanciers) de la version retenue, pour le gabarit."""
    budget, annexe2, annexe3 = feuilles_annexes(source)
    return {
        "annexe_budget": budget.en_html(),
        "annexe2": annexe2.en_html(),
        "annexe3": annexe3.en_html(),
    }


def html_convention(convention: Convention) -> str:
    return render_to_string("appels/pdf/convention.html", contexte_convention(convention))


def contexte_avenant(avenant: AvenantConvention) -> dict[str, Any]:
    """L'avenant : la convention, la version qu'il modifie et ses nouveaux montants."""
    convention = avenant.convention
    precedents = convention.avenants.filter(numero__lt=avenant.numero, date_signature__isnull=False)
    anterieure = precedents.order_by("-numero").first()
    montants_avant = anterieure.montants if anterieure else convention.montants_negocies
    contexte = contexte_convention(convention, avenant.montants)
    contexte["avant"] = {a["annee"]: a["negocie"] for a in _annees(convention, montants_avant)}
    for a in contexte["annees"]:
        a["avant"] = contexte["avant"].get(a["annee"])
    contexte |= {
        "avenant": avenant,
        "anterieure": anterieure,
        "en_vigueur": version_en_vigueur(convention),
    }
    return contexte


def html_avenant(avenant: AvenantConvention) -> str:
    return render_to_string("appels/pdf/avenant.html", contexte_avenant(avenant))
