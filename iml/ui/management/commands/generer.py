"""iml generer : données synthétiques à l'échelle d'un département, d'une région ou du pays
(docs/performance.md)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from iml.generateur.echelles import ECHELLES
from iml.generateur.moteur import GenerationImpossible, generer, octets_fr
from iml.generateur.organisations import COMPTE_DOCUMENTE, MOT_DE_PASSE_DOCUMENTE
from iml.parc.parametres import ParametresParcAbsents
from regles.format import nombre


class Command(BaseCommand):
    help = (
        "Génère des organisations, des comptes et le parc de leurs opérateurs (déterministe "
        "pour une graine donnée) ; affiche la durée et la taille de la base."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--echelle", choices=sorted(ECHELLES), default="departement",
                            help="département (35), région (Bretagne) ou national")  # fmt: skip
        parser.add_argument("--graine", type=int, default=1, help="graine du tirage (1)")
        parser.add_argument(
            "--base-vide", action="store_true",
            help="supprime d'abord les données générées précédemment (pas la démonstration)",
        )  # fmt: skip

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not getattr(settings, "IML_DEMO", False):
            raise CommandError(
                "iml generer est refusé avec les réglages de production : il crée des "
                "organisations et des comptes fictifs et, avec --base-vide, supprime des "
                "données sans les journaliser. Lancez-le sur une base de mesure (réglages de "
                "développement ou de test)."
            )
        echelle = ECHELLES[options["echelle"]]
        try:
            bilan = generer(
                echelle, options["graine"], timezone.localdate(),
                base_vide=options["base_vide"], sortie=self.stderr._out,
            )  # fmt: skip
        except (GenerationImpossible, ParametresParcAbsents) as refus:
            raise CommandError(str(refus)) from refus
        for nom, n in bilan.lignes.items():
            self.stdout.write(f"  {nom} : {nombre(n)}")
        self.stdout.write(
            f"Échelle « {echelle.nom} », graine {options['graine']} : générée en "
            f"{nombre(Decimal(str(round(bilan.duree_s, 1))))}\u00a0s ; taille de la base : "
            f"{octets_fr(bilan.taille_octets)}."
        )
        self.stdout.write(
            f"Compte de connexion : {COMPTE_DOCUMENTE} (mot de passe : {MOT_DE_PASSE_DOCUMENTE})."
        )
