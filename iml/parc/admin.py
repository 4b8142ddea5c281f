"""Administration du parc : la taxonomie des freins à la captation se tient ici (donnée, pas
code). Un motif déjà cité par un abandon ne se supprime pas (PROTECT) : on le désactive."""

from django.contrib import admin

from iml.parc.models import MotifBlocage


@admin.register(MotifBlocage)
class MotifBlocageAdmin(admin.ModelAdmin):
    list_display = ("libelle", "code", "ordre", "actif")
    list_editable = ("ordre", "actif")
    list_filter = ("actif",)
    search_fields = ("libelle", "code")
    ordering = ("ordre", "libelle")
