"""Organisations et comptes générés : par département une DDETS, un SIAO et des opérateurs
(AIS et associations), par région une DREETS ; par opérateur une direction et une gestion
locative. SIRET fictifs préfixés « 99 » (clé de Luhn valide), adresses en
`@gen.iml.test`, mots de passe inutilisables sauf le compte documenté (docs/performance.md)."""

from __future__ import annotations

from dataclasses import dataclass

from auditlog.context import disable_auditlog
from django.contrib.auth.hashers import make_password

from iml.comptes.communes import du_departement
from iml.comptes.enums import Role, TypeOrganisation
from iml.comptes.models import Adhesion, Organisation, Territoire, Utilisateur
from iml.comptes.validators import cle_luhn_valide

PREFIXE_SIRET = "99"
DOMAINE = "gen.iml.test"
#: Le seul compte généré qui peut se connecter : gestion locative du premier opérateur.
COMPTE_DOCUMENTE = f"gestion.001.01@{DOMAINE}"
MOT_DE_PASSE_DOCUMENTE = "generateur-iml-2026"
TAILLE_LOT = 2000


@dataclass
class OperateurGenere:
    organisation: Organisation
    departement: Territoire
    gestionnaire: Utilisateur
    rang: int


def siret(genre: int, territoire: int, rang: int) -> str:
    """SIRET fictif valide (Luhn) : 99, genre, rang du territoire, rang, puis la clé."""
    base = f"{PREFIXE_SIRET}{genre}{territoire:03d}{rang:04d}000"
    return next(base + str(c) for c in range(10) if cle_luhn_valide(base + str(c)))


def _organisations_du_departement(rang: int, dept: Territoire, operateurs: int) -> list:
    de = du_departement(dept.code) or f"du {dept.code}"
    orgs = [
        Organisation(type=TypeOrganisation.ETAT, nom=f"DDETS {de} (générée)",
                     siret=siret(1, rang, 0), territoire=dept),
        Organisation(type=TypeOrganisation.SIAO, nom=f"SIAO {dept.code} (généré)",
                     siret=siret(2, rang, 0), territoire=dept),
    ]  # fmt: skip
    for i in range(1, operateurs + 1):
        genre = "AIS" if i % 2 else "Association logement"
        orgs.append(
            Organisation(type=TypeOrganisation.OPERATEUR, nom=f"{genre} {i:02d} {de}",
                         siret=siret(3, rang, i), territoire=dept)
        )  # fmt: skip
    return orgs


def _regions(departements: list[Territoire]) -> list[Organisation]:
    regions = sorted({d.region for d in departements if d.region}, key=lambda r: r.code)
    return [
        Organisation(type=TypeOrganisation.ETAT, nom=f"DREETS {r.nom} (générée)",
                     siret=siret(4, int(r.code), 0), territoire=r)
        for r in regions
    ]  # fmt: skip


def _compte(role: str, dept_rang: int, i: int, mot_de_passe: str) -> Utilisateur:
    prefixe = "direction" if role == Role.DIRECTION else "gestion"
    return Utilisateur(
        email=f"{prefixe}.{dept_rang:03d}.{i:02d}@{DOMAINE}",
        first_name="Direction" if role == Role.DIRECTION else "Gestion",
        last_name=f"Opérateur {dept_rang:03d}-{i:02d}",
        password=mot_de_passe,
    )


def creer_organisations(departements: list[Territoire], operateurs: int) -> list[OperateurGenere]:
    """Crée organisations, comptes et adhésions (insertions groupées) ; renvoie les
    opérateurs avec leur gestion locative, dans un ordre stable."""
    orgs = _regions(departements)
    for rang, dept in enumerate(departements, 1):
        orgs.extend(_organisations_du_departement(rang, dept, operateurs))
    Organisation.objects.bulk_create(orgs, batch_size=TAILLE_LOT)
    inutilisable = make_password(None)
    generes, comptes, adhesions = [], [], []
    rangs = {d.pk: r for r, d in enumerate(departements, 1)}
    for org in (o for o in orgs if o.type == TypeOrganisation.OPERATEUR):
        r, i = rangs[org.territoire_id], int(org.siret[6:10])
        mdp = {Role.DIRECTION: inutilisable, Role.GESTIONNAIRE_LOCATIF: inutilisable}
        if r == 1 and i == 1:
            mdp[Role.GESTIONNAIRE_LOCATIF] = make_password(MOT_DE_PASSE_DOCUMENTE)
        for role, mot_de_passe in mdp.items():
            compte = _compte(role, r, i, mot_de_passe)
            comptes.append(compte)
            adhesions.append(Adhesion(utilisateur=compte, organisation=org, role=role))
        generes.append(OperateurGenere(org, org.territoire, comptes[-1], i))
    Utilisateur.objects.bulk_create(comptes, batch_size=TAILLE_LOT)
    Adhesion.objects.bulk_create(adhesions, batch_size=TAILLE_LOT)
    return generes


def vider_generees() -> int:
    """Supprime ce que le générateur a créé (orientations, accompagnement, ménages, occupations
    et leurs comptes, parc, comptes, organisations « 99… ») ; renvoie le
    nombre d'organisations supprimées. La démonstration et les autres données restent. Ces
    données fictives, insérées sans journal, sont supprimées sans journal d'audit (une ligne
    par bailleur rendait la suppression de l'échelle nationale très longue)."""
    from iml.generateur.accompagnement import vider as vider_accompagnement
    from iml.generateur.occupations import vider
    from iml.generateur.orientations import vider as vider_orientations
    from iml.parc.models import Bailleur, ContratBailleur, Logement, Prospect

    orgs = Organisation.objects.filter(siret__startswith=PREFIXE_SIRET)
    with disable_auditlog():
        vider_orientations(orgs)
        vider_accompagnement(orgs)
        vider(orgs)
        Prospect.objects.filter(operateur__in=orgs).delete()
        ContratBailleur.objects.filter(logement__operateur__in=orgs).delete()
        Logement.objects.filter(operateur__in=orgs).delete()
        Bailleur.objects.filter(operateur__in=orgs).delete()
        Utilisateur.objects.filter(email__endswith=f"@{DOMAINE}").delete()
        nombre = orgs.count()
        orgs.delete()
    return nombre
