"""Délivre un jeton d'accès à l'API pour un compte (commande d'administrateur)."""

from django.core.management.base import BaseCommand, CommandError

from iml.api.auth import duree_jeton, emettre_jeton
from iml.comptes.acteur import adhesions_actives
from iml.comptes.models import Utilisateur


class Command(BaseCommand):
    help = (
        "Affiche un jeton d'accès à l'API pour le compte ADRESSE, au nom d'une de ses "
        "organisations (--organisation SIRET ; par défaut la première de ses adhésions actives)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", metavar="ADRESSE")
        parser.add_argument("--organisation", metavar="SIRET", default=None)

    def handle(self, *args, email: str, organisation: str | None, **options) -> None:
        utilisateur = Utilisateur.objects.filter(email=email.lower(), is_active=True).first()
        if utilisateur is None:
            raise CommandError(f"Aucun compte actif pour l'adresse {email}.")
        adhesions = adhesions_actives(utilisateur)
        if organisation:
            adhesion = adhesions.filter(organisation__siret=organisation).first()
            if adhesion is None:
                raise CommandError(
                    f"{email} n'a pas d'adhésion active à l'organisation de SIRET {organisation}."
                )
        else:
            adhesion = adhesions.first()
            if adhesion is None and not utilisateur.is_superuser:
                raise CommandError(f"{email} n'a aucune adhésion active.")
        jours = duree_jeton().days
        pour = adhesion.organisation.nom if adhesion else "administration de la plateforme"
        self.stderr.write(f"Jeton pour {utilisateur.email} ({pour}), valable {jours} jours :")
        self.stdout.write(emettre_jeton(utilisateur, adhesion))
