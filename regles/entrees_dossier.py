"""Lecture du dossier de candidature JSON (verbe `conformite`, API) en `Dossier` (R-DOSSIER).

Presque tout est facultatif : une pièce absente n'est pas une entrée invalide mais un dossier
incomplet, que `regles.completude` signale par une erreur R-DOSSIER. Sont invalides (exception
`EntreeInvalide`) : un type faux, une valeur hors liste, une clé inconnue.
"""

from __future__ import annotations

from collections.abc import Mapping

from regles import conversion as cv
from regles.dispositifs import Financement
from regles.dossier import Dossier, Engagements, Partenariat, Porteur, Representant
from regles.eligibilite import Validite
from regles.entrees import choix_ou_none, entree, lignes_echeancier, montant, services, validite
from regles.formes import ParcSocial
from regles.types import (
    Agrement,
    Categorie,
    Financeur,
    Partenaire,
    PublicPrioritaire,
    Service,
    StatutJuridique,
    SuiteParcours,
    Zone,
)

CLES_DOSSIER = {
    "$schema",
    "bareme",
    "date_depot",
    "porteur",
    "realisations",
    "experience",
    "agrements",
    "zone",
    "publics",
    "attention_sante",
    "categorie",
    "public_specialise",
    "zone_marche",
    "parc_social",
    "logements",
    "places",
    "services",
    "modalites_accompagnement",
    "financements",
    "engagements",
    "partenariats",
    "engagement_siao",
    "evaluation",
    "regulation",
}


def _objet(
    obj: Mapping[str, object], cle: str, chemin: str, permises: set[str]
) -> Mapping[str, object]:
    c = cv.sous(chemin, cle)
    sous_objet = cv.objet(obj.get(cle) or {}, c)
    cv.cles(sous_objet, c, requises=set(), permises=permises)
    return sous_objet


def _texte(obj: Mapping[str, object], cle: str, chemin: str = "") -> str | None:
    return cv.texte_ou_none(obj.get(cle), cv.sous(chemin, cle))


def _porteur(obj: Mapping[str, object]) -> Porteur:
    cles = {"nom", "siret", "statut", "representant", "adresse", "courriel", "telephone"}
    p = _objet(obj, "porteur", "", cles)
    r = (
        _objet(p, "representant", "porteur", {"nom", "prenom", "qualite"})
        if p.get("representant")
        else None
    )
    return Porteur(
        nom=_texte(p, "nom", "porteur"),
        siret=_texte(p, "siret", "porteur"),
        statut=choix_ou_none(StatutJuridique, p, "statut", "porteur"),
        representant=None
        if r is None
        else Representant(
            _texte(r, "nom", "porteur.representant"),
            _texte(r, "prenom", "porteur.representant"),
            _texte(r, "qualite", "porteur.representant"),
        ),
        adresse=_texte(p, "adresse", "porteur"),
        courriel=_texte(p, "courriel", "porteur"),
        telephone=_texte(p, "telephone", "porteur"),
    )


def _agrements(obj: Mapping[str, object]) -> dict[Agrement, Validite]:
    brut = cv.table(Agrement, obj.get("agrements") or {}, "agrements", complete=False)
    resultat = {}
    for qui, v in brut.items():
        periode = validite(v, f"agrements.{qui.value}")
        if periode is not None:
            resultat[qui] = periode
    return resultat


def _financements(obj: Mapping[str, object]) -> tuple[Financement, ...]:
    resultat = []
    for i, x in enumerate(cv.liste(obj.get("financements") or [], "financements")):
        c = cv.indice("financements", i)
        f = cv.objet(x, c)
        cv.cles(f, c, requises={"financeur"}, permises={"service", "montant"})
        resultat.append(
            Financement(
                cv.choix(Financeur, f["financeur"], cv.sous(c, "financeur")),
                montant(f, "montant", c),
                choix_ou_none(Service, f, "service", c),
            )
        )
    return tuple(resultat)


