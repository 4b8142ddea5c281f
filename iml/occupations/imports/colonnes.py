"""Les colonnes du fichier d'import des ménages : nom, libellé (en-tête du modèle, et nom de la
colonne dans les erreurs), description, exemple. Les en-têtes se reconnaissent sans égard à la
casse, aux accents ni aux espaces, sous leur nom ou leur libellé."""

from __future__ import annotations

from dataclasses import dataclass

from iml.parc.imports.colonnes import normaliser_entete


@dataclass(frozen=True)
class Colonne:
    nom: str
    libelle: str
    description: str
    exemple: str
    requise: bool = False

    @property
    def dans_une_phrase(self) -> str:
        """« date d'entrée », « RSA » : le libellé au fil d'une phrase d'erreur."""
        if self.libelle[:2].isupper():
            return self.libelle
        return self.libelle[:1].lower() + self.libelle[1:]


COLONNES: tuple[Colonne, ...] = (
    Colonne("reference", "Référence", "Votre référence du ménage (clé de l'import : un second "
            "import met à jour l'identité, sans rien changer d'autre)", "M-2024-0012", True),
    Colonne("nom", "Nom", "Nom de la personne de référence", "Diallo", True),
    Colonne("prenom", "Prénom", "Prénom de la personne de référence", "Awa", True),
    Colonne("date_naissance", "Date de naissance", "De la personne de référence : 17/05/1990 "
            "ou 1990-05-17", "17/05/1990", True),
    Colonne("categorie", "Catégorie", "IML classique, spécialisée ou psy", "classique"),
    Colonne("public_specialise", "Public spécialisé", "Pour une IML spécialisée : jeunes, "
            "sortants d'ASE, victimes de violences, autre public…", ""),
    Colonne("situation_avant", "Situation avant", "hébergement, hôtel, sans abri, tiers, "
            "expulsion, rupture familiale, logement indigne ou autre", "hébergement"),
    Colonne("membres", "Membres", "Les autres membres, lien et année de naissance, séparés "
            "par « ; » (conjoint, enfant, parent, autre)", "enfant 2016 ; conjoint 1985"),
    Colonne("salaires", "Salaires", "Salaires et revenus d'activité, € par mois", "1100"),
    Colonne("rsa", "RSA", "€ par mois", ""),
    Colonne("aah", "AAH", "€ par mois", ""),
    Colonne("prestations_familiales", "Prestations familiales", "€ par mois", "250"),
    Colonne("aide_logement", "Aide au logement", "€ par mois (vide : non connue)", ""),
    Colonne("autres_ressources", "Autres ressources", "€ par mois", ""),
    Colonne("ressources_connues_le", "Ressources connues le", "Date des montants (requise "
            "quand une ressource est donnée)", "01/09/2025"),
    Colonne("referent", "Référent", "Adresse électronique d'un travailleur social de votre "
            "organisation", ""),
    Colonne("orientation_siao_reference", "Orientation SIAO", "Référence de l'orientation "
            "par le SIAO", "SIAO-35-2024-118"),
    Colonne("orientation_siao_le", "Orientation SIAO le", "Date de l'orientation",
            "12/03/2024"),
    Colonne("reference_logement", "Référence du logement", "Occupation en cours : votre "
            "référence du logement (vide : pas d'occupation en cours)", "LOG-0001"),
    Colonne("forme", "Forme", "mandat de gestion ou sous-location (vide : celle du logement)",
            "mandat de gestion"),
    Colonne("date_entree", "Date d'entrée", "Date d'entrée dans le logement (requise avec "
            "un logement)", "01/04/2025"),
    Colonne("loyer", "Loyer ou redevance", "€ par mois, hors charges (requis avec un "
            "logement)", "520"),
    Colonne("charges", "Charges", "€ par mois (requises avec un logement ; 0 s'il n'y en "
            "a pas)", "40"),
    Colonne("suite_parcours", "Suite du parcours", "glissement de bail, relogement social, "
            "relogement privé ou procédure prioritaire", "relogement social"),
    Colonne("renouvellements", "Renouvellements déjà faits", "Sous-location : 0, 1 ou 2 "
            "(vide : 0)", ""),
)  # fmt: skip

NOMS = tuple(c.nom for c in COLONNES)
PAR_NOM = {c.nom: c for c in COLONNES}
REQUISES = tuple(c.nom for c in COLONNES if c.requise)
ALIAS = {normaliser_entete(c.libelle): c.nom for c in COLONNES} | {
    "orientation_siao_date": "orientation_siao_le",
    "renouvellements_deja_faits": "renouvellements",
    "loyer_ou_redevance": "loyer",
    "redevance": "loyer",
}
COLONNES_OCCUPATION = ("reference_logement", "forme", "date_entree", "loyer", "charges",
                       "suite_parcours", "renouvellements")  # fmt: skip


def dans_une_phrase(nom: str | None) -> str | None:
    colonne = PAR_NOM.get(nom or "")
    return colonne.dans_une_phrase if colonne else None
