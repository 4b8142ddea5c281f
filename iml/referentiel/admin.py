from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse

from iml.referentiel.models import JeuParametres
from iml.referentiel.services import cloner_jeu


@admin.register(JeuParametres)
class JeuParametresAdmin(admin.ModelAdmin):
    list_display = ["libelle", "code", "version", "niveau", "territoire", "date_effet", "origine"]
    list_filter = ["niveau", "origine"]
    search_fields = ["code", "libelle"]
    readonly_fields = ["origine", "cree_le", "modifie_le"]
    actions = ["cloner"]

    def get_readonly_fields(self, request, obj=None):
        champs = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.origine == "FICHIER":
            # Un jeu chargé d'un fichier est figé : on le clone pour l'adapter.
            champs += ["code", "version", "niveau", "parent", "territoire", "parametres"]
        return champs

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
