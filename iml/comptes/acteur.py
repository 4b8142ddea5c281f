"""L'acteur : qui agit, pour quelle organisation, avec quel rôle, sur quel territoire."""

from __future__ import annotations

from dataclasses import dataclass

from iml.comptes.enums import NiveauTerritoire, Role, TypeOrganisation
from iml.comptes.models import Adhesion, Organisation, Territoire, Utilisateur


@dataclass(frozen=True)
class Acteur:
    utilisateur: Utilisateur
    adhesion: Adhesion | None

    @property
    def organisation(self) -> Organisation | None:
        return self.adhesion.organisation if self.adhesion else None

    @property
    def type(self) -> str | None:
        return self.organisation.type if self.organisation else None

    @property
    def role(self) -> str | None:
        return self.adhesion.role if self.adhesion else None

    @property
    def territoire(self) -> Territoire | None:
        return self.organisation.territoire if self.organisation else None

    @property
    def est_administrateur(self) -> bool:
        return bool(self.utilisateur.is_superuser)

    @property
    def agit_pour_la_plateforme(self) -> bool:
        """L'administrateur de la plateforme sans adhésion choisie : il agit pour la
        plateforme (tout le périmètre), pas pour une organisation."""
        return self.est_administrateur and self.adhesion is None

    @property
    def est_etat(self) -> bool:
        return self.type == TypeOrganisation.ETAT

    @property
    def est_etat_regional(self) -> bool:
        return (
            self.est_etat
            and self.territoire is not None
            and (self.territoire.niveau == NiveauTerritoire.REGION)
        )

    @property
    def est_operateur(self) -> bool:
        return self.type == TypeOrganisation.OPERATEUR

    @property
    def est_siao(self) -> bool:
        return self.type == TypeOrganisation.SIAO

    @property
    def est_cofinanceur(self) -> bool:
        return self.type == TypeOrganisation.COFINANCEUR

    @property
    def libelle_role(self) -> str:
        if self.adhesion:
            return Role(self.adhesion.role).label
        return "Administrateur de la plateforme" if self.est_administrateur else ""


SESSION_ADHESION = "iml_adhesion_id"


def adhesions_actives(utilisateur: Utilisateur):
    return (
        Adhesion.objects.filter(utilisateur=utilisateur, actif=True, organisation__active=True)
        .select_related("organisation__territoire__region")
        .order_by("organisation__nom")
    )


def acteur_pour(utilisateur: Utilisateur, adhesion_id: int | None) -> Acteur:
    """L'adhésion choisie en session si elle est encore active, sinon la première."""
    adhesions = list(adhesions_actives(utilisateur))
    choisie = next((a for a in adhesions if a.pk == adhesion_id), None)
    if choisie is None and adhesions:
        choisie = adhesions[0]
    return Acteur(utilisateur=utilisateur, adhesion=choisie)
