"""Admission d'un ménage généré : le contrôle pur (`regles.admission.controler_admission`)
sur la demande que le service construirait, ressources relevées tant qu'il bloque, puis le
contrôle figé comme `services.admission` l'écrit (constats, chiffres, code et version du
barème, aide retenue)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from iml.comptes.models import Utilisateur
from iml.generateur.menages import LotMenages, MenageGenere, menage_de
from iml.generateur.parc import Contexte, instant
from iml.occupations.enums import SourceAide
from iml.occupations.models import ControleAdmission, Occupation
from iml.occupations.services.preparation import chiffres_figes, constat_aide
from iml.parc.models import Logement
from regles.admission import DemandeAdmission, ResultatAdmission, controler_admission
from regles.bareme import Bareme
from regles.constats import trier
from regles.types import Categorie, Mode, SuiteParcours, Typologie

ESSAIS_RESSOURCES = (Decimal("1"), Decimal("1.5"), Decimal("3"), Decimal("6"))


@dataclass(frozen=True)
class ContexteOccupations:
    parc: Contexte
    bareme: Bareme
    jour_appel: int

    @property
    def aujourd_hui(self) -> date:
        return self.parc.aujourd_hui


def _demande(logement: Logement, mg: MenageGenere, suite: str) -> DemandeAdmission:
    m = mg.menage
    mensuel = tarif_logement(logement)
    return DemandeAdmission(
        mode=Mode(logement.forme),
        bail_glissant=suite == SuiteParcours.BAIL_GLISSANT,
        typologie=Typologie(logement.typologie),
        capacite_logement=logement.capacite,
        personnes=mg.personnes,
        loyer=mensuel[0],
        charges=mensuel[1],
        aide_logement=mg.aide_logement or Decimal("0.00"),
        ressources=mg.ressources,
        categorie=Categorie(m.categorie),
        public_specialise=m.public_specialise or None,
        categorie_financee=None,
        convention=False,
        suite_parcours=SuiteParcours(suite) if suite else None,
    )


def tarif_logement(logement: Logement) -> tuple[Decimal, Decimal]:
    loyer = logement.redevance if logement.forme == Mode.SOUS_LOCATION else logement.loyer
    assert loyer is not None and logement.charges is not None
    return loyer, logement.charges


def controle_fige(
    rng: random.Random,
    occupation: Occupation,
    resultat: ResultatAdmission,
    mg: MenageGenere,
    ctx: ContexteOccupations,
    par: Utilisateur,
) -> ControleAdmission:
    """Le contrôle figé, comme `services.admission` l'écrit (constats, chiffres, barème)."""
    source = SourceAide.REELLE if mg.aide_logement is not None else SourceAide.AUCUNE
    aide = mg.aide_logement if mg.aide_logement is not None else Decimal("0.00")
    return ControleAdmission(
        occupation=occupation,
        constats=[
            c.as_dict()
            for c in trier([*resultat.constats, constat_aide(occupation.forme, mg.aide_logement)])
        ],
        chiffres=chiffres_figes(resultat.effort, mg.ressources, aide),
        bareme_code=ctx.bareme.bareme_id,
        bareme_version=ctx.bareme.version,
        source_aide=source,
        fait_le=instant(occupation.date_entree, rng),
        fait_par=par,
    )


def admis(
    rng: random.Random,
    ctx: ContexteOccupations,
    logement: Logement,
    par: Utilisateur,
    rang: int,
    entree: date,
    suite: str,
) -> tuple[MenageGenere, LotMenages, ResultatAdmission]:
    """Un ménage que le contrôle d'admission laisse entrer (ressources relevées sinon)."""
    loyer, charges = tarif_logement(logement)
    for facteur in ESSAIS_RESSOURCES:
        mg, lot = menage_de(
            rng,
            logement.operateur,
            par,
            rang,
            entree,
            ctx.aujourd_hui,
            logement.capacite,
            loyer + charges,
            logement.forme,
            facteur,
        )
        resultat = controler_admission(_demande(logement, mg, suite), ctx.bareme)
        if not resultat.bloquant:
            break
    return mg, lot, resultat
