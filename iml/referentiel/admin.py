from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse

from iml.referentiel.gel import message_gel, motif_gel
from iml.referentiel.models import JeuParametres
from iml.referentiel.services import cloner_jeu, nouvelle_version

CHAMPS_EDITABLES = [
    "code",
    "version",
    "niveau",
    "parent",
    "territoire",
    "libelle",
    "date_effet",
    "source",
    "sources",
    "parametres",
]


@admin.register(JeuParametres)
class JeuParametresAdmin(admin.ModelAdmin):
    list_display = ["libelle", "code", "version", "niveau", "territoire", "date_effet", "origine"]
    list_filter = ["niveau", "origine"]
    search_fields = ["code", "libelle"]
    readonly_fields = ["origine", "cree_le", "modifie_le"]
    actions = ["cloner", "creer_nouvelle_version"]

    def get_readonly_fields(self, request, obj=None):
        champs = list(super().get_readonly_fields(request, obj))
        if obj is not None and motif_gel(obj):
            # Un jeu qui a servi est figé (ADR 0002) : on en crée une nouvelle version.
            return champs + CHAMPS_EDITABLES
        if obj is not None and obj.origine == "FICHIER":
            # Un jeu chargé d'un fichier est figé : on le clone pour l'adapter.
            champs += ["code", "version", "niveau", "parent", "territoire", "parametres"]
        return champs

    def change_view(self, request, object_id, form_url="", extra_context=None):
        jeu = self.get_object(request, object_id)
        motif = motif_gel(jeu) if jeu is not None else None
        if jeu is not None and motif and request.method == "GET":
            self.message_user(
                request,
                message_gel(jeu, motif) + " Action « Créer une nouvelle version » de la liste.",
                messages.WARNING,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def has_delete_permission(self, request, obj=None):
        return obj is None or motif_gel(obj) is None

    @admin.action(description="Cloner pour un nouvel appel (puis modifier la copie)")
    def cloner(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Choisissez un seul jeu à cloner.", messages.ERROR)
            return None
        copie = cloner_jeu(queryset.get())
        self.message_user(request, f"Copie créée : {copie.code}. Modifiez-la puis enregistrez.")
        return HttpResponseRedirect(
            reverse("admin:referentiel_jeuparametres_change", args=[copie.pk])
        )

    @admin.action(description="Créer une nouvelle version (la version actuelle reste figée)")
    def creer_nouvelle_version(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Choisissez un seul jeu.", messages.ERROR)
            return None
        jeu = queryset.get()
        suivante = nouvelle_version(jeu)
        self.message_user(
            request,
            f"Version {suivante.version} de « {suivante.libelle} » créée ; la version "
            f"{jeu.version} reste inchangée. Modifiez la nouvelle version puis enregistrez.",
        )
        return HttpResponseRedirect(
            reverse("admin:referentiel_jeuparametres_change", args=[suivante.pk])
        )