def _engagements(obj: Mapping[str, object]) -> Engagements:
    cles = {
        "sl_duree_mois",
        "sl_renouvellements_max",
        "suite_parcours",
        "bail_glissant",
        "mg_duree_financement_mois",
    }
    e = _objet(obj, "engagements", "", cles)
    c = "engagements"
    suites = cv.liste(e.get("suite_parcours") or [], f"{c}.suite_parcours")
    return Engagements(
        sl_duree_mois=cv.entier_ou_none(e.get("sl_duree_mois"), f"{c}.sl_duree_mois", minimum=1),
        sl_renouvellements_max=cv.entier_ou_none(
            e.get("sl_renouvellements_max"), f"{c}.sl_renouvellements_max", minimum=0
        ),
        suite_parcours=tuple(
            cv.choix(SuiteParcours, s, f"{c}.suite_parcours[{i}]") for i, s in enumerate(suites)
        ),
        bail_glissant=cv.booleen(e.get("bail_glissant", False), f"{c}.bail_glissant"),
        mg_duree_financement_mois=cv.entier_ou_none(
            e.get("mg_duree_financement_mois"), f"{c}.mg_duree_financement_mois", minimum=1
        ),
    )


def _parc_social(obj: Mapping[str, object]) -> ParcSocial | None:
    if obj.get("parc_social") is None:
        return None
    p = _objet(obj, "parc_social", "", {"logements", "motif", "date_fin"})
    return ParcSocial(
        logements=cv.entier(p.get("logements", 0), "parc_social.logements", minimum=0),
        motif=_texte(p, "motif", "parc_social"),
        date_fin=cv.jour_ou_none(p.get("date_fin"), "parc_social.date_fin"),
    )


def _partenariats(obj: Mapping[str, object]) -> tuple[Partenariat, ...]:
    resultat = []
    for i, x in enumerate(cv.liste(obj.get("partenariats") or [], "partenariats")):
        c = cv.indice("partenariats", i)
        p = cv.objet(x, c)
        cv.cles(p, c, requises={"type", "nom"}, permises=set())
        resultat.append(
            Partenariat(
                cv.choix(Partenaire, p["type"], cv.sous(c, "type")),
                cv.texte(p["nom"], cv.sous(c, "nom")),
            )
        )
    return tuple(resultat)


def _liste_textes(obj: Mapping[str, object], cle: str) -> tuple[str, ...]:
    items = cv.liste(obj.get(cle) or [], cle)
    return tuple(t for i, x in enumerate(items) if (t := cv.texte(x, cv.indice(cle, i))))


@entree
def lire_dossier(data: object, nombre_trimestres: int | None = None) -> Dossier:
    """Dossier JSON → `Dossier` ; `nombre_trimestres` impose la longueur des annexes 2 et 3."""
    obj = cv.objet(data, "")
    cv.cles(obj, "", requises=set(), permises=CLES_DOSSIER)
    publics = cv.liste(obj.get("publics") or [], "publics")
    siao = obj.get("engagement_siao")
    return Dossier(
        porteur=_porteur(obj),
        date_depot=cv.jour_ou_none(obj.get("date_depot"), "date_depot"),
        bareme=_texte(obj, "bareme"),
        realisations=_texte(obj, "realisations"),
        experience=_texte(obj, "experience"),
        agrements=_agrements(obj),
        zone=_liste_textes(obj, "zone"),
        publics=tuple(
            cv.choix(PublicPrioritaire, p, cv.indice("publics", i)) for i, p in enumerate(publics)
        ),
        attention_sante=cv.booleen(obj.get("attention_sante", False), "attention_sante"),
        categorie=choix_ou_none(Categorie, obj, "categorie", ""),
        public_specialise=_texte(obj, "public_specialise"),
        zone_marche=choix_ou_none(Zone, obj, "zone_marche", ""),
        logements=lignes_echeancier(obj.get("logements"), "logements", nombre_trimestres),
        places=lignes_echeancier(obj.get("places"), "places", nombre_trimestres),
        services=services(obj.get("services")),
        modalites_accompagnement=_texte(obj, "modalites_accompagnement"),
        financements=_financements(obj),
        engagements=_engagements(obj),
        parc_social=_parc_social(obj),
        partenariats=_partenariats(obj),
        engagement_siao=None if siao is None else cv.booleen(siao, "engagement_siao"),
        evaluation=_texte(obj, "evaluation"),
        regulation=_texte(obj, "regulation"),
    )
