"""Distribution fixe de la démonstration : organisations et personas nommés."""

from __future__ import annotations

from dataclasses import dataclass

from django_otp.plugins.otp_totp.models import TOTPDevice

from iml.comptes.enums import NiveauTerritoire, Role, TypeOrganisation
from iml.comptes.models import Organisation, Territoire, Utilisateur
from iml.comptes.services import creer_ou_mettre_a_jour_utilisateur, rattacher

MOT_DE_PASSE_DEMO = "demo-iml-2026!"
#: Clé TOTP fixe des comptes de démonstration (hexadécimal, 20 octets) : jamais en production.
CLE_TOTP_DEMO = "3132333435363738393031323334353637383930"
NOM_APPAREIL_DEMO = "Démonstration"


@dataclass(frozen=True)
class OrganisationDemo:
    cle: str
    type: str
    nom: str
    siret: str
    territoire: str
    niveau: str = NiveauTerritoire.DEPARTEMENT


@dataclass(frozen=True)
class PersonaDemo:
    email: str
    prenom: str
    nom: str
    adhesions: tuple[tuple[str, str], ...]
    administrateur: bool = False


ORGANISATIONS = (
    OrganisationDemo(
        "ddets35", TypeOrganisation.ETAT, "DDETS d'Ille-et-Vilaine", "13000000000005", "35"
    ),
    OrganisationDemo(
        "dreets_na",
        TypeOrganisation.ETAT,
        "DREETS Nouvelle-Aquitaine",
        "13000000000013",
        "75",
        NiveauTerritoire.REGION,
    ),
    OrganisationDemo("siao35", TypeOrganisation.SIAO, "SIAO 35", "41000000000027", "35"),
    OrganisationDemo(
        "ais35", TypeOrganisation.OPERATEUR, "AIS Rennes Habitat Solidaire", "42000000000034", "35"
    ),
    OrganisationDemo(
        "relais35",
        TypeOrganisation.OPERATEUR,
        "Association Le Relais Logement 35",
        "43000000000041",
        "35",
    ),
    OrganisationDemo(
        "toit35",
        TypeOrganisation.OPERATEUR,
        "Association Toit Partagé 35",
        "45000000000064",
        "35",
    ),
    OrganisationDemo(
        "cd35",
        TypeOrganisation.COFINANCEUR,
        "Conseil départemental d'Ille-et-Vilaine",
        "22350001800013",
        "35",
    ),
    OrganisationDemo(
        "solidarite33",
        TypeOrganisation.OPERATEUR,
        "Solidarité Logement Gironde",
        "44000000000057",
        "33",
    ),
)

PERSONAS = (
    PersonaDemo(
        "claire.moreau@ddets35.demo", "Claire", "Moreau", (("ddets35", Role.AGENT_INSTRUCTEUR),)
    ),
    PersonaDemo("yves.le-gall@ddets35.demo", "Yves", "Le Gall", (("ddets35", Role.RESPONSABLE),)),
    PersonaDemo(
        "paul.lefevre@dreets-na.demo", "Paul", "Lefèvre", (("dreets_na", Role.AGENT_INSTRUCTEUR),)
    ),
    PersonaDemo("sophie.durand@siao35.demo", "Sophie", "Durand", (("siao35", Role.COORDINATION),)),
    PersonaDemo("marc.bernard@ais35.demo", "Marc", "Bernard", (("ais35", Role.DIRECTION),)),
    PersonaDemo(
        "julie.petit@ais35.demo", "Julie", "Petit", (("ais35", Role.GESTIONNAIRE_LOCATIF),)
    ),
    PersonaDemo(
        "nadia.roux@ais35.demo",
        "Nadia",
        "Roux",
        (("ais35", Role.TRAVAILLEUR_SOCIAL), ("relais35", Role.TRAVAILLEUR_SOCIAL)),
    ),
    PersonaDemo(
        "helene.garnier@relais35.demo", "Hélène", "Garnier", (("relais35", Role.DIRECTION),)
    ),
    PersonaDemo(
        "thomas.faure@relais35.demo", "Thomas", "Faure", (("relais35", Role.GESTIONNAIRE_LOCATIF),)
    ),
    PersonaDemo(
        "ines.blanc@relais35.demo", "Inès", "Blanc", (("relais35", Role.TRAVAILLEUR_SOCIAL),)
    ),
    PersonaDemo("gaelle.le-bihan@toit35.demo", "Gaëlle", "Le Bihan", (("toit35", Role.DIRECTION),)),
    PersonaDemo("anne.girard@cd35.demo", "Anne", "Girard", (("cd35", Role.CHARGE_DE_MISSION),)),
    PersonaDemo(
        "louis.martin@solidarite33.demo", "Louis", "Martin", (("solidarite33", Role.DIRECTION),)
    ),
    PersonaDemo("admin@iml.demo", "Alice", "Admin", (), administrateur=True),
)


def charger_comptes() -> dict[str, Organisation]:
    """Crée ou met à jour organisations, comptes et adhésions de la démonstration."""
    organisations = {}
    for o in ORGANISATIONS:
        territoire = Territoire.objects.get(niveau=o.niveau, code=o.territoire)
        organisations[o.cle], _ = Organisation.objects.update_or_create(
            siret=o.siret,
            defaults={"type": o.type, "nom": o.nom, "territoire": territoire, "active": True},
        )
    for p in PERSONAS:
        utilisateur = creer_ou_mettre_a_jour_utilisateur(
            email=p.email,
            prenom=p.prenom,
            nom=p.nom,
            mot_de_passe=MOT_DE_PASSE_DEMO,
            administrateur=p.administrateur,
        )
        _remettre_adhesions(utilisateur, [(organisations[cle], role) for cle, role in p.adhesions])
        # Un second facteur enrôlé pendant la démonstration est retiré : seul celui de la
        # démonstration reste, pour les comptes qui en exigent un.
        TOTPDevice.objects.filter(user=utilisateur).exclude(name=NOM_APPAREIL_DEMO).delete()
        if utilisateur.doit_avoir_second_facteur:
            installer_totp_demo(utilisateur)
        else:
            TOTPDevice.objects.filter(user=utilisateur).delete()
    return organisations


def _remettre_adhesions(
    utilisateur: Utilisateur, attendues: list[tuple[Organisation, str]]
) -> None:
    """Les adhésions du persona, exactement : celles ajoutées pendant la démonstration (autre
    organisation, autre rôle) sont supprimées."""
    for adhesion in utilisateur.adhesions.all():
        if not adhesion.actif or (adhesion.organisation, adhesion.role) not in attendues:
            adhesion.delete()
    for organisation, role in attendues:
        rattacher(utilisateur=utilisateur, organisation=organisation, role=role)


def installer_totp_demo(utilisateur: Utilisateur) -> TOTPDevice:
    appareil, _ = TOTPDevice.objects.update_or_create(
        user=utilisateur,
        name=NOM_APPAREIL_DEMO,
        defaults={"key": CLE_TOTP_DEMO, "confirmed": True},
    )
    return appareil


def lignes_personas() -> list[str]:
    lignes = []
    for p in PERSONAS:
        roles = ", ".join(f"{Role(r).label} ({cle})" for cle, r in p.adhesions)
        lignes.append(f"  {p.email:<34} {roles or 'Administrateur de la plateforme'}")
    return lignes
